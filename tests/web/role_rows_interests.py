"""Role-by-URL rows for the interests pages (merged into EXPECTED in test_role_urls.py)."""

from tests.web.role_sets import ADMINS, ANON, BUSINESS, CHAIR, CONTRIB, EVERYONE, MEMBER, READ_ALL, SCRUT, SIGNED_IN  # noqa: F401

ROWS: dict = {
    # The sample meeting invites only a member with no sign-in, so no other role may declare for themself.
    "meetings:declare": ("meeting", ADMINS, None, ""),
    "meetings:declaration_delete": ("declaration", set(), 405, ""),
    "meetings:interest_register": ("none", READ_ALL, 403, ""),
    "meetings:person_interests": ("person_interests", READ_ALL, 404, ""),
    "meetings:interest_add": ("person_interests", ADMINS, None, ""),
    "meetings:interest_end": ("interest", set(), 405, ""),
}
