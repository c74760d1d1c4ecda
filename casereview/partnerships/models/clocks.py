"""Agreed extensions and pauses of a clock, kept as history beside the record the clock belongs to."""

from django.conf import settings
from django.db import models

from .core import Partnership


class ClockAdjustmentRecord(models.Model):
    """One extension, pause or resumption of a clock, with who agreed it and why.

    The subject is named by type and id so that any record with a clock (a group's terms-of-reference
    review, a rapid review) keeps its adjustments here, in one table with one history view.
    """

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="clock_adjustments")
    subject_type = models.CharField(max_length=100)
    subject_id = models.CharField(max_length=64)
    clock_id = models.CharField(max_length=60)
    kind = models.CharField(max_length=10, choices=[("extend", "Extended"), ("pause", "Paused"),
                                                    ("resume", "Resumed")])
    on = models.DateField()
    reason = models.TextField()
    agreed_by = models.CharField(max_length=200)
    agreed_on = models.DateField()
    new_due_date = models.DateField(null=True, blank=True)
    extra = models.PositiveIntegerField(default=0)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "recorded_at", "pk"]
        indexes = [models.Index(fields=["subject_type", "subject_id", "clock_id"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.clock_id} on {self.on}"
