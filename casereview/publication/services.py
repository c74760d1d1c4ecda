"""Writes that start a publication draft and record its publication-harm check (before any redaction).

Every write is the business team's, in one transaction with its audit event. Free text (notes, reasons) and
the uploaded file's name may identify someone, so the audit records that they changed, not what they say."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from casereview.audit.services import audit_record
from casereview.audit.vocabulary import Verb
from casereview.domain.lifecycle import TransitionError
from casereview.domain.publication import (
    HARM_CHECK_OPEN,
    PUBLICATION_DRAFT,
    Answer,
    DraftStatus,
    HarmDecision,
    harm_check_refusal,
)
from casereview.partnerships.access import require_administer

from . import documents
from .models import PublicationDraft

HARM_FIELDS = ("harm_to_child", "proceedings_pending", "family_told", "harm_decision")
HARM_TEXT_FIELDS = ("harm_to_child_notes", "proceedings_notes", "family_notes", "harm_reasons")


def move(draft: PublicationDraft, after: DraftStatus) -> str:
    """Change the draft's status through the table; a refused move becomes a form error."""
    try:
        draft.status = PUBLICATION_DRAFT.check(draft.status, after)
    except TransitionError as exc:
        raise ValidationError({"__all__": str(exc)}) from exc
    return draft.status


def locked(draft: PublicationDraft) -> PublicationDraft:
    return (PublicationDraft.objects.select_for_update(of=("self",)).select_related("review", "partnership")
            .get(pk=draft.pk))


@transaction.atomic
def draft_start(*, actor, review, title: str, document) -> PublicationDraft:
    """Upload the report (Word or plain text, type read from the content) and keep its text and structure."""
    require_administer(actor, review.partnership)
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError({"title": "Enter a title for this version of the report"})
    upload = documents.check_upload(document)
    extracted = documents.extract(upload)
    draft = PublicationDraft.objects.create(
        partnership=review.partnership, review=review, title=title[:200], status=DraftStatus.DRAFT,
        source_name=upload.name, source_format="docx" if extracted.structure["format"] == "docx" else "text",
        source_sha256=upload.sha256, source_text=extracted.text, structure=extracted.structure, prepared_by=actor)
    audit_record(actor=actor, verb=Verb.CREATED, target=draft, partnership=review.partnership, changes={
        "review": [None, review.pk], "source_format": [None, draft.source_format],
        "source_sha256": [None, draft.source_sha256], "status": [None, draft.status]})
    return draft


@transaction.atomic
def harm_check_record(*, actor, draft: PublicationDraft, harm_to_child: str, proceedings_pending: str,
                      family_told: str, harm_decision: str, harm_reasons: str, harm_to_child_notes: str = "",
                      proceedings_notes: str = "", family_notes: str = "") -> PublicationDraft:
    """Record the answers and the decision; "do not publish yet" holds the draft, any other lets redaction start.

    The check may be answered again until redaction starts, never after."""
    require_administer(actor, draft.partnership)
    draft = locked(draft)
    if draft.status not in HARM_CHECK_OPEN:
        raise ValidationError({"__all__": "Redaction has started: the publication-harm check can no longer change"})
    answers = {"harm_to_child": harm_to_child, "proceedings_pending": proceedings_pending,
               "family_told": family_told}
    for field, value in answers.items():
        if value not in set(Answer):
            raise ValidationError({field: "Choose yes, no or not known"})
    if harm_decision not in set(HarmDecision):
        raise ValidationError({"harm_decision": "Choose what is to be published"})
    refusal = harm_check_refusal(**answers, decision=harm_decision)
    if refusal:
        raise ValidationError({"harm_decision": refusal})
    if not (harm_reasons or "").strip():
        raise ValidationError({"harm_reasons": "Give the reasons for the decision"})
    before = {f: getattr(draft, f) for f in (*HARM_FIELDS, *HARM_TEXT_FIELDS, "status")}
    after = DraftStatus.HELD if harm_decision == HarmDecision.NOT_YET else DraftStatus.HARM_CHECKED
    if draft.status != after:
        move(draft, after)
    values = {**answers, "harm_decision": harm_decision, "harm_reasons": harm_reasons.strip(),
              "harm_to_child_notes": harm_to_child_notes.strip(), "proceedings_notes": proceedings_notes.strip(),
              "family_notes": family_notes.strip()}
    for field, value in values.items():
        setattr(draft, field, value)
    draft.harm_checked_by, draft.harm_checked_at = actor, timezone.now()
    draft.save()
    changes = {f: [before[f] or None, getattr(draft, f)] for f in (*HARM_FIELDS, "status")
               if before[f] != getattr(draft, f)}
    changes |= {f: [None, "changed"] for f in HARM_TEXT_FIELDS if before[f] != getattr(draft, f)}
    audit_record(actor=actor, verb=Verb.UPDATED, target=draft, partnership=draft.partnership,
                 changes={"harm_check": [None, "recorded"], **changes})
    return draft
