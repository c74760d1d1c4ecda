"""Forms for raising an escalation to the SLG with each agency's position, and for recording its decision.

The rules (at least two agencies, each once; the route from the terms of reference) live in the service,
which names each field at fault; the forms only parse and lay out.
"""

from __future__ import annotations

from crispy_forms_gds.layout import Field, Fieldset, Layout
from django import forms
from django.utils import timezone

from casereview.partnerships.calendar_forms import GovDateField
from casereview.web.forms import GovForm

from .escalation_selectors import DEFAULT_BODY

POSITION_ROWS = 4
ORDINALS = ["First", "Second", "Third", "Fourth"]
LONG_TEXT = 20000


def _text(label, help_text="", rows=4, required=False):
    return forms.CharField(label=label, help_text=help_text, required=required, max_length=LONG_TEXT,
                           widget=forms.Textarea(attrs={"rows": rows}))


class EscalationRaiseForm(GovForm):
    group = forms.ModelChoiceField(label="Group", queryset=None, empty_label="Choose a group",
                                   error_messages={"required": "Choose the group the disagreement arose in"})
    subject = forms.CharField(label="What the disagreement is about", max_length=300,
                              help_text="A short title. Refer to a child only by the review reference.")
    raised_on = GovDateField(label="Date raised")
    meeting = forms.ModelChoiceField(label="Meeting it arose at (optional)", queryset=None, required=False,
                                     empty_label="No meeting")
    rapid_review = forms.ModelChoiceField(label="Rapid review it concerns (optional)", queryset=None,
                                          required=False, empty_label="No rapid review")
    confirm_default_body = forms.BooleanField(
        label=f"Raise it with the {DEFAULT_BODY}", required=False,
        help_text="Only needed when the group's terms of reference name no escalation route.")

    def __init__(self, *args, choices: dict, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("raised_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = choices["groups"]
        self.fields["meeting"].queryset = choices["meetings"]
        self.fields["rapid_review"].queryset = choices["reviews"]
        rows = []
        for n in range(1, POSITION_ROWS + 1):
            self.fields[f"agency_{n}"] = forms.ModelChoiceField(
                label="Agency", queryset=choices["agencies"], required=False, empty_label="Choose an agency")
            self.fields[f"position_{n}"] = _text("Its position")
            rows.append(Fieldset(f"agency_{n}", f"position_{n}", legend=f"{ORDINALS[n - 1]} agency's position",
                                 legend_size="s"))
        self.helper.layout = Layout("group", "subject", "raised_on", "meeting", "rapid_review", *rows,
                                    Field.checkbox("confirm_default_body"))

    def positions(self) -> list[dict]:
        """Every position row as typed, blank ones included, so the service can name the row at fault."""
        return [{"agency": self.cleaned_data.get(f"agency_{n}"), "position": self.cleaned_data.get(f"position_{n}")}
                for n in range(1, POSITION_ROWS + 1)]

    def to_data(self) -> dict:
        data = self.cleaned_data
        return {"group": data["group"], "subject": data["subject"], "raised_on": data["raised_on"],
                "meeting": data.get("meeting"), "rapid_review": data.get("rapid_review"),
                "positions": self.positions(), "confirm_default_body": bool(data.get("confirm_default_body"))}


class EscalationResolveForm(GovForm):
    decision = _text("What was decided", "The decision as recorded by the body it was escalated to.", rows=6)
    decided_on = GovDateField(label="Date of the decision")
