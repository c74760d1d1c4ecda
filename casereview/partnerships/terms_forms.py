"""Forms for editing terms of reference and adjusting the review clock."""

import json

from django import forms

from casereview.domain.presets import PRESETS
from casereview.web.forms import GovForm

DATE_WIDGET = forms.DateInput(attrs={"type": "date"})
PRESET_LABELS = {
    "kingston-richmond-case-review-subgroup": "Case Review Subgroup (Kingston & Richmond model, October 2023)",
    "kent-rapid-review-group": "Rapid Review Group (Kent model, May 2020)",
}


class TermsEditForm(GovForm):
    effective_from = forms.DateField(label="Takes effect from", widget=DATE_WIDGET,
                                     help_text="Cases whose clocks start on or after this date follow this version.")
    change_note = forms.CharField(label="What changed and why", widget=forms.Textarea(attrs={"rows": 3}),
                                  max_length=2000)
    document = forms.CharField(
        label="Terms of reference document", widget=forms.Textarea(attrs={"rows": 30, "spellcheck": "false"}),
        help_text="The whole document as structured data. Each problem is listed with the field it is in.",
    )

    def clean_document(self):
        text = self.cleaned_data["document"]
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(
                f"The document is not valid structured data: {exc.msg} at line {exc.lineno}, column {exc.colno}"
            ) from exc
        if not isinstance(data, dict):
            raise forms.ValidationError("The document must be a set of named fields, starting with {")
        return data


class PresetForm(GovForm):
    preset = forms.ChoiceField(label="Preset", widget=forms.RadioSelect,
                               choices=[(slug, PRESET_LABELS.get(slug, slug)) for slug in PRESETS])
    effective_from = forms.DateField(label="Takes effect from", widget=DATE_WIDGET)
    change_note = forms.CharField(label="Why this preset is being adopted", widget=forms.Textarea(attrs={"rows": 3}),
                                  max_length=2000)


class ReviewClockAdjustForm(GovForm):
    kind = forms.ChoiceField(label="What was agreed", widget=forms.RadioSelect, choices=[
        ("extend", "Extend the review date"), ("pause", "Pause the clock"), ("resume", "Resume the clock"),
    ])
    on = forms.DateField(label="Takes effect on", widget=DATE_WIDGET)
    reason = forms.CharField(label="Reason", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    agreed_by = forms.CharField(label="Agreed by", max_length=200, help_text="For example, the SLG chair")
    agreed_on = forms.DateField(label="Date agreed", widget=DATE_WIDGET)
    new_due_date = forms.DateField(label="New due date (for an extension to a date)", required=False,
                                   widget=DATE_WIDGET)
    extra = forms.IntegerField(label="Or extend by this many months", required=False, min_value=1, max_value=24)
