"""Task-and-finish groups a group sets up: a purpose, members nominated by agencies, a deadline, a report."""

from django.conf import settings
from django.db import models

from casereview.domain.governance_lifecycle import TASK_GROUP, TaskGroupStatus
from casereview.partnerships.models import Agency, Group, Partnership, Person


class TaskGroup(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    parent = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="task_groups")
    name = models.CharField(max_length=200)
    purpose = models.TextField()
    deadline = models.DateField()
    status = models.CharField(max_length=20, choices=[(s.value, TASK_GROUP.label(s)) for s in TaskGroupStatus],
                              default=TaskGroupStatus.ACTIVE.value)
    report = models.TextField(blank=True)
    reported_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_on = models.DateField()

    class Meta:
        ordering = ["deadline", "pk"]

    def __str__(self) -> str:
        return self.name


class TaskGroupMember(models.Model):
    task_group = models.ForeignKey(TaskGroup, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    nominated_by = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    nominated_on = models.DateField()

    class Meta:
        ordering = ["person__full_name", "pk"]
        constraints = [models.UniqueConstraint(fields=["task_group", "person"], name="task_group_member_once")]

    def __str__(self) -> str:
        return f"{self.person} ({self.task_group})"
