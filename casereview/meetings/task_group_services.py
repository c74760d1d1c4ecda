"""Setting up a task-and-finish group, members nominated by agencies, its report back and its close.

Only the business team writes; the status moves only through the TASK_GROUP lifecycle table.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from casereview.audit.services import audit_record
from casereview.audit.vocabulary import Verb
from casereview.domain.clocks import format_date
from casereview.domain.governance_lifecycle import TASK_GROUP, TaskGroupStatus
from casereview.domain.lifecycle import TransitionError

from .access import require_manage_meetings
from .models import TaskGroup, TaskGroupMember


def _move(task_group: TaskGroup, after: TaskGroupStatus) -> str:
    """Check the move against the lifecycle table; a refused move is a form error, not a crash."""
    try:
        return TASK_GROUP.check(task_group.status, after.value)
    except TransitionError as exc:
        raise ValidationError({"__all__": [str(exc)]}) from exc


@transaction.atomic
def task_group_create(*, actor, parent, name: str, purpose: str, deadline) -> TaskGroup:
    """Set up a task-and-finish group of `parent` with a purpose and a deadline (today or later)."""
    require_manage_meetings(actor, parent.partnership)
    today = timezone.localdate()
    errors = {}
    if not (name or "").strip():
        errors["name"] = "Enter a name for the task-and-finish group"
    if not (purpose or "").strip():
        errors["purpose"] = "Enter what the task-and-finish group is for"
    if not isinstance(deadline, date):
        errors["deadline"] = "Enter the deadline for reporting back"
    elif deadline < today:
        errors["deadline"] = "The deadline cannot be in the past"
    if errors:
        raise ValidationError(errors)
    task_group = TaskGroup.objects.create(partnership=parent.partnership, parent=parent, name=name.strip(),
                                          purpose=purpose.strip(), deadline=deadline, created_by=actor,
                                          created_on=today)
    audit_record(actor=actor, verb=Verb.CREATED, target=task_group, partnership=parent.partnership, changes={
        "name": [None, task_group.name], "parent": [None, parent.name], "deadline": [None, deadline.isoformat()]})
    return task_group


@transaction.atomic
def task_group_nominate(*, actor, task_group, agency, person) -> TaskGroupMember:
    """Add a member nominated by an agency; the person must work for the nominating agency."""
    require_manage_meetings(actor, task_group.partnership)
    errors = {}
    if task_group.status == TaskGroupStatus.CLOSED.value:
        errors["__all__"] = ["This task-and-finish group is closed: it takes no new members"]
    if agency is None or agency.partnership_id != task_group.partnership_id:
        errors["agency"] = "Choose the agency that nominates the member"
    if person is None or person.partnership_id != task_group.partnership_id:
        errors["person"] = "Choose a person from this partnership"
    elif agency is not None and person.agency_id != agency.pk:
        errors["person"] = (f"{person.full_name} works for {person.agency.name}, not {agency.name}: choose someone "
                            "from the nominating agency")
    elif TaskGroupMember.objects.filter(task_group=task_group, person=person).exists():
        errors["person"] = f"{person.full_name} is already a member"
    if errors:
        raise ValidationError(errors)
    member = TaskGroupMember.objects.create(task_group=task_group, person=person, nominated_by=agency,
                                            nominated_on=timezone.localdate())
    audit_record(actor=actor, verb=Verb.UPDATED, target=task_group, partnership=task_group.partnership,
                 changes={"member": [None, f"{person.full_name} (nominated by {agency.name})"]})
    return member


@transaction.atomic
def task_group_report(*, actor, task_group, report: str, reported_on) -> TaskGroup:
    """Record the report back to the parent group; the task-and-finish group becomes reported."""
    require_manage_meetings(actor, task_group.partnership)
    locked = TaskGroup.objects.select_for_update().get(pk=task_group.pk)
    after = _move(locked, TaskGroupStatus.REPORTED)
    errors = {}
    if not (report or "").strip():
        errors["report"] = "Enter what the task-and-finish group reported"
    if not isinstance(reported_on, date):
        errors["reported_on"] = "Enter the date it reported back"
    elif reported_on > timezone.localdate():
        errors["reported_on"] = "The date it reported back cannot be in the future"
    elif reported_on < locked.created_on:
        errors["reported_on"] = f"It cannot report back before it was set up ({format_date(locked.created_on)})"
    if errors:
        raise ValidationError(errors)
    before = locked.status
    locked.status, locked.report, locked.reported_on = after, report.strip(), reported_on
    locked.save(update_fields=["status", "report", "reported_on"])
    audit_record(actor=actor, verb=Verb.UPDATED, target=locked, partnership=locked.partnership, changes={
        "status": [before, after], "reported_on": [None, reported_on.isoformat()]})
    return locked


@transaction.atomic
def task_group_close(*, actor, task_group) -> TaskGroup:
    """Close the task-and-finish group (its work is done, or it is stood down)."""
    require_manage_meetings(actor, task_group.partnership)
    locked = TaskGroup.objects.select_for_update().get(pk=task_group.pk)
    after = _move(locked, TaskGroupStatus.CLOSED)
    before = locked.status
    locked.status = after
    locked.save(update_fields=["status"])
    audit_record(actor=actor, verb=Verb.UPDATED, target=locked, partnership=locked.partnership,
                 changes={"status": [before, after]})
    return locked
