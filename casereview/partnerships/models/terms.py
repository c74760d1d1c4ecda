"""Versioned terms-of-reference documents of a group."""

from django.conf import settings
from django.db import models

from .core import Group, Partnership


class TermsVersion(models.Model):
    """One validated version of a group's terms of reference; versions are never edited, only superseded."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="terms_versions")
    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="terms_versions")
    version = models.PositiveIntegerField()
    effective_from = models.DateField()
    document = models.JSONField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    change_note = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["group", "-version"]
        constraints = [models.UniqueConstraint(fields=["group", "version"], name="terms_version_unique")]

    def __str__(self) -> str:
        return f"{self.group} terms of reference, version {self.version}"
