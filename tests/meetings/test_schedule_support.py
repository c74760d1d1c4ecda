"""Shared set-up for the scheduling and invitation tests: the demo partnership, future dates either side of
the clock changes, and a meeting scheduled through the real service. (No tests here.)"""

from __future__ import annotations

from datetime import date, time, timedelta
from email.message import Message

import pytest
from django.utils import timezone
from icalendar import Calendar

from casereview.accounts.models import User
from casereview.meetings.schedule_services import meeting_schedule
from casereview.partnerships.demo import load_demo
from casereview.partnerships.models import Group, Person


def last_sunday(year: int, month: int) -> date:
    day = date(year, month, 31)
    while day.weekday() != 6:
        day -= timedelta(days=1)
    return day


def spring_change() -> date:
    """Next year's Sunday when the clocks go forward (always in the future, within the 3-year limit)."""
    return last_sunday(timezone.localdate().year + 1, 3)


def autumn_change() -> date:
    return last_sunday(timezone.localdate().year + 1, 10)


def a_weekday_ahead(weeks: int = 8) -> date:
    """A Tuesday some weeks ahead, for meetings whose date does not matter."""
    day = timezone.localdate() + timedelta(weeks=weeks)
    return day + timedelta(days=(1 - day.weekday()) % 7)


class Demo:
    def __init__(self):
        load_demo()
        self.manager = User.objects.get(username="business.manager")
        self.subgroup = Group.objects.get(name="Case Review Subgroup")
        self.rapid = Group.objects.get(name="Rapid Review Group")

    def person(self, first_name: str) -> Person:
        return Person.objects.get(full_name__contains=first_name)

    def schedule(self, group=None, **overrides):
        """Schedule a virtual business meeting of the subgroup (or `group`), chaired by its co-chairs."""
        group = group or self.subgroup
        chairs = [m.person for m in group.memberships.exclude(chair="")]
        values = {"kind": "business", "title": "", "starts_on": a_weekday_ahead(), "start_time": time(10, 0),
                  "duration_minutes": 120, "mode": "virtual", "place": "", "link": "https://meet.example.org/crs",
                  "chairs": chairs, "rapid_review": None, **overrides}
        return meeting_schedule(actor=self.manager, group=group, **values)


@pytest.fixture(name="demo")
def demo_fixture(db):
    """The demo partnership with both seed groups (import this into a test module to use `demo`)."""
    return Demo()


def calendar_part(message: Message):
    """The text/calendar part of an e-mail (None if it has none)."""
    for part in message.walk():
        if part.get_content_type() == "text/calendar":
            return part
    return None


def calendar_of(message: Message) -> Calendar:
    return Calendar.from_ical(calendar_part(message).get_payload(decode=True))


def event_of(message: Message):
    [event] = calendar_of(message).walk("VEVENT")
    return event


def inbox_for(smtp_inbox, address: str) -> list[Message]:
    return [m for m in smtp_inbox.messages if m["To"] == address]
