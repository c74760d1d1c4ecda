"""The versioned theme taxonomy (DOMAIN.md §6) and the tags that put reviews, findings and recommendations
under themes, each with its source and year."""

from django.conf import settings
from django.db import models

from casereview.partnerships.models import Partnership

from .recommendations import Finding, Recommendation
from .reviews import Review


class TaxonomyVersion(models.Model):
    """Each change to a partnership's taxonomy makes a new version; tags keep the theme they were made with."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField()
    note = models.CharField(max_length=300)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["partnership", "version"]
        constraints = [models.UniqueConstraint(fields=["partnership", "version"], name="taxonomy_version_once")]

    def __str__(self) -> str:
        return f"Taxonomy version {self.version}"


class Theme(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    key = models.SlugField(max_length=60)
    label = models.CharField(max_length=200)
    category = models.CharField(max_length=20, choices=[("practice", "Practice"), ("harm", "Harm and context"),
                                                        ("local", "Local")])
    added_in = models.ForeignKey(TaxonomyVersion, on_delete=models.PROTECT, related_name="added")
    retired_in = models.ForeignKey(TaxonomyVersion, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="retired")

    class Meta:
        ordering = ["category", "label"]
        constraints = [models.UniqueConstraint(fields=["partnership", "key"], name="theme_key_once")]

    def __str__(self) -> str:
        return self.label


class TagSource(models.TextChoices):
    RAPID_REVIEW = "rapid_review", "Rapid review"
    LCSPR = "lcspr", "Local practice review"
    NATIONAL = "national", "National review"
    PANEL_ANNUAL = "panel_annual_report", "Panel annual report"
    ADULT = "adult_review", "Adult review (SAR or DARR)"
    SINGLE_AGENCY = "single_agency", "Single-agency review"
    AUDIT = "audit", "Audit"


class ThemeTag(models.Model):
    """A theme on exactly one of: a review, a rapid review, a finding or a recommendation."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="tags")
    review = models.ForeignKey(Review, null=True, blank=True, on_delete=models.CASCADE, related_name="tags")
    rapid_review = models.ForeignKey("reviews.RapidReview", null=True, blank=True, on_delete=models.CASCADE,
                                     related_name="theme_tags")
    finding = models.ForeignKey(Finding, null=True, blank=True, on_delete=models.CASCADE, related_name="tags")
    recommendation = models.ForeignKey(Recommendation, null=True, blank=True, on_delete=models.CASCADE,
                                       related_name="tags")
    source = models.CharField(max_length=30, choices=TagSource.choices)
    year = models.PositiveSmallIntegerField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        indexes = [models.Index(fields=["partnership", "theme", "year"])]
        constraints = [models.CheckConstraint(
            condition=(models.Q(review__isnull=False, rapid_review=None, finding=None, recommendation=None)
                       | models.Q(review=None, rapid_review__isnull=False, finding=None, recommendation=None)
                       | models.Q(review=None, rapid_review=None, finding__isnull=False, recommendation=None)
                       | models.Q(review=None, rapid_review=None, finding=None, recommendation__isnull=False)),
            name="theme_tag_one_target")]

    def __str__(self) -> str:
        return f"{self.theme} ({self.year})"
