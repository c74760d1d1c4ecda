"""Minutes drafted against the agenda, approved at a later meeting, then distributed."""

from django.conf import settings
from django.db import models

from casereview.domain.governance_lifecycle import MINUTES, MinutesStatus

from .agenda import AgendaItem
from .meeting import Meeting


class Minutes(models.Model):
    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    status = models.CharField(max_length=20, choices=[(s.value, MINUTES.label(s)) for s in MinutesStatus],
                              default=MinutesStatus.DRAFT.value)
    approved_at = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                    help_text="The later meeting that approved these minutes.")
    approved_on = models.DateField(null=True, blank=True)
    distributed_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "minutes"

    def __str__(self) -> str:
        return f"Minutes of {self.meeting}"


class MinuteEntry(models.Model):
    """What was said and decided on one agenda item (or other business when `item` is empty).

    `needs_ratification` is set when a decision is recorded at an inquorate meeting; `ratified_at` is the
    later quorate meeting that ratified it. `excluded_note` records who took no part, and why."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="entries")
    item = models.ForeignKey(AgendaItem, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    heading = models.CharField(max_length=300, blank=True)
    discussion = models.TextField(blank=True)
    decision = models.TextField(blank=True)
    excluded_note = models.TextField(blank=True)
    needs_ratification = models.BooleanField(default=False)
    ratified_at = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["item__number", "pk"]
        verbose_name_plural = "minute entries"

    def __str__(self) -> str:
        return self.heading or (str(self.item) if self.item_id else "Other business")
