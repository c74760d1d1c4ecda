"""The practice review's clocks as tables: 6 calendar months from the decision (the month's last day when the
day does not exist), and the advance copy counted in working days back from the planned publication date,
stepping over weekends and bank holidays; met on the publication (or completion) and on the date sent."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casereview.domain.calendar import WorkingDayCalendar, default_calendar
from casereview.learning.review_clocks import (
    NO_PLANNED_DATE,
    NOT_PUBLISHING,
    advance_clock_state,
    advance_copy_due,
    planned_after_due,
    publication_clock_state,
    publication_due,
)

CAL = default_calendar()


def lcspr(**fields):
    data = {"status": "in_progress", "decision_date": date(2025, 8, 31), "published_on": None,
            "completed_on": None, "planned_publication_date": None, "advance_working_days": 7,
            "advance_copy_sent_on": None}
    return SimpleNamespace(**{**data, **fields})


@pytest.mark.parametrize("decided, due", [
    (date(2025, 8, 31), date(2026, 2, 28)),   # no 31 February: the month's last day
    (date(2027, 8, 31), date(2028, 2, 29)),   # a leap year
    (date(2025, 8, 29), date(2026, 2, 28)),   # no 29 February 2026 either
    (date(2026, 1, 12), date(2026, 7, 12)),   # a Sunday: a calendar-month clock is not moved off it
    (date(2025, 6, 30), date(2025, 12, 30)),
])
def test_publication_is_due_six_calendar_months_after_the_decision(decided, due):
    """The publication due date is the same day-number 6 months on, or the month's last day."""
    assert publication_due(decided, CAL) == due


@pytest.mark.parametrize("status, published, completed, today, expected", [
    ("published", date(2026, 2, 27), None, date(2026, 3, 10), "met_on_time"),
    ("published", date(2026, 2, 28), None, date(2026, 3, 10), "met_on_time"),
    ("published", date(2026, 3, 2), None, date(2026, 3, 10), "met_late"),
    ("not_published", None, date(2026, 1, 5), date(2026, 3, 10), "met_on_time"),
    ("not_published", None, date(2026, 4, 1), date(2026, 4, 2), "met_late"),
    ("in_progress", None, None, date(2026, 1, 5), "running"),
    ("in_progress", None, None, date(2026, 2, 28), "due_today"),
    ("in_progress", None, None, date(2026, 3, 2), "overdue"),
    # A publication date on a review not (yet) recorded as published does not meet the clock.
    ("quality_assured", date(2026, 1, 5), None, date(2026, 3, 2), "overdue"),
])
def test_publication_clock_is_met_on_publication_or_completion(status, published, completed, today, expected):
    """Decided on 31 August 2025, due 28 February 2026: met on time or late by the publication (or, when not
    published, the completion) date; running, due today or overdue until then."""
    clock = publication_clock_state(lcspr(status=status, published_on=published, completed_on=completed), today, CAL)
    assert clock["set"] and clock["due"] == date(2026, 2, 28)
    assert clock["state"].status == expected


def test_publication_clock_warns_close_to_the_due_date_only():
    """The warning shows with 2 working days or fewer left, not before."""
    # Due Saturday 28 February 2026: on Tuesday 24 three working days are left (Wed, Thu, Fri); on Wednesday, two.
    assert publication_clock_state(lcspr(), date(2026, 2, 24), CAL)["warn"] is False
    assert publication_clock_state(lcspr(), date(2026, 2, 25), CAL)["warn"] is True
    assert publication_clock_state(lcspr(decision_date=None), date(2026, 2, 26), CAL)["set"] is False


@pytest.mark.parametrize("planned, days, due", [
    # Counting back from Tuesday 6 January 2026: Mon 5 (1), Fri 2 (2), [Thu 1 New Year's Day], Wed 31 Dec (3),
    # Tue 30 (4), Mon 29 (5), [Fri 26 Boxing Day, Thu 25 Christmas Day], Wed 24 (6), Tue 23 December (7).
    (date(2026, 1, 6), 7, date(2025, 12, 23)),
    (date(2026, 1, 6), 5, date(2025, 12, 29)),   # the papers example in DOMAIN.md §3
    (date(2026, 1, 6), 6, date(2025, 12, 24)),   # Wednesday 24 December
    # Easter 2026: Good Friday 3 April and Easter Monday 6 April are bank holidays.
    (date(2026, 4, 8), 2, date(2026, 4, 2)),     # Wed 8: Tue 7 (1), Thu 2 (2)
    (date(2026, 4, 8), 7, date(2026, 3, 26)),
    # A planned date on a Sunday counts from that Sunday (day 0).
    (date(2026, 3, 15), 7, date(2026, 3, 5)),    # Fri 13 (1) ... Mon 9 (5), Fri 6 (6), Thu 5 (7)
    (date(2026, 3, 10), 1, date(2026, 3, 9)),
])
def test_advance_copy_due_counts_working_days_back_from_the_planned_publication(planned, days, due):
    """The advance copy is due N working days before the planned publication date, skipping bank holidays."""
    assert advance_copy_due(planned, days, CAL) == due


def test_advance_copy_due_skips_a_partnership_closure_day():
    """A closure day of the partnership is not a working day for the count."""
    closed = WorkingDayCalendar(closures={date(2025, 12, 23): "Office closed"})
    assert advance_copy_due(date(2026, 1, 6), 7, closed) == date(2025, 12, 22)


@pytest.mark.parametrize("sent, today, expected", [
    (None, date(2025, 12, 1), "running"),
    (None, date(2025, 12, 23), "due_today"),
    (None, date(2025, 12, 29), "overdue"),
    (date(2025, 12, 22), date(2026, 1, 6), "met_on_time"),
    (date(2025, 12, 23), date(2026, 1, 6), "met_on_time"),
    (date(2025, 12, 24), date(2026, 1, 6), "met_late"),
])
def test_advance_copy_clock_is_met_on_the_date_sent(sent, today, expected):
    """Planned for Tuesday 6 January 2026 with 7 working days: due Tuesday 23 December 2025."""
    clock = advance_clock_state(lcspr(planned_publication_date=date(2026, 1, 6), advance_copy_sent_on=sent),
                                today, CAL)
    assert clock["due"] == date(2025, 12, 23) and clock["state"].status == expected


def test_advance_copy_clock_waits_for_a_planned_publication_date():
    """Until a publication date is planned the clock says so; a review not published does not need one."""
    assert advance_clock_state(lcspr(), date(2026, 1, 5), CAL) == {"set": False, "text": NO_PLANNED_DATE}
    assert advance_clock_state(lcspr(status="not_published", planned_publication_date=date(2026, 1, 6)),
                               date(2026, 1, 5), CAL)["text"] == NOT_PUBLISHING
    assert advance_clock_state(lcspr(planned_publication_date=date(2026, 1, 6)), date(2025, 12, 19),
                               CAL)["warn"] is True


@pytest.mark.parametrize("planned, late", [
    (date(2026, 2, 28), None), (date(2026, 2, 27), None), (date(2026, 3, 1), date(2026, 2, 28)), (None, None)])
def test_a_planned_publication_after_the_six_months_is_flagged(planned, late):
    """Planning publication after the 6-month due date gives that due date (for the warning); on time, None."""
    assert planned_after_due(lcspr(planned_publication_date=planned), CAL) == late


@settings(max_examples=300, deadline=None)
@given(planned=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
       days=st.integers(min_value=1, max_value=30))
def test_advance_copy_due_is_always_a_working_day_strictly_before_publication(planned, days):
    """Whatever the planned date and the number of days, the due date is a working day before it, and the
    working days from it up to (not including) the planned date number exactly `days`."""
    due = advance_copy_due(planned, days, CAL)
    assert due < planned
    assert CAL.is_working_day(due)
    span = [due + timedelta(days=n) for n in range((planned - due).days)]
    assert sum(CAL.is_working_day(d) for d in span) == days
