"""Role-by-URL rows for reminders (merged into EXPECTED in test_role_urls.py)."""

from tests.web.role_sets import SIGNED_IN

# Everyone signed in chooses their own reminders; the page shows only their own choices.
ROWS: dict = {
    "reminders:preferences": ("none", SIGNED_IN, None, ""),
}
