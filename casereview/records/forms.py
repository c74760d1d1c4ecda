"""Forms for records management: a rule, a keep-until decision, a deletion, and legal holds."""

from __future__ import annotations

from django import forms

from casereview.web.forms import GovForm

from .models import HOLD_KIND_CHOICES, RECORD_TYPE_CHOICES

NUMBER = {"class": "govuk-input govuk-input--width-3", "inputmode": "numeric"}
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d %m %Y", "%d %B %Y", "%d %b %Y"]


class RuleForm(GovForm):
    years = forms.IntegerField(label="Years", min_value=0, max_value=100, widget=forms.TextInput(attrs=NUMBER),
                               error_messages={"required": "Enter the number of years (0 or more)",
                                               "invalid": "Years must be a whole number, like 15",
                                               "min_value": "Years cannot be negative",
                                               "max_value": "Years must be 100 or less"})
    months = forms.IntegerField(label="Months", min_value=0, max_value=11, widget=forms.TextInput(attrs=NUMBER),
                                error_messages={"required": "Enter the number of months (0 to 11)",
                                                "invalid": "Months must be a whole number, like 6",
                                                "min_value": "Months cannot be negative",
                                                "max_value": "Months must be 11 or less: give 12 months or more as "
                                                             "years"})
    trigger = forms.CharField(label="What starts the period", max_length=300,
                              error_messages={"required": "Enter what starts the retention period"})
    notes = forms.CharField(label="Why this period (optional)", required=False,
                            widget=forms.Textarea(attrs={"rows": 3}),
                            help_text="The policy, legal advice or guidance the partnership follows.")

    def clean(self):
        data = super().clean()
        if data.get("years") == 0 and data.get("months") == 0:
            self.add_error("years", "A retention period must be at least one month")
        return data


class DayField(forms.DateField):
    """A date typed as 2 March 2030, 02/03/2030 or 2030-03-02 (a keep-until date can be far ahead)."""

    widget = forms.TextInput(attrs={"type": "date", "class": "govuk-input govuk-input--width-10"})

    def __init__(self, *, label: str, **kwargs):
        super().__init__(label=label, input_formats=DATE_FORMATS, help_text="For example, 2 March 2035",
                         error_messages={"required": f"Enter {label[0].lower() + label[1:]}",
                                         "invalid": f"{label} must be a real date, for example 2 March 2035"},
                         **kwargs)

    def to_python(self, value):
        return super().to_python(value.strip() if isinstance(value, str) else value)


class KeepForm(GovForm):
    keep_until = DayField(label="Keep until")
    reason = forms.CharField(label="Why keep it", widget=forms.Textarea(attrs={"rows": 4}),
                             error_messages={"required": "Enter why the record is being kept"})


class DeleteForm(GovForm):
    reason = forms.CharField(label="Why delete it", widget=forms.Textarea(attrs={"rows": 4}),
                             help_text="For example, the review found no reason to keep it longer. Do not name "
                                       "a child or family.",
                             error_messages={"required": "Enter why the record is being deleted"})
    confirm = forms.BooleanField(label="I understand the record, everything under it and its files will be "
                                       "deleted and cannot be got back",
                                 error_messages={"required": "Confirm that you understand the deletion is final"})


class HoldForm(GovForm):
    kind = forms.ChoiceField(label="What is the hold for", choices=HOLD_KIND_CHOICES, widget=forms.RadioSelect,
                             error_messages={"required": "Choose what the hold is for"})
    description = forms.CharField(label="Description", max_length=300,
                                  help_text="For example, the court or inquiry and its reference. Do not name a "
                                            "child or family.",
                                  error_messages={"required": "Enter what the hold is for"})


class HoldItemForm(GovForm):
    record_type = forms.ChoiceField(label="Type of record", choices=RECORD_TYPE_CHOICES, widget=forms.RadioSelect,
                                    error_messages={"required": "Choose the type of record"})
    reference = forms.CharField(label="Record number or reference", required=False, max_length=100,
                                help_text="A notification's or review's reference, or the record number shown on "
                                          "the records pages.")
    whole_type = forms.BooleanField(label="Hold every record of this type instead", required=False)

    def clean(self):
        data = super().clean()
        if not data.get("whole_type") and not (data.get("reference") or "").strip():
            self.add_error("reference", "Enter the record's number or reference, or choose to hold every record "
                                        "of the type")
        return data


class ReleaseForm(GovForm):
    reason = forms.CharField(label="Why release the hold", widget=forms.Textarea(attrs={"rows": 4}),
                             help_text="For example, the proceedings have ended.",
                             error_messages={"required": "Enter why the hold is being released"})

