"""Governance clocks read from the two seed terms of reference: papers, minutes, the yearly review, proposals."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casereview.domain import governance
from casereview.domain.calendar import WorkingDayCalendar, default_calendar
from casereview.domain.clocks import ClockStatus, due_date, evaluate
from casereview.domain.presets import load_preset
from casereview.domain.terms import BusinessCadence, Meetings, validate

SUBGROUP = validate(load_preset("kingston-richmond-case-review-subgroup"))
KENT = validate(load_preset("kent-rapid-review-group"))
CAL = default_calendar()


@pytest.mark.parametrize(("meeting", "papers_due"), [
    (date(2026, 1, 6), date(2025, 12, 29)),   # DOMAIN.md's worked example: back over Christmas and Boxing Day
    (date(2026, 3, 10), date(2026, 3, 3)),    # an ordinary week
    (date(2026, 4, 7), date(2026, 3, 27)),    # back over Easter Monday 6 April and Good Friday 3 April
    (date(2026, 5, 26), date(2026, 5, 18)),   # back over the spring bank holiday
    (date(2026, 11, 23), date(2026, 11, 16)),  # a Monday meeting: papers the Monday before
])
def test_papers_are_due_five_working_days_before_a_subgroup_meeting(meeting, papers_due):
    assert due_date(governance.papers_clock(SUBGROUP), meeting, CAL) == papers_due


@pytest.mark.parametrize(("meeting", "minutes_due"), [
    (date(2026, 1, 6), date(2026, 1, 27)),
    (date(2026, 12, 15), date(2027, 1, 5)),  # three calendar weeks, not moved off the holidays
    (date(2026, 3, 10), date(2026, 3, 31)),
])
def test_minutes_are_due_three_weeks_after_a_subgroup_meeting(meeting, minutes_due):
    assert due_date(governance.minutes_clock(SUBGROUP), meeting, CAL) == minutes_due


def test_kent_sets_no_papers_minutes_or_review_clock_and_no_schedule():
    assert governance.papers_clock(KENT) is None
    assert governance.minutes_clock(KENT) is None
    assert governance.tor_review_clock(KENT) is None
    assert governance.cadence_months(KENT) is None
    assert governance.proposed_meeting_dates(KENT, last_meeting=None, today=date(2026, 11, 22), calendar=CAL) == []


def test_terms_of_reference_review_is_twelve_months_from_the_last_review_or_adoption():
    clock = governance.tor_review_clock(SUBGROUP)
    assert governance.tor_review_anchor(SUBGROUP) == date(2023, 10, 1)  # never reviewed: from adoption
    assert due_date(clock, governance.tor_review_anchor(SUBGROUP), CAL) == date(2024, 10, 1)
    reviewed = replace(SUBGROUP, last_reviewed_on=date(2026, 1, 20))
    assert due_date(clock, governance.tor_review_anchor(reviewed), CAL) == date(2027, 1, 20)
    state = evaluate(clock, anchor=governance.tor_review_anchor(SUBGROUP), today=date(2026, 11, 22), calendar=CAL)
    assert state.status is ClockStatus.OVERDUE


def test_quarterly_proposals_follow_the_last_meeting_on_working_days():
    proposals = governance.proposed_meeting_dates(SUBGROUP, last_meeting=date(2026, 9, 15), today=date(2026, 11, 22),
                                                  calendar=CAL)
    assert proposals == [date(2026, 12, 15), date(2027, 3, 15), date(2027, 6, 15), date(2027, 9, 15)]
    # 3 months after 25 September 2026 is Christmas Day (a Friday); Boxing Day is a Saturday with its substitute
    # on Monday 28 December, so the first working day is Tuesday 29.
    moved = governance.proposed_meeting_dates(SUBGROUP, last_meeting=date(2026, 9, 25), today=date(2026, 10, 1),
                                              calendar=CAL, count=1)
    assert moved == [date(2026, 12, 29)]


def test_proposals_without_a_previous_meeting_count_from_today():
    assert governance.proposed_meeting_dates(SUBGROUP, last_meeting=None, today=date(2026, 11, 23), calendar=CAL,
                                             count=2) == [date(2027, 2, 23), date(2027, 5, 24)]


@given(last=st.dates(min_value=date(2020, 1, 1), max_value=date(2029, 12, 31)),
       gap=st.integers(min_value=0, max_value=400),
       cadence=st.sampled_from([BusinessCadence.MONTHLY, BusinessCadence.BIMONTHLY, BusinessCadence.QUARTERLY]))
def test_proposals_are_future_distinct_working_days_in_order(last, gap, cadence):
    terms = replace(SUBGROUP, meetings=Meetings(cadence, SUBGROUP.meetings.rapid_review_meetings,
                                                SUBGROUP.meetings.modes))
    today = last + timedelta(days=gap)
    proposals = governance.proposed_meeting_dates(terms, last_meeting=last, today=today, calendar=CAL)
    assert len(proposals) == 4
    assert proposals == sorted(set(proposals))
    assert all(p > today and CAL.is_working_day(p) for p in proposals)


@given(meeting=st.dates(min_value=date(2021, 1, 1), max_value=date(2029, 12, 31)))
def test_papers_due_date_is_the_fifth_working_day_counted_back(meeting):
    """Day 0 is the meeting date; the due date is a working day with exactly four working days between."""
    due = due_date(governance.papers_clock(SUBGROUP), meeting, CAL)
    assert due < meeting and CAL.is_working_day(due)
    between = [due + timedelta(days=n) for n in range(1, (meeting - due).days)]
    assert sum(CAL.is_working_day(d) for d in between) == 4


def test_a_partnership_closure_moves_the_papers_date_earlier():
    closed = WorkingDayCalendar(closures={date(2026, 3, 3): "Partnership closure"})
    assert due_date(governance.papers_clock(SUBGROUP), date(2026, 3, 10), closed) == date(2026, 3, 2)


@pytest.mark.parametrize(("today", "warns"), [
    (date(2026, 2, 25), False),  # 4 working days before the papers are due (Tuesday 3 March)
    (date(2026, 2, 26), False),  # 3 working days left
    (date(2026, 2, 27), True),   # 2 working days left
    (date(2026, 3, 2), True),    # 1 working day left
    (date(2026, 3, 3), True),    # due today
    (date(2026, 3, 4), False),   # overdue is shown as overdue, not as a warning
])
def test_warns_when_two_working_days_or_fewer_remain(today, warns):
    state = evaluate(governance.papers_clock(SUBGROUP), anchor=date(2026, 3, 10), today=today, calendar=CAL)
    assert governance.warns(state) is warns


@pytest.mark.parametrize(("d", "first", "last"), [
    (date(2026, 1, 1), date(2026, 1, 1), date(2026, 3, 31)),
    (date(2026, 5, 31), date(2026, 4, 1), date(2026, 6, 30)),
    (date(2026, 9, 30), date(2026, 7, 1), date(2026, 9, 30)),
    (date(2026, 12, 31), date(2026, 10, 1), date(2026, 12, 31)),
])
def test_quarters(d, first, last):
    assert governance.quarter_of(d) == (first, last)
    assert governance.quarter_label(d) == f"{first:%B} to {last:%B %Y}"
