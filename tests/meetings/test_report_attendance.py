"""The attendance report: attended, by a deputy and missed per member and per agency, from held meetings."""

import csv
import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from casereview.accounts.models import User
from casereview.audit.models import AuditEvent
from casereview.meetings.models import Attendance, Meeting
from casereview.meetings.report_selectors import MeetingFacts, SeatFacts, attendance_report, count_seat
from casereview.partnerships.demo import load_demo
from casereview.partnerships.models import Group, Membership, Partnership, Person
from tests.conftest import sign_in

LONDON = ZoneInfo("Europe/London")
ICB = "Northmoor and Eastbridge Integrated Care Board"

# Who did what at each of three held meetings of the Case Review Subgroup in January to March 2026.
# ("deputy", member key): attended as that member's deputy.
HELD = {
    date(2026, 1, 15): {"ayla": "present", "devon": "apologies", ("priya", "devon"): "deputy", "helena": "present",
                        "farid": "absent", "grace": "present", "saoirse": "co_opted"},
    date(2026, 2, 12): {"ayla": "present", "devon": "present", "helena": "apologies", "farid": "present",
                        "oluwaseun": "present"},
    date(2026, 3, 12): {"ayla": "apologies", ("tomasz", "ayla"): "deputy", "devon": "present", "helena": "present",
                        "farid": "present", "grace": "present", "oluwaseun": "absent"},
}
NAMES = {"ayla": "Ayla Brennan", "devon": "Devon Okafor", "helena": "Helena Strand", "farid": "Dr Farid Castellanos",
         "grace": "Grace Muldoon", "oluwaseun": "Oluwaseun Harte", "priya": "Priya Lindqvist", "tomasz": "Tomasz Reid",
         "saoirse": "Saoirse Delacroix"}


def person(key) -> Person:
    return Person.objects.get(full_name=NAMES[key])


def meeting(group, day, status="held", quorate=True) -> Meeting:
    return Meeting.objects.create(partnership=group.partnership, group=group, kind="business", status=status,
                                  starts_at=datetime(day.year, day.month, day.day, 10, tzinfo=LONDON),
                                  mode="virtual", quorate=quorate)


@pytest.fixture
def subgroup(db):
    load_demo()
    group = Group.objects.get(name="Case Review Subgroup")
    for day, rows in HELD.items():
        held = meeting(group, day, quorate=day != date(2026, 2, 12))
        for key, status in rows.items():
            who, member = key if isinstance(key, tuple) else (key, None)
            seat = Membership.objects.get(group=group, person=person(member)) if member else None
            Attendance.objects.create(meeting=held, person=person(who), status=status, attending_for=seat)
    # Neither a scheduled meeting in the period nor a held one outside it counts.
    meeting(group, date(2026, 3, 26), status="scheduled")
    outside = meeting(group, date(2026, 4, 9))
    Attendance.objects.create(meeting=outside, person=person("oluwaseun"), status="present")
    return group


def report(group, **kwargs):
    return attendance_report(group.partnership, start=date(2026, 1, 1), end=date(2026, 3, 31), group=group, **kwargs)


def test_counts_per_member(subgroup):
    """Each standing member's meetings expected, attended, covered by a deputy and missed."""
    rows = {r.seat.person.full_name: r.counts for r in report(subgroup).seats if not r.seat.co_opted}
    got = {name: (c.expected, c.attended, c.deputised, c.missed) for name, c in rows.items()}
    assert got == {
        "Ayla Brennan": (3, 2, 1, 0), "Devon Okafor": (3, 2, 1, 0), "Helena Strand": (3, 2, 0, 1),
        "Dr Farid Castellanos": (3, 2, 0, 1), "Grace Muldoon": (3, 2, 0, 1), "Oluwaseun Harte": (3, 1, 0, 2),
    }
    assert rows["Oluwaseun Harte"].rate == 33 and rows["Ayla Brennan"].represented_rate == 100


def test_counts_per_agency(subgroup):
    """Per agency: seats, expected, attended, by a deputy, missed; a non-member's co-opted attendance is other."""
    agencies = {a.name: a for a in report(subgroup).agencies}
    got = {name: (a.seats, a.counts.expected, a.counts.attended, a.counts.deputised, a.counts.missed, a.others)
           for name, a in agencies.items()}
    assert got == {
        "Northmoor Council Children's Services": (1, 3, 2, 1, 0, 0),
        "Northmoor Constabulary": (1, 3, 2, 1, 0, 0),
        ICB: (2, 6, 4, 0, 2, 0),
        "Eastbridge Community Health NHS Trust": (1, 3, 2, 0, 1, 0),
        "Northmoor Education Service": (1, 3, 1, 0, 2, 0),
        "Riverside Legal Partnership": (0, 0, 0, 0, 0, 1),
    }
    assert agencies[ICB].counts.represented_rate == 67


def test_meetings_and_quorum_in_the_period(subgroup):
    """Only held meetings in the period count; the inquorate one is counted as such."""
    result = report(subgroup)
    assert (len(result.meetings), result.quorate, result.inquorate) == (3, 2, 1)


def test_a_seat_counts_only_while_it_is_held(subgroup):
    """A member who joined on 1 February is expected at two meetings: he missed February's and was at March's
    (there as another member's deputy, which still counts as attending)."""
    Membership.objects.create(partnership=subgroup.partnership, group=subgroup, person=person("tomasz"),
                              role_title="Service manager", start_date=date(2026, 2, 1))
    rows = [r for r in report(subgroup).seats if r.seat.person.full_name == "Tomasz Reid"]
    assert [(r.counts.expected, r.counts.attended, r.counts.missed) for r in rows] == [(2, 1, 1)]


def test_every_group_when_no_group_is_chosen(subgroup):
    """Without a group the report covers every group's held meetings (the rapid review group held none)."""
    result = attendance_report(subgroup.partnership, start=date(2026, 1, 1), end=date(2026, 3, 31))
    assert len(result.meetings) == 3
    assert {r.seat.group.name for r in result.seats} == {"Case Review Subgroup", "Rapid Review Group"}
    assert all(r.counts.expected == 0 for r in result.seats if r.seat.group.name == "Rapid Review Group")


def test_page_and_csv_show_the_figures_and_the_export_is_audited(subgroup, client):
    """The page shows each agency's figures; the CSV has one row per seat and its download is audited."""
    sign_in(client, User.objects.get(username="scrutineer"))
    query = f"?start=2026-01-01&end=2026-03-31&group={subgroup.pk}"
    page = client.get(reverse("meetings:report_attendance") + query).content.decode()
    assert ICB in page and "67%" in page
    response = client.get(reverse("meetings:report_attendance_csv") + query)
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    oluwaseun = next(r for r in rows if r["Member"] == "Oluwaseun Harte")
    assert (oluwaseun["Meetings expected"], oluwaseun["Attended"], oluwaseun["Missed"]) == ("3", "1", "2")
    assert AuditEvent.objects.filter(verb="exported", partnership_id=subgroup.partnership_id).count() == 1


def test_bad_period_is_a_400_with_the_message(subgroup, client):
    """An end before the start is refused beside the field, not a server error."""
    sign_in(client, User.objects.get(username="business.manager"))
    response = client.get(reverse("meetings:report_attendance") + "?start=2026-03-31&end=2026-01-01")
    assert response.status_code == 400
    assert "must be the same as or after its start" in response.content.decode()


def test_a_contributor_cannot_see_the_report(subgroup, client):
    """Attendance is a governance record: an agency contributor is refused."""
    sign_in(client, User.objects.get(username="contributor"))
    assert client.get(reverse("meetings:report_attendance")).status_code == 403
    assert Partnership.objects.count() == 1


STATUSES = st.sampled_from(["present", "deputy_for_me", "apologies", "absent", "none"])


@given(st.lists(st.tuples(STATUSES, st.integers(min_value=0, max_value=40)), max_size=20),
       st.integers(min_value=0, max_value=40), st.booleans())
def test_every_expected_meeting_is_attended_deputised_or_missed(events, joined_after, co_opted):
    """Attended + by a deputy + missed = expected for a standing seat, for any meetings and membership window;
    a co-opted seat is only ever counted as attending."""
    start = date(2026, 1, 1)
    seat = SeatFacts(seat_id=1, group_id=1, person_id=7, start=start + timedelta(days=joined_after), end=None,
                     co_opted=co_opted)
    meetings = [MeetingFacts(group_id=1, day=start + timedelta(days=offset),
                             attending=frozenset({7}) if status == "present" else frozenset(),
                             deputised_seats=frozenset({1}) if status == "deputy_for_me" else frozenset())
                for status, offset in events]
    counts = count_seat(seat, meetings)
    in_window = [m for m in meetings if m.day >= seat.start]
    assert counts.attended == sum(1 for m in in_window if 7 in m.attending)
    if co_opted:  # joins for particular cases: never expected, so never missing
        assert (counts.expected, counts.deputised, counts.missed) == (0, 0, 0)
    else:
        assert counts.attended + counts.deputised + counts.missed == counts.expected == len(in_window)
