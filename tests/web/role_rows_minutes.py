"""Role-by-URL rows for the minutes pages (merged into EXPECTED in test_role_urls.py)."""

from tests.web.role_sets import ADMINS, ANON, BUSINESS, CHAIR, CONTRIB, EVERYONE, MEMBER, READ_ALL, SCRUT, SIGNED_IN  # noqa: F401

ROWS: dict = {
    "meetings:minutes_edit": ("minutes", ADMINS, None, ""),
    "meetings:minutes_approve": ("minutes", ADMINS, None, ""),
    "meetings:minutes_distribute": ("minutes", set(), 405, ""),
    "meetings:minutes_print": ("minutes", READ_ALL, 404, ""),
    "meetings:ratify": ("minute_entry", set(), 405, ""),
}
