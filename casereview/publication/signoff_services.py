"""Sign-off by a second person, after a last check that no name or date of birth from the register remains;
and the audited export of the redacted report."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from casereview.audit.services import audit_record
from casereview.audit.vocabulary import Verb
from casereview.domain.publication import DraftStatus
from casereview.domain.redaction import context_of, leaks
from casereview.partnerships.access import require_administer

from . import documents
from .models import PublicationDraft
from .output import redacted_output, redacted_segments
from .register import register_entries
from .services import locked, move

EXPORT_FORMATS = {"docx": ("docx", documents.DOCX), "txt": ("txt", "text/plain; charset=utf-8")}
EXPORTABLE = frozenset({DraftStatus.REDACTED, DraftStatus.SIGNED_OFF})
MAX_LISTED = 20


def second_person_refusal(actor, draft: PublicationDraft) -> str:
    """Why this user may not sign the draft off ("" when they may): whoever prepared or redacted it cannot."""
    if actor.pk is not None and actor.pk == draft.prepared_by_id:
        return "A second person must sign off: you prepared this draft"
    if actor.pk is not None and actor.pk == draft.redacted_by_id:
        return "A second person must sign off: you finished its redaction"
    return ""


def remaining_identifiers(*, actor, draft: PublicationDraft) -> list[str]:
    """Each register name or date of birth still in the redacted text, in its context (the register's reads are
    audited, and stay recorded even when sign-off is then refused)."""
    entries = register_entries(actor=actor, review=draft.review)
    text = redacted_output(draft)
    found = []
    for leak in leaks(text, entries):
        before, after = context_of(text, leak.start, leak.end, words=4)
        found.append(f"“{leak.original}” ({leak.reason}) remains: “{before}{leak.original}{after}”")
    return found


def draft_sign_off(*, actor, draft: PublicationDraft) -> PublicationDraft:
    """Mark the redacted draft publishable: a business team user other than its preparer and redactor, only
    when nothing from the register remains in it."""
    require_administer(actor, draft.partnership)
    refusal = second_person_refusal(actor, draft)
    if refusal:
        raise ValidationError({"__all__": refusal})
    if draft.status != DraftStatus.REDACTED:
        move(draft, DraftStatus.SIGNED_OFF)  # explains what the draft can become instead
    with transaction.atomic():
        remaining = remaining_identifiers(actor=actor, draft=draft)
    if remaining:
        shown = remaining[:MAX_LISTED]
        more = len(remaining) - len(shown)
        raise ValidationError({"__all__": ["It cannot be signed off: names or dates of birth from the identity "
                                           "register remain. Reopen the redaction and remove them.", *shown]
                               + ([f"And {more} more."] if more > 0 else [])})
    return _sign_off(actor, draft)


@transaction.atomic
def _sign_off(actor, draft: PublicationDraft) -> PublicationDraft:
    draft = locked(draft)
    refusal = second_person_refusal(actor, draft)
    if refusal:
        raise ValidationError({"__all__": refusal})
    before = draft.status
    move(draft, DraftStatus.SIGNED_OFF)
    draft.redacted_text = redacted_output(draft)
    draft.signed_off_by, draft.signed_off_at = actor, timezone.now()
    draft.save(update_fields=["status", "redacted_text", "signed_off_by", "signed_off_at"])
    audit_record(actor=actor, verb=Verb.APPROVED, target=draft, partnership=draft.partnership, changes={
        "status": [before, draft.status], "signed_off_by": [None, actor.get_username()]})
    return draft


def draft_export(*, actor, draft: PublicationDraft, fmt: str) -> tuple[bytes, str, str]:
    """The redacted report as (content, file name, content type), once redaction has ended; audited."""
    require_administer(actor, draft.partnership)
    if draft.status not in EXPORTABLE:
        raise ValidationError({"__all__": "The redacted report can be downloaded once the redaction is finished"})
    if fmt not in EXPORT_FORMATS:
        raise ValidationError({"format": "Choose a Word document or plain text"})
    segments = redacted_segments(draft)
    if fmt == "docx":
        content = documents.rebuild_docx(draft.structure, segments) if draft.source_format == "docx" else \
            documents.rebuild_docx({"blocks": [{"type": "p", "segment": i} for i in range(len(segments))]}, segments)
    else:
        content = documents.rebuild_text(segments)
    signed = draft.status == DraftStatus.SIGNED_OFF
    extension, content_type = EXPORT_FORMATS[fmt]
    name = f"redacted-report-{draft.pk}{'' if signed else '-not-signed-off'}.{extension}"
    with transaction.atomic():
        audit_record(actor=actor, verb=Verb.EXPORTED, target=draft, partnership=draft.partnership, changes={
            "format": [None, fmt], "signed_off": [None, signed]})
    return content, name, content_type
