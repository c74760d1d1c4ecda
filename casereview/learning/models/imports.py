"""A spreadsheet import: the column mapping, the dry run's verdict on every row, and what was imported."""

from django.conf import settings
from django.db import models

from casereview.partnerships.models import Partnership


class ImportRun(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=[("actions", "Action plan"), ("tracker", "Learning tracker")])
    filename = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    mapping = models.JSONField(default=dict)
    dry_run = models.BooleanField(default=True)
    rows_total = models.PositiveIntegerField(default=0)
    rows_imported = models.PositiveIntegerField(default=0)
    rejected = models.JSONField(default=list, help_text='[{"row": 7, "reasons": ["..."]}, ...]')
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} import of {self.filename}"
