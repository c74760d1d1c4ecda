"""Reads of the working-day calendar: a partnership's calendar, its own entries, and the calculator's answers.

Every answer follows the convention of `casereview.domain.calendar`: day 0 is the start date; day N is
the N-th working day after it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.http import Http404

from casereview.domain.calendar import WorkingDayCalendar, default_calendar

from .access import partnerships_for, roles_in
from .models import CalendarDay, CalendarDayKind

# Limits that keep every calculation to a few thousand steps and inside years the calendar knows.
EARLIEST = date(1990, 1, 1)
LATEST = date(2100, 12, 31)
MAX_DAYS = 400
MAX_RANGE_YEARS = 3
AFTER, BEFORE = "after", "before"
DIRECTIONS = [(AFTER, "After the date"), (BEFORE, "Before the date")]


def long_date(d: date) -> str:
    """Return a date as GOV.UK writes it in a sentence: 'Saturday 20 December 2025'."""
    return f"{d:%A} {d.day} {d:%B %Y}"


def range_too_long(start: date, end: date) -> bool:
    """Whether `end` is more than MAX_RANGE_YEARS after `start` (a 29 February start counts from 1 March)."""
    try:
        limit = start.replace(year=start.year + MAX_RANGE_YEARS)
    except ValueError:
        limit = date(start.year + MAX_RANGE_YEARS, 3, 1)
    return end > limit


def partnership_calendar(partnership) -> WorkingDayCalendar:
    """Return the partnership's working-day calendar (bank holidays, its closures and openings) in one query."""
    if partnership is None:
        return default_calendar()
    # list(): the rows are read twice below, and a lazy queryset would query twice.
    rows = list(CalendarDay.objects.filter(partnership=partnership).values_list("date", "kind", "reason"))
    closures = {d: reason for d, kind, reason in rows if kind == CalendarDayKind.CLOSED}
    openings = {d: reason for d, kind, reason in rows if kind == CalendarDayKind.OPEN}
    return WorkingDayCalendar(closures=closures, openings=openings)


def calendar_for_user(user) -> tuple[object | None, WorkingDayCalendar]:
    """Return the user's first partnership and its calendar, or (None, the England and Wales default)."""
    partnership = partnerships_for(user).first()
    return partnership, partnership_calendar(partnership)


def _may_read(user, partnership) -> bool:
    return user.is_authenticated and (user.is_superuser or bool(roles_in(user, partnership)))


def calendar_days(user, partnership) -> list[CalendarDay]:
    """Return the partnership's closures and openings by date; empty for anyone outside the partnership."""
    if partnership is None or not _may_read(user, partnership):
        return []
    return list(CalendarDay.objects.filter(partnership=partnership).select_related("created_by").order_by("date"))


def calendar_day_get(user, pk) -> CalendarDay:
    """Return one closure or opening of a partnership the user belongs to, else raise Http404."""
    day = CalendarDay.objects.select_related("partnership").filter(
        pk=pk, partnership__in=partnerships_for(user)
    ).first()
    if day is None:
        raise Http404("No such calendar entry.")
    return day


@dataclass(frozen=True)
class AddResult:
    """Day `days` counted `direction` `start`, and the non-working days the count stepped over."""

    start: date
    days: int
    direction: str
    result: date
    start_reason: str | None
    skipped: list[tuple[date, str]] = field(default_factory=list)


def non_working_days(calendar: WorkingDayCalendar, first: date, last: date) -> list[tuple[date, str]]:
    """Return each non-working day from `first` to `last` inclusive, with the reason, by date."""
    found, d = [], first
    while d <= last:
        reason = calendar.non_working_reason(d)
        if reason is not None:
            found.append((d, reason))
        d += timedelta(days=1)
    return found


def working_days_from(calendar: WorkingDayCalendar, *, start: date, days: int, direction: str) -> AddResult:
    """Count `days` working days after (or before) `start`, listing the days skipped between the two."""
    result = calendar.add_working_days(start, days if direction == AFTER else -days)
    # The start (day 0) and the answer are not "skipped"; only the days strictly between them are.
    first, last = sorted((start, result))
    skipped = non_working_days(calendar, first + timedelta(days=1), last - timedelta(days=1))
    return AddResult(start, days, direction, result, calendar.non_working_reason(start), skipped)


@dataclass(frozen=True)
class CountResult:
    """Working days d with start < d <= end; negative when `end` is before `start`."""

    start: date
    end: date
    working_days: int

    @property
    def size(self) -> int:
        return abs(self.working_days)


def working_days_count(calendar: WorkingDayCalendar, *, start: date, end: date) -> CountResult:
    """Count the working days after `start` up to and including `end`."""
    return CountResult(start, end, calendar.working_days_between(start, end))


@dataclass(frozen=True)
class HolidaysResult:
    """The bank holidays and partnership closures from `start` to `end` inclusive."""

    start: date
    end: date
    holidays: list[tuple[date, str]]


def holidays_in_range(calendar: WorkingDayCalendar, *, start: date, end: date) -> HolidaysResult:
    """List the bank holidays and closures from `start` to `end` inclusive."""
    return HolidaysResult(start, end, calendar.holidays_between(start, end))
