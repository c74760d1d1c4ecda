"""Reads of meetings, scoped to the partnerships and records the user may see.

The meeting page is assembled from parts, each owned by the module for that part of the work
(invitations, agenda and papers, attendance and quorum, declarations, minutes); each part function takes
(meeting, user, today) and returns a dict for the template."""

from __future__ import annotations

from datetime import date

from django.db.models import Q
from django.http import Http404

from casereview.domain.governance_lifecycle import MeetingStatus
from casereview.partnerships.access import partnerships_for

from .access import can_manage_meetings, can_read_meetings
from .models import Meeting


def meeting_list(user, partnership, *, group=None, upcoming: bool | None = None, today: date | None = None):
    """Meetings of the partnership the user may read, newest first; optionally one group's, or only upcoming."""
    if partnership is None or not can_read_meetings(user, partnership):
        return Meeting.objects.none()
    qs = Meeting.objects.filter(partnership=partnership).select_related("group")
    if group is not None:
        qs = qs.filter(group=group)
    if upcoming is not None and today is not None:
        # Upcoming: still scheduled, today or later. A meeting held or cancelled today is already past.
        coming = Q(status=MeetingStatus.SCHEDULED, starts_at__date__gte=today)
        qs = qs.filter(coming) if upcoming else qs.exclude(coming)
    return qs


def meeting_get(user, pk) -> Meeting:
    """One meeting the user may read, else Http404 (another partnership's looks the same as none)."""
    meeting = Meeting.objects.select_related("group", "partnership", "rapid_review").filter(
        pk=pk, partnership__in=partnerships_for(user)).first()
    if meeting is None or not can_read_meetings(user, meeting.partnership):
        raise Http404("No such meeting.")
    return meeting


def meeting_page_parts(meeting: Meeting, user, today: date) -> dict:
    """Everything the meeting page shows, from each part's own selector."""
    from .agenda_selectors import agenda_part
    from .attendance_selectors import attendance_part
    from .interests_selectors import declarations_part
    from .minutes_selectors import minutes_part
    from .schedule_selectors import invitations_part, when_text

    context = {"meeting": meeting, "can_manage": can_manage_meetings(user, meeting.partnership), "today": today,
               "meeting_when": when_text(meeting)}
    for part in (invitations_part, agenda_part, attendance_part, declarations_part, minutes_part):
        context.update(part(meeting, user, today))
    return context
