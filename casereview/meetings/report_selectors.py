"""Attendance by member and by agency over a period, from the attendance recorded at held meetings.

For each held meeting, every standing (not co-opted) seat of its group in force that day is expected:
- attended: the seat holder was there (present, co-opted, or there as someone else's deputy);
- deputised: they were not, but someone attended as their deputy (status deputy, attending for that seat);
- missed: neither (apologies, absent, or no attendance row at all).
Co-opted members join for particular cases, so they are never counted as missing; their attendances, and those
of anyone else present who held no seat, are counted per agency as "other attendances".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q
from django.utils import timezone

from casereview.actions.models import Action
from casereview.domain import governance
from casereview.domain.governance_lifecycle import ActionStatus, MeetingStatus, TaskGroupStatus
from casereview.domain.terms import ReportingCadence
from casereview.partnerships.models import Group, Membership
from casereview.partnerships.terms_selectors import parsed, terms_in_force
from casereview.reviews.models import Decision, Outcome, RapidReview, Submission

from .governance_selectors import slg_update_deadline, slg_update_due, tor_review_state
from .models import Escalation, Meeting, TaskGroup

ATTENDING = frozenset({"present", "deputy", "co_opted"})


@dataclass(frozen=True)
class MeetingFacts:
    """What the tally needs from one held meeting: who was there, and which seats a deputy filled."""

    group_id: int
    day: date
    attending: frozenset  # person ids present in any capacity
    deputised_seats: frozenset  # membership ids a deputy attended for


@dataclass(frozen=True)
class SeatFacts:
    seat_id: int
    group_id: int
    person_id: int
    start: date
    end: date | None
    co_opted: bool = False

    def current_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or self.end >= day)


@dataclass(frozen=True)
class Counts:
    expected: int = 0
    attended: int = 0
    deputised: int = 0
    missed: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.expected + other.expected, self.attended + other.attended,
                      self.deputised + other.deputised, self.missed + other.missed)

    @property
    def rate(self) -> int | None:
        """Per cent of expected meetings the member attended in person (None when none were expected)."""
        return round(100 * self.attended / self.expected) if self.expected else None

    @property
    def represented_rate(self) -> int | None:
        """Per cent of expected meetings at which the seat was filled, in person or by a deputy."""
        return round(100 * (self.attended + self.deputised) / self.expected) if self.expected else None


def count_seat(seat: SeatFacts, meetings: Iterable[MeetingFacts]) -> Counts:
    """Tally one seat over the meetings of its group held while it was in force (co-opted: attendances only)."""
    expected = attended = deputised = missed = 0
    for m in meetings:
        if m.group_id != seat.group_id or not seat.current_on(m.day):
            continue
        if seat.co_opted:
            attended += seat.person_id in m.attending
            continue
        expected += 1
        if seat.person_id in m.attending:
            attended += 1
        elif seat.seat_id in m.deputised_seats:
            deputised += 1
        else:
            missed += 1
    return Counts(expected, attended, deputised, missed)


@dataclass(frozen=True)
class SeatRow:
    seat: Membership
    counts: Counts


@dataclass
class AgencyRow:
    name: str
    seats: int = 0
    counts: Counts = field(default_factory=Counts)
    others: int = 0


@dataclass
class AttendanceReport:
    start: date
    end: date
    group: Group | None
    meetings: list
    seats: list[SeatRow]
    agencies: list[AgencyRow]

    @property
    def quorate(self) -> int:
        return sum(1 for m in self.meetings if m.quorate)

    @property
    def inquorate(self) -> int:
        return sum(1 for m in self.meetings if m.quorate is False)

    @property
    def totals(self) -> Counts:
        return sum((a.counts for a in self.agencies), Counts())


def held_meetings(partnership, groups, start: date, end: date) -> list[Meeting]:
    """Meetings of the groups held between `start` and `end` (UK dates, inclusive), with their attendance."""
    return list(Meeting.objects.filter(
        partnership=partnership, group__in=groups, status=MeetingStatus.HELD.value,
        starts_at__date__gte=start, starts_at__date__lte=end,
    ).select_related("group").prefetch_related("attendance__person__agency").order_by("starts_at", "pk"))


def attendance_report(partnership, *, start: date, end: date, group=None) -> AttendanceReport:
    """Attendance by member and by agency at the held meetings of one group (or every group) in the period."""
    groups = [group] if group is not None else list(Group.objects.filter(partnership=partnership))
    meetings = held_meetings(partnership, groups, start, end)
    seats = list(Membership.objects.filter(group__in=groups, start_date__lte=end).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=start)).select_related("person__agency", "group").order_by(
        "group__name", "co_opted", "person__full_name", "pk"))
    facts = [MeetingFacts(m.group_id, timezone.localdate(m.starts_at),
                          frozenset(a.person_id for a in m.attendance.all() if a.status in ATTENDING),
                          frozenset(a.attending_for_id for a in m.attendance.all()
                                    if a.status == "deputy" and a.attending_for_id)) for m in meetings]
    rows = [SeatRow(s, count_seat(SeatFacts(s.pk, s.group_id, s.person_id, s.start_date, s.end_date, s.co_opted),
                                  facts)) for s in seats]
    return AttendanceReport(start, end, group, meetings, rows, _by_agency(rows, meetings, seats))


def _by_agency(rows: list[SeatRow], meetings: list[Meeting], seats: list[Membership]) -> list[AgencyRow]:
    agencies: dict[str, AgencyRow] = {}
    for row in rows:
        entry = agencies.setdefault(row.seat.person.agency.name, AgencyRow(row.seat.person.agency.name))
        if row.seat.co_opted:
            entry.others += row.counts.attended
        else:
            entry.seats += 1
            entry.counts = entry.counts + row.counts
    seat_holders = defaultdict(list)
    for s in seats:
        seat_holders[(s.group_id, s.person_id)].append(s)
    for m in meetings:
        day = timezone.localdate(m.starts_at)
        for a in m.attendance.all():
            held = any(s.is_current(day) for s in seat_holders.get((m.group_id, a.person_id), []))
            if a.status in ATTENDING and a.status != "deputy" and not held:
                agencies.setdefault(a.person.agency.name, AgencyRow(a.person.agency.name)).others += 1
    return sorted(agencies.values(), key=lambda a: a.name)


# The chairs' quarterly update to the SLG ------------------------------------------------------------------

QUARTERS_OFFERED = 12


def quarter_value(first_day: date) -> str:
    return f"{first_day.year}-Q{(first_day.month - 1) // 3 + 1}"


def parse_quarter(value: str) -> date | None:
    """The first day of a quarter written "2026-Q1", or None when the text is not one."""
    text = (value or "").strip().upper()
    year, _, number = text.partition("-Q")
    if not (year.isdigit() and len(year) == 4 and number in {"1", "2", "3", "4"}):
        return None
    return date(int(year), 3 * (int(number) - 1) + 1, 1)


def quarter_choices(today: date, count: int = QUARTERS_OFFERED) -> list[tuple[str, str]]:
    """The current quarter and the `count` - 1 before it, newest first, as (value, label)."""
    first = governance.quarter_of(today)[0]
    choices = []
    for _ in range(count):
        choices.append((quarter_value(first), governance.quarter_label(first)))
        first = governance.quarter_of(first - timedelta(days=1))[0]
    return choices


def default_quarter(today: date) -> date:
    """The last completed quarter: the one the chairs report on next."""
    return governance.quarter_of(governance.quarter_of(today)[0] - timedelta(days=1))[0]


def reporting_groups_first(partnership) -> list[Group]:
    """The partnership's groups, those whose terms in force today set quarterly reporting first."""
    groups = list(Group.objects.filter(partnership=partnership).order_by("name"))
    return sorted(groups, key=lambda g: not slg_update_due(g, timezone.localdate()).clock.is_set)


@dataclass
class QuarterlyUpdate:
    """Everything the chairs' update for one group and quarter reports, read in a handful of queries."""

    group: Group
    start: date
    end: date
    today: date
    reporting: object | None
    slg_due: date | None
    tor: object
    reviews_opened: list
    decisions: list
    submissions_sent: list
    feedback: list
    lcspr_total: int
    overdue_actions: list
    attendance: AttendanceReport
    escalations_raised: list
    escalations_resolved: list
    escalations_open: int
    task_groups: list

    @property
    def label(self) -> str:
        return governance.quarter_label(self.start)

    @property
    def lcspr_decisions(self) -> list:
        return [d for d in self.decisions if d.outcome == Outcome.LCSPR]


def _between(field_name: str, start: date, end: date) -> Q:
    return Q(**{f"{field_name}__gte": start, f"{field_name}__lte": end})


def quarterly_update(group, quarter_start: date, today: date) -> QuarterlyUpdate:
    """The figures for the chairs' update on `group` for the quarter starting `quarter_start`."""
    start, end = governance.quarter_of(quarter_start)
    version = terms_in_force(group, end)
    reporting = parsed(version).reporting if version is not None else None
    quarterly = reporting is not None and reporting.cadence is ReportingCadence.QUARTERLY
    reviews = RapidReview.objects.filter(group=group).select_related("notification")
    decisions = Decision.objects.filter(rapid_review__group=group).select_related("rapid_review__notification")
    submissions = Submission.objects.filter(rapid_review__group=group).select_related("rapid_review__notification")
    escalations = Escalation.objects.filter(group=group)
    return QuarterlyUpdate(
        group=group, start=start, end=end, today=today, reporting=reporting,
        slg_due=slg_update_deadline(end) if quarterly else None, tor=tor_review_state(group, today),
        reviews_opened=list(reviews.filter(_between("notification__received_date", start, end)).order_by(
            "notification__received_date", "pk")),
        decisions=list(decisions.filter(_between("decided_on", start, end)).order_by("decided_on", "pk")),
        submissions_sent=list(submissions.filter(_between("sent_on", start, end)).order_by("sent_on", "pk")),
        feedback=list(submissions.filter(_between("feedback_received_on", start, end)).order_by(
            "feedback_received_on", "pk")),
        lcspr_total=decisions.filter(outcome=Outcome.LCSPR, decided_on__lte=end).count(),
        overdue_actions=overdue_actions_at(group, end),
        attendance=attendance_report(group.partnership, start=start, end=end, group=group),
        escalations_raised=list(escalations.filter(_between("raised_on", start, end)).order_by("raised_on", "pk")),
        escalations_resolved=list(escalations.filter(_between("decided_on", start, end)).order_by(
            "decided_on", "pk")),
        escalations_open=escalations.filter(raised_on__lte=end).filter(
            Q(decided_on__isnull=True) | Q(decided_on__gt=end)).count(),
        task_groups=_task_groups_at(group, start, end),
    )


def overdue_actions_at(group, end: date) -> list:
    """Actions from the group's meetings due before `end` and not completed or closed by then."""
    done = (ActionStatus.COMPLETE.value, ActionStatus.CLOSED.value)
    actions = Action.objects.filter(meeting__group=group, due_date__lt=end, set_on__lte=end).select_related(
        "agency", "owner").order_by("due_date", "pk")

    def finished(a) -> bool:
        dated = [d for d in (a.completed_on, a.closed_on) if d is not None]
        return any(d <= end for d in dated) or (a.status in done and not dated)

    return [a for a in actions if not finished(a)]


def _task_groups_at(group, start: date, end: date) -> list[tuple]:
    """Task-and-finish groups set up by `end` that were open in the quarter, with whether each was overdue then."""
    rows = []
    for tg in TaskGroup.objects.filter(parent=group, created_on__lte=end).order_by("deadline", "pk"):
        reported_by_end = tg.reported_on is not None and tg.reported_on <= end
        if tg.status == TaskGroupStatus.CLOSED.value and not (tg.created_on >= start or (
                tg.reported_on and tg.reported_on >= start)):
            continue
        rows.append((tg, not reported_by_end and tg.deadline < end and tg.status != TaskGroupStatus.CLOSED.value))
    return rows
