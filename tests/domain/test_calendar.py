"""Tests for the England and Wales working-day calendar and its counting convention."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casereview.domain.calendar import (
    SNAPSHOT_YEARS,
    WorkingDayCalendar,
    bank_holidays,
    compute_snapshot,
    default_calendar,
    load_snapshot,
)

CAL = default_calendar()

BANK_HOLIDAYS = [
    # Easter
    (date(2025, 4, 18), "Good Friday"),
    (date(2025, 4, 21), "Easter Monday"),
    (date(2026, 4, 3), "Good Friday"),
    (date(2026, 4, 6), "Easter Monday"),
    # Christmas on a weekend: both substitutes fall on the following Monday and Tuesday
    (date(2021, 12, 27), "Christmas Day (observed)"),
    (date(2021, 12, 28), "Boxing Day (observed)"),
    # Christmas on a Sunday: Boxing Day keeps Monday and Christmas is substituted on Tuesday
    (date(2022, 12, 26), "Boxing Day"),
    (date(2022, 12, 27), "Christmas Day (observed)"),
    # New Year's Day on a weekend
    (date(2022, 1, 3), "New Year's Day (observed)"),
    (date(2023, 1, 2), "New Year's Day (observed)"),
    # One-off days by royal proclamation
    (date(2022, 6, 3), "Platinum Jubilee of Elizabeth II"),
    (date(2022, 9, 19), "State Funeral of Queen Elizabeth II"),
    (date(2023, 5, 8), "Coronation of Charles III"),
    # Spring bank holiday moved from the last Monday of May for the Platinum Jubilee
    (date(2022, 6, 2), "Spring Bank Holiday"),
    # Early May bank holiday moved to a Friday for the 75th anniversary of VE Day
    (date(2020, 5, 8), "May Day"),
    (date(2025, 12, 25), "Christmas Day"),
    (date(2025, 12, 26), "Boxing Day"),
    (date(2026, 1, 1), "New Year's Day"),
]

WORKING_DAYS = [
    date(2022, 5, 30),  # the usual Spring bank holiday Monday, not a holiday in 2022
    date(2020, 5, 4),  # the usual Early May Monday, not a holiday in 2020
    date(2025, 12, 24),  # Christmas Eve is not a bank holiday
    date(2025, 12, 31),  # nor is New Year's Eve
    date(2026, 1, 2),
    date(2024, 2, 29),  # leap day, a Thursday
    date(2026, 4, 2),  # Maundy Thursday
    date(2026, 4, 7),  # the Tuesday after Easter Monday
]

WEEKENDS = [
    (date(2025, 12, 20), "Saturday"),
    (date(2025, 12, 21), "Sunday"),
    (date(2026, 1, 31), "Saturday"),
    (date(2027, 1, 2), "Saturday"),
]

# (start, n, expected): the module docstring's examples, then month and year ends.
ADDITIONS = [
    (date(2025, 12, 20), 1, date(2025, 12, 22)),  # Saturday start: Monday is day 1
    (date(2025, 12, 20), 15, date(2026, 1, 14)),  # DOMAIN.md §3 rapid review example
    (date(2026, 1, 6), -5, date(2025, 12, 29)),  # DOMAIN.md §3 papers example
    (date(2025, 12, 20), 0, date(2025, 12, 20)),  # day 0 is the start, even on a weekend
    (date(2026, 1, 6), 0, date(2026, 1, 6)),
    (date(2025, 12, 24), 1, date(2025, 12, 29)),  # over Christmas and Boxing Day
    (date(2025, 12, 31), 1, date(2026, 1, 2)),  # over New Year's Day
    (date(2026, 1, 2), -1, date(2025, 12, 31)),
    (date(2026, 4, 2), 1, date(2026, 4, 7)),  # over Easter
    (date(2026, 4, 7), -1, date(2026, 4, 2)),
    (date(2022, 6, 1), 1, date(2022, 6, 6)),  # over the 2022 Jubilee Thursday and Friday
    (date(2022, 9, 16), 1, date(2022, 9, 20)),  # over the Queen's funeral
    (date(2023, 5, 5), 1, date(2023, 5, 9)),  # over the Coronation
    (date(2021, 12, 24), 1, date(2021, 12, 29)),  # over the 2021 substitute days
    (date(2022, 12, 23), 1, date(2022, 12, 28)),  # over the 2022 substitute day
    (date(2022, 12, 30), 1, date(2023, 1, 3)),  # over the 2023 New Year substitute
    (date(2026, 1, 30), 1, date(2026, 2, 2)),  # Friday month end to Monday
    (date(2026, 2, 27), 1, date(2026, 3, 2)),  # Friday at the end of a non-leap February
    (date(2024, 2, 28), 1, date(2024, 2, 29)),  # leap day counts
    (date(2026, 1, 31), 1, date(2026, 2, 2)),  # Saturday month end
    (date(2026, 12, 24), 1, date(2026, 12, 29)),  # Boxing Day 2026 substitute on Monday 28th
    (date(2027, 1, 4), -1, date(2026, 12, 31)),
]

BETWEEN = [
    (date(2026, 1, 2), date(2026, 1, 5), 1),
    (date(2026, 1, 5), date(2026, 1, 2), -1),
    (date(2026, 1, 5), date(2026, 1, 5), 0),
    (date(2025, 12, 20), date(2025, 12, 21), 0),  # a weekend adds nothing
    (date(2025, 12, 20), date(2026, 1, 14), 15),
    (date(2025, 12, 29), date(2026, 1, 6), 5),
    (date(2025, 12, 24), date(2025, 12, 28), 0),  # Christmas to the weekend
]


@pytest.mark.parametrize(("day", "name"), BANK_HOLIDAYS)
def test_bank_holiday_is_not_a_working_day(day, name):
    """A bank holiday, substitute or one-off day is not a working day and gives its name."""
    assert not CAL.is_working_day(day)
    assert CAL.non_working_reason(day) == name


@pytest.mark.parametrize("day", WORKING_DAYS)
def test_weekday_without_holiday_is_a_working_day(day):
    """A weekday that is not a bank holiday is a working day with no reason against it."""
    assert CAL.is_working_day(day)
    assert CAL.non_working_reason(day) is None


@pytest.mark.parametrize(("day", "name"), WEEKENDS)
def test_weekend_is_not_a_working_day(day, name):
    """Saturdays and Sundays are not working days and give the day's name."""
    assert not CAL.is_working_day(day)
    assert CAL.non_working_reason(day) == name


def test_weekend_bank_holiday_gives_holiday_name():
    """A bank holiday on a weekend reports the holiday, the more specific reason."""
    assert CAL.non_working_reason(date(2021, 12, 25)) == "Christmas Day"


@pytest.mark.parametrize(("start", "n", "expected"), ADDITIONS)
def test_add_working_days(start, n, expected):
    """Day n counts working days strictly after (or before) the start, the start being day 0."""
    assert CAL.add_working_days(start, n) == expected


@pytest.mark.parametrize(("start", "end", "expected"), BETWEEN)
def test_working_days_between(start, end, expected):
    """Working days between counts days in (start, end] and is antisymmetric."""
    assert CAL.working_days_between(start, end) == expected


def test_holidays_between_lists_holidays_and_closures_in_order():
    """The inclusive range lists bank holidays and closures, sorted, without openings."""
    cal = WorkingDayCalendar(
        closures={date(2025, 12, 29): "Winter closure"},
        openings={date(2025, 12, 26): "Rota cover"},
    )
    assert cal.holidays_between(date(2025, 12, 25), date(2026, 1, 1)) == [
        (date(2025, 12, 25), "Christmas Day"),
        (date(2025, 12, 29), "Partnership closure: Winter closure"),
        (date(2026, 1, 1), "New Year's Day"),
    ]
    assert cal.holidays_between(date(2026, 1, 2), date(2026, 1, 1)) == []


def test_partnership_closure_is_not_a_working_day():
    """A closure day is skipped when counting and reports its reason."""
    cal = WorkingDayCalendar(closures={date(2025, 12, 29): "Winter closure", date(2025, 12, 30): "Winter closure"})
    assert cal.non_working_reason(date(2025, 12, 29)) == "Partnership closure: Winter closure"
    assert cal.add_working_days(date(2025, 12, 24), 1) == date(2025, 12, 31)
    assert cal.working_days_between(date(2025, 12, 24), date(2025, 12, 31)) == 1


def test_opening_makes_bank_holiday_and_weekend_working_days():
    """An opening override counts a bank holiday or weekend date as a working day."""
    cal = WorkingDayCalendar(openings={date(2025, 12, 26): "Duty rota", date(2025, 12, 27): "Duty rota"})
    assert cal.is_working_day(date(2025, 12, 26))
    assert cal.is_working_day(date(2025, 12, 27))
    assert cal.add_working_days(date(2025, 12, 24), 2) == date(2025, 12, 27)


def test_closures_do_not_leak_into_default_calendar():
    """A partnership's closures stay on its own calendar, and later edits to its dict do not apply."""
    closures = {date(2026, 1, 2): "Closure"}
    cal = WorkingDayCalendar(closures=closures)
    closures[date(2026, 1, 5)] = "Added later"
    assert not cal.is_working_day(date(2026, 1, 2))
    assert cal.is_working_day(date(2026, 1, 5))
    assert CAL.is_working_day(date(2026, 1, 2))


@pytest.mark.parametrize(
    ("closures", "openings"),
    [
        ({date(2026, 1, 2): "x"}, {date(2026, 1, 2): "y"}),
        ({date(2026, 1, 2): " "}, {}),
        ({}, {date(2026, 1, 3): ""}),
    ],
)
def test_invalid_closures_and_openings_are_rejected(closures, openings):
    """A date both closed and opened, or a closure or opening without a reason, is refused."""
    with pytest.raises(ValueError):
        WorkingDayCalendar(closures=closures, openings=openings)


def test_default_calendar_is_shared():
    """default_calendar returns one shared instance with no closures or openings."""
    assert default_calendar() is CAL
    assert not CAL.closures and not CAL.openings


@pytest.mark.parametrize("year", range(SNAPSHOT_YEARS[0], SNAPSHOT_YEARS[1] + 1))
def test_each_year_has_at_least_eight_bank_holidays(year):
    """England and Wales have at least eight bank holidays every year."""
    assert len(bank_holidays(year)) >= 8


def test_computed_holidays_match_committed_snapshot():
    """The holidays package agrees with the reviewed snapshot; regenerate it only after review."""
    snapshot = load_snapshot()
    computed = compute_snapshot()
    assert snapshot["years"] == list(SNAPSHOT_YEARS)
    assert computed["holidays"] == snapshot["holidays"]


# Property-based tests ----------------------------------------------------------------------------

dates = st.dates(min_value=date(2018, 1, 1), max_value=date(2034, 12, 31))
counts = st.integers(min_value=0, max_value=60)


def _closures_strategy():
    return st.dictionaries(dates, st.just("Closure"), max_size=10)


@given(start=dates, n=counts)
def test_add_then_subtract_returns_to_a_working_start(start, n):
    """Adding then subtracting n working days returns to the start when it is a working day."""
    if not CAL.is_working_day(start):
        start = CAL.add_working_days(start, 1)
    assert CAL.add_working_days(CAL.add_working_days(start, n), -n) == start


@given(start=dates, n=counts, closures=_closures_strategy())
def test_between_agrees_with_add(start, n, closures):
    """working_days_between(start, add_working_days(start, n)) is n, closures or not."""
    cal = WorkingDayCalendar(closures=closures)
    assert cal.working_days_between(start, cal.add_working_days(start, n)) == n


@given(start=dates, n=st.integers(min_value=-60, max_value=60).filter(bool), closures=_closures_strategy())
def test_working_day_due_date_is_a_working_day(start, n, closures):
    """A due date n != 0 working days away is never a weekend, bank holiday or closure."""
    cal = WorkingDayCalendar(closures=closures)
    due = cal.add_working_days(start, n)
    assert due.weekday() < 5
    assert due not in bank_holidays(due.year)
    assert due not in closures


@given(start=dates, n=counts)
def test_add_is_strictly_monotonic_in_n(start, n):
    """One more working day always lands strictly later, one fewer strictly earlier."""
    assert CAL.add_working_days(start, n) < CAL.add_working_days(start, n + 1)
    assert CAL.add_working_days(start, -n) > CAL.add_working_days(start, -n - 1)


@given(a=dates, b=dates, c=dates)
def test_between_is_antisymmetric_and_additive(a, b, c):
    """working_days_between reverses sign when swapped and adds up across a middle date."""
    assert CAL.working_days_between(a, b) == -CAL.working_days_between(b, a)
    assert CAL.working_days_between(a, b) + CAL.working_days_between(b, c) == CAL.working_days_between(a, c)


def _counted_day_by_day(calendar, start, end):
    """The definition, walked one day at a time: the oracle for the arithmetic count."""
    if end < start:
        return -_counted_day_by_day(calendar, end, start)
    count, d = 0, start
    while d < end:
        d += timedelta(days=1)
        count += calendar.is_working_day(d)
    return count


@given(start=st.dates(min_value=date(2018, 1, 1), max_value=date(2030, 12, 31)),
       span=st.integers(min_value=-800, max_value=800),
       closures=st.sets(st.dates(min_value=date(2018, 1, 1), max_value=date(2031, 12, 31)), max_size=4),
       openings=st.sets(st.dates(min_value=date(2018, 1, 1), max_value=date(2031, 12, 31)), max_size=4))
def test_working_days_between_matches_counting_day_by_day(start, span, closures, openings):
    calendar = WorkingDayCalendar(closures={d: "Closed" for d in closures - openings},
                                  openings={d: "Open" for d in openings})
    end = start + timedelta(days=span)
    assert calendar.working_days_between(start, end) == _counted_day_by_day(calendar, start, end)
