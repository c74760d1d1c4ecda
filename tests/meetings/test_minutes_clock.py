"""The minutes clock of each seed group: Case Review Subgroup three weeks after the meeting, met when the
minutes are distributed; Kent's Rapid Review Group sets none, and the page says so."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.template.loader import render_to_string

from casereview.meetings.minutes_selectors import NOT_SET, minutes_clock_state, minutes_part
from casereview.meetings.models import Minutes
from tests.actions.governance_helpers import gov, meeting_on  # noqa: F401  (gov is a fixture)

LONDON = ZoneInfo("Europe/London")


@pytest.mark.parametrize("meeting_day, due", [
    (date(2025, 11, 4), date(2025, 11, 25)),
    (date(2025, 12, 16), date(2026, 1, 6)),  # a calendar-week rule: Christmas does not move it
    (date(2026, 3, 10), date(2026, 3, 31)),  # across the March clock change
    (date(2026, 2, 3), date(2026, 2, 24)),  # under the version adopted at the January 2026 review
])
def test_subgroup_minutes_due_three_weeks_after_the_meeting(gov, meeting_day, due):  # noqa: F811
    """Case Review Subgroup: minutes due 21 days after the meeting."""
    state = minutes_clock_state(meeting_on(gov["crs"], meeting_day), meeting_day, None)
    assert state["set"] and state["due"] == due
    assert state["rule"] == "Terms of reference: minutes within 3 weeks"


def test_kent_sets_no_minutes_deadline(gov):  # noqa: F811
    """Rapid Review Group: not set by the terms of reference."""
    state = minutes_clock_state(meeting_on(gov["kent"], date(2025, 11, 4), kind="rapid_review"), date(2025, 11, 5),
                                None)
    assert state == {"set": False, "text": NOT_SET}


@pytest.mark.parametrize("today, distributed, status, warn", [
    (date(2025, 11, 10), None, "running", False),
    (date(2025, 11, 21), None, "running", True),  # two working days left: warn before it is missed
    (date(2025, 11, 25), None, "due_today", True),
    (date(2025, 11, 26), None, "overdue", False),
    (date(2025, 12, 1), date(2025, 11, 20), "met_on_time", False),
    (date(2025, 12, 1), date(2025, 11, 28), "met_late", False),
])
def test_subgroup_clock_warns_and_is_met_on_distribution(gov, today, distributed, status, warn):  # noqa: F811
    """The clock warns in its last two working days, and is met on the day the minutes are distributed."""
    meeting = meeting_on(gov["crs"], date(2025, 11, 4), status="held", quorate=True)
    minutes = Minutes(meeting=meeting, status="distributed" if distributed else "draft",
                      distributed_at=datetime.combine(distributed, time(9), tzinfo=LONDON) if distributed else None)
    state = minutes_clock_state(meeting, today, minutes)
    assert (state["state"].status.value, state["warn"]) == (status, warn)
    if distributed:
        assert state["state"].completed_on == distributed


@pytest.mark.parametrize("group, today, text", [
    ("crs", date(2025, 11, 21), "The minutes must be distributed by Tuesday 25 November 2025."),
    ("kent", date(2025, 11, 21), "Minutes deadline:</strong> Not set by the terms of reference."),
])
def test_meeting_page_shows_the_clock(gov, group, today, text):  # noqa: F811
    """The minutes part shows the warning, or says the terms set no deadline."""
    meeting = meeting_on(gov[group], date(2025, 11, 4), status="held", quorate=True)
    html = render_to_string("meetings/parts/_minutes.html", {"meeting": meeting, "can_manage": True,
                                                              **minutes_part(meeting, gov["admin"], today)})
    assert text in html
