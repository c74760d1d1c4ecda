"""What the governance lists download as CSV and XLSX (meetings, escalations, task-and-finish groups, the
register of interests), and their rows: the same selectors as the pages, every row rather than the page's share.

Each column is one the page shows, or a date or id held on the record's own page that the same reader may open.
A virtual meeting's joining link is left out: it is for those invited, not for a spreadsheet passed around.
"""

from __future__ import annotations

from datetime import date, timedelta
from itertools import chain

from django.utils import timezone

from casereview.web.exports import Column, Export

from .schedule_selectors import meeting_heading
from .selectors import meeting_list
from .task_group_selectors import is_overdue


def _local(moment):
    return timezone.localtime(moment)


MEETINGS = Export("Meetings", "meetings", [
    Column("Id", lambda r: r[1].pk, 8),
    Column("When", lambda r: r[0], 10),
    Column("Meeting", lambda r: meeting_heading(r[1]), 35),
    Column("Group", lambda r: r[1].group.name, 30),
    Column("Kind", lambda r: r[1].get_kind_display(), 15),
    Column("Date", lambda r: _local(r[1].starts_at).date(), 12),
    Column("Starts (UK time)", lambda r: r[1].starts_at, 16),
    Column("Ends (UK time)", lambda r: r[1].starts_at + timedelta(minutes=r[1].duration_minutes), 16),
    Column("Mode", lambda r: r[1].get_mode_display(), 12),
    Column("Place", lambda r: r[1].place, 30),
    Column("Status", lambda r: r[1].get_status_display(), 12),
    Column("Quorate", lambda r: r[1].quorate, 10),
])


def meeting_export_rows(user, partnership, *, group, today: date):
    """("Upcoming" | "Past", meeting) for every meeting of both tables of the list, in the page's order: the
    upcoming soonest first, then the past newest first (all of them, where the page shows the latest 50)."""
    upcoming = meeting_list(user, partnership, group=group, upcoming=True, today=today).order_by("starts_at", "pk")
    past = meeting_list(user, partnership, group=group, upcoming=False, today=today)
    return chain((("Upcoming", m) for m in upcoming), (("Past", m) for m in past))


def _rapid_review(escalation) -> str:
    return escalation.rapid_review.notification.reference if escalation.rapid_review_id else ""


ESCALATIONS = Export("Escalations", "escalations", [
    Column("Id", lambda e: e.pk, 8),
    Column("Subject", lambda e: e.subject, 45),
    Column("Rapid review", _rapid_review, 15),
    Column("Group", lambda e: e.group.name, 30),
    Column("Meeting", lambda e: str(e.meeting) if e.meeting_id else "", 35),
    Column("Raised on", lambda e: e.raised_on, 12),
    Column("Raised to", lambda e: e.body, 30),
    Column("Agencies", lambda e: "; ".join(p.agency.name for p in e.positions.all()), 40),
    Column("Status", lambda e: e.get_status_display(), 12),
    Column("Decided on", lambda e: e.decided_on, 12),
    Column("Decision", lambda e: e.decision, 50),
])


def task_group_status(task_group, today: date) -> str:
    """The status as the list's tag words it: overdue is worked out on the day, never stored."""
    if is_overdue(task_group, today):
        return "Overdue"
    return {"active": "Active", "reported": "Reported back"}.get(task_group.status, "Closed")


def task_group_export(today: date) -> Export:
    return Export("Task-and-finish groups", "task-and-finish-groups", [
        Column("Id", lambda row: row.task_group.pk, 8),
        Column("Name", lambda row: row.task_group.name, 40),
        Column("Set up by", lambda row: row.task_group.parent.name, 30),
        Column("Purpose", lambda row: row.task_group.purpose, 50),
        Column("Set up on", lambda row: row.task_group.created_on, 12),
        Column("Deadline", lambda row: row.task_group.deadline, 12),
        Column("Members", lambda row: len(row.members), 8),
        Column("Member names", lambda row: "; ".join(m.person.full_name for m in row.members), 40),
        Column("Status", lambda row: task_group_status(row.task_group, today), 15),
        Column("Overdue", lambda row: row.overdue, 8),
        Column("Reported on", lambda row: row.task_group.reported_on, 12),
    ])


INTERESTS = Export("Register of interests", "register-of-interests", [
    Column("Person", lambda r: r.person.full_name, 30),
    Column("Agency", lambda r: r.person.agency.name if r.person.agency_id else "", 30),
    Column("Kind", lambda r: r.get_kind_display(), 20),
    Column("Interest", lambda r: r.interest, 60),
    Column("Declared on", lambda r: r.declared_on, 12),
    Column("Id", lambda r: r.pk, 8),
])
