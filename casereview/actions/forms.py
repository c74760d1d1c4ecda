"""Forms for the action tracker: the filters, and an update with a note."""

from __future__ import annotations

from crispy_forms_gds.layout import Field, Layout
from django import forms

from casereview.domain.governance_lifecycle import ACTION
from casereview.partnerships.calendar_forms import GovDateField
from casereview.web.forms import GovForm

from .selectors import ActionFilters
from .services import NOTE_MAX


def _choice(choices, label: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(label=label, required=False, coerce=int, empty_value=None,
                                  choices=[("", "Any")] + [(str(pk), text) for pk, text in choices])


class ActionFilterForm(GovForm):
    """Filters on the tracker; a value that is not offered is ignored with a message, never an error page."""

    status = forms.ChoiceField(label="Status", required=False)
    agency = forms.TypedChoiceField(label="Agency", required=False)
    owner = forms.TypedChoiceField(label="Owner", required=False)
    meeting = forms.TypedChoiceField(label="Set at meeting", required=False)
    review = forms.TypedChoiceField(label="From review", required=False)
    recommendation = forms.TypedChoiceField(label="From recommendation", required=False)
    rag = forms.ChoiceField(label="RAG rating", required=False)
    overdue = forms.BooleanField(label="Overdue only", required=False)

    def __init__(self, *args, choices: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", "Any")] + list(choices["statuses"])
        self.fields["agency"] = _choice(choices["agencies"], "Agency")
        self.fields["owner"] = _choice(choices["owners"], "Owner")
        self.fields["meeting"] = _choice(choices["meetings"], "Set at meeting")
        self.fields["review"] = _choice(choices["reviews"], "From review")
        self.fields["recommendation"] = _choice(choices["recommendations"], "From recommendation")
        self.fields["rag"].choices = [("", "Any")] + list(choices["rags"])

    def filters(self) -> ActionFilters:
        """The valid filters (an invalid one is dropped)."""
        data = self.cleaned_data if self.is_bound and hasattr(self, "cleaned_data") else {}
        return ActionFilters(status=data.get("status") or "", agency=data.get("agency"), owner=data.get("owner"),
                             meeting=data.get("meeting"), overdue_only=bool(data.get("overdue")),
                             review=data.get("review"), recommendation=data.get("recommendation"),
                             rag=data.get("rag") or "")


class ActionUpdateForm(GovForm):
    status = forms.ChoiceField(label="Status", widget=forms.RadioSelect, required=False)
    note = forms.CharField(label="Note", max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 4}),
                           help_text="What has been done, or why the status changes. It is kept in the history.",
                           error_messages={"required": "Add a note saying what has happened"})
    due_date = GovDateField(label="Due date", required=False)
    owner = forms.ModelChoiceField(label="Owner", queryset=None, required=False, empty_label="Keep the owner")

    def __init__(self, *args, action, statuses: list[str], people=None, **kwargs):
        super().__init__(*args, **kwargs)
        keep = [(action.status, f"{ACTION.label(action.status)} (no change)")]
        self.fields["status"].choices = keep + [(s, ACTION.label(s)) for s in statuses]
        self.fields["status"].initial = action.status
        fields = [Field.radios("status"), "note"]
        if people is None:  # only the business team re-dates or re-assigns an action
            del self.fields["due_date"], self.fields["owner"]
        else:
            self.fields["owner"].queryset = people
            self.fields["due_date"].help_text = "Leave blank to keep the due date. For example, 2026-04-30"
            fields += ["due_date", "owner"]
        self.helper.layout = Layout(*fields)
