"""A review that feeds learning. One model for every kind, because they share the learning that follows
(recommendations, actions, themes); the fields a kind does not use stay empty."""

from django.conf import settings
from django.db import models

from casereview.partnerships.models import Group, Partnership


class ReviewKind(models.TextChoices):
    LCSPR = "lcspr", "Local child safeguarding practice review"
    NATIONAL = "national", "National review or Panel report"
    SAR = "sar", "Safeguarding adult review"
    DARR = "darr", "Domestic abuse related death review"
    SINGLE_AGENCY = "single_agency", "Single-agency review"
    AUDIT = "audit", "Audit"


class Review(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="learning_reviews")
    kind = models.CharField(max_length=20, choices=ReviewKind.choices)
    title = models.CharField(max_length=300)
    reference = models.CharField(max_length=60, blank=True, help_text='For example "LCSPR-2026-01" or "Child O".')
    summary = models.TextField(blank=True, help_text="What happened and what was learned, without identifying anyone.")
    # Status values come from casereview.domain.practice_reviews (PRACTICE_REVIEW for an LCSPR, OTHER_REVIEW else).
    status = models.CharField(max_length=20)
    group = models.ForeignKey(Group, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                              help_text="The group overseeing it (the Case Review Subgroup for an LCSPR).")
    rapid_review = models.ForeignKey("reviews.RapidReview", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="learning_reviews",
                                     help_text="The rapid review whose decision commissioned it.")
    year = models.PositiveSmallIntegerField(null=True, blank=True, help_text="The year its learning is dated to.")

    # Local child safeguarding practice review.
    decision_date = models.DateField(null=True, blank=True, help_text="The decision to hold it: the 6-month clock.")
    scope = models.TextField(blank=True)
    review_terms = models.TextField(blank=True, help_text="The review's own terms of reference.")
    methodology = models.CharField(max_length=200, blank=True)
    planned_publication_date = models.DateField(null=True, blank=True)
    advance_working_days = models.PositiveSmallIntegerField(default=7)
    advance_copy_sent_on = models.DateField(null=True, blank=True)
    published_on = models.DateField(null=True, blank=True)
    publication_url = models.URLField(max_length=500, blank=True)
    pseudonyms = models.CharField(max_length=300, blank=True, help_text='Pseudonyms used, e.g. "Child O, Family U".')
    not_published_reasons = models.TextField(blank=True)
    completed_on = models.DateField(null=True, blank=True)

    # National reviews and Panel reports.
    source_body = models.CharField(max_length=200, blank=True, help_text="Who published it (e.g. the Panel).")

    # Adult reviews (DOMAIN.md §7) and other reviews run by another body.
    commissioning_body = models.CharField(max_length=200, blank=True)
    legal_basis = models.CharField(max_length=200, blank=True)
    criteria_basis = models.CharField(max_length=20, blank=True,
                                      choices=[("mandatory", "Mandatory"), ("discretionary", "Discretionary")])
    lead_body = models.CharField(max_length=200, blank=True)
    joint_chair = models.CharField(max_length=200, blank=True)
    family_contact = models.TextField(blank=True)
    criminal_proceedings = models.TextField(blank=True, help_text="Criminal proceedings and limits on disclosure.")
    coroner = models.TextField(blank=True)
    publication_decision = models.TextField(blank=True)
    annual_report_inclusion = models.TextField(blank=True, help_text="In which board's annual report, and when.")
    agency = models.ForeignKey("partnerships.Agency", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+", help_text="For a single-agency review: the agency.")

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["partnership", "kind", "status"])]

    def __str__(self) -> str:
        return self.title


class Reviewer(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="reviewers")
    name = models.CharField(max_length=200)
    organisation = models.CharField(max_length=200, blank=True)
    independent = models.BooleanField(default=True)
    independence = models.TextField(blank=True, help_text="Why they are independent of the agencies involved.")

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class MilestoneKind(models.TextChoices):
    PRACTITIONER_EVENT = "practitioner_event", "Practitioner event"
    FAMILY_ENGAGEMENT = "family_engagement", "Family engagement"
    FIRST_DRAFT = "first_draft", "First draft"
    FINAL_DRAFT = "final_draft", "Final draft"
    QUALITY_ASSURANCE = "quality_assurance", "Quality assurance by the subgroup"
    OTHER = "other", "Other"


class ReviewMilestone(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField(max_length=30, choices=MilestoneKind.choices)
    label = models.CharField(max_length=200, blank=True)
    planned_on = models.DateField()
    done_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["planned_on", "pk"]

    def __str__(self) -> str:
        return self.label or self.get_kind_display()


class ReviewLink(models.Model):
    """Two reviews of the same events run jointly or in parallel (e.g. an LCSPR beside a SAR); shown on both."""

    from_review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="links_out")
    to_review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="links_in")
    kind = models.CharField(max_length=20, choices=[("joint", "Joint"), ("parallel", "Parallel"),
                                                    ("related", "Related")])
    note = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["from_review", "to_review"], name="review_link_once"),
            models.CheckConstraint(condition=~models.Q(from_review=models.F("to_review")), name="review_link_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.from_review} – {self.to_review} ({self.kind})"
