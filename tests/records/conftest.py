from tests.records.helpers import rec  # noqa: F401  (fixture)
