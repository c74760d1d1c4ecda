"""Findings and recommendations of a review (or of a rapid review); actions hang off recommendations."""

from django.conf import settings
from django.db import models

from casereview.partnerships.models import Partnership

from .reviews import Review


class LocalRelevance(models.TextChoices):
    NOT_ASSESSED = "not_assessed", "Not yet assessed"
    RELEVANT = "relevant", "Relevant locally"
    PARTLY = "partly", "Partly relevant"
    NOT_RELEVANT = "not_relevant", "Not relevant locally"


class Recommendation(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    review = models.ForeignKey(Review, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="recommendations")
    rapid_review = models.ForeignKey("reviews.RapidReview", null=True, blank=True, on_delete=models.CASCADE,
                                     related_name="recommendations")
    number = models.PositiveIntegerField()
    text = models.TextField()
    # For national recommendations: assessed for local relevance, with the local response (K&R purpose 4).
    local_relevance = models.CharField(max_length=20, choices=LocalRelevance.choices,
                                       default=LocalRelevance.NOT_ASSESSED)
    local_response = models.TextField(blank=True)
    assessed_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["number", "pk"]
        constraints = [models.CheckConstraint(
            condition=models.Q(review__isnull=False) | models.Q(rapid_review__isnull=False),
            name="recommendation_has_a_source")]

    def __str__(self) -> str:
        return f"Recommendation {self.number}"


class Finding(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="findings")
    number = models.PositiveIntegerField()
    text = models.TextField()

    class Meta:
        ordering = ["number", "pk"]

    def __str__(self) -> str:
        return f"Finding {self.number}"
