"""Filters of the attendance report and the quarterly update (GET forms: nothing is saved)."""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django import forms
from django.utils import timezone

from casereview.partnerships.calendar_forms import GovDateField
from casereview.web.forms import GovForm

from .report_selectors import default_quarter, parse_quarter, quarter_choices, quarter_value

MAX_PERIOD_DAYS = 5 * 366


def bound_data(form_class, params):
    """The query string when it carries any of the form's fields, else None (the form shows its defaults)."""
    return params if set(form_class.base_fields) & set(params) else None


def last_twelve_months(today: date) -> date:
    """The first day of the twelve months that end today."""
    return today - relativedelta(years=1) + timedelta(days=1)


class AttendanceFilterForm(GovForm):
    start = GovDateField(label="From")
    end = GovDateField(label="To")
    group = forms.ModelChoiceField(label="Group", queryset=None, required=False, empty_label="Every group")

    def __init__(self, *args, groups, today: date, **kwargs):
        super().__init__(*args, initial={"start": last_twelve_months(today), "end": today}, **kwargs)
        self.fields["group"].queryset = groups

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", "The end of the period must be the same as or after its start")
        elif start and end and (end - start).days > MAX_PERIOD_DAYS:
            self.add_error("end", "The period can be at most five years")
        return data

    def period(self) -> dict:
        """The chosen (or default) filters, for the selector."""
        source = self.cleaned_data if self.is_bound else self.initial
        return {"start": source["start"], "end": source["end"], "group": source.get("group")}


class QuarterField(forms.ChoiceField):
    """Offers the recent quarters; any quarter from 2000 to this year written "2026-Q1" is accepted too."""

    def valid_value(self, value) -> bool:
        first = parse_quarter(value)
        return first is not None and 2000 <= first.year <= timezone.localdate().year


class QuarterlyForm(GovForm):
    group = forms.ModelChoiceField(label="Group", queryset=None, empty_label=None,
                                   error_messages={"required": "Choose the group the update is for",
                                                   "invalid_choice": "Choose a group from the list"})
    quarter = QuarterField(label="Quarter", choices=(),
                                error_messages={"required": "Choose a quarter",
                                                "invalid_choice": "Choose a quarter from the list"})

    def __init__(self, *args, groups, default_group, today: date, **kwargs):
        initial = {"quarter": quarter_value(default_quarter(today)), "group": default_group}
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["group"].queryset = groups
        self.fields["quarter"].choices = quarter_choices(today)

    def choice(self) -> dict:
        """The chosen (or default) group and the first day of the quarter."""
        source = self.cleaned_data if self.is_bound else self.initial
        return {"group": source["group"], "quarter": parse_quarter(source["quarter"])}
