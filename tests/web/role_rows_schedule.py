"""Role-by-URL rows for the schedule pages (merged into EXPECTED in test_role_urls.py)."""

from tests.web.role_sets import ADMINS, ANON, BUSINESS, CHAIR, CONTRIB, EVERYONE, MEMBER, READ_ALL, SCRUT, SIGNED_IN  # noqa: F401

ROWS: dict = {
    "meetings:detail": ("meeting", READ_ALL, 404, ""),
    "meetings:list": ("none", READ_ALL, 403, ""),
}
