"""A disagreement raised to the Safeguarding Leadership Group, each side's position, and the SLG's decision."""

from django.conf import settings
from django.db import models

from casereview.domain.governance_lifecycle import ESCALATION, EscalationStatus
from casereview.partnerships.models import Agency, Group, Partnership

from .meeting import Meeting


class Escalation(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="escalations")
    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="escalations")
    rapid_review = models.ForeignKey("reviews.RapidReview", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="escalations")
    subject = models.CharField(max_length=300)
    body = models.CharField(max_length=200, help_text="Who it is escalated to, from the terms of reference.")
    raised_on = models.DateField()
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=20, choices=[(s.value, ESCALATION.label(s)) for s in EscalationStatus],
                              default=EscalationStatus.RAISED.value)
    decision = models.TextField(blank=True)
    decided_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-raised_on", "-pk"]

    def __str__(self) -> str:
        return self.subject


class EscalationPosition(models.Model):
    escalation = models.ForeignKey(Escalation, on_delete=models.CASCADE, related_name="positions")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    position = models.TextField()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.agency}: {self.position[:40]}"
