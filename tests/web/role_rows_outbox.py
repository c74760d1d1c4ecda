"""Role-by-URL rows for the outbox page (merged into EXPECTED in test_role_urls.py)."""

from tests.web.role_sets import ADMINS

# Like the audit trail, the outbox is the business team's: everyone else gets a 404.
ROWS: dict = {
    "outbox:list": ("none", ADMINS, 404, ""),
    "outbox:retry": ("outbox_message", set(), 405, ""),
}
