"""A partnership's own changes to the working-day calendar: closure days and overrides."""

from django.conf import settings
from django.db import models

from .core import Partnership


class CalendarDayKind(models.TextChoices):
    CLOSED = "closed", "Closed: not a working day"
    OPEN = "open", "Open: a working day despite a bank holiday or weekend"


class CalendarDay(models.Model):
    """One date the partnership treats differently from the England and Wales calendar, with the reason."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="calendar_days")
    date = models.DateField()
    kind = models.CharField(max_length=10, choices=CalendarDayKind.choices)
    reason = models.CharField(max_length=200)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["partnership", "date"], name="calendar_day_unique")]

    def __str__(self) -> str:
        return f"{self.date:%d %B %Y}: {self.get_kind_display()} ({self.reason})"
