"""Role-by-URL rows for the actions pages (merged into EXPECTED in test_role_urls.py)."""

from tests.web.role_sets import ADMINS, ANON, BUSINESS, CHAIR, CONTRIB, EVERYONE, MEMBER, READ_ALL, SCRUT, SIGNED_IN  # noqa: F401

# The sample action belongs to the local authority, so the demo contributor (police) cannot see it.
ROWS: dict = {
    "actions:list": ("none", SIGNED_IN, None, ""),
    "actions:detail": ("action", READ_ALL, 404, ""),
    "actions:update": ("action", ADMINS, None, ""),
}
