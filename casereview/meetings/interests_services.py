"""Writes of declarations of interest at a meeting and of each member's standing register of interests."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from casereview.audit.services import audit_record
from casereview.audit.vocabulary import Verb
from casereview.domain.clocks import format_date
from casereview.domain.governance_lifecycle import MeetingStatus

from .access import can_manage_meetings, require_manage_meetings
from .interests_selectors import can_edit_interests, declarable_people, own_people
from .models import Declaration, RegisteredInterest
from .models.interests import InterestKind

TEXT_MAX = 5000


def _clean_interest(kind, interest) -> tuple[str, str]:
    errors: dict[str, list[str]] = {}
    if kind not in InterestKind.values:
        errors["kind"] = ["Select the kind of interest"]
    interest = (interest or "").strip()
    if not interest:
        errors["interest"] = ["Describe the interest"]
    elif len(interest) > TEXT_MAX:
        errors["interest"] = [f"The description must be {TEXT_MAX} characters or fewer"]
    if errors:
        raise ValidationError(errors)
    return kind, interest


@transaction.atomic
def declaration_record(*, actor, meeting, person, item=None, kind: str, interest: str) -> Declaration:
    """Record an interest declared for the whole meeting or one item (on an item, a conflict).

    The business team records anyone's; a person invited may record their own. A conflict on a restricted
    item withholds its papers from the person from then on; papers already sent are flagged on the page."""
    manager = can_manage_meetings(actor, meeting.partnership)
    if not manager and person not in own_people(actor, meeting):
        raise PermissionDenied("You can record only your own declarations.")
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError("The meeting was cancelled, so no declarations can be recorded")
    errors: dict[str, list[str]] = {}
    if person is None or person not in declarable_people(meeting):
        errors["person"] = ["Choose someone invited to or attending the meeting"]
    if item is not None and item.meeting_id != meeting.pk:
        errors["item"] = ["Choose an item on this meeting's agenda"]
    try:
        kind, interest = _clean_interest(kind, interest)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    declaration = Declaration.objects.create(meeting=meeting, item=item, person=person, kind=kind,
                                             interest=interest, recorded_by=actor)
    audit_record(actor=actor, verb=Verb.CREATED, target=declaration, partnership=meeting.partnership, changes={
        "meeting": [None, str(meeting)], "item": [None, str(item) if item else "The whole meeting"],
        "person": [None, person.full_name], "kind": [None, kind], "interest": [None, interest]})
    return declaration


@transaction.atomic
def declaration_remove(*, actor, declaration) -> None:
    """Remove a declaration recorded in error (the audit trail keeps what it said)."""
    require_manage_meetings(actor, declaration.meeting.partnership)
    audit_record(actor=actor, verb=Verb.DELETED, target=declaration, partnership=declaration.meeting.partnership,
                 changes={"meeting": [str(declaration.meeting), None],
                          "item": [str(declaration.item) if declaration.item_id else "The whole meeting", None],
                          "person": [declaration.person.full_name, None], "kind": [declaration.kind, None],
                          "interest": [declaration.interest, None]})
    declaration.delete()


@transaction.atomic
def registered_interest_add(*, actor, person, kind: str, interest: str, declared_on: date) -> RegisteredInterest:
    """Add a standing interest to a person's register."""
    if not can_edit_interests(actor, person):
        raise PermissionDenied("Only the business team, or the person themself, can change this register.")
    errors: dict[str, list[str]] = {}
    try:
        kind, interest = _clean_interest(kind, interest)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if declared_on is None:
        errors["declared_on"] = ["Enter the date the interest was declared"]
    elif declared_on > timezone.localdate():
        errors["declared_on"] = ["The date declared cannot be in the future"]
    if errors:
        raise ValidationError(errors)
    registered = RegisteredInterest.objects.create(partnership=person.partnership, person=person, kind=kind,
                                                   interest=interest, declared_on=declared_on, recorded_by=actor)
    audit_record(actor=actor, verb=Verb.CREATED, target=registered, partnership=person.partnership, changes={
        "person": [None, person.full_name], "kind": [None, kind], "interest": [None, interest],
        "declared_on": [None, declared_on.isoformat()]})
    return registered


@transaction.atomic
def registered_interest_end(*, actor, interest, ended_on: date | None = None) -> RegisteredInterest:
    """End a standing interest (it stays on the person's register as ended)."""
    if not can_edit_interests(actor, interest.person):
        raise PermissionDenied("Only the business team, or the person themself, can change this register.")
    ended_on = ended_on or timezone.localdate()
    if interest.ended_on is not None:
        raise ValidationError(f"This interest already ended on {format_date(interest.ended_on)}")
    if ended_on < interest.declared_on:
        raise ValidationError(f"An interest cannot end before it was declared ({format_date(interest.declared_on)})")
    interest.ended_on = ended_on
    interest.save(update_fields=["ended_on"])
    audit_record(actor=actor, verb=Verb.ENDED, target=interest, partnership=interest.partnership,
                 changes={"ended_on": [None, ended_on.isoformat()]})
    return interest
