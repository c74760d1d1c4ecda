"""What reminders and digests were sent (so each goes once), and each person's choices about them."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from casereview.domain.reminders import DAYS_BEFORE_DEFAULT, DAYS_BEFORE_MAX, DAYS_BEFORE_MIN, DUE_SOON, OVERDUE


class ReminderKind(models.TextChoices):
    DUE_SOON = DUE_SOON, "Due soon"
    OVERDUE = OVERDUE, "Overdue"


class Reminder(models.Model):
    """One reminder e-mailed to one address about one deadline; the unique row is what makes it once only.

    `object_key` names the record the deadline belongs to ("reviews.milestone:12"); a moved due date is a new
    deadline and earns its own reminders."""

    clock = models.CharField(max_length=40)
    object_key = models.CharField(max_length=120)
    kind = models.CharField(max_length=20, choices=ReminderKind.choices)
    due_date = models.DateField()
    recipient = models.EmailField(max_length=254)
    partnership = models.ForeignKey("partnerships.Partnership", null=True, on_delete=models.PROTECT,
                                    related_name="+")
    sent_on = models.DateField()

    class Meta:
        ordering = ["-sent_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["clock", "object_key", "kind", "due_date", "recipient"],
                                               name="reminder_once")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} reminder ({self.clock} {self.object_key}) to {self.recipient}"


class ReminderPreference(models.Model):
    """A person's reminder choices; someone without a row gets the defaults (casereview.domain.reminders)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="reminder_preference")
    before_due = models.BooleanField(default=True)
    days_before = models.PositiveSmallIntegerField(
        default=DAYS_BEFORE_DEFAULT,
        validators=[MinValueValidator(DAYS_BEFORE_MIN), MaxValueValidator(DAYS_BEFORE_MAX)])
    overdue = models.BooleanField(default=True)
    weekly_digest = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.CheckConstraint(
            condition=Q(days_before__gte=DAYS_BEFORE_MIN) & Q(days_before__lte=DAYS_BEFORE_MAX),
            name="reminder_days_before_range")]

    def __str__(self) -> str:
        return f"Reminder choices of {self.user}"


class DigestSent(models.Model):
    """The weekly digest sent to one person for one ISO week ("2026-W10")."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    week = models.CharField(max_length=10)
    sent_on = models.DateField()
    items = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "week"], name="digest_once_a_week")]

    def __str__(self) -> str:
        return f"Digest {self.week} to {self.user}"
