"""The partnership's own baseline (e.g. its child population) to compare the children in notifications with."""

from django.db import models

from casereview.partnerships.models import Partnership


class PopulationBaseline(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    dimension = models.CharField(max_length=20, choices=[("ethnicity", "Ethnicity"), ("sex", "Sex"),
                                                         ("age_band", "Age band"), ("disability", "Disability"),
                                                         ("legal_status", "Legal status")])
    category = models.CharField(max_length=100)
    count = models.PositiveIntegerField()
    source = models.CharField(max_length=300, help_text='For example "ONS mid-year estimates 2025".')
    as_of = models.DateField()

    class Meta:
        ordering = ["dimension", "category"]
        constraints = [models.UniqueConstraint(fields=["partnership", "dimension", "category"],
                                               name="baseline_category_once")]

    def __str__(self) -> str:
        return f"{self.dimension}: {self.category}"
