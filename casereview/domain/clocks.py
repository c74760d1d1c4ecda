"""Clock definitions as data, and their evaluation into due dates and statuses."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

from dateutil.relativedelta import relativedelta

from casereview.domain.calendar import WorkingDayCalendar


class Unit(StrEnum):
    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"
    WEEKS = "weeks"
    MONTHS = "months"


class Direction(StrEnum):
    AFTER = "after"  # due N units after the start event (rapid review: 15 working days after receipt)
    BEFORE = "before"  # due N units before the event (papers: 5 working days before the meeting)


class Source(StrEnum):
    STATUTE = "statute"
    GUIDANCE = "guidance"
    LOCAL = "local"
    UNCONFIRMED = "unconfirmed"


class StartEvent(StrEnum):
    """Events a clock may be anchored to. Terms of reference choose among these."""

    INCIDENT = "incident_date"
    LA_AWARE = "la_aware_date"
    SIN_SUBMITTED = "sin_submitted_date"
    NOTIFICATION_RECEIVED = "received_date"
    MEETING = "meeting_date"
    PANEL_MEETING = "panel_meeting_date"
    PANEL_SUBMISSION = "panel_submission_date"
    DECISION = "decision_date"
    PLANNED_PUBLICATION = "planned_publication_date"
    QUARTER_END = "quarter_end_date"
    LAST_TOR_REVIEW = "last_review_date"
    ACTION_SET = "action_set_date"


@dataclass(frozen=True)
class ClockDefinition:
    """One clock, as data: what starts it, how long it runs, and where the rule comes from.

    `breach` is False for an expected date that is not a deadline of ours (Panel feedback).
    """

    id: str
    label: str
    start_event: StartEvent
    length: int
    unit: Unit
    direction: Direction = Direction.AFTER
    source: Source = Source.LOCAL
    citation: str = ""
    breach: bool = True


class ClockError(ValueError):
    """An adjustment or evaluation request that breaks the rules of the clock."""


class AdjustmentKind(StrEnum):
    EXTEND = "extend"
    PAUSE = "pause"
    RESUME = "resume"


class ClockStatus(StrEnum):
    NOT_STARTED = "not_started"
    RUNNING = "running"
    DUE_TODAY = "due_today"
    OVERDUE = "overdue"
    MET_ON_TIME = "met_on_time"
    MET_LATE = "met_late"
    PAUSED = "paused"


# A clock's status in a word or two, as its tag on a page and its column in a download show it.
STATUS_LABELS = {
    ClockStatus.NOT_STARTED: "Not started", ClockStatus.RUNNING: "Running", ClockStatus.DUE_TODAY: "Due today",
    ClockStatus.OVERDUE: "Overdue", ClockStatus.MET_ON_TIME: "Met", ClockStatus.MET_LATE: "Met late",
    ClockStatus.PAUSED: "Paused",
}


@dataclass(frozen=True)
class Adjustment:
    """An agreed change to a running clock, kept as history rather than overwriting the due date.

    An EXTEND gives either `new_due_date` (an agreed date) or `extra` (more units of the clock's
    own unit), never both. `on` is the date the change took effect.
    """

    kind: AdjustmentKind
    on: date
    reason: str
    agreed_by: str
    agreed_on: date
    new_due_date: date | None = None
    extra: int = 0

    def __post_init__(self) -> None:
        if not self.reason.strip():
            raise ClockError(f"A {self.kind} adjustment needs a reason.")
        if self.extra < 0:
            raise ClockError("An extension cannot be negative.")
        if self.kind is AdjustmentKind.EXTEND:
            if (self.new_due_date is None) == (self.extra == 0):
                raise ClockError("An extension needs exactly one of a new due date or a number of extra units.")
        elif self.new_due_date is not None or self.extra:
            raise ClockError(f"A {self.kind} adjustment cannot carry a new due date or extra units.")


def _shift(unit: Unit, d: date, n: int, calendar: WorkingDayCalendar) -> date:
    """Move `d` by `n` units; months clamp to the month's last day when the day does not exist."""
    if unit is Unit.WORKING_DAYS:
        return calendar.add_working_days(d, n)
    if unit is Unit.CALENDAR_DAYS:
        return d + timedelta(days=n)
    if unit is Unit.WEEKS:
        return d + timedelta(weeks=n)
    return d + relativedelta(months=n)


def due_date(defn: ClockDefinition, anchor: date, calendar: WorkingDayCalendar) -> date:
    """Return the date by the end of which the clock's duty must be done.

    Only working-day clocks consult the calendar. Calendar-day, week and month clocks are not moved
    off weekends or bank holidays: the rule text counts calendar time, and moving the date would
    silently lengthen (AFTER) or shorten (BEFORE) the period the rule sets.
    """
    n = defn.length if defn.direction is Direction.AFTER else -defn.length
    return _shift(defn.unit, anchor, n, calendar)


@dataclass(frozen=True)
class _Running:
    """The state of a clock partway through its adjustments."""

    due: date
    length: int
    paused_on: date | None = None


def _apply_one(unit: Unit, state: _Running, adj: Adjustment, calendar: WorkingDayCalendar) -> _Running:
    """Return `state` after one adjustment, or raise ClockError when it does not fit."""
    if adj.kind is AdjustmentKind.EXTEND:
        return _extend(unit, state, adj, calendar)
    if adj.kind is AdjustmentKind.PAUSE:
        if state.paused_on is not None:
            raise ClockError(f"The clock is already paused (since {state.paused_on.isoformat()}).")
        if adj.on > state.due:
            raise ClockError("A clock cannot be paused after its due date.")
        return replace(state, paused_on=adj.on)
    if state.paused_on is None:
        raise ClockError("A resume must follow a pause.")
    # The paused stretch is measured as the clock measures time, so a working-day clock gets back
    # only the working days it lost; other clocks get back every calendar day.
    if unit is Unit.WORKING_DAYS:
        lost = calendar.working_days_between(state.paused_on, adj.on)
        return replace(state, due=calendar.add_working_days(state.due, lost), paused_on=None)
    return replace(state, due=state.due + (adj.on - state.paused_on), paused_on=None)


def _extend(unit: Unit, state: _Running, adj: Adjustment, calendar: WorkingDayCalendar) -> _Running:
    """Return `state` extended by `adj.extra` units or to `adj.new_due_date`."""
    if adj.new_due_date is None:
        return replace(state, due=_shift(unit, state.due, adj.extra, calendar), length=state.length + adj.extra)
    if adj.new_due_date <= state.due:
        raise ClockError(
            f"A new due date must be later than the current one ({state.due.isoformat()}); "
            f"got {adj.new_due_date.isoformat()}."
        )
    # Only a working-day clock can say how many units an agreed date adds; "Day X of Y" needs it.
    added = calendar.working_days_between(state.due, adj.new_due_date) if unit is Unit.WORKING_DAYS else 0
    return replace(state, due=adj.new_due_date, length=state.length + added)


def apply_adjustments(
    defn: ClockDefinition, due: date, adjustments: Sequence[Adjustment], calendar: WorkingDayCalendar
) -> tuple[date, int, date | None]:
    """Return (due date, length, paused since) after applying `adjustments` in order to `due`.

    `length` grows with extensions: by `extra`, or for working-day clocks by the working days an
    agreed date adds. Raise ClockError if the adjustments are out of date order or do not fit.
    Services can call this with history + [new] to validate a new adjustment before saving it.
    """
    state = _Running(due=due, length=defn.length)
    previous: date | None = None
    for adj in adjustments:
        if previous is not None and adj.on < previous:
            raise ClockError("Adjustments must be in date order.")
        state, previous = _apply_one(defn.unit, state, adj, calendar), adj.on
    return state.due, state.length, state.paused_on


def format_date(d: date) -> str:
    """Return `d` in the house style, e.g. "Wednesday 14 January 2026" (no leading zero)."""
    # Built by hand because "%-d" is a glibc extension that fails on other platforms.
    return f"{d:%A} {d.day} {d:%B %Y}"


def _working_days(n: int) -> str:
    return f"{n} working day" if n == 1 else f"{n} working days"


@dataclass(frozen=True)
class ClockState:
    """A clock evaluated on one day. `day_number` is set only for working-day AFTER clocks."""

    status: ClockStatus
    original_due: date | None = None
    due: date | None = None
    day_number: int | None = None
    length: int | None = None
    working_days_left: int | None = None
    overdue_by: int | None = None
    history: tuple[Adjustment, ...] = ()
    paused_since: date | None = None
    completed_on: date | None = None

    @property
    def summary(self) -> str:
        """Return one line of plain English for the case page, e.g. "Day 7 of 15 — due ..."."""
        if self.status is ClockStatus.NOT_STARTED:
            return "Not started"
        due = format_date(self.due)
        if self.status is ClockStatus.PAUSED:
            left = self.working_days_left
            were = "was" if left == 1 else "were"
            return f"Paused since {format_date(self.paused_since)} — {_working_days(left)} {were} left"
        if self.status is ClockStatus.OVERDUE:
            by = f" by {_working_days(self.overdue_by)}" if self.overdue_by else ""
            return f"Overdue{by} — was due {due}"
        if self.status is ClockStatus.MET_ON_TIME:
            return f"Met on {format_date(self.completed_on)} (due {due})"
        if self.status is ClockStatus.MET_LATE:
            late = f"{_working_days(self.overdue_by)} late" if self.overdue_by else "late"
            return f"Met {late} on {format_date(self.completed_on)} (due {due})"
        when = f"due today ({due})" if self.status is ClockStatus.DUE_TODAY else f"due {due}"
        return f"{self._progress()} — {when}"

    def _progress(self) -> str:
        if self.day_number is None:
            return f"{_working_days(self.working_days_left)} left"
        return f"Day {self.day_number} of {self.length}"


def evaluate(
    defn: ClockDefinition,
    *,
    anchor: date | None,
    today: date,
    calendar: WorkingDayCalendar,
    completed_on: date | None = None,
    adjustments: Sequence[Adjustment] = (),
    fixed_due: date | None = None,
) -> ClockState:
    """Return the state of the clock on `today`.

    Adjustments take effect from their `on` date, so only those on or before `today` (or the
    completion date, once done) count: evaluating on an earlier day shows that day's picture.
    `fixed_due` is a due date computed when the clock started and stored with its record: it is used
    as the original due date, so a closure added to the calendar later never moves a date already set.
    """
    if anchor is None:
        return ClockState(ClockStatus.NOT_STARTED, length=defn.length)
    if completed_on is not None and completed_on > today:
        raise ClockError(f"Completion date {completed_on.isoformat()} is after today ({today.isoformat()}).")
    as_of = completed_on or today
    original = fixed_due or due_date(defn, anchor, calendar)
    applied = tuple(a for a in adjustments if a.on <= as_of)
    due, length, paused_on = _adjusted(defn, original, applied, completed_on, calendar)
    status, days = _status(due, as_of, completed_on, paused_on, calendar)
    counts_days = defn.unit is Unit.WORKING_DAYS and defn.direction is Direction.AFTER
    elapsed = length - calendar.working_days_between(paused_on or as_of, due)
    return ClockState(
        status=status,
        original_due=original,
        due=due,
        day_number=max(0, elapsed) if counts_days else None,
        length=length,
        working_days_left=days if status in _LEFT else None,
        overdue_by=days if status in _LATE else None,
        history=applied,
        paused_since=paused_on,
        completed_on=completed_on,
    )


def _adjusted(
    defn: ClockDefinition,
    original: date,
    applied: tuple[Adjustment, ...],
    completed_on: date | None,
    calendar: WorkingDayCalendar,
) -> tuple[date, int, date | None]:
    """Apply the adjustments; a completion while paused ends the pause on the completion date."""
    due, length, paused_on = apply_adjustments(defn, original, applied, calendar)
    if completed_on is None or paused_on is None:
        return due, length, paused_on
    resume = Adjustment(AdjustmentKind.RESUME, completed_on, "Completed while paused", "", completed_on)
    return apply_adjustments(defn, original, (*applied, resume), calendar)


_LEFT = frozenset({ClockStatus.RUNNING, ClockStatus.DUE_TODAY, ClockStatus.PAUSED})
_LATE = frozenset({ClockStatus.OVERDUE, ClockStatus.MET_LATE})


def _status(
    due: date, as_of: date, completed_on: date | None, paused_on: date | None, calendar: WorkingDayCalendar
) -> tuple[ClockStatus, int]:
    """Return the status and its count of working days: left when running, late when overdue."""
    if completed_on is not None:
        late = completed_on > due
        status = ClockStatus.MET_LATE if late else ClockStatus.MET_ON_TIME
        return status, calendar.working_days_between(due, completed_on) if late else 0
    if paused_on is not None:
        return ClockStatus.PAUSED, calendar.working_days_between(paused_on, due)
    if as_of < due:
        return ClockStatus.RUNNING, calendar.working_days_between(as_of, due)
    if as_of == due:
        return ClockStatus.DUE_TODAY, 0
    return ClockStatus.OVERDUE, calendar.working_days_between(due, as_of)
