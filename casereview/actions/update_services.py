"""Agencies' progress updates on actions (with evidence files and the impact seen), and the group's sign-off.

An update may move the action through the ACTION lifecycle and change its RAG rating; it is saved with all its
evidence or not at all. Closing is the group's sign-off, recorded by the business team once the action is
complete; if the group does not accept the evidence, the action is reopened (on track) with the reason.
"""

from __future__ import annotations

from datetime import date
from uuid import uuid4

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from casereview.audit.services import audit_read, audit_record
from casereview.audit.vocabulary import Verb
from casereview.domain.governance_lifecycle import ACTION, ActionStatus
from casereview.domain.lifecycle import TransitionError
from casereview.partnerships.access import require_administer
from casereview.reviews.uploads import EXTENSIONS, CheckedUpload, check_uploads

from .models import RAG, Action, ActionEvidence, ActionUpdate
from .selectors import action_visible_to
from .services import CLOSE_NEEDS_SIGN_OFF, NOTE_MAX, _apply, can_update_action

TEXT_MAX = 5000
NOT_COMPLETE = "Only a complete action can be signed off: its owner marks it complete with their evidence first"


@transaction.atomic
def action_update_add(*, actor, action: Action, progress: str, today: date, impact: str = "", status: str = "",
                      rag: str = "", files=()) -> ActionUpdate:
    """Post a progress update (progress required; impact, a new status, a new RAG rating and evidence files
    optional). The business team may update any action, an agency contributor only their own agency's.
    Nothing is saved unless the text, the move and every file pass."""
    if not can_update_action(actor, action):
        raise PermissionDenied("Only the business team or the owning agency can update this action.")
    locked = Action.objects.select_for_update(of=("self",)).select_related("partnership").get(pk=action.pk)
    progress, impact = (progress or "").strip(), (impact or "").strip()
    errors = _update_errors(locked, progress, impact, status, rag)
    uploads, upload_errors = check_uploads(files)
    if upload_errors:
        errors["evidence"] = upload_errors
    if errors:
        raise ValidationError(errors)
    changes = _apply(locked, status or locked.status, today, None, None)
    if rag and rag != locked.rag:
        changes["rag"] = [locked.rag or None, rag]
        locked.rag = rag
    locked.save()
    update = ActionUpdate.objects.create(action=locked, written_by=actor, progress=progress, impact=impact,
                                         status_after=locked.status if "status" in changes else "",
                                         rag_after=rag if "rag" in changes else "")
    stored = [_evidence_store(update, upload) for upload in uploads]
    # The update's text may be case material: the audit row says what changed, not what was written.
    changes.update({"progress_update": [None, update.pk], "evidence_sha256": [None, [e.sha256 for e in stored]]})
    audit_record(actor=actor, verb=Verb.UPDATED, target=locked, partnership=locked.partnership, changes=changes)
    return update


def _update_errors(action: Action, progress: str, impact: str, status: str, rag: str) -> dict:
    errors: dict[str, list[str]] = {}
    if action.status == ActionStatus.CLOSED:
        errors["__all__"] = ["The action is closed: it was signed off and takes no more updates"]
    if not progress:
        errors["progress"] = ["Say what progress has been made"]
    elif len(progress) > TEXT_MAX:
        errors["progress"] = [f"The progress must be {TEXT_MAX} characters or fewer"]
    if len(impact) > TEXT_MAX:
        errors["impact"] = [f"The impact must be {TEXT_MAX} characters or fewer"]
    if rag and rag not in RAG.values:
        errors["rag"] = ["Choose red, amber or green"]
    if status and status != action.status and action.status != ActionStatus.CLOSED:
        if status == ActionStatus.CLOSED:
            errors["status"] = [CLOSE_NEEDS_SIGN_OFF + " on the sign-off page"]
        else:
            try:
                ACTION.check(action.status, status)
            except TransitionError as exc:
                errors["status"] = [str(exc)]
    return errors


def _evidence_store(update: ActionUpdate, upload: CheckedUpload) -> ActionEvidence:
    """Save a checked file under MEDIA_ROOT with a random name; the name the user gave is kept for display."""
    stored_name = f"{uuid4().hex}.{EXTENSIONS[upload.content_type]}"
    return ActionEvidence.objects.create(
        update=update, file=ContentFile(upload.content, name=stored_name), original_name=upload.name,
        content_type=upload.content_type, size=len(upload.content), sha256=upload.sha256)


@transaction.atomic
def action_sign_off(*, actor, action: Action, note: str, today: date, meeting=None) -> Action:
    """Close a complete action on the group's sign-off: who (the business team member recording it), when,
    why (the note, required) and, optionally, at which held meeting of the partnership."""
    require_administer(actor, action.partnership)
    locked = Action.objects.select_for_update(of=("self",)).select_related("partnership").get(pk=action.pk)
    note = (note or "").strip()
    errors = _sign_off_errors(locked, note, meeting)
    if locked.status != ActionStatus.COMPLETE:
        errors["__all__"] = [NOT_COMPLETE]
    if errors:
        raise ValidationError(errors)
    changes = _apply(locked, ActionStatus.CLOSED.value, today, None, None)
    locked.closed_by, locked.sign_off_note, locked.sign_off_meeting = actor, note, meeting
    locked.save()
    changes.update({"note": [None, note], "sign_off_meeting": [None, str(meeting) if meeting else None]})
    audit_record(actor=actor, verb=Verb.APPROVED, target=locked, partnership=locked.partnership, changes=changes)
    return locked


@transaction.atomic
def action_reopen(*, actor, action: Action, reason: str, today: date, meeting=None) -> Action:
    """The group did not accept the evidence: move the complete action back to on track, with the reason."""
    require_administer(actor, action.partnership)
    locked = Action.objects.select_for_update(of=("self",)).select_related("partnership").get(pk=action.pk)
    reason = (reason or "").strip()
    errors = _sign_off_errors(locked, reason, meeting)
    if locked.status != ActionStatus.COMPLETE:
        errors["__all__"] = ["Only a complete action can be reopened when its evidence is not accepted"]
    if errors:
        raise ValidationError(errors)
    changes = _apply(locked, ActionStatus.ON_TRACK.value, today, None, None)
    locked.save()
    changes.update({"note": [None, f"Evidence not accepted: {reason}"],
                    "sign_off_meeting": [None, str(meeting) if meeting else None]})
    audit_record(actor=actor, verb=Verb.UPDATED, target=locked, partnership=locked.partnership, changes=changes)
    return locked


def _sign_off_errors(action: Action, note: str, meeting) -> dict:
    """Problems with the group's decision: the note (the form's field for a reason too) and the meeting."""
    errors: dict[str, list[str]] = {}
    if not note:
        errors["note"] = ["Record the group's decision: what evidence it accepted, or why it did not"]
    elif len(note) > NOTE_MAX:
        errors["note"] = [f"The note must be {NOTE_MAX} characters or fewer"]
    if meeting is not None and (meeting.partnership_id != action.partnership_id or meeting.status != "held"):
        errors["meeting"] = ["Choose a meeting of the partnership that has been held"]
    return errors


def evidence_open(*, actor, evidence: ActionEvidence):
    """Open an evidence file for a user who may see its action, recording the download.

    Raises FileNotFoundError if the stored file is missing (the view answers 404)."""
    action = evidence.update.action
    if not action_visible_to(actor, action):
        raise PermissionDenied("You cannot see this evidence.")
    handle = evidence.file.storage.open(evidence.file.name, "rb")
    try:
        audit_read(actor=actor, target=evidence, verb=Verb.DOWNLOADED, partnership=action.partnership)
    except Exception:
        handle.close()
        raise
    return handle
