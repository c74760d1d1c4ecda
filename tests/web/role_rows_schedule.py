"""Role-by-URL rows for the schedule pages (merged into EXPECTED in test_role_urls.py)."""

from tests.web.role_sets import ADMINS, READ_ALL

ROWS: dict = {
    "meetings:detail": ("meeting", READ_ALL, 404, ""),
    "meetings:list": ("none", READ_ALL, 403, ""),
    "meetings:schedule": ("none", ADMINS, 403, ""),
    "meetings:edit": ("meeting", ADMINS, None, ""),
    "meetings:cancel": ("meeting", ADMINS, None, ""),
    "meetings:invite": ("meeting", ADMINS, None, ""),
    "meetings:invitation_resend": ("invitation", set(), 405, ""),
    "meetings:invitation_respond": ("invitation", ADMINS, None, ""),
    "meetings:apologies": ("invitation", ADMINS, None, ""),
    "meetings:apologies_withdraw": ("invitation", set(), 405, ""),
}
