"""Role-by-URL rows for preparing a report for publication (merged into EXPECTED in test_role_urls.py).

The business team only: chairs, members and the scrutineer are refused, agency contributors find nothing.
The sample draft is redacted, so the closed forms (harm check, a change by hand) explain themselves with 200."""

from tests.web.role_sets import ADMINS

ROWS: dict = {
    "publication:draft_start": ("learning_review", ADMINS, None, ""),
    "publication:draft_detail": ("publication_draft", ADMINS, None, ""),
    "publication:harm_check": ("publication_draft", ADMINS, None, ""),
    "publication:redaction_start": ("publication_draft", set(), 405, ""),
    "publication:changes": ("publication_draft", ADMINS, None, ""),
    "publication:change_add": ("publication_draft", ADMINS, None, ""),
    "publication:redaction_finish": ("publication_draft", set(), 405, ""),
    "publication:redaction_reopen": ("publication_draft", set(), 405, ""),
    "publication:preview": ("publication_draft", ADMINS, None, ""),
    "publication:download": ("publication_draft", ADMINS, None, ""),
    "publication:sign_off": ("publication_draft", set(), 405, ""),
}
