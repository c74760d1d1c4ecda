"""The working-day calendar of England and Wales, with per-partnership closures and openings.

Counting convention (DOMAIN.md §3); every example below is a test in tests/domain/test_calendar.py.

A working day is Monday to Friday, excluding the bank holidays of England and Wales
(substitute and one-off days included), excluding the partnership's own closures, and
including any date the partnership has explicitly opened.

* The start date is day 0, whatever kind of day it is.
* Day N is the N-th working day strictly after the start.
* "Within N working days" means by the end of day N, so ``add_working_days(start, N)`` is the
  last day on which the duty is met.
* A clock that runs *before* an event counts the same way backwards.
* ``add_working_days(start, 0)`` is ``start``, even when ``start`` is not a working day.

Examples:

* A notification received on Saturday 20 December 2025: day 1 is Monday 22 December 2025;
  23 Dec is day 2, 24 Dec day 3, 25 and 26 Dec are bank holidays, 29 Dec day 4, 30 Dec day 5,
  31 Dec day 6, 1 Jan 2026 a bank holiday, 2 Jan day 7, ... 13 Jan day 14 — so
  ``add_working_days(date(2025, 12, 20), 15)`` is Wednesday 14 January 2026.
* Papers "5 working days before" a meeting on Tuesday 6 January 2026 count back 5 Jan (1),
  2 Jan (2), 31 Dec (3), 30 Dec (4), 29 Dec (5): ``add_working_days(date(2026, 1, 6), -5)``
  is Monday 29 December 2025.
* ``working_days_between(start, end)`` counts working days d with start < d <= end, so for
  n >= 0, ``working_days_between(start, add_working_days(start, n)) == n``. Friday 2 January
  2026 to Monday 5 January 2026 is 1; the reverse is -1.

Bank holidays come from the ``holidays`` package (country GB, subdivision ENG), computed
offline and cached per year. ``data/bank_holidays_england_wales.json`` is a reviewed snapshot
of that output; a test compares the two so that a package upgrade that moves a date shows as
a failing test and a diff. Regenerate it with ``python -m casereview.domain.calendar --write-snapshot``.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Mapping
from datetime import date, timedelta
from pathlib import Path
from types import MappingProxyType

import holidays

SNAPSHOT_PATH = Path(__file__).resolve().parent / "data" / "bank_holidays_england_wales.json"
SNAPSHOT_YEARS = (2018, 2035)

_EMPTY: Mapping[date, str] = MappingProxyType({})
_ONE_DAY = timedelta(days=1)


@functools.cache
def bank_holidays(year: int) -> Mapping[date, str]:
    """Return the England and Wales bank holidays of `year`, including substitute and one-off days.

    Some dates fall on a weekend (Christmas Day 2021 was a Saturday); they are kept with their
    name, and the weekday substitute appears as "... (observed)".
    """
    computed = holidays.country_holidays("GB", subdiv="ENG", years=year)
    return MappingProxyType(dict(sorted(computed.items())))


class WorkingDayCalendar:
    """Working days for one partnership: bank holidays, plus its closures, minus its openings."""

    __slots__ = ("_closures", "_openings")

    def __init__(self, closures: Mapping[date, str] = _EMPTY, openings: Mapping[date, str] = _EMPTY):
        both = sorted(set(closures) & set(openings))
        if both:
            raise ValueError(f"A date cannot be both a closure and an opening: {both[0].isoformat()}")
        for d, reason in {**closures, **openings}.items():
            if not str(reason).strip():
                raise ValueError(f"A closure or opening needs a reason: {d.isoformat()}")
        # Copied so a caller mutating its dict cannot change the calendar under a running clock.
        self._closures: Mapping[date, str] = MappingProxyType(dict(closures))
        self._openings: Mapping[date, str] = MappingProxyType(dict(openings))

    def __repr__(self) -> str:
        return f"WorkingDayCalendar(closures={len(self._closures)}, openings={len(self._openings)})"

    @property
    def closures(self) -> Mapping[date, str]:
        return self._closures

    @property
    def openings(self) -> Mapping[date, str]:
        return self._openings

    def non_working_reason(self, d: date) -> str | None:
        """Return why `d` is not a working day, or None when it is one.

        The most specific reason wins: a bank holiday, then a closure, then the weekend.
        """
        if d in self._openings:
            return None
        holiday = bank_holidays(d.year).get(d)
        if holiday:
            return holiday
        if d in self._closures:
            return f"Partnership closure: {self._closures[d]}"
        if d.weekday() >= 5:
            return d.strftime("%A")
        return None

    def is_working_day(self, d: date) -> bool:
        return self.non_working_reason(d) is None

    def add_working_days(self, start: date, n: int) -> date:
        """Return day `n` counted from `start` (day 0); a negative `n` counts backwards."""
        step = _ONE_DAY if n >= 0 else -_ONE_DAY
        d, remaining = start, abs(n)
        while remaining:
            d += step
            if self.is_working_day(d):
                remaining -= 1
        return d

    def working_days_between(self, start: date, end: date) -> int:
        """Count working days d with start < d <= end; the negative of the reverse when end < start.

        Counted by arithmetic, not day by day: a ten-year-old overdue clock is evaluated on every list page,
        and walking its days dominated the page's time (found by the benchmark)."""
        if end < start:
            return -self.working_days_between(end, start)
        days = (end - start).days
        weeks, rest = divmod(days, 7)
        count = 5 * weeks + sum((start + _ONE_DAY * (7 * weeks + i)).weekday() < 5 for i in range(1, rest + 1))
        closed = {d for year in range(start.year, end.year + 1) for d in bank_holidays(year)}
        closed.update(self._closures)
        count -= sum(1 for d in closed if start < d <= end and d.weekday() < 5 and d not in self._openings)
        count += sum(1 for d in self._openings if start < d <= end and (d.weekday() >= 5 or d in closed))
        return count

    def holidays_between(self, start: date, end: date) -> list[tuple[date, str]]:
        """Return the bank holidays and closures from `start` to `end` inclusive, by date."""
        found: dict[date, str] = {}
        for year in range(start.year, end.year + 1):
            found.update(bank_holidays(year))
        found.update({d: f"Partnership closure: {r}" for d, r in self._closures.items() if d not in found})
        return sorted((d, reason) for d, reason in found.items() if start <= d <= end and d not in self._openings)


_DEFAULT = WorkingDayCalendar()


def default_calendar() -> WorkingDayCalendar:
    """Return the shared calendar of bank holidays alone, with no closures or openings."""
    return _DEFAULT


def compute_snapshot(first: int = SNAPSHOT_YEARS[0], last: int = SNAPSHOT_YEARS[1]) -> dict:
    """Return the bank holidays of `first`..`last` in the snapshot's JSON shape."""
    days = {d.isoformat(): name for year in range(first, last + 1) for d, name in bank_holidays(year).items()}
    return {
        "source": f"holidays {holidays.__version__} GB subdiv ENG",
        "years": [first, last],
        "holidays": days,
    }


def load_snapshot() -> dict:
    """Return the committed snapshot of bank holidays."""
    return json.loads(SNAPSHOT_PATH.read_text(encoding="utf-8"))


def write_snapshot() -> Path:
    """Write the computed bank holidays over the committed snapshot, for review as a diff."""
    SNAPSHOT_PATH.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(compute_snapshot(), indent=1, sort_keys=True, ensure_ascii=False)
    SNAPSHOT_PATH.write_text(text + "\n", encoding="utf-8")
    return SNAPSHOT_PATH


if __name__ == "__main__":
    if sys.argv[1:] != ["--write-snapshot"]:
        sys.exit("usage: python -m casereview.domain.calendar --write-snapshot")
    print(f"wrote {write_snapshot()}")
