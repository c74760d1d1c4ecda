"""Role-by-URL rows for the spreadsheet import and export pages (merged into EXPECTED in test_role_urls.py).

Similar earlier reviews have no URL of their own: they show on the notification, rapid review and review pages."""

from tests.web.role_sets import ADMINS, ANON, BUSINESS, CHAIR, CONTRIB, EVERYONE, MEMBER, READ_ALL, SCRUT, SIGNED_IN  # noqa: F401

ROWS: dict = {
    "learning:import_start": ("none", ADMINS, 403, ""),
    "learning:import_detail": ("import_run", ADMINS, 404, ""),
    "learning:import_map": ("import_run", ADMINS, 404, ""),
    "learning:import_dry_run": ("import_run", set(), 405, ""),
    "learning:import_confirm": ("import_run", set(), 405, ""),
    # Every signed-in role gets a file: an agency contributor's holds only their agency's actions.
    "learning:actions_xlsx": ("none", SIGNED_IN, None, ""),
    "learning:tracker_xlsx": ("none", READ_ALL, 403, ""),
}
