"""The meetings of a group and everything around them: agenda, papers, invitations, attendance, interests,
minutes, escalations to the SLG and task-and-finish groups."""

from .agenda import AgendaItem, Paper, PaperCirculation
from .escalations import Escalation, EscalationPosition
from .interests import Declaration, RegisteredInterest
from .meeting import Attendance, Invitation, Meeting
from .minutes import MinuteEntry, Minutes
from .task_groups import TaskGroup, TaskGroupMember

__all__ = [
    "AgendaItem", "Attendance", "Declaration", "Escalation", "EscalationPosition", "Invitation", "Meeting",
    "MinuteEntry", "Minutes", "Paper", "PaperCirculation", "RegisteredInterest", "TaskGroup", "TaskGroupMember",
]
