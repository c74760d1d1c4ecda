"""Role-by-URL rows for the reviews pages (merged into EXPECTED in test_role_urls.py)."""

from tests.web.role_sets import ADMINS, ANON, BUSINESS, CHAIR, CONTRIB, EVERYONE, MEMBER, READ_ALL, SCRUT, SIGNED_IN  # noqa: F401

ROWS: dict = {
    "learning:review_detail": ("learning_review", READ_ALL, 404, ""),
    "learning:review_list": ("none", READ_ALL, 403, ""),
}
