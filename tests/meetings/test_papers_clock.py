"""The papers clock on the meeting page: due dates from each seed group's terms and the partnership calendar,
warnings before it is missed, met on time or late, and late papers marked on the agenda."""

import html
from datetime import date, datetime, time

import pytest

from casereview.meetings.agenda_selectors import NOT_SET, agenda_part, papers_clock_for
from casereview.meetings.agenda_services import papers_circulate
from casereview.partnerships.models import CalendarDay
from tests.meetings import test_agenda_support as support
from tests.meetings.test_agenda_support import LONDON, add_item, add_paper, invite, meeting_on

pytestmark = pytest.mark.django_db
demo = support.demo


@pytest.mark.parametrize(("meeting_day", "due", "why"), [
    (date(2026, 1, 6), date(2025, 12, 29), "Christmas, Boxing Day and New Year's Day are not working days"),
    (date(2026, 4, 7), date(2026, 3, 27), "the Tuesday after Easter: Good Friday and Easter Monday skipped"),
    (date(2026, 5, 26), date(2026, 5, 18), "the day after the spring bank holiday"),
    (date(2026, 3, 10), date(2026, 3, 3), "an ordinary week"),
    (date(2026, 1, 12), date(2026, 1, 5), "a Monday meeting: due the Monday before"),
])
def test_case_review_subgroup_papers_due_five_working_days_before(demo, meeting_day, due, why):
    """Kingston & Richmond: papers are due five working days before the meeting, counted on the calendar."""
    meeting = meeting_on(demo["subgroup"], meeting_day)
    clock = papers_clock_for(meeting, date(2025, 11, 1), circulated_on=None, outstanding=0)
    assert clock.due == due, why


def test_the_headline_names_the_due_date_and_the_lead(demo):
    """The page says when papers are due and how far ahead, in the house date style."""
    meeting = meeting_on(demo["subgroup"], date(2026, 1, 6))
    clock = papers_clock_for(meeting, date(2025, 12, 1), circulated_on=None, outstanding=0)
    assert clock.headline == ("Agenda and papers due by Monday 29 December 2025, 5 working days before the "
                              "meeting")


def test_a_partnership_closure_day_moves_the_due_date(demo):
    """A day the partnership is closed is not a working day for the papers clock either."""
    CalendarDay.objects.create(partnership=demo["subgroup"].partnership, date=date(2026, 1, 2), kind="closed",
                               reason="Office closure (fictional)")
    meeting = meeting_on(demo["subgroup"], date(2026, 1, 6))
    assert papers_clock_for(meeting, date(2025, 12, 1), circulated_on=None, outstanding=0).due == date(2025, 12, 24)


def test_kent_group_has_no_papers_clock(demo):
    """Kent's rapid review group sets no papers lead: the page says so rather than inventing one."""
    meeting = meeting_on(demo["rapid"], date(2026, 1, 6), kind="rapid_review")
    clock = papers_clock_for(meeting, date(2025, 12, 1), circulated_on=None, outstanding=0)
    assert (clock.headline, clock.due, clock.warning) == (NOT_SET, None, "")
    assert clock.headline == "Not set by the group's terms of reference"


@pytest.mark.parametrize(("today", "circulated_on", "outstanding", "tag", "warned"), [
    (date(2025, 12, 1), None, 0, "Not yet due", False),
    (date(2025, 12, 22), None, 0, "Not yet due", False),  # 3 working days left (23, 24, 29 December)
    (date(2025, 12, 24), None, 0, "Due soon", True),  # 1 working day left
    (date(2025, 12, 23), None, 0, "Due soon", True),  # 2 working days left
    (date(2025, 12, 29), None, 0, "Due today", True),
    (date(2025, 12, 30), None, 0, "Overdue", True),
    (date(2026, 1, 2), date(2025, 12, 23), 0, "On time", False),
    (date(2026, 1, 2), date(2025, 12, 29), 0, "On time", False),
    (date(2026, 1, 2), date(2025, 12, 31), 0, "Late", False),
    (date(2025, 12, 30), date(2025, 12, 23), 1, "Overdue", True),  # circulated, but a paper is still waiting
])
def test_papers_clock_states(demo, today, circulated_on, outstanding, tag, warned):
    """Running, due soon, due today, overdue, met on time and late — for the 6 January 2026 meeting."""
    meeting = meeting_on(demo["subgroup"], date(2026, 1, 6))
    clock = papers_clock_for(meeting, today, circulated_on=circulated_on, outstanding=outstanding)
    assert clock.tag[0] == tag
    assert bool(clock.warning) is warned


def test_late_circulation_says_how_late(demo):
    """Met late names the day it went and how many working days late it was."""
    meeting = meeting_on(demo["subgroup"], date(2026, 1, 6))
    clock = papers_clock_for(meeting, date(2026, 1, 5), circulated_on=date(2025, 12, 31), outstanding=0)
    assert clock.status == "Circulated on Wednesday 31 December 2025, 2 working days late"


def _circulate_on(actor, meeting, day: date):
    papers_circulate(actor=actor, meeting=meeting, now=datetime.combine(day, time(9, 0), tzinfo=LONDON))


def test_papers_after_the_due_date_are_marked_late_on_the_agenda(demo, django_capture_on_commit_callbacks):
    """A paper first circulated after the due date is late; one sent on time is not; one never sent once the
    due date has passed is late too."""
    actor, meeting = demo["business"], meeting_on(demo["subgroup"], date(2026, 1, 6))
    invite(meeting, "Ayla Brennan", "Helena Strand")
    item = add_item(actor, meeting, "Learning from reviews")
    on_time = add_paper(actor, item, "Briefing")
    _circulate_on(actor, meeting, date(2025, 12, 22))
    late = add_paper(actor, item, "Late briefing")
    _circulate_on(actor, meeting, date(2025, 12, 31))
    never = add_paper(actor, item, "Never sent")
    meeting.refresh_from_db()  # as the page would load it
    part = agenda_part(meeting, actor, date(2026, 1, 2))
    marks = {p.paper.pk: p.late for row in part["agenda_rows"] for p in row.papers}
    assert marks == {on_time.pk: False, late.pk: True, never.pk: True}
    assert part["agenda_late_count"] == 2
    assert part["agenda_clock"].tag[0] == "Overdue"  # a paper is still waiting after the due date
    assert part["agenda_circulated_on"] == [date(2025, 12, 22), date(2025, 12, 31)]


def test_the_clock_is_met_when_the_last_paper_goes(demo, django_capture_on_commit_callbacks):
    """Once every paper has gone, the clock is met on the day the last one went."""
    actor, meeting = demo["business"], meeting_on(demo["subgroup"], date(2026, 1, 6))
    invite(meeting, "Ayla Brennan")
    add_paper(actor, add_item(actor, meeting), "Only paper")
    _circulate_on(actor, meeting, date(2025, 12, 23))
    clock = agenda_part(meeting, actor, date(2026, 1, 2))["agenda_clock"]
    assert clock.tag[0] == "On time"
    assert clock.status == "Circulated on Tuesday 23 December 2025, on time"


def test_an_agenda_with_no_papers_is_met_by_circulating_it(demo, django_capture_on_commit_callbacks):
    """An agenda without papers still counts as circulated when it is sent."""
    actor, meeting = demo["business"], meeting_on(demo["subgroup"], date(2026, 1, 6))
    invite(meeting, "Ayla Brennan")
    add_item(actor, meeting, "Apologies")
    _circulate_on(actor, meeting, date(2025, 12, 30))
    assert agenda_part(meeting, actor, date(2026, 1, 2))["agenda_clock"].tag[0] == "Late"


def test_kent_papers_are_never_late(demo, django_capture_on_commit_callbacks):
    """With no papers clock, nothing on a Kent agenda is marked late."""
    actor, meeting = demo["business"], meeting_on(demo["rapid"], date(2026, 1, 6), kind="rapid_review")
    add_paper(actor, add_item(actor, meeting), "Chronology summary")
    part = agenda_part(meeting, actor, date(2026, 2, 1))
    assert part["agenda_late_count"] == 0
    assert part["agenda_clock"].headline == NOT_SET


def test_the_meeting_page_shows_the_clock(client, demo):
    """The meeting page shows the due date sentence and, for Kent, that no deadline is set."""
    from tests.conftest import sign_in

    sign_in(client, demo["business"])
    crs = meeting_on(demo["subgroup"], date(2026, 1, 6))
    kent = meeting_on(demo["rapid"], date(2026, 1, 6), kind="rapid_review")
    page = client.get(f"/meetings/{crs.pk}/").content.decode()
    assert "Agenda and papers due by Monday 29 December 2025, 5 working days before the meeting" in page
    assert NOT_SET in html.unescape(client.get(f"/meetings/{kent.pk}/").content.decode())
