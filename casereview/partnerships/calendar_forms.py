"""Forms of the working-days calculator and of a partnership's closure days. Saving goes through services."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from casereview.web.forms import GovForm, GovModelForm

from .calendar_selectors import DIRECTIONS, EARLIEST, LATEST, MAX_DAYS, MAX_RANGE_YEARS, long_date, range_too_long
from .models import CalendarDay, CalendarDayKind

# ISO first (what a browser's date picker sends), then the ways people type dates in the UK.
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d %B %Y", "%d %b %Y", "%A %d %B %Y"]
EXAMPLE = "For example, 2025-12-20 or 20/12/2025"


class GovDateField(forms.DateField):
    """A date field that reads ISO and UK day-first dates and keeps to the years the calendar covers."""

    # A TextInput typed "date" (shown as ISO, as the picker needs): crispy-forms-gds marks a TextInput in error.
    widget = forms.TextInput(attrs={"type": "date", "class": "govuk-input govuk-input--width-10"})

    def __init__(self, *, label: str, **kwargs):
        what = label[0].lower() + label[1:]
        messages = {"required": f"Enter {what}", "invalid": f"{label} must be a real date. {EXAMPLE}"}
        super().__init__(label=label, input_formats=DATE_FORMATS, help_text=EXAMPLE, error_messages=messages,
                         **kwargs)
        self.bounds_message = f"{label} must be between {long_date(EARLIEST)} and {long_date(LATEST)}"

    def to_python(self, value):
        # Browsers and copied text bring stray spaces; a DateField would call those invalid.
        return super().to_python(value.strip() if isinstance(value, str) else value)

    def validate(self, value):
        super().validate(value)
        if value and not EARLIEST <= value <= LATEST:
            raise ValidationError(self.bounds_message, code="bounds")


class AddDaysForm(GovForm):
    """Day N counted after (or before) a date."""

    start = GovDateField(label="The start date (day 0)")
    days = forms.IntegerField(
        label="Number of working days", min_value=0, max_value=MAX_DAYS,
        # A text box, not type=number, as the GOV.UK Design System advises for whole numbers.
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-4", "inputmode": "numeric"}),
        error_messages={
            "required": "Enter the number of working days",
            "invalid": "The number of working days must be a whole number, like 15",
            "min_value": f"The number of working days must be between 0 and {MAX_DAYS}",
            "max_value": f"The number of working days must be between 0 and {MAX_DAYS}",
        },
    )
    direction = forms.ChoiceField(
        label="Count after or before the date", choices=DIRECTIONS, initial=DIRECTIONS[0][0],
        widget=forms.RadioSelect, error_messages={"required": "Select whether to count after or before the date"},
    )


class _RangeForm(GovForm):
    start = GovDateField(label="The start date")
    end = GovDateField(label="The end date")


class CountForm(_RangeForm):
    """Working days after one date up to and including another."""


class HolidaysForm(_RangeForm):
    """Bank holidays and closures in a range of at most MAX_RANGE_YEARS years."""

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", "The end date must be the same as or after the start date")
        elif start and end and range_too_long(start, end):
            self.add_error("end", f"The end date must be within {MAX_RANGE_YEARS} years of the start date")
        return data


class CalendarDayForm(GovModelForm):
    """A closure or opening day of the partnership."""

    date = GovDateField(label="Date")

    class Meta:
        model = CalendarDay
        fields = ["date", "kind", "reason"]
        labels = {"kind": "Is the partnership closed or open on this date?", "reason": "Reason"}
        help_texts = {"reason": "For example, 'Office move' or 'Council closure day'. Everyone can see it."}
        widgets = {"kind": forms.RadioSelect}
        error_messages = {
            "kind": {"required": "Select whether the partnership is closed or open on this date"},
            "reason": {"required": "Enter the reason for this closure or opening"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A model field without a default offers a blank choice, which as a radio button means nothing.
        self.fields["kind"].choices = CalendarDayKind.choices


class RemoveForm(GovForm):
    """Nothing to fill in: the button confirms the removal."""
