"""What the dashboard shows of meetings and governance: the next meetings with their papers clock, minutes
waiting to go out with their clock, and overdue actions."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q
from django.utils import timezone

from casereview.actions.selectors import ActionFilters, action_list
from casereview.domain.governance_lifecycle import MeetingStatus, MinutesStatus

from .access import can_read_meetings
from .agenda_selectors import papers_clock_for
from .minutes_selectors import minutes_clock_state
from .models import Meeting

UPCOMING = 5
MINUTES_WAITING = 10


def governance_for_dashboard(user, partnership, today: date) -> dict:
    overdue_actions = action_list(user, partnership, today=today, filters=ActionFilters(overdue_only=True)).count() \
        if partnership is not None else 0
    if partnership is None or not can_read_meetings(user, partnership):
        return {"overdue_actions": overdue_actions}
    return {"overdue_actions": overdue_actions, "upcoming_meetings": _upcoming(partnership, today),
            "minutes_waiting": _minutes_waiting(partnership, today)}


def _upcoming(partnership, today: date) -> list[dict]:
    meetings = (Meeting.objects.filter(partnership=partnership, status=MeetingStatus.SCHEDULED,
                                       starts_at__date__gte=today)
                .select_related("group", "partnership")
                .annotate(waiting=Count("items__papers", filter=Q(items__papers__first_circulated_on__isnull=True,
                                                              items__papers__replaced_by__isnull=True)))
                .order_by("starts_at")[:UPCOMING])
    rows = []
    for meeting in meetings:
        circulated = timezone.localdate(meeting.agenda_circulated_at) if meeting.agenda_circulated_at else None
        rows.append({"meeting": meeting, "papers": papers_clock_for(meeting, today, circulated_on=circulated,
                                                                    outstanding=meeting.waiting)})
    return rows


def _minutes_waiting(partnership, today: date) -> list[dict]:
    """Held meetings whose minutes have not been distributed, oldest first, with the minutes clock."""
    meetings = (Meeting.objects.filter(partnership=partnership, status=MeetingStatus.HELD)
                .exclude(minutes__status=MinutesStatus.DISTRIBUTED)
                .select_related("group", "partnership", "minutes").order_by("starts_at")[:MINUTES_WAITING])
    rows = []
    for meeting in meetings:
        minutes = getattr(meeting, "minutes", None)
        rows.append({"meeting": meeting, "minutes": minutes, "clock": minutes_clock_state(meeting, today, minutes)})
    return rows
