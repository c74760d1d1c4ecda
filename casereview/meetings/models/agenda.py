"""A meeting's agenda, its papers, and the record of who was sent which paper when."""

from django.conf import settings
from django.db import models

from casereview.partnerships.models import Person

from .meeting import Meeting


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    owner = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    restricted = models.BooleanField(default=False, help_text="Papers go only to those without a conflict.")
    needs_decision = models.BooleanField(default=False)
    rapid_review = models.ForeignKey("reviews.RapidReview", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="agenda_items")

    class Meta:
        ordering = ["number", "pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="agenda_item_number_once")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Paper(models.Model):
    """One version of a paper. A new version is a new row that `replaces` the one before it, so each version
    keeps its own file, hash and circulation records; the current version is the one nothing replaces."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="papers")
    title = models.CharField(max_length=300)
    file = models.FileField(upload_to="papers/%Y/%m/")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    # Set when first circulated; a paper first circulated after the papers clock's due date is late. A new
    # version inherits its predecessor's date: lateness is judged by when the paper first went out, not by
    # when it was last revised.
    first_circulated_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    # SET_NULL: the services never remove an earlier version, but a retention deletion of an old version may;
    # the later version then stays current and keeps its number.
    replaces = models.OneToOneField("self", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="replaced_by")

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.title


class PaperCirculation(models.Model):
    """Who received which paper and when; a person withheld for a conflict gets no row."""

    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="circulations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField()
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["sent_at", "pk"]

    def __str__(self) -> str:
        return f"{self.paper} to {self.person}"
