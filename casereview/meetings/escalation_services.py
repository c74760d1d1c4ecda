"""Raising a disagreement to the body the group's terms of reference name (the SLG), and recording its decision.

Only the business team raises and resolves; the status moves only through the ESCALATION lifecycle table.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from casereview.audit.services import audit_record
from casereview.audit.vocabulary import Verb
from casereview.domain.clocks import format_date
from casereview.domain.governance_lifecycle import ESCALATION, EscalationStatus
from casereview.domain.lifecycle import TransitionError

from .access import require_manage_meetings
from .escalation_selectors import escalation_route
from .models import Escalation, EscalationPosition

MIN_POSITIONS = 2
BODY_LENGTH = Escalation._meta.get_field("body").max_length
UNNAMED_SUFFIX = " (the terms of reference name no route; confirmed when raised)"


@transaction.atomic
def escalation_raise(*, actor, group, subject: str, raised_on, positions: list[dict], meeting=None,
                     rapid_review=None, confirm_default_body: bool = False) -> Escalation:
    """Record a disagreement raised to the body named in the group's terms in force on `raised_on`.

    `positions` are rows {"agency", "position"} in the order the form shows them (blank rows are skipped);
    at least two agencies must state a position, each agency once. When the terms name no escalation route
    the business team must confirm it goes to the Safeguarding Leadership Group (`confirm_default_body`).
    """
    require_manage_meetings(actor, group.partnership)
    errors = _raise_errors(group, subject, raised_on, meeting, rapid_review)
    rows, position_errors = _positions(group, positions)
    errors.update(position_errors)
    body = ""
    if isinstance(raised_on, date):
        route = escalation_route(group, raised_on)
        if route.named:
            body = route.body
        elif confirm_default_body:
            body = f"{route.body}{UNNAMED_SUFFIX}"
        else:
            errors["confirm_default_body"] = (
                f"The {group.name}'s terms of reference name no escalation route: confirm that this goes to the "
                f"{route.body}, or record the disagreement another way")
    if errors:
        raise ValidationError(errors)
    escalation = Escalation.objects.create(
        partnership=group.partnership, group=group, meeting=meeting, rapid_review=rapid_review,
        subject=subject.strip(), body=body[:BODY_LENGTH], raised_on=raised_on, raised_by=actor)
    EscalationPosition.objects.bulk_create([
        EscalationPosition(escalation=escalation, agency=row["agency"], position=row["position"]) for row in rows])
    audit_record(actor=actor, verb=Verb.CREATED, target=escalation, partnership=group.partnership, changes={
        "subject": [None, escalation.subject], "body": [None, body], "raised_on": [None, raised_on.isoformat()],
        "meeting": [None, meeting.pk if meeting else None],
        "rapid_review": [None, rapid_review.pk if rapid_review else None],
        "positions": [None, [row["agency"].name for row in rows]],
    })
    return escalation


def _raise_errors(group, subject, raised_on, meeting, rapid_review) -> dict:
    errors = {}
    if not (subject or "").strip():
        errors["subject"] = "Enter what the disagreement is about"
    if not isinstance(raised_on, date):
        errors["raised_on"] = "Enter the date it was raised"
    elif raised_on > timezone.localdate():
        errors["raised_on"] = "The date it was raised cannot be in the future"
    if meeting is not None and meeting.group_id != group.pk:
        errors["meeting"] = f"Choose a meeting of the {group.name}, or none"
    if rapid_review is not None and rapid_review.group_id != group.pk:
        errors["rapid_review"] = f"Choose a rapid review of the {group.name}, or none"
    return errors


def _positions(group, positions: list[dict]) -> tuple[list[dict], dict]:
    """The filled-in rows, and errors keyed by each row's fields (agency_1, position_1, ...)."""
    rows, errors, seen = [], {}, set()
    for number, row in enumerate(positions, start=1):
        agency, text = row.get("agency"), (row.get("position") or "").strip()
        if agency is None and not text:
            continue
        if agency is None:
            errors[f"agency_{number}"] = "Choose the agency whose position this is"
        elif agency.partnership_id != group.partnership_id:
            errors[f"agency_{number}"] = "Choose one of this partnership's agencies"
        elif agency.pk in seen:
            errors[f"agency_{number}"] = f"{agency.name} is already listed: give each agency's position once"
        elif not text:
            errors[f"position_{number}"] = f"Enter the position of {agency.name}"
        else:
            seen.add(agency.pk)
            rows.append({"agency": agency, "position": text})
    if len(rows) < MIN_POSITIONS and not errors:
        errors["__all__"] = [f"Give the positions of at least {MIN_POSITIONS} agencies: an escalation records a "
                             "disagreement between them"]
    return rows, errors


@transaction.atomic
def escalation_resolve(*, actor, escalation, decision: str, decided_on) -> Escalation:
    """Record the SLG's decision and its date; the escalation becomes resolved."""
    require_manage_meetings(actor, escalation.partnership)
    locked = Escalation.objects.select_for_update().get(pk=escalation.pk)
    try:
        ESCALATION.check(locked.status, EscalationStatus.RESOLVED.value)
    except TransitionError as exc:
        raise ValidationError({"__all__": [str(exc)]}) from exc
    errors = {}
    if not (decision or "").strip():
        errors["decision"] = "Enter what was decided"
    if not isinstance(decided_on, date):
        errors["decided_on"] = "Enter the date of the decision"
    elif decided_on > timezone.localdate():
        errors["decided_on"] = "The date of the decision cannot be in the future"
    elif decided_on < locked.raised_on:
        raised = format_date(locked.raised_on)
        errors["decided_on"] = f"The decision cannot be before the escalation was raised ({raised})"
    if errors:
        raise ValidationError(errors)
    before = locked.status
    locked.status, locked.decision, locked.decided_on = EscalationStatus.RESOLVED.value, decision.strip(), decided_on
    locked.save(update_fields=["status", "decision", "decided_on"])
    audit_record(actor=actor, verb=Verb.UPDATED, target=locked, partnership=locked.partnership, changes={
        "status": [before, locked.status], "decided_on": [None, decided_on.isoformat()],
        "decision": [None, locked.decision],
    })
    return locked
