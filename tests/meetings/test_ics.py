"""The calendar file: it parses with icalendar and carries Europe/London wall times either side of the clock
changes, one UID for the meeting's life, its SEQUENCE, and REQUEST or CANCEL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from casereview.meetings.ics import CANCEL, REQUEST, Invitee, build_invitation, meeting_uid
from casereview.meetings.models import Meeting
from tests.conftest import GroupFactory, UserFactory

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
PEOPLE = [Invitee("Ayla Brennan", "ayla@example.test", "CHAIR", "ACCEPTED"),
          Invitee("Devon Okafor", "devon@example.test")]


def _meeting(wall: datetime, **extra) -> Meeting:
    group = GroupFactory(name="Case Review Subgroup")
    fields = {"partnership": group.partnership, "group": group, "kind": "business", "starts_at": wall,
              "duration_minutes": 90, "mode": "virtual", "link": "https://meet.example.org/crs", **extra}
    return Meeting.objects.create(**fields)


def _event(data: bytes):
    calendar = Calendar.from_ical(data)
    [event] = calendar.walk("VEVENT")
    return calendar, event


@pytest.mark.parametrize(("wall", "utc_hour", "offset_hours"), [
    (datetime(2026, 3, 27, 10, 0), 10, 0),   # Friday before the clocks go forward: GMT
    (datetime(2026, 3, 30, 10, 0), 9, 1),    # Monday after: BST
    (datetime(2026, 10, 23, 10, 0), 9, 1),   # Friday before the clocks go back: BST
    (datetime(2026, 10, 26, 10, 0), 10, 0),  # Monday after: GMT
])
def test_dtstart_keeps_the_london_wall_time_across_clock_changes(wall, utc_hour, offset_hours):
    """10:00 in London is written with TZID=Europe/London and means 10:00Z in GMT, 09:00Z in BST."""
    meeting = _meeting(wall.replace(tzinfo=LONDON))
    data = build_invitation(meeting, PEOPLE, REQUEST)
    assert b"DTSTART;TZID=Europe/London:" + wall.strftime("%Y%m%dT%H%M%S").encode() in data
    _calendar, event = _event(data)
    start = event.decoded("DTSTART")
    assert (start.hour, start.minute) == (10, 0)
    assert start.utcoffset() == timedelta(hours=offset_hours)
    assert start.astimezone(UTC) == datetime(wall.year, wall.month, wall.day, utc_hour, 0, tzinfo=UTC)
    assert event.decoded("DTEND") - start == timedelta(minutes=90)


def test_vtimezone_describes_both_changes_of_the_meetings_year():
    """The calendar carries a Europe/London VTIMEZONE with the March and October 2026 transitions."""
    data = build_invitation(_meeting(datetime(2026, 3, 30, 10, 0, tzinfo=LONDON)), PEOPLE, REQUEST)
    calendar = Calendar.from_ical(data)
    [zone] = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/London"
    text = zone.to_ical().decode()
    assert "20260329T020000" in text and "20261025T020000" in text
    assert "TZOFFSETTO:+0100" in text and "TZOFFSETTO:+0000" in text


def test_request_has_the_itip_fields(settings):
    """PRODID, VERSION 2.0, METHOD, UID at the service host, SEQUENCE, DTSTAMP, organizer and attendees."""
    settings.SITE_URL = "https://casereview.example"
    user = UserFactory(email="organiser@example.test", first_name="Bea", last_name="Kowalczyk")
    meeting = _meeting(datetime(2027, 1, 12, 14, 30, tzinfo=LONDON), created_by=user, sequence=3,
                       title="Quarterly business meeting")
    calendar, event = _event(build_invitation(meeting, PEOPLE, REQUEST))
    assert calendar["METHOD"] == "REQUEST" and calendar["VERSION"] == "2.0" and "casereview" in calendar["PRODID"]
    assert str(event["UID"]) == meeting_uid(meeting) == f"{meeting.uid}@casereview.example"
    assert event["SEQUENCE"] == 3 and event["STATUS"] == "CONFIRMED"
    assert event.decoded("DTSTAMP").utcoffset() == timedelta(0)
    assert str(event["SUMMARY"]) == "Quarterly business meeting"
    assert str(event["LOCATION"]) == "https://meet.example.org/crs"
    assert str(event["ORGANIZER"]) == "mailto:organiser@example.test"
    assert event["ORGANIZER"].params["CN"] == "Bea Kowalczyk"
    chair, member = event["ATTENDEE"]
    assert str(chair) == "mailto:ayla@example.test"
    assert (chair.params["ROLE"], chair.params["PARTSTAT"], chair.params["RSVP"]) == ("CHAIR", "ACCEPTED", "FALSE")
    assert (member.params["CN"], member.params["PARTSTAT"], member.params["RSVP"]) == ("Devon Okafor",
                                                                                       "NEEDS-ACTION", "TRUE")
    assert f"https://casereview.example/meetings/{meeting.pk}/" in str(event["DESCRIPTION"])


def test_organizer_falls_back_to_the_services_sender(settings):
    """A meeting with no scheduling user is organised by DEFAULT_FROM_EMAIL's address."""
    settings.DEFAULT_FROM_EMAIL = "Case review <no-reply@casereview.example>"
    _calendar, event = _event(build_invitation(_meeting(datetime(2027, 1, 12, 10, tzinfo=LONDON)), PEOPLE, REQUEST))
    assert str(event["ORGANIZER"]) == "mailto:no-reply@casereview.example"


def test_in_person_location_is_the_place():
    """An in-person meeting's LOCATION is its place."""
    meeting = _meeting(datetime(2027, 1, 12, 10, tzinfo=LONDON), mode="in_person", place="Room 4, Civic Centre",
                       link="")
    _calendar, event = _event(build_invitation(meeting, PEOPLE, REQUEST))
    assert str(event["LOCATION"]) == "Room 4, Civic Centre"


def test_cancel_of_a_cancelled_meeting_says_cancelled():
    """METHOD:CANCEL with STATUS:CANCELLED, same UID."""
    meeting = _meeting(datetime(2027, 1, 12, 10, tzinfo=LONDON), status="cancelled", sequence=1)
    calendar, event = _event(build_invitation(meeting, PEOPLE, CANCEL))
    assert calendar["METHOD"] == "CANCEL"
    assert event["STATUS"] == "CANCELLED" and event["SEQUENCE"] == 1
    assert str(event["UID"]) == meeting_uid(meeting)


def test_uninviting_one_person_names_only_them_and_sets_no_status():
    """A CANCEL for a meeting still going ahead removes its attendees only (RFC 5546 3.2.5): no STATUS."""
    meeting = _meeting(datetime(2027, 1, 12, 10, tzinfo=LONDON))
    _calendar, event = _event(build_invitation(meeting, PEOPLE[1:], CANCEL))
    assert "STATUS" not in event
    assert str(event["ATTENDEE"]) == "mailto:devon@example.test"


def test_unknown_method_is_refused():
    """Only REQUEST and CANCEL are built."""
    with pytest.raises(ValueError):
        build_invitation(_meeting(datetime(2027, 1, 12, 10, tzinfo=LONDON)), PEOPLE, "PUBLISH")
