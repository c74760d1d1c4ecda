"""Writes of the redaction itself: proposing changes from the identity register and by pattern, accepting or
rejecting each, adding changes by hand, and finishing (or reopening) the redaction.

Audit events name the change (its kind and place), never the text it removes."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from casereview.audit.services import audit_record
from casereview.audit.vocabulary import Verb
from casereview.domain.publication import DraftStatus
from casereview.domain.redaction import PLACEHOLDERS, Kind, detect, occurrences, segment_of
from casereview.partnerships.access import require_administer

from .models import ChangeStatus, ProposedChange, PublicationDraft
from .output import redacted_output
from .register import register_entries
from .services import locked, move

DECISIONS = {"accept": ChangeStatus.ACCEPTED, "reject": ChangeStatus.REJECTED}
REPLACED_NOTE = "Replaced by a change added by hand"


def _open_for_changes(draft: PublicationDraft) -> None:
    if draft.status != DraftStatus.IN_REVIEW:
        message = ("Reopen the redaction to change it" if draft.status == DraftStatus.REDACTED
                   else "Changes can only be made while the redaction is being reviewed")
        raise ValidationError({"__all__": message})


@transaction.atomic
def redaction_start(*, actor, draft: PublicationDraft) -> int:
    """Look for every identifying detail and propose a change for each; return how many were proposed.

    The identity register of the review's notification is read child by child, each read audited."""
    require_administer(actor, draft.partnership)
    draft = locked(draft)
    before = draft.status
    move(draft, DraftStatus.IN_REVIEW)
    entries = register_entries(actor=actor, review=draft.review)
    bounds = draft.structure.get("bounds", [])
    findings = detect(draft.source_text, entries)
    ProposedChange.objects.bulk_create([
        ProposedChange(draft=draft, start=f.start, end=f.end, segment=segment_of(bounds, f.start),
                       original=f.original, replacement=f.replacement, kind=f.kind, reason=f.reason[:300])
        for f in findings])
    draft.save(update_fields=["status"])
    audit_record(actor=actor, verb=Verb.UPDATED, target=draft, partnership=draft.partnership, changes={
        "status": [before, draft.status], "proposed_changes": [0, len(findings)],
        "register_entries_used": [None, len(entries)]})
    return len(findings)


@transaction.atomic
def changes_decide(*, actor, draft: PublicationDraft, decision: str, change_ids=None, every_proposed=False) -> int:
    """Accept or reject the chosen changes (or every one still proposed); return how many changed."""
    require_administer(actor, draft.partnership)
    draft = locked(draft)
    _open_for_changes(draft)
    status = DECISIONS.get(decision)
    if status is None:
        raise ValidationError({"__all__": "Choose to accept or to reject"})
    changes = draft.changes.select_for_update()
    if every_proposed:
        changes = changes.filter(status=ChangeStatus.PROPOSED)
    else:
        ids = [int(i) for i in change_ids or [] if str(i).isdigit()]
        if not ids:
            raise ValidationError({"__all__": "Select at least one change"})
        changes = changes.filter(pk__in=ids)
    count = 0
    for change in changes:
        if change.status != status:
            _decide(actor, change, status)
            count += 1
    return count


def _decide(actor, change: ProposedChange, status: str, note: str = "") -> None:
    before = change.status
    change.status, change.decided_by, change.decided_at = status, actor, timezone.now()
    change.note = note or change.note
    change.save(update_fields=["status", "decided_by", "decided_at", "note"])
    audit_record(actor=actor, verb=Verb.UPDATED, target=change, partnership=change.draft.partnership, changes={
        "status": [before, status], "kind": [None, change.kind], "start": [None, change.start]})


@transaction.atomic
def change_add(*, actor, draft: PublicationDraft, text: str, replacement: str = "", kind: str = Kind.OTHER
               ) -> list[ProposedChange]:
    """Remove a phrase a person chose wherever it appears, as accepted changes. A place already inside an accepted
    change is left as it is; any other change the phrase overlaps is rejected as replaced."""
    require_administer(actor, draft.partnership)
    draft = locked(draft)
    _open_for_changes(draft)
    text = " ".join((text or "").split())
    if not text:
        raise ValidationError({"text": "Enter the text to remove, as it appears in the report"})
    if kind not in set(Kind):
        raise ValidationError({"kind": "Choose what the text is"})
    replacement = " ".join((replacement or "").split()) or PLACEHOLDERS[Kind(kind)]
    spans = occurrences(draft.source_text, text)
    if not spans:
        raise ValidationError({"text": "This text does not appear in the report: copy it exactly from the "
                                       "list of changes or the preview"})
    bounds = draft.structure.get("bounds", [])
    existing = list(draft.changes.select_for_update().exclude(status=ChangeStatus.REJECTED))
    added = []
    for start, end in spans:
        if any(c.status == ChangeStatus.ACCEPTED and c.start <= start and end <= c.end for c in existing):
            continue  # already inside an accepted change
        for change in existing:
            if change.start < end and change.end > start and change.status != ChangeStatus.REJECTED:
                _decide(actor, change, ChangeStatus.REJECTED, REPLACED_NOTE)
        change = ProposedChange.objects.create(
            draft=draft, start=start, end=end, segment=segment_of(bounds, start), original=draft.source_text[start:end],
            replacement=replacement[:200], kind=kind, reason="added by hand", manual=True,
            status=ChangeStatus.ACCEPTED, decided_by=actor, decided_at=timezone.now())
        existing.append(change)
        added.append(change)
        audit_record(actor=actor, verb=Verb.CREATED, target=change, partnership=draft.partnership, changes={
            "kind": [None, kind], "start": [None, start], "status": [None, change.status], "manual": [None, True]})
    if not added:
        raise ValidationError({"text": "Every place this text appears is already inside an accepted change"})
    return added


@transaction.atomic
def redaction_finish(*, actor, draft: PublicationDraft) -> PublicationDraft:
    """End the review of changes once each is decided, and make the redacted text from the accepted ones."""
    require_administer(actor, draft.partnership)
    draft = locked(draft)
    undecided = draft.changes.filter(status=ChangeStatus.PROPOSED).count()
    if draft.status == DraftStatus.IN_REVIEW and undecided:
        raise ValidationError({"__all__": f"Accept or reject every proposed change first: {undecided} "
                                          f"{'is' if undecided == 1 else 'are'} still to decide"})
    before = draft.status
    move(draft, DraftStatus.REDACTED)
    draft.redacted_text = redacted_output(draft)
    draft.redacted_by, draft.redacted_at = actor, timezone.now()
    draft.save(update_fields=["status", "redacted_text", "redacted_by", "redacted_at"])
    accepted = draft.changes.filter(status=ChangeStatus.ACCEPTED).count()
    audit_record(actor=actor, verb=Verb.UPDATED, target=draft, partnership=draft.partnership, changes={
        "status": [before, draft.status], "accepted_changes": [None, accepted]})
    return draft


@transaction.atomic
def redaction_reopen(*, actor, draft: PublicationDraft) -> PublicationDraft:
    """Take a redacted draft back to the review of changes (before sign-off only)."""
    require_administer(actor, draft.partnership)
    draft = locked(draft)
    before = draft.status
    move(draft, DraftStatus.IN_REVIEW)
    draft.redacted_text, draft.redacted_by, draft.redacted_at = "", None, None
    draft.save(update_fields=["status", "redacted_text", "redacted_by", "redacted_at"])
    audit_record(actor=actor, verb=Verb.UPDATED, target=draft, partnership=draft.partnership,
                 changes={"status": [before, draft.status]})
    return draft
