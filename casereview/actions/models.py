"""Actions the partnership tracks: from meeting minutes now, from review recommendations later.

"Overdue" is never stored: it is computed from the due date on the day the action is looked at."""

from django.conf import settings
from django.db import models

from casereview.domain.governance_lifecycle import ACTION, ActionStatus
from casereview.partnerships.models import Agency, Partnership, Person


class Action(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="actions")
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    owner = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="actions")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="actions",
                               help_text="The owning agency (the owner's agency when the action was set).")
    due_date = models.DateField()
    status = models.CharField(max_length=20, choices=[(s.value, ACTION.label(s)) for s in ActionStatus],
                              default=ActionStatus.NOT_STARTED.value)
    set_on = models.DateField()
    completed_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    # Where the action came from (issue 6 adds review recommendations).
    meeting = models.ForeignKey("meetings.Meeting", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="actions")
    minute_entry = models.ForeignKey("meetings.MinuteEntry", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="actions")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["partnership", "status", "due_date"])]

    def __str__(self) -> str:
        return self.title
