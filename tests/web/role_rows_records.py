"""Role-by-URL rows for records management (merged into EXPECTED in test_role_urls.py)."""

from tests.web.role_sets import ADMINS

# Like the outbox and the audit trail, records management is the business team's: everyone else gets a 404.
ROWS: dict = {
    "records:due": ("none", ADMINS, 404, ""),
    "records:rules": ("none", ADMINS, 404, ""),
    "records:rule_edit": ("retention_rule", ADMINS, 404, ""),
    "records:holds": ("none", ADMINS, 404, ""),
    "records:hold_place": ("none", ADMINS, 404, ""),
    "records:hold_detail": ("legal_hold", ADMINS, 404, ""),
    "records:hold_add": ("legal_hold", ADMINS, 404, ""),
    "records:hold_release": ("legal_hold", ADMINS, 404, ""),
    "records:log": ("none", ADMINS, 404, ""),
    "records:record": ("retention_record", ADMINS, 404, ""),
    "records:keep": ("retention_record", ADMINS, 404, ""),
    "records:delete": ("retention_record", ADMINS, 404, ""),
}
