"""When a deadline earns a reminder, and what goes in a person's weekly digest (pure rules, no Django).

A reminder is decided for one person about one deadline on one day. "due_soon" is sent on any day from
`days_before` calendar days before the due date up to the due date itself, and "overdue" on any day after it;
the caller records each (deadline, kind, due date, person) once, so a scan missed one day catches up the next
and a moved due date earns new reminders. Nothing is sent once the work is done.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

DUE_SOON = "due_soon"
OVERDUE = "overdue"
KINDS = (DUE_SOON, OVERDUE)
DAYS_BEFORE_MIN, DAYS_BEFORE_MAX, DAYS_BEFORE_DEFAULT = 1, 14, 5
DIGEST_HORIZON_DAYS = 14  # the digest lists what falls due in the next fortnight
DIGEST_WEEKDAY = 0  # Monday


@dataclass(frozen=True)
class Preference:
    """One person's choices; someone who never chose gets these defaults."""

    before_due: bool = True
    days_before: int = DAYS_BEFORE_DEFAULT
    overdue: bool = True
    weekly_digest: bool = True


DEFAULT = Preference()


def reminder_kind(*, due: date, today: date, done: bool, preference: Preference = DEFAULT) -> str | None:
    """Return the reminder this person is owed today about a deadline: DUE_SOON, OVERDUE or None.

    >>> reminder_kind(due=date(2026, 3, 9), today=date(2026, 3, 4), done=False)
    'due_soon'
    >>> reminder_kind(due=date(2026, 3, 9), today=date(2026, 3, 10), done=False)
    'overdue'
    """
    if done:
        return None
    if today > due:
        return OVERDUE if preference.overdue else None
    if preference.before_due and today >= due - timedelta(days=preference.days_before):
        return DUE_SOON
    return None


def is_digest_day(today: date) -> bool:
    """Whether the weekly digest goes out today (Mondays, UK date)."""
    return today.weekday() == DIGEST_WEEKDAY


def digest_week(today: date) -> str:
    """The ISO week a digest belongs to, e.g. "2026-W10": one digest per person per week."""
    year, week, _ = today.isocalendar()
    return f"{year}-W{week:02d}"


def digest_section(*, due: date, today: date, done: bool) -> str | None:
    """Which part of the digest a deadline goes in: OVERDUE, DUE_SOON (within the horizon) or None."""
    if done:
        return None
    if due < today:
        return OVERDUE
    if due <= today + timedelta(days=DIGEST_HORIZON_DAYS):
        return DUE_SOON
    return None
