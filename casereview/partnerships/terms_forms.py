"""Forms for editing terms of reference and adjusting the review clock."""

import json

from django import forms

from casereview.domain.clocks import StartEvent
from casereview.domain.presets import PRESETS
from casereview.domain.terms_english import start_event_label
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


class ClocksForm(GovForm):
    """One length and one start event per clock of the current version, plus when the change takes effect."""

    def __init__(self, *args, clocks: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        events = [(e.value, start_event_label(e).capitalize()) for e in StartEvent]
        for clock in clocks:
            unit = clock["unit"].replace("_", " ")
            self.fields[f"{clock['id']}__length"] = forms.IntegerField(
                label=f"{clock['label']}: length in {unit}", min_value=1, max_value=366, initial=clock["length"],
                help_text=f"Counted {clock['direction']} the start event. Source: {clock['source']}.",
            )
            self.fields[f"{clock['id']}__start_event"] = forms.ChoiceField(
                label=f"{clock['label']}: starts from", choices=events, initial=clock["start_event"],
            )
        self.fields["effective_from"] = forms.DateField(label="Takes effect from", widget=DATE_WIDGET)
        self.fields["change_note"] = forms.CharField(label="What changed and why", max_length=2000,
                                                     widget=forms.Textarea(attrs={"rows": 3}))

    def changes(self) -> dict[str, dict]:
        """The cleaned lengths and start events, keyed by clock id."""
        result: dict[str, dict] = {}
        for name, value in self.cleaned_data.items():
            if "__" in name:
                clock_id, field = name.split("__", 1)
                result.setdefault(clock_id, {})[field] = value
        return result
