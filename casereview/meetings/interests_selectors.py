"""Reads of declarations of interest: per meeting and item, and each member's standing register."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Min, Q
from django.http import Http404
from django.utils import timezone

from casereview.domain.clocks import format_date
from casereview.domain.governance_lifecycle import MeetingStatus
from casereview.partnerships.access import partnerships_for
from casereview.partnerships.models import Person
from casereview.partnerships.terms_selectors import parsed, terms_in_force

from .access import can_manage_meetings, can_read_meetings
from .models import Declaration, PaperCirculation, RegisteredInterest

DUTY = ("The group's terms of reference require members to declare any conflict of interest. A member with a "
        "conflict on an item takes no part in its decision, and is not sent the papers of a restricted item.")
NO_DUTY = ("The group's terms of reference do not require conflicts of interest to be declared. A declaration can "
           "still be recorded: a member with a conflict on an item takes no part in its decision, and is not sent "
           "the papers of a restricted item.")


def conflicts_by_item(meeting) -> dict[int, list]:
    """For each agenda item id, the people who declared a conflict on it (they take no part in its decision,
    and do not receive its papers when the item is restricted)."""
    conflicts: dict[int, list] = defaultdict(list)
    for declaration in Declaration.objects.filter(meeting=meeting, item__isnull=False).select_related("person"):
        if declaration.person not in conflicts[declaration.item_id]:
            conflicts[declaration.item_id].append(declaration.person)
    return dict(conflicts)


def excluded_from_item(meeting) -> dict[int, list]:
    """For each agenda item id, the people who take no part in its decision (everyone with a conflict on it)."""
    return conflicts_by_item(meeting)


def withheld_from_item(meeting) -> dict[int, list]:
    """For each restricted agenda item id, the people its papers are withheld from (a conflict on it)."""
    conflicts: dict[int, list] = defaultdict(list)
    rows = Declaration.objects.filter(meeting=meeting, item__restricted=True).select_related("person")
    for declaration in rows:
        if declaration.person not in conflicts[declaration.item_id]:
            conflicts[declaration.item_id].append(declaration.person)
    return dict(conflicts)


def exclusion_note(person, *, restricted: bool) -> str:
    """The sentence the meeting page (and the minutes) give for a person with a conflict on an item."""
    name = person.full_name
    if restricted:
        return f"Papers withheld from {name}; {name} takes no part in the decision"
    return f"{name} takes no part in the decision"


def conflicts_duty(meeting) -> tuple[bool | None, str]:
    """Whether the terms in force on the meeting date require conflicts to be declared, and the words to show."""
    version = terms_in_force(meeting.group, timezone.localdate(meeting.starts_at))
    if version is None:
        return None, ""
    declare = parsed(version).conflicts_of_interest.declare
    return declare, DUTY if declare else NO_DUTY


def declarable_people(meeting) -> list[Person]:
    """Those a declaration may be recorded for: everyone invited (not withdrawn) or recorded as attending."""
    people = {inv.person.pk: inv.person for inv in meeting.invitations.filter(withdrawn=False).select_related("person")}
    for row in meeting.attendance.select_related("person"):
        people.setdefault(row.person.pk, row.person)
    return sorted(people.values(), key=lambda p: (p.full_name, p.pk))


def own_people(user, meeting) -> list[Person]:
    """The people records linked to this user that are invited to the meeting (they may declare for themselves)."""
    if not user.is_authenticated:
        return []
    return [p for p in declarable_people(meeting) if p.user_id == user.pk]


def can_declare(user, meeting) -> bool:
    """The business team may record any declaration; an invited person may record their own."""
    if meeting.status == MeetingStatus.CANCELLED:
        return False
    return can_manage_meetings(user, meeting.partnership) or bool(own_people(user, meeting))


def declaration_get(user, pk) -> Declaration:
    """One declaration in a partnership the user may read, else Http404."""
    declaration = Declaration.objects.select_related("meeting__partnership", "person", "item").filter(
        pk=pk, meeting__partnership__in=partnerships_for(user)).first()
    if declaration is None or not can_read_meetings(user, declaration.meeting.partnership):
        raise Http404("No such declaration.")
    return declaration


@dataclass
class DeclarationItemRow:
    item: object
    declarations: list = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def declarations_part(meeting, user, today: date) -> dict:
    """The declarations part of the meeting page: per meeting and per item, who is excluded from what, late
    conflicts on papers already sent, the standing interests of those invited, and the terms' duty."""
    declarations = list(Declaration.objects.filter(meeting=meeting).select_related("person", "item"))
    rows = {item.pk: DeclarationItemRow(item) for item in meeting.items.all()}
    for d in declarations:
        if d.item_id in rows:
            row = rows[d.item_id]
            row.declarations.append(d)
            note = exclusion_note(d.person, restricted=row.item.restricted)
            if note not in row.notes:
                row.notes.append(note)
    declare, duty = conflicts_duty(meeting)
    return {
        "declarations_meeting": [d for d in declarations if d.item_id is None],
        "declarations_items": [row for row in rows.values() if row.declarations],
        "declarations_any": bool(declarations),
        "declarations_warnings": already_received(meeting, declarations),
        "declarations_standing": standing_interests(meeting),
        "declarations_duty": duty,
        "declarations_required": declare,
        "declarations_can_declare": can_declare(user, meeting),
        "declarations_can_remove": can_manage_meetings(user, meeting.partnership),
    }


def already_received(meeting, declarations) -> list[str]:
    """Warnings for conflicts declared on a restricted item after its papers had been sent to the person."""
    conflicted = {(d.item_id, d.person_id): d for d in declarations if d.item_id and d.item.restricted}
    if not conflicted:
        return []
    sent = PaperCirculation.objects.filter(paper__item_id__in={i for i, _p in conflicted}).values(
        "paper__item_id", "person_id").annotate(first=Min("sent_at"))
    warnings = []
    for row in sent:
        d = conflicted.get((row["paper__item_id"], row["person_id"]))
        if d is not None:
            warnings.append(f"{d.person.full_name} declared a conflict on item {d.item.number} ({d.item.title}) after "
                            f"its papers were sent to them on {format_date(timezone.localdate(row['first']))}. "
                            "Ask them to delete their copies; they take no part in the decision.")
    return warnings


def in_force(qs, on: date):
    """Registered interests current on a day: declared by then and not ended by then."""
    return qs.filter(declared_on__lte=on).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))


def standing_interests(meeting) -> list[RegisteredInterest]:
    """The registered interests, in force on the meeting date, of the people invited (a reminder to declare)."""
    invited = meeting.invitations.filter(withdrawn=False).values_list("person_id", flat=True)
    qs = RegisteredInterest.objects.filter(partnership=meeting.partnership, person_id__in=invited)
    return list(in_force(qs, timezone.localdate(meeting.starts_at)).select_related("person__agency"))


def register_rows(partnership, today: date) -> list[RegisteredInterest]:
    """Every current registered interest of the partnership, by person."""
    qs = RegisteredInterest.objects.filter(partnership=partnership)
    return list(in_force(qs, today).select_related("person__agency"))


def person_for_interests(user, pk) -> Person:
    """A person whose register the user may read, else Http404."""
    person = Person.objects.select_related("agency", "partnership").filter(
        pk=pk, partnership__in=partnerships_for(user)).first()
    if person is None or not can_read_meetings(user, person.partnership):
        raise Http404("No such person.")
    return person


def person_interests(person) -> list[RegisteredInterest]:
    """All of a person's registered interests, current first, then ended."""
    rows = list(RegisteredInterest.objects.filter(person=person, partnership=person.partnership))
    return sorted(rows, key=lambda r: (r.ended_on is not None, -r.declared_on.toordinal(), r.pk))


def can_edit_interests(user, person) -> bool:
    """The business team keeps everyone's register; a person may keep their own."""
    return can_manage_meetings(user, person.partnership) or (user.is_authenticated and person.user_id == user.pk)


def interest_get(user, pk) -> RegisteredInterest:
    """One registered interest the user may read, else Http404."""
    interest = RegisteredInterest.objects.select_related("person__partnership", "partnership").filter(
        pk=pk, partnership__in=partnerships_for(user)).first()
    if interest is None or not can_read_meetings(user, interest.partnership):
        raise Http404("No such interest.")
    return interest
