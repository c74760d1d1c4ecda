"""Role-by-URL rows for the themes, the learning tracker, identity and the seven-minute briefing (merged into
EXPECTED in test_role_urls.py)."""

from tests.web.role_sets import ADMINS, ANON, BUSINESS, CHAIR, CONTRIB, EVERYONE, MEMBER, READ_ALL, SCRUT, SIGNED_IN  # noqa: F401

ROWS: dict = {
    "learning:theme_list": ("none", READ_ALL, 403, ""),
    "learning:theme_add": ("none", ADMINS, 403, ""),
    "learning:theme_retire": ("theme", set(), 405, ""),
    "learning:review_tag": ("learning_review", ADMINS, None, ""),
    "learning:rapid_review_tag": ("review", ADMINS, None, ""),
    "learning:finding_tag": ("finding", ADMINS, None, ""),
    "learning:recommendation_tag": ("recommendation", ADMINS, None, ""),
    # Takes a tag's pk; the "theme" sample only gives a number to build the URL (GET answers 405 anyway).
    "learning:tag_remove": ("theme_tag", set(), 405, ""),
    "learning:tracker": ("none", READ_ALL, 403, ""),
    "learning:tracker_csv": ("none", READ_ALL, 403, ""),
    "learning:identity": ("none", READ_ALL, 403, ""),
    "learning:identity_csv": ("none", READ_ALL, 403, ""),
    "learning:baseline_edit": ("none", ADMINS, 403, ""),
    "learning:baseline_remove": ("baseline", set(), 405, ""),
    "learning:briefing_docx": ("learning_review", READ_ALL, 404, ""),
    "learning:briefing_pdf": ("learning_review", READ_ALL, 404, ""),
}
