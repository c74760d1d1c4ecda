"""Role-by-URL rows for replacing an agency return's attachment (merged into EXPECTED in test_role_urls.py)."""

from tests.web.role_sets import ADMINS, CONTRIB

ROWS: dict = {
    # Whoever may submit the return (the agency asked, or the business team) may replace its files.
    "reviews:attachment_replace": ("attachment", ADMINS | {CONTRIB}, None, ""),
}
