"""The role names and sets used by the role-by-URL table and its per-area row files."""

ANON, BUSINESS, CHAIR, MEMBER, CONTRIB, SCRUT, ADMIN = (
    "anonymous", "business_team", "chair", "member", "agency_contributor", "scrutineer", "sysadmin",
)
SIGNED_IN = {BUSINESS, CHAIR, MEMBER, CONTRIB, SCRUT, ADMIN}
READ_ALL = {BUSINESS, CHAIR, MEMBER, SCRUT, ADMIN}
ADMINS = {BUSINESS, ADMIN}
EVERYONE = SIGNED_IN | {ANON}
