"""Reads of task-and-finish groups: purpose, parent group, nominated members, deadline and report back.

"Overdue" is never stored: a group still active after its deadline is overdue on the day it is looked at.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.http import Http404

from casereview.domain.governance_lifecycle import TaskGroupStatus
from casereview.partnerships.access import partnerships_for
from casereview.partnerships.models import Agency, Group, Person

from .access import can_read_meetings
from .models import TaskGroup

OPEN_STATUSES = [TaskGroupStatus.ACTIVE.value, TaskGroupStatus.REPORTED.value]


def is_overdue(task_group: TaskGroup, today: date) -> bool:
    """Active past its deadline (a group that has reported back, or is closed, is never overdue)."""
    return task_group.status == TaskGroupStatus.ACTIVE.value and task_group.deadline < today


@dataclass(frozen=True)
class TaskGroupRow:
    task_group: TaskGroup
    overdue: bool
    members: list


def task_group_list(user, partnership, *, show_closed: bool = False, group=None):
    """Task-and-finish groups of the partnership, nearest deadline first; closed ones only when asked."""
    if partnership is None or not can_read_meetings(user, partnership):
        return TaskGroup.objects.none()
    qs = TaskGroup.objects.filter(partnership=partnership).select_related("parent").prefetch_related(
        "members__person", "members__nominated_by")
    if not show_closed:
        qs = qs.filter(status__in=OPEN_STATUSES)
    if group is not None:
        qs = qs.filter(parent=group)
    return qs


def task_group_rows(task_groups, today: date) -> list[TaskGroupRow]:
    return [TaskGroupRow(tg, is_overdue(tg, today), list(tg.members.all())) for tg in task_groups]


def task_group_get(user, pk) -> TaskGroup:
    """One task-and-finish group the user may read, else Http404."""
    task_group = TaskGroup.objects.select_related("parent", "partnership", "created_by").prefetch_related(
        "members__person__agency", "members__nominated_by").filter(
        pk=pk, partnership__in=partnerships_for(user)).first()
    if task_group is None or not can_read_meetings(user, task_group.partnership):
        raise Http404("No such task-and-finish group.")
    return task_group


def task_group_choices(partnership) -> dict:
    """What the forms offer: the partnership's groups, agencies and people (with their agency)."""
    return {
        "groups": Group.objects.filter(partnership=partnership).order_by("name"),
        "agencies": Agency.objects.filter(partnership=partnership).order_by("name"),
        "people": Person.objects.filter(partnership=partnership).select_related("agency").order_by("full_name"),
    }


def task_groups_by_group(partnership, today: date) -> dict[int, dict]:
    """For each parent group: how many task-and-finish groups are active, and how many of those are overdue."""
    counts: dict[int, dict] = {}
    for tg in TaskGroup.objects.filter(partnership=partnership, status=TaskGroupStatus.ACTIVE.value).only(
            "parent_id", "deadline", "status"):
        entry = counts.setdefault(tg.parent_id, {"active": 0, "overdue": 0})
        entry["active"] += 1
        entry["overdue"] += is_overdue(tg, today)
    return counts
