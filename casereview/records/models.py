"""Records management: retention rules, legal holds, keep-until decisions and the deletion log.

Records are identified by (record type, id) rather than foreign keys: the log and the decisions must outlive
the records they describe.
"""

from django.conf import settings
from django.db import models

from casereview.domain.retention import HOLD_KIND_LABELS, RECORD_TYPES
from casereview.partnerships.models import Partnership

RECORD_TYPE_CHOICES = [(t.value, info.label) for t, info in RECORD_TYPES.items()]
HOLD_KIND_CHOICES = [(k.value, label) for k, label in HOLD_KIND_LABELS.items()]


class RetentionRule(models.Model):
    """How long one type of record is kept before it is reviewed; the partnership sets it."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="retention_rules")
    record_type = models.CharField(max_length=30, choices=RECORD_TYPE_CHOICES)
    years = models.PositiveSmallIntegerField(default=0)
    months = models.PositiveSmallIntegerField(default=0)
    trigger = models.CharField(max_length=300, help_text="What starts the period.")
    at_review = models.CharField(max_length=20, choices=[("review", "Review")], default="review",
                                 help_text="What happens at the review date: the business team reviews the record.")
    notes = models.TextField(blank=True, help_text="Why this period: the policy or advice it follows.")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["partnership", "record_type"]
        constraints = [models.UniqueConstraint(fields=["partnership", "record_type"], name="retention_rule_once")]

    def __str__(self) -> str:
        return f"Retention rule for {self.get_record_type_display()}"


class LegalHold(models.Model):
    """A hold placed for an inquiry, litigation or criminal proceedings: what it covers cannot be deleted."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="legal_holds")
    kind = models.CharField(max_length=30, choices=HOLD_KIND_CHOICES)
    description = models.CharField(max_length=300, help_text="What the hold is for, without naming a child.")
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    placed_on = models.DateField()
    released_on = models.DateField(null=True, blank=True)
    released_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    release_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-placed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description}"

    @property
    def active(self) -> bool:
        return self.released_on is None


class HoldItem(models.Model):
    """One record a hold covers, or (with no object id) every record of a type."""

    hold = models.ForeignKey(LegalHold, on_delete=models.CASCADE, related_name="items")
    record_type = models.CharField(max_length=30, choices=RECORD_TYPE_CHOICES)
    object_id = models.BigIntegerField(null=True, blank=True)
    label = models.CharField(max_length=300)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    added_on = models.DateField()

    class Meta:
        ordering = ["record_type", "object_id", "pk"]
        indexes = [models.Index(fields=["record_type", "object_id"])]

    def __str__(self) -> str:
        return self.label


class RetentionDecision(models.Model):
    """A review's outcome of "keep until a later date", with the reason."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="retention_decisions")
    record_type = models.CharField(max_length=30, choices=RECORD_TYPE_CHOICES)
    object_id = models.BigIntegerField()
    label = models.CharField(max_length=300)
    review_date = models.DateField(help_text="The review date the decision was made at.")
    keep_until = models.DateField()
    reason = models.TextField()
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_on = models.DateField()

    class Meta:
        ordering = ["-decided_on", "-pk"]
        indexes = [models.Index(fields=["partnership", "record_type", "object_id"])]

    def __str__(self) -> str:
        return f"Keep {self.label} until {self.keep_until}"


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("The deletion log is append-only.")

    def delete(self):
        raise PermissionError("The deletion log is append-only.")


class DeletionLog(models.Model):
    """What was deleted, why, by whom and under which rule. Its label never carries a child's details."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="deletion_log")
    record_type = models.CharField(max_length=30, choices=RECORD_TYPE_CHOICES)
    object_id = models.BigIntegerField()
    label = models.CharField(max_length=300)
    rule = models.CharField(max_length=300, help_text="The retention rule in force, in words.")
    review_date = models.DateField()
    reason = models.TextField()
    deleted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    deleted_by_label = models.CharField(max_length=200)
    deleted_at = models.DateTimeField()
    rows_removed = models.PositiveIntegerField()
    files_removed = models.PositiveIntegerField()
    rows_by_model = models.JSONField(default=dict)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-deleted_at", "-pk"]

    def __str__(self) -> str:
        return f"Deleted {self.label}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("The deletion log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The deletion log is append-only.")
