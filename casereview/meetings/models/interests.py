"""Declarations of interest at a meeting (whole meeting or one item) and the standing register per member."""

from django.conf import settings
from django.db import models

from casereview.partnerships.models import Partnership, Person

from .agenda import AgendaItem
from .meeting import Meeting


class InterestKind(models.TextChoices):
    PERSONAL = "personal", "Personal"
    PROFESSIONAL = "professional", "Professional"
    FINANCIAL = "financial", "Financial"
    OTHER = "other", "Other"


class Declaration(models.Model):
    """An interest declared at a meeting. On an item it is a conflict: the person takes no part in that
    item's decision, and when the item is restricted its papers are withheld from them."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="declarations")
    item = models.ForeignKey(AgendaItem, null=True, blank=True, on_delete=models.CASCADE, related_name="declarations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=InterestKind.choices)
    interest = models.TextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.person}: {self.interest[:40]}"


class RegisteredInterest(models.Model):
    """A member's standing interest, shown whenever they are invited or attend."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="registered_interests")
    kind = models.CharField(max_length=20, choices=InterestKind.choices)
    interest = models.TextField()
    declared_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["person__full_name", "-declared_on", "pk"]

    def __str__(self) -> str:
        return f"{self.person}: {self.interest[:40]}"
