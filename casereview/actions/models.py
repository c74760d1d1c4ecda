"""Actions the partnership tracks: from meeting minutes now, from review recommendations later.

"Overdue" is never stored: it is computed from the due date on the day the action is looked at."""

from django.conf import settings
from django.db import models

from casereview.domain.governance_lifecycle import ACTION, ActionStatus
from casereview.partnerships.models import Agency, Partnership, Person


class RAG(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


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
    recommendation = models.ForeignKey("learning.Recommendation", null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="actions")
    rag = models.CharField("RAG rating", max_length=10, blank=True, choices=RAG.choices)
    # Closing needs the group's sign-off: who signed it off, where (a meeting, if at one) and why.
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    sign_off_meeting = models.ForeignKey("meetings.Meeting", null=True, blank=True, on_delete=models.PROTECT,
                                         related_name="+")
    sign_off_note = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["due_date", "pk"]
        # The second serves the tracker's pages: each part of "overdue first" is read in due-date order. The third
        # holds all the learning tracker counts of a partnership's actions per recommendation, so they are read
        # from the index alone: a partnership's actions lie scattered through the table, one block each.
        indexes = [models.Index(fields=["partnership", "status", "due_date"]),
                   models.Index(fields=["partnership", "due_date", "id"], name="action_by_due_date"),
                   models.Index(fields=["partnership", "recommendation", "status", "due_date", "id"],
                                name="action_by_recommendation")]

    def __str__(self) -> str:
        return self.title


class ActionUpdate(models.Model):
    """An agency's update on an action: progress, the evidence for it and the impact seen."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    written_at = models.DateTimeField(auto_now_add=True)
    progress = models.TextField()
    impact = models.TextField(blank=True)
    status_after = models.CharField(max_length=20, blank=True)
    rag_after = models.CharField(max_length=10, blank=True, choices=RAG.choices)

    class Meta:
        ordering = ["written_at", "pk"]
        # The learning tracker counts the updates that record an impact, per action: from this index alone.
        indexes = [models.Index(fields=["action", "id"], condition=~models.Q(impact=""), name="update_with_impact")]

    def __str__(self) -> str:
        return f"Update on {self.action}"


class ActionEvidence(models.Model):
    update = models.ForeignKey(ActionUpdate, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to="evidence/%Y/%m/")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name


class ActionReminder(models.Model):
    """One reminder e-mailed about an action: before it is due, or once it is overdue. Unique per due date,
    so a reminder is never sent twice, and moving the due date allows a new one."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20, choices=[("due_soon", "Due soon"), ("overdue", "Overdue")])
    due_date = models.DateField()
    sent_on = models.DateField()
    recipients = models.JSONField(default=list)

    class Meta:
        ordering = ["sent_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["action", "kind", "due_date"], name="action_reminder_once")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} reminder for {self.action}"
