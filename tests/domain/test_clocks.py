"""Tests for clock due dates, adjustments, statuses and their summaries."""

from datetime import date

import pytest

from casereview.domain.calendar import WorkingDayCalendar, default_calendar
from casereview.domain.clocks import (
    Adjustment,
    AdjustmentKind,
    ClockDefinition,
    ClockError,
    ClockStatus,
    Direction,
    StartEvent,
    Unit,
    due_date,
    evaluate,
    format_date,
)

CAL = default_calendar()
SAT_20_DEC = date(2025, 12, 20)
WED_14_JAN = date(2026, 1, 14)


def clock(length, unit, direction=Direction.AFTER, start=StartEvent.NOTIFICATION_RECEIVED):
    return ClockDefinition(id="c", label="Clock", start_event=start, length=length, unit=unit, direction=direction)


RAPID_REVIEW = clock(15, Unit.WORKING_DAYS)
PAPERS = clock(5, Unit.WORKING_DAYS, Direction.BEFORE, StartEvent.MEETING)


def adj(kind, on, **kwargs):
    kwargs.setdefault("reason", "Agreed at the meeting")
    return Adjustment(kind=kind, on=on, agreed_by="Chair", agreed_on=on, **kwargs)


def rr(today, **kwargs):
    return evaluate(RAPID_REVIEW, anchor=SAT_20_DEC, today=today, calendar=CAL, **kwargs)


@pytest.mark.parametrize(
    ("defn", "anchor", "expected"),
    [
        (RAPID_REVIEW, SAT_20_DEC, WED_14_JAN),  # DOMAIN.md §3
        (clock(5, Unit.WORKING_DAYS), date(2026, 4, 1), date(2026, 4, 10)),  # over Easter 2026
        (PAPERS, date(2026, 1, 6), date(2025, 12, 29)),  # DOMAIN.md §3, backwards
        (clock(7, Unit.WORKING_DAYS, Direction.BEFORE), date(2026, 4, 14), date(2026, 4, 1)),
        (clock(0, Unit.WORKING_DAYS), SAT_20_DEC, SAT_20_DEC),
        (clock(10, Unit.CALENDAR_DAYS), date(2026, 1, 1), date(2026, 1, 11)),  # a Sunday, not moved
        (clock(10, Unit.CALENDAR_DAYS, Direction.BEFORE), date(2026, 1, 11), date(2026, 1, 1)),  # a holiday
        (clock(3, Unit.WEEKS), date(2026, 1, 6), date(2026, 1, 27)),
        (clock(2, Unit.WEEKS, Direction.BEFORE), date(2026, 1, 6), date(2025, 12, 23)),
        (clock(6, Unit.MONTHS), date(2025, 3, 15), date(2025, 9, 15)),
        (clock(12, Unit.MONTHS), date(2025, 12, 25), date(2026, 12, 25)),  # a bank holiday, not moved
        (clock(1, Unit.MONTHS, Direction.BEFORE), date(2026, 3, 31), date(2026, 2, 28)),
    ],
)
def test_due_date_by_unit_and_direction(defn, anchor, expected):
    """Working days use the calendar; calendar days, weeks and months are plain arithmetic."""
    assert due_date(defn, anchor, CAL) == expected


@pytest.mark.parametrize(
    ("anchor", "months", "expected"),
    [
        (date(2025, 8, 31), 6, date(2026, 2, 28)),  # non-leap February
        (date(2023, 8, 31), 6, date(2024, 2, 29)),  # leap February
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2025, 3, 31), 1, date(2025, 4, 30)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2025, 2, 28), 1, date(2025, 3, 28)),  # same day-number, not the month end
    ],
)
def test_month_clock_clamps_to_month_end(anchor, months, expected):
    """A month clock lands on the same day-number, or the month's last day when that does not exist."""
    assert due_date(clock(months, Unit.MONTHS), anchor, CAL) == expected


def test_working_day_clock_uses_partnership_closures():
    """A partnership closure lengthens a working-day clock by the closed days."""
    cal = WorkingDayCalendar(closures={date(2025, 12, 29): "Winter closure", date(2025, 12, 30): "Winter closure"})
    assert due_date(RAPID_REVIEW, SAT_20_DEC, cal) == date(2026, 1, 16)


@pytest.mark.parametrize(
    ("today", "kwargs", "status", "summary"),
    [
        (date(2026, 1, 2), {}, ClockStatus.RUNNING, "Day 7 of 15 — due Wednesday 14 January 2026"),
        (SAT_20_DEC, {}, ClockStatus.RUNNING, "Day 0 of 15 — due Wednesday 14 January 2026"),
        (WED_14_JAN, {}, ClockStatus.DUE_TODAY, "Day 15 of 15 — due today (Wednesday 14 January 2026)"),
        (date(2026, 1, 19), {}, ClockStatus.OVERDUE, "Overdue by 3 working days — was due Wednesday 14 January 2026"),
        (date(2026, 1, 15), {}, ClockStatus.OVERDUE, "Overdue by 1 working day — was due Wednesday 14 January 2026"),
        (
            date(2026, 1, 20),
            {"completed_on": date(2026, 1, 13)},
            ClockStatus.MET_ON_TIME,
            "Met on Tuesday 13 January 2026 (due Wednesday 14 January 2026)",
        ),
        (
            WED_14_JAN,
            {"completed_on": WED_14_JAN},
            ClockStatus.MET_ON_TIME,
            "Met on Wednesday 14 January 2026 (due Wednesday 14 January 2026)",
        ),
        (
            date(2026, 1, 20),
            {"completed_on": date(2026, 1, 16)},
            ClockStatus.MET_LATE,
            "Met 2 working days late on Friday 16 January 2026 (due Wednesday 14 January 2026)",
        ),
        (
            date(2026, 1, 13),
            {"adjustments": [adj(AdjustmentKind.PAUSE, date(2026, 1, 12))]},
            ClockStatus.PAUSED,
            "Paused since Monday 12 January 2026 — 2 working days were left",
        ),
        (
            date(2026, 1, 20),
            {"adjustments": [adj(AdjustmentKind.PAUSE, date(2026, 1, 13))]},
            ClockStatus.PAUSED,
            "Paused since Tuesday 13 January 2026 — 1 working day was left",
        ),
    ],
)
def test_status_and_summary_of_working_day_clock(today, kwargs, status, summary):
    """Each status of a working-day AFTER clock has its house-style summary."""
    state = rr(today, **kwargs)
    assert state.status is status
    assert state.summary == summary


def test_met_late_on_the_weekend_after_a_friday_due_date():
    """Completing on the Saturday after a Friday due date is late by no working days."""
    defn = clock(10, Unit.CALENDAR_DAYS)
    completed = date(2026, 1, 17)
    state = evaluate(defn, anchor=date(2026, 1, 6), today=date(2026, 1, 19), calendar=CAL, completed_on=completed)
    assert (state.status, state.overdue_by) == (ClockStatus.MET_LATE, 0)
    assert state.summary == "Met late on Saturday 17 January 2026 (due Friday 16 January 2026)"


def test_not_started_without_anchor():
    """A clock whose start event has not happened is not started and has no due date."""
    state = evaluate(RAPID_REVIEW, anchor=None, today=WED_14_JAN, calendar=CAL)
    assert state.status is ClockStatus.NOT_STARTED
    assert state.due is None and state.original_due is None and state.day_number is None
    assert state.summary == "Not started"


def test_running_state_fields():
    """A running clock reports its day number, working days left and both due dates."""
    state = rr(date(2026, 1, 2))
    assert (state.original_due, state.due, state.length) == (WED_14_JAN, WED_14_JAN, 15)
    assert (state.day_number, state.working_days_left, state.overdue_by) == (7, 8, None)


def test_overdue_state_fields():
    """An overdue clock reports working days past due and no working days left."""
    state = rr(date(2026, 1, 19))
    assert (state.overdue_by, state.working_days_left) == (3, None)


@pytest.mark.parametrize(
    ("defn", "anchor", "today", "status", "summary"),
    [
        (
            PAPERS,
            date(2026, 1, 6),
            date(2025, 12, 22),
            ClockStatus.RUNNING,
            "3 working days left — due Monday 29 December 2025",
        ),
        (
            PAPERS,
            date(2026, 1, 6),
            date(2025, 12, 29),
            ClockStatus.DUE_TODAY,
            "0 working days left — due today (Monday 29 December 2025)",
        ),
        (
            PAPERS,
            date(2026, 1, 6),
            date(2026, 1, 2),
            ClockStatus.OVERDUE,
            "Overdue by 3 working days — was due Monday 29 December 2025",
        ),
        (
            clock(3, Unit.WEEKS, start=StartEvent.MEETING),
            date(2026, 1, 6),
            date(2026, 1, 20),
            ClockStatus.RUNNING,
            "5 working days left — due Tuesday 27 January 2026",
        ),
        (
            clock(6, Unit.MONTHS, start=StartEvent.DECISION),
            date(2025, 8, 31),
            date(2026, 3, 1),
            ClockStatus.OVERDUE,
            "Overdue — was due Saturday 28 February 2026",
        ),
    ],
)
def test_summary_without_day_numbers(defn, anchor, today, status, summary):
    """BEFORE clocks and calendar units show working days left instead of "Day X of Y"."""
    state = evaluate(defn, anchor=anchor, today=today, calendar=CAL)
    assert state.status is status
    assert state.day_number is None
    assert state.summary == summary


@pytest.mark.parametrize(
    "extension",
    [
        {"new_due_date": date(2026, 1, 21)},
        {"extra": 5},
    ],
)
def test_extension_moves_due_date_and_length(extension):
    """An extension to an agreed date or by N working days moves the due date and lengthens the clock."""
    state = rr(date(2026, 1, 2), adjustments=[adj(AdjustmentKind.EXTEND, date(2026, 1, 2), **extension)])
    assert (state.original_due, state.due, state.length) == (WED_14_JAN, date(2026, 1, 21), 20)
    assert state.summary == "Day 7 of 20 — due Wednesday 21 January 2026"
    assert len(state.history) == 1


def test_extension_of_month_clock_by_units():
    """Extending a month clock by one adds a calendar month, clamped to the month end."""
    lcspr = clock(6, Unit.MONTHS, start=StartEvent.DECISION)
    extension = adj(AdjustmentKind.EXTEND, date(2026, 1, 5), extra=1)
    state = evaluate(lcspr, anchor=date(2025, 7, 31), today=date(2026, 1, 5), calendar=CAL, adjustments=[extension])
    assert (state.original_due, state.due) == (date(2026, 1, 31), date(2026, 2, 28))


def test_extension_after_overdue_restarts_clock():
    """An extension agreed after the due date makes the clock run again to the new date."""
    extension = adj(AdjustmentKind.EXTEND, date(2026, 1, 16), new_due_date=date(2026, 1, 23))
    assert rr(date(2026, 1, 19), adjustments=[extension]).status is ClockStatus.RUNNING


def test_pause_and_resume_move_working_day_due_date():
    """Resuming moves the due date later by the working days in (pause, resume]."""
    history = [adj(AdjustmentKind.PAUSE, date(2026, 1, 5)), adj(AdjustmentKind.RESUME, date(2026, 1, 7))]
    state = rr(date(2026, 1, 8), adjustments=history)
    assert state.status is ClockStatus.RUNNING
    assert state.due == date(2026, 1, 16)
    assert state.day_number == 9  # day 8 on 5 Jan; 6 and 7 Jan were paused
    assert state.summary == "Day 9 of 15 — due Friday 16 January 2026"


def test_pause_and_resume_move_calendar_day_due_date():
    """A calendar-day clock gets back every calendar day of the pause."""
    defn = clock(30, Unit.CALENDAR_DAYS)
    history = [adj(AdjustmentKind.PAUSE, date(2026, 1, 10)), adj(AdjustmentKind.RESUME, date(2026, 1, 15))]
    state = evaluate(defn, anchor=date(2026, 1, 1), today=date(2026, 1, 20), calendar=CAL, adjustments=history)
    assert state.due == date(2026, 2, 5)


def test_paused_clock_freezes_day_number():
    """While paused the day number and working days left stay as they were at the pause."""
    state = rr(date(2026, 1, 30), adjustments=[adj(AdjustmentKind.PAUSE, date(2026, 1, 5))])
    assert state.status is ClockStatus.PAUSED
    assert (state.day_number, state.working_days_left, state.paused_since) == (8, 7, date(2026, 1, 5))


def test_completion_while_paused_ends_the_pause():
    """Completing while paused counts the pause up to completion, so it can still be on time."""
    state = rr(date(2026, 1, 21), completed_on=date(2026, 1, 20), adjustments=[adj(AdjustmentKind.PAUSE, WED_14_JAN)])
    assert state.status is ClockStatus.MET_ON_TIME
    assert state.due == date(2026, 1, 20)


def test_future_adjustment_does_not_apply_yet():
    """An adjustment takes effect on its date, so evaluating earlier ignores it."""
    state = rr(date(2026, 1, 8), adjustments=[adj(AdjustmentKind.PAUSE, date(2026, 1, 10))])
    assert state.status is ClockStatus.RUNNING
    assert state.history == ()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kind": AdjustmentKind.EXTEND, "extra": 2, "new_due_date": date(2026, 1, 30)}, "exactly one"),
        ({"kind": AdjustmentKind.EXTEND}, "exactly one"),
        ({"kind": AdjustmentKind.EXTEND, "extra": -1}, "cannot be negative"),
        ({"kind": AdjustmentKind.PAUSE, "extra": 1}, "cannot carry"),
        ({"kind": AdjustmentKind.RESUME, "new_due_date": date(2026, 1, 30)}, "cannot carry"),
        ({"kind": AdjustmentKind.PAUSE, "reason": "  "}, "needs a reason"),
    ],
)
def test_malformed_adjustment_is_refused(kwargs, message):
    """An adjustment that is malformed in itself cannot be created."""
    with pytest.raises(ClockError, match=message):
        adj(on=date(2026, 1, 5), **kwargs)


@pytest.mark.parametrize(
    ("history", "message"),
    [
        ([adj(AdjustmentKind.EXTEND, date(2026, 1, 5), new_due_date=WED_14_JAN)], "later than the current one"),
        ([adj(AdjustmentKind.EXTEND, date(2026, 1, 5), new_due_date=date(2026, 1, 9))], "later than the current one"),
        ([adj(AdjustmentKind.RESUME, date(2026, 1, 5))], "must follow a pause"),
        (
            [adj(AdjustmentKind.PAUSE, date(2026, 1, 5)), adj(AdjustmentKind.PAUSE, date(2026, 1, 6))],
            "already paused",
        ),
        (
            [adj(AdjustmentKind.PAUSE, date(2026, 1, 6)), adj(AdjustmentKind.RESUME, date(2026, 1, 5))],
            "date order",
        ),
        ([adj(AdjustmentKind.PAUSE, date(2026, 1, 15))], "after its due date"),
    ],
)
def test_adjustment_that_does_not_fit_the_clock_is_refused(history, message):
    """Adjustments that contradict the clock's state raise ClockError with a clear message."""
    with pytest.raises(ClockError, match=message):
        rr(date(2026, 1, 20), adjustments=history)


def test_completion_after_today_is_refused():
    """A completion date in the future is an error, not a met clock."""
    with pytest.raises(ClockError, match="after today"):
        rr(date(2026, 1, 2), completed_on=date(2026, 1, 5))


def test_clock_error_is_a_value_error():
    """ClockError is a ValueError so callers validating input can catch either."""
    assert issubclass(ClockError, ValueError)


@pytest.mark.parametrize(
    ("d", "text"),
    [(date(2026, 1, 4), "Sunday 4 January 2026"), (date(2025, 12, 29), "Monday 29 December 2025")],
)
def test_format_date_has_no_leading_zero(d, text):
    """Dates read as "Sunday 4 January 2026", without a leading zero."""
    assert format_date(d) == text


def test_fixed_due_date_is_not_moved_by_a_later_closure():
    """A due date stored when the clock started stays put when the calendar later gains a closure."""
    from casereview.domain.calendar import WorkingDayCalendar

    rr = ClockDefinition("rr", "Rapid review", StartEvent.NOTIFICATION_RECEIVED, 15, Unit.WORKING_DAYS)
    stored = due_date(rr, date(2025, 12, 20), WorkingDayCalendar())
    later = WorkingDayCalendar(closures={date(2026, 1, 6): "Office move"})
    assert evaluate(rr, anchor=date(2025, 12, 20), today=date(2026, 1, 5), calendar=later).due == date(2026, 1, 15)
    state = evaluate(rr, anchor=date(2025, 12, 20), today=date(2026, 1, 5), calendar=later, fixed_due=stored)
    assert state.due == stored == date(2026, 1, 14)
