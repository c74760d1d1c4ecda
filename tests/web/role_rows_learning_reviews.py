"""Role-by-URL rows for the reviews pages (merged into EXPECTED in test_role_urls.py)."""

from tests.web.role_sets import ADMINS, ANON, BUSINESS, CHAIR, CONTRIB, EVERYONE, MEMBER, READ_ALL, SCRUT, SIGNED_IN  # noqa: F401

ROWS: dict = {
    "learning:review_detail": ("learning_review", READ_ALL, 404, ""),
    "learning:review_list": ("none", READ_ALL, 403, ""),
    # The sample rapid review has no decision yet: the business team is told why nothing can be commissioned.
    "learning:practice_review_commission": ("review", ADMINS, None, ""),
    "learning:review_add": ("none", ADMINS, 403, "?kind=national"),
    "learning:review_edit": ("learning_review", ADMINS, None, ""),
    "learning:review_status": ("learning_review", ADMINS, None, ""),
    "learning:review_publish": ("learning_review", ADMINS, None, ""),
    "learning:review_not_publish": ("learning_review", ADMINS, None, ""),
    "learning:advance_copy_sent": ("learning_review", ADMINS, None, ""),
    "learning:reviewer_add": ("learning_review", ADMINS, None, ""),
    "learning:reviewer_remove": ("reviewer", set(), 405, ""),
    "learning:milestone_add": ("learning_review", ADMINS, None, ""),
    "learning:milestone_edit": ("review_milestone", ADMINS, None, ""),
    "learning:review_link_add": ("learning_review", ADMINS, None, ""),
    "learning:review_link_remove": ("review_link", set(), 405, ""),
}
