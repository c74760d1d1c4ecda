"""Role-by-URL rows for the agenda pages (merged into EXPECTED in test_role_urls.py)."""

from tests.web.role_sets import ADMINS, ANON, BUSINESS, CHAIR, CONTRIB, EVERYONE, MEMBER, READ_ALL, SCRUT, SIGNED_IN  # noqa: F401

ROWS: dict = {
    "meetings:item_add": ("meeting", ADMINS, None, ""),
    "meetings:item_edit": ("agenda_item", ADMINS, None, ""),
    "meetings:item_delete": ("agenda_item", set(), 405, ""),
    "meetings:item_move": ("agenda_item", set(), 405, ""),
    "meetings:paper_add": ("agenda_item", ADMINS, None, ""),
    "meetings:circulate": ("meeting", ADMINS, None, ""),
    "meetings:paper_download": ("paper", READ_ALL, 404, ""),
    "meetings:paper_delete": ("paper", set(), 405, ""),
    # Uploading a new version is the business team's, like adding a paper; others get 403 (or 404 if they
    # cannot read the paper at all).
    "meetings:paper_version_add": ("paper", ADMINS, None, ""),
}
