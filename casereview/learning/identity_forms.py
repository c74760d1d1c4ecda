"""Forms for identity and disproportionality: the period (a GET form) and a baseline figure."""

from __future__ import annotations

from datetime import date

from crispy_forms_gds.layout import Field, Fixed, Layout
from dateutil.relativedelta import relativedelta
from django import forms

from casereview.partnerships.calendar_forms import GovDateField
from casereview.web.forms import GovForm

from .identity_selectors import DIMENSIONS, FIXED_CATEGORIES

MAX_PERIOD_YEARS = 10


def default_start(today: date) -> date:
    """Three years up to today: long enough for the numbers to mean something."""
    return today - relativedelta(years=3) + relativedelta(days=1)


class IdentityPeriodForm(GovForm):
    start = GovDateField(label="From")
    end = GovDateField(label="To")

    def __init__(self, *args, today: date, **kwargs):
        super().__init__(*args, initial={"start": default_start(today), "end": today}, **kwargs)
        self.helper.layout = Layout("start", "end")

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", "The end of the period must be the same as or after its start")
        elif start and end and end > start + relativedelta(years=MAX_PERIOD_YEARS):
            self.add_error("end", f"The period can be at most {MAX_PERIOD_YEARS} years")
        return data

    def period(self) -> tuple[date, date]:
        source = self.cleaned_data if self.is_bound else self.initial
        return source["start"], source["end"]


def _category_hint() -> str:
    lists = "; ".join(f"{label.lower()}: {', '.join(FIXED_CATEGORIES[key])}" for key, label in DIMENSIONS
                      if key in FIXED_CATEGORIES)
    return f"Use the names children are counted under ({lists}). For ethnicity, use the same words as the records."


class BaselineForm(GovForm):
    dimension = forms.ChoiceField(label="What the figure counts", choices=DIMENSIONS, widget=forms.RadioSelect,
                                  error_messages={"required": "Choose what the figure counts",
                                                  "invalid_choice": "Choose what the figure counts from the list"})
    category = forms.CharField(label="Category", max_length=100, help_text=_category_hint(),
                               error_messages={"required": "Enter the category"})
    count = forms.IntegerField(label="Number of children in the baseline", min_value=0, max_value=100_000_000,
                               error_messages={"required": "Enter the number", "invalid": "Enter a whole number",
                                               "min_value": "The number cannot be negative",
                                               "max_value": "Enter a number up to 100,000,000"})
    source = forms.CharField(label="Source", max_length=300, help_text="For example, “ONS mid-year estimates 2025”.",
                             error_messages={"required": "Enter where the figure comes from"})
    as_of = GovDateField(label="Date the figure is for")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(Field.radios("dimension", small=True), "category",
                                    Field.text("count", field_width=Fixed.TEN), "source", "as_of")
