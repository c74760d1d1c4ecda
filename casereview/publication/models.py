"""A review's report on its way to publication, and each change proposed to remove what identifies someone.

The report's text holds real names until it is redacted, so it is read only by the business team and every
page that shows it is audited. Status values come from casereview.domain.publication (PUBLICATION_DRAFT)."""

from django.conf import settings
from django.db import models

from casereview.domain.publication import ANSWER_LABELS, DECISION_LABELS, DraftStatus
from casereview.domain.redaction_patterns import KIND_LABELS
from casereview.partnerships.models import Partnership

ANSWERS = [(str(k), v) for k, v in ANSWER_LABELS.items()]
DECISIONS = [(str(k), v) for k, v in DECISION_LABELS.items()]


class SourceFormat(models.TextChoices):
    DOCX = "docx", "Word document"
    TEXT = "text", "Plain text"


class PublicationDraft(models.Model):
    """One version of a review's report, prepared for publication."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    review = models.ForeignKey("learning.Review", on_delete=models.PROTECT, related_name="publication_drafts")
    title = models.CharField(max_length=200, help_text='For example "Final report, version 3".')
    status = models.CharField(max_length=20, default=DraftStatus.DRAFT.value)

    # The document as uploaded: its text, and the structure that rebuilds it (segments are lines or paragraphs
    # at text[start:end]; for Word, the blocks, tables, header and footer that hold them).
    source_name = models.CharField(max_length=255)
    source_format = models.CharField(max_length=10, choices=SourceFormat.choices)
    source_sha256 = models.CharField(max_length=64)
    source_text = models.TextField()
    structure = models.JSONField(default=dict)

    # The publication-harm check, answered before redaction starts.
    harm_to_child = models.CharField("could publication harm a surviving child or sibling?", max_length=10,
                                     choices=ANSWERS, blank=True)
    harm_to_child_notes = models.TextField(blank=True)
    proceedings_pending = models.CharField("is a criminal trial or inquest pending?", max_length=10,
                                           choices=ANSWERS, blank=True)
    proceedings_notes = models.TextField(blank=True)
    family_told = models.CharField("have the family been told?", max_length=10, choices=ANSWERS, blank=True)
    family_notes = models.TextField(blank=True)
    harm_decision = models.CharField(max_length=20, choices=DECISIONS, blank=True)
    harm_reasons = models.TextField(blank=True)
    harm_checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="+")
    harm_checked_at = models.DateTimeField(null=True, blank=True)

    redacted_text = models.TextField(blank=True, help_text="Made from the accepted changes when redaction ends.")
    redacted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    redacted_at = models.DateTimeField(null=True, blank=True)
    signed_off_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+")
    signed_off_at = models.DateTimeField(null=True, blank=True)

    prepared_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} (publication draft)"


class ChangeStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"


class ProposedChange(models.Model):
    """A stretch of the report's text to replace: found from the register or by pattern, or added by hand."""

    draft = models.ForeignKey(PublicationDraft, on_delete=models.CASCADE, related_name="changes")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    segment = models.IntegerField(help_text="The line or paragraph that holds it.")
    original = models.TextField()
    replacement = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=[(str(k), v) for k, v in KIND_LABELS.items()])
    reason = models.CharField(max_length=300, blank=True)
    manual = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=ChangeStatus.choices, default=ChangeStatus.PROPOSED)
    note = models.CharField(max_length=200, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["start", "pk"]
        indexes = [models.Index(fields=["draft", "status"])]
        constraints = [models.CheckConstraint(condition=models.Q(end__gt=models.F("start")),
                                              name="change_span_not_empty")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} at {self.start}"
