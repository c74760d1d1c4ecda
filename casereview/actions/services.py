"""Setting actions (from meeting minutes or a review's recommendation) and moving them through the action
lifecycle with a note.

The business team may change any action; an agency contributor only their own agency's, and never to
closed: closing is the group's sign-off, recorded by the business team (see update_services.action_sign_off).
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from casereview.audit.services import audit_record
from casereview.audit.vocabulary import Verb
from casereview.domain.clocks import format_date
from casereview.domain.governance_lifecycle import ACTION, ActionStatus
from casereview.domain.lifecycle import TransitionError
from casereview.partnerships.access import can_administer, contributor_agency_ids

from .models import RAG, Action

TITLE_MAX = 300
NOTE_MAX = 2000
CLOSE_NEEDS_SIGN_OFF = "Closing an action is the group's sign-off: only the business team can close it"


def action_errors(*, partnership, title: str, owner, due_date, not_before: date, prefix: str = "") -> dict:
    """Problems with a new action's title, owner and due date, keyed by (prefixed) field name."""
    errors: dict[str, list[str]] = {}
    if not (title or "").strip():
        errors[f"{prefix}title"] = ["Enter what the action is"]
    elif len(title.strip()) > TITLE_MAX:
        errors[f"{prefix}title"] = [f"The action's title must be {TITLE_MAX} characters or fewer"]
    if owner is None:
        errors[f"{prefix}owner"] = ["Choose who owns the action"]
    elif owner.partnership_id != partnership.pk:
        errors[f"{prefix}owner"] = ["Choose one of the partnership's people"]
    if due_date is None:
        errors[f"{prefix}due_date"] = ["Enter the date the action is due"]
    elif due_date < not_before:
        errors[f"{prefix}due_date"] = [f"The due date cannot be before {format_date(not_before)}"]
    return errors


def action_create(*, actor, partnership, title: str, owner, due_date: date, set_on: date, meeting=None,
                  minute_entry=None, description: str = "", recommendation=None, rag: str = "") -> Action:
    """Set an action owned by `owner` (their agency owns it), from a meeting or a recommendation, with an
    optional initial RAG rating; call inside the caller's transaction."""
    errors = action_errors(partnership=partnership, title=title, owner=owner, due_date=due_date, not_before=set_on)
    if rag and rag not in RAG.values:
        errors["rag"] = ["Choose red, amber or green"]
    if errors:
        raise ValidationError(errors)
    action = Action.objects.create(partnership=partnership, title=title.strip(), description=description.strip(),
                                   owner=owner, agency_id=owner.agency_id, due_date=due_date, set_on=set_on,
                                   meeting=meeting, minute_entry=minute_entry, recommendation=recommendation,
                                   rag=rag or "", created_by=actor)
    changes = {"title": [None, action.title], "owner": [None, str(owner)], "due_date": [None, due_date.isoformat()],
               "meeting": [None, str(meeting) if meeting else None]}
    if recommendation is not None:
        changes["recommendation"] = [None, recommendation.pk]
    if rag:
        changes["rag"] = [None, rag]
    audit_record(actor=actor, verb=Verb.CREATED, target=action, partnership=partnership, changes=changes)
    return action


def can_update_action(user, action: Action) -> bool:
    """The business team updates any action; an agency contributor only their own agency's."""
    if can_administer(user, action.partnership):
        return True
    return action.agency_id in contributor_agency_ids(user, action.partnership)


def statuses_open_to(user, action: Action) -> list[str]:
    """The statuses an update may move the action to. Closing is never offered here: it is the group's
    sign-off, a page of its own for the business team (`actions:sign_off`)."""
    allowed = ACTION.allowed(action.status) - {ActionStatus.CLOSED}
    return [s.value for s in ActionStatus if s in allowed]


@transaction.atomic
def action_update(*, actor, action: Action, status: str = "", note: str = "", today: date, due_date=None,
                  owner=None) -> Action:
    """Move the action to `status` (or leave it, with just a note); the business team may also re-date or
    re-assign it. Every update carries a note, kept in the action's history."""
    if not can_update_action(actor, action):
        raise PermissionDenied("Only the business team or the owning agency can update this action.")
    locked = Action.objects.select_for_update(of=("self",)).select_related("owner", "partnership").get(pk=action.pk)
    admin = can_administer(actor, locked.partnership)
    note = (note or "").strip()
    errors = _update_errors(locked, status, note, admin, due_date, owner)
    if errors:
        raise ValidationError(errors)
    changes = _apply(locked, status or locked.status, today, due_date if admin else None, owner if admin else None)
    changes["note"] = [None, note]
    if locked.status == ActionStatus.CLOSED and "status" in changes:  # closed here: the note is the sign-off
        locked.closed_by, locked.sign_off_note = actor, note
    locked.save()
    audit_record(actor=actor, verb=Verb.UPDATED, target=locked, partnership=locked.partnership, changes=changes)
    return locked


def _update_errors(action: Action, status: str, note: str, admin: bool, due_date, owner) -> dict:
    errors: dict[str, list[str]] = {}
    if not note:
        errors["note"] = ["Add a note saying what has happened"]
    elif len(note) > NOTE_MAX:
        errors["note"] = [f"The note must be {NOTE_MAX} characters or fewer"]
    if status and status != action.status:
        if status == ActionStatus.CLOSED and not admin:
            errors["status"] = [CLOSE_NEEDS_SIGN_OFF]
        else:
            try:
                ACTION.check(action.status, status)
            except TransitionError as exc:
                errors["status"] = [str(exc)]
    if admin and due_date is not None and due_date < action.set_on:
        errors["due_date"] = [f"The due date cannot be before the action was set ({format_date(action.set_on)})"]
    if admin and owner is not None and owner.partnership_id != action.partnership_id:
        errors["owner"] = ["Choose one of the partnership's people"]
    return errors


def _apply(action: Action, status: str, today: date, due_date, owner) -> dict:
    """Change the fields; return {field: [old, new]} for the audit row."""
    changes: dict[str, list] = {}
    if status != action.status:
        try:  # the one place an action's status changes: only through the lifecycle table
            ACTION.check(action.status, status)
        except TransitionError as exc:
            raise ValidationError({"status": [str(exc)]}) from exc
        changes["status"] = [action.status, status]
        action.status = status
        if status == ActionStatus.COMPLETE:
            action.completed_on = today
        elif status == ActionStatus.CLOSED:
            action.closed_on = today
            action.completed_on = action.completed_on or today
        elif status == ActionStatus.ON_TRACK and action.completed_on:
            changes["completed_on"] = [action.completed_on.isoformat(), None]
            action.completed_on = None  # reopened: the group did not accept the evidence
    if due_date is not None and due_date != action.due_date:
        changes["due_date"] = [action.due_date.isoformat(), due_date.isoformat()]
        action.due_date = due_date
    if owner is not None and owner.pk != action.owner_id:
        changes["owner"] = [str(action.owner), str(owner)]
        action.owner, action.agency_id = owner, owner.agency_id
    return changes
