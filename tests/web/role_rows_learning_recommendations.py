"""Role-by-URL rows for findings, recommendations, national recommendations' local relevance, actions from a
recommendation, and the learning API (merged into EXPECTED in test_role_urls.py)."""

from tests.web.role_sets import ADMINS, ANON, BUSINESS, CHAIR, CONTRIB, EVERYONE, MEMBER, READ_ALL, SCRUT, SIGNED_IN  # noqa: F401

# The sample recommendation is on the sample LCSPR; "national_recommendation" is one of the national review's.
# The sample action from a recommendation ("rec_action") belongs to the police, the demo contributor's agency,
# and so does the sample evidence (on its update).
ROWS: dict = {
    "learning:recommendation_add": ("learning_review", ADMINS, None, ""),
    "learning:rapid_review_recommendation_add": ("review", ADMINS, None, ""),
    "learning:recommendation_edit": ("recommendation", ADMINS, None, ""),
    "learning:recommendation_remove": ("recommendation", set(), 405, ""),
    "learning:recommendation_assess": ("national_recommendation", ADMINS, None, ""),
    "learning:national_assessment_list": ("none", READ_ALL, 403, ""),
    "learning:finding_add": ("learning_review", ADMINS, None, ""),
    "learning:finding_edit": ("finding", ADMINS, None, ""),
    "learning:action_add": ("recommendation", ADMINS, None, ""),
    "actions:update_add": ("rec_action", ADMINS | {CONTRIB}, None, ""),
    "actions:sign_off": ("rec_action", ADMINS, None, ""),
    "actions:evidence_download": ("evidence", READ_ALL | {CONTRIB}, 404, ""),
    # The API: lists are open to any signed-in user (scoped: a contributor's lists hold only their agency's
    # actions and updates, and nothing else); a record outside the user's scope is a 404.
    "learningreview-list": ("none", SIGNED_IN, None, ""),
    "learningreview-detail": ("learning_review", READ_ALL, 404, ""),
    "reviewlink-list": ("none", SIGNED_IN, None, ""),
    "recommendation-list": ("none", SIGNED_IN, None, ""),
    "recommendation-detail": ("recommendation", READ_ALL, 404, ""),
    "action-list": ("none", SIGNED_IN, None, ""),
    "action-detail": ("rec_action", READ_ALL | {CONTRIB}, 404, ""),
    "actionupdate-list": ("none", SIGNED_IN, None, ""),
    "theme-list": ("none", SIGNED_IN, None, ""),
    "theme-detail": ("theme", READ_ALL, 404, ""),
}
