"""The governance deadlines: papers before a scheduled meeting, minutes after a held one, and each group's
terms-of-reference review.

Papers and minutes are due by the terms of reference in force on the meeting day, computed with the same
domain rules and calendar as the meeting page (casereview.meetings.agenda_selectors.papers_rule and
minutes_selectors.minutes_clock_state); the terms versions and calendars are read once per group and partnership,
not once per meeting."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from django.db.models import Prefetch, Q
from django.utils import timezone

from casereview.domain.clocks import ClockDefinition, due_date
from casereview.domain.governance import minutes_clock, papers_clock
from casereview.domain.governance_lifecycle import MeetingStatus
from casereview.meetings.models import AgendaItem, Meeting
from casereview.meetings.models.meeting import meeting_day
from casereview.partnerships.calendar_selectors import partnership_calendar
from casereview.partnerships.models import Group, TermsVersion
from casereview.partnerships.terms_selectors import parsed, review_clock

from .deadlines import Deadline, absolute, business_teams, group_chairs, merged, person_recipient
from .sources import HORIZON

# Papers are due some working days before the meeting: look this far ahead for meetings.
PAPERS_LOOKAHEAD = HORIZON + timedelta(days=60)
# Minutes of meetings held longer ago than this are not chased by e-mail any more (the page still shows them).
MINUTES_LOOKBACK = timedelta(days=180)


class _Rules:
    """The terms versions of some groups and the calendars of their partnerships, read once."""

    def __init__(self, meetings: list[Meeting]):
        self.versions: dict[int, list[TermsVersion]] = defaultdict(list)
        for v in TermsVersion.objects.filter(group_id__in={m.group_id for m in meetings}).order_by(
                "-effective_from", "-version"):
            self.versions[v.group_id].append(v)
        self.calendars = {pid: partnership_calendar(m.partnership) for pid, m in
                          {m.partnership_id: m for m in meetings}.items()}

    def due(self, meeting: Meeting, clock) -> date | None:
        """The meeting's due date under `clock` (papers_clock or minutes_clock), or None when the terms set none."""
        day = meeting_day(meeting)
        version = next((v for v in self.versions[meeting.group_id] if v.effective_from <= day), None)
        defn: ClockDefinition | None = clock(parsed(version)) if version is not None else None
        if defn is None:
            return None
        return due_date(defn, day, self.calendars[meeting.partnership_id])


def papers_deadlines(today: date) -> list[Deadline]:
    """Agenda and papers of each scheduled meeting still to come, until all are circulated."""
    start = timezone.make_aware(timezone.datetime.combine(today, timezone.datetime.min.time()))
    items = AgendaItem.objects.select_related("owner").prefetch_related("papers")
    meetings = list(Meeting.objects.filter(status=MeetingStatus.SCHEDULED, starts_at__gte=start,
                                           starts_at__lt=start + PAPERS_LOOKAHEAD)
                    .select_related("group", "partnership").prefetch_related(Prefetch("items", queryset=items)))
    rules = _Rules(meetings)
    team = business_teams(m.partnership_id for m in meetings)
    found = []
    for meeting in meetings:
        due = rules.due(meeting, papers_clock)
        if due is None or due > today + HORIZON:
            continue
        waiting = [i for i in meeting.items.all()
                   if not i.papers.all() or any(p.first_circulated_on is None for p in i.papers.all())]
        owners = [r for i in waiting for r in person_recipient(i.owner)]
        done = meeting.agenda_circulated_at is not None and all(
            p.first_circulated_on for i in meeting.items.all() for p in i.papers.all())
        found.append(Deadline("papers", meeting, meeting.partnership_id, due, done,
                              f"Agenda and papers for the {meeting}", absolute("meetings:detail", meeting.pk),
                              merged(team[meeting.partnership_id], owners)))
    return found


def minutes_deadlines(today: date) -> list[Deadline]:
    """Minutes of each held meeting until they are distributed."""
    since = timezone.make_aware(timezone.datetime.combine(today - MINUTES_LOOKBACK, timezone.datetime.min.time()))
    meetings = list(Meeting.objects.filter(status=MeetingStatus.HELD, starts_at__gte=since)
                    .filter(Q(minutes__isnull=True) | Q(minutes__distributed_at__isnull=True))
                    .select_related("group", "partnership"))
    rules = _Rules(meetings)
    team = business_teams(m.partnership_id for m in meetings)
    found = []
    for meeting in meetings:
        due = rules.due(meeting, minutes_clock)
        if due is None or due > today + HORIZON:
            continue
        found.append(Deadline("minutes", meeting, meeting.partnership_id, due, False,
                              f"Minutes of the {meeting}", absolute("meetings:detail", meeting.pk),
                              merged(team[meeting.partnership_id])))
    return found


def terms_review_deadlines(today: date) -> list[Deadline]:
    """Each group's review of its terms of reference, to the business team and the group's chairs.

    A recorded review starts the next year's clock, so its new due date earns new reminders."""
    groups = list(Group.objects.select_related("partnership"))
    team = business_teams(g.partnership_id for g in groups)
    chairs = group_chairs((g.pk for g in groups), today)
    calendars: dict[int, object] = {}
    found = []
    for group in groups:
        if group.partnership_id not in calendars:
            calendars[group.partnership_id] = partnership_calendar(group.partnership)
        clock = review_clock(group, today, calendars[group.partnership_id])
        if clock is None or clock.state.due is None or clock.state.due > today + HORIZON:
            continue
        found.append(Deadline("terms_review", group, group.partnership_id, clock.state.due, False,
                              f"Review of the terms of reference of the {group.name}",
                              absolute("partnerships:terms_overview", group.pk),
                              merged(team[group.partnership_id], chairs[group.pk])))
    return found
