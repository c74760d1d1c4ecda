"""Writes to a partnership's calendar: closure and opening days. Each checks, saves and audits in one transaction."""

from __future__ import annotations

from datetime import date as Date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from casereview.audit.services import audit_record
from casereview.audit.vocabulary import Verb

from .access import require_administer
from .calendar_selectors import long_date, partnership_calendar
from .models import CalendarDay, CalendarDayKind, Partnership

DUPLICATE = "That date already has an entry: remove it first"


def _refusal(partnership: Partnership, date: Date, kind: str) -> dict[str, str]:
    """Return why the entry would change nothing (or clash), keyed by field; empty when it is allowed."""
    if CalendarDay.objects.filter(partnership=partnership, date=date).exists():
        return {"date": DUPLICATE}
    reason = partnership_calendar(partnership).non_working_reason(date)
    if kind == CalendarDayKind.CLOSED and reason is not None:
        return {"date": f"{long_date(date)} is already not a working day ({reason})"}
    if kind == CalendarDayKind.OPEN and reason is None:
        return {"date": f"{long_date(date)} is already a working day (a weekday that is not a bank holiday)"}
    return {}


def _changes(day: CalendarDay, *, removed: bool = False) -> dict:
    values = {"date": day.date.isoformat(), "kind": day.kind, "reason": day.reason}
    return {name: [value, None] if removed else [None, value] for name, value in values.items()}


@transaction.atomic
def calendar_day_add(*, actor, partnership: Partnership, date: Date, kind: str, reason: str) -> CalendarDay:
    """Close the partnership on a working day, or open it on a day that is not one, giving the reason."""
    require_administer(actor, partnership)
    reason = (reason or "").strip()
    errors = {} if reason else {"reason": "Enter the reason for this closure or opening"}
    if kind not in CalendarDayKind.values:
        errors["kind"] = "Select whether the partnership is closed or open on this date"
    errors = errors or _refusal(partnership, date, kind)
    if errors:
        raise ValidationError(errors)
    day = CalendarDay(partnership=partnership, date=date, kind=kind, reason=reason, created_by=actor)
    day.full_clean()
    try:
        # A savepoint, so a concurrent add of the same date becomes a form error rather than a broken transaction.
        with transaction.atomic():
            day.save()
    except IntegrityError as exc:
        raise ValidationError({"date": DUPLICATE}) from exc
    audit_record(actor=actor, verb=Verb.CREATED, target=day, changes=_changes(day))
    return day


@transaction.atomic
def calendar_day_remove(*, actor, day: CalendarDay) -> None:
    """Remove a closure or opening, so the date follows the England and Wales calendar again."""
    require_administer(actor, day.partnership)
    # Recorded before the delete, while the row still has its id for the audit target.
    audit_record(actor=actor, verb=Verb.DELETED, target=day, partnership=day.partnership,
                 changes=_changes(day, removed=True))
    day.delete()
