"""Shared set-up for the attendance, minutes and action tests: the demo partnership and small makers.

Meetings and invitations are made directly (their own services belong to other parts of the work);
attendance, minutes and actions go through the real services.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from casereview.accounts.models import User
from casereview.meetings.attendance_services import attendance_record, meeting_mark_held
from casereview.meetings.models import AgendaItem, Invitation, Meeting
from casereview.partnerships.demo import load_demo
from casereview.partnerships.models import Group, Membership, Person

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def gov(db):
    """The demo partnership: the business manager, both seed groups, and a person finder."""
    load_demo()
    return {
        "admin": User.objects.get(username="business.manager"),
        "crs": Group.objects.get(name="Case Review Subgroup"),
        "kent": Group.objects.get(name="Rapid Review Group"),
    }


def person(name: str) -> Person:
    """A demo person by (a part of) their name, e.g. "Devon"."""
    return Person.objects.get(full_name__contains=name)


def seat(group, name: str) -> Membership:
    """The seat a demo person holds on a group."""
    return Membership.objects.get(group=group, person__full_name__contains=name)


def meeting_on(group, day: date, *, kind: str = "business", status: str = "scheduled", quorate=None) -> Meeting:
    return Meeting.objects.create(partnership=group.partnership, group=group, kind=kind, mode="virtual",
                                  starts_at=datetime.combine(day, time(10, 0), tzinfo=LONDON), status=status,
                                  quorate=quorate, link="https://meet.example.org/fictional")


def invite(meeting, name: str, response: str = "accepted", *, deputy_for: str | None = None) -> Invitation:
    """Invite a demo person; `deputy_for` names the member whose seat they fill as deputy."""
    member_seat = seat(meeting.group, deputy_for) if deputy_for else seat_or_none(meeting.group, name)
    return Invitation.objects.create(meeting=meeting, person=person(name), seat=member_seat,
                                     as_deputy=deputy_for is not None, response=response)


def seat_or_none(group, name: str) -> Membership | None:
    return Membership.objects.filter(group=group, person__full_name__contains=name).first()


def row(name: str, status: str = "present", deputy_for: str | None = None, group=None) -> dict:
    return {"person": person(name), "status": status,
            "attending_for": seat(group, deputy_for) if deputy_for else None}


CRS_QUORATE = (("Ayla", "present"), ("Priya", "deputy", "Devon"), ("Helena", "present"))
KENT_CORE = ("Imogen", "Marcus", "Rowan", "Farid", "Bea")


def record(gov, meeting, spec) -> object:
    """Record attendance from (name, status[, deputy for]) tuples and return the verdict."""
    rows = [row(s[0], s[1], s[2] if len(s) > 2 else None, group=meeting.group) for s in spec]
    return attendance_record(actor=gov["admin"], meeting=meeting, rows=rows)


def held(gov, group, day: date, spec=CRS_QUORATE, items=()) -> Meeting:
    """A meeting with agenda items, attendance recorded through the service, and marked held."""
    meeting = meeting_on(group, day)
    for number, title in enumerate(items, start=1):
        AgendaItem.objects.create(meeting=meeting, number=number, title=title)
    record(gov, meeting, spec)
    return meeting_mark_held(actor=gov["admin"], meeting=meeting, today=day)
