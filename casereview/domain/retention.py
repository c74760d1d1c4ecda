"""Retention of records: per-type rules, review dates and whether a record may be deleted (pure Python).

No national retention period exists for safeguarding case review records (DOMAIN.md §8), so the partnership
sets a rule per record type. A record's review date is its trigger date (the date it was closed, held or
published; the date it was created when it never was) plus the rule's period in calendar years and months.
Months clamp to the month's last day: 31 January plus one month is 28 (or 29) February, never 3 March.

At the review date the business team reviews the record: it keeps it until a later date (with a reason) or
deletes it. A record under an active legal hold is never deletable, whatever its dates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from dateutil.relativedelta import relativedelta


class RecordType(StrEnum):
    NOTIFICATION = "notification"
    PRACTICE_REVIEW = "practice_review"
    MEETING = "meeting"
    ACTION = "action"
    DOCUMENT = "document"


class HoldKind(StrEnum):
    INQUIRY = "inquiry"
    LITIGATION = "litigation"
    CRIMINAL = "criminal_proceedings"
    OTHER = "other"


HOLD_KIND_LABELS = {
    HoldKind.INQUIRY: "Inquiry",
    HoldKind.LITIGATION: "Litigation",
    HoldKind.CRIMINAL: "Criminal proceedings",
    HoldKind.OTHER: "Other",
}


@dataclass(frozen=True)
class TypeInfo:
    """What a record type covers, what starts its retention period, its default period and whether the
    service can delete it (the others are reviewed, and kept or deleted elsewhere by hand)."""

    label: str
    covers: str
    trigger: str
    default_years: int
    deletable: bool


RECORD_TYPES: dict[RecordType, TypeInfo] = {
    RecordType.NOTIFICATION: TypeInfo(
        "Notification and rapid review",
        "the notification, its children and identity records, the rapid review, agency requests, returns and "
        "their attachments, the decision, sign-offs and the submission to the Panel",
        "the date the rapid review closed, or the date the notification was received if it never closed",
        15, True),
    RecordType.PRACTICE_REVIEW: TypeInfo(
        "Practice review or other review",
        "the review, its reviewers, milestones, findings, recommendations and links to other reviews",
        "the date the review was published, or completed, or else the date it was recorded",
        15, True),
    RecordType.MEETING: TypeInfo(
        "Meeting and its papers",
        "the meeting, its agenda, papers and their circulation, invitations, attendance, declarations and minutes",
        "the date of the meeting",
        7, True),
    RecordType.ACTION: TypeInfo(
        "Action",
        "the action, its updates, evidence files and reminders",
        "the date the action was closed, or the date it was set if it is still open",
        7, False),
    RecordType.DOCUMENT: TypeInfo(
        "Agency return attachment",
        "one file attached to an agency's return",
        "the date the file was uploaded",
        15, False),
}


class RetentionError(ValueError):
    """A retention period that cannot be used."""


@dataclass(frozen=True)
class Period:
    """A retention period in calendar years and months; at least one month in all."""

    years: int = 0
    months: int = 0

    def __post_init__(self) -> None:
        if self.years < 0 or self.months < 0:
            raise RetentionError("A retention period cannot be negative.")
        if self.months > 11:
            raise RetentionError("Give 12 months or more as years.")
        if self.years == 0 and self.months == 0:
            raise RetentionError("A retention period must be at least one month.")
        if self.years > 100:
            raise RetentionError("A retention period must be 100 years or less.")

    def __str__(self) -> str:
        parts = [_plural(self.years, "year"), _plural(self.months, "month")]
        return " and ".join(p for p in parts if p)


def _plural(n: int, unit: str) -> str:
    if n == 0:
        return ""
    return f"{n} {unit}" if n == 1 else f"{n} {unit}s"


def review_date(trigger: date, period: Period) -> date:
    """Return the date the record is due for review: `trigger` plus the period, months clamped.

    >>> review_date(date(2024, 1, 31), Period(months=1))
    datetime.date(2024, 2, 29)
    """
    return trigger + relativedelta(years=period.years, months=period.months)


def format_day(d: date) -> str:
    """Return `d` as pages show it, e.g. "2 March 2026"."""
    return f"{d.day} {d:%B %Y}"


@dataclass(frozen=True)
class Verdict:
    """Whether a record may be deleted today, with every reason it may not."""

    deletable: bool
    reasons: tuple[str, ...] = ()


def effective_review_date(due: date, kept_until: date | None) -> date:
    """The date from which a record may be deleted: its review date, or a later keep-until decision."""
    return max(due, kept_until) if kept_until is not None else due


def deletion_verdict(*, record_type: RecordType, due: date, today: date, kept_until: date | None = None,
                     holds: Sequence[str] = ()) -> Verdict:
    """Decide whether a record may be deleted on `today`.

    It may when its type is one the service deletes, its review date (or a later keep-until date) has come,
    and no active legal hold covers it; `holds` describes each active hold that does.
    """
    reasons = []
    if not RECORD_TYPES[record_type].deletable:
        reasons.append(f"{RECORD_TYPES[record_type].label} records are reviewed here but not deleted by the "
                       "service.")
    until = effective_review_date(due, kept_until)
    if until > today:
        if kept_until is not None and kept_until >= due:
            reasons.append(f"It is to be kept until {format_day(until)}: it cannot be deleted before then.")
        else:
            reasons.append(f"Its review date is {format_day(until)}: it cannot be deleted before then.")
    reasons += [f"It is under a legal hold ({hold}): release the hold first." for hold in holds]
    return Verdict(deletable=not reasons, reasons=tuple(reasons))
