"""Forms for findings, recommendations, national recommendations' local relevance, and actions from a
recommendation. Forms parse; the services decide."""

from __future__ import annotations

from crispy_forms_gds.layout import Field, Layout
from django import forms

from casereview.actions.models import RAG
from casereview.partnerships.calendar_forms import GovDateField
from casereview.web.forms import GovForm

from .models.recommendations import LocalRelevance
from .recommendation_services import TEXT_MAX


class TextForm(GovForm):
    text = forms.CharField(max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args, what: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].label = what.capitalize()
        self.fields["text"].error_messages["required"] = f"Enter the {what}"


class AssessmentForm(GovForm):
    relevance = forms.ChoiceField(
        label="Is the recommendation relevant locally?", widget=forms.RadioSelect,
        choices=[(c.value, c.label) for c in (LocalRelevance.RELEVANT, LocalRelevance.PARTLY,
                                              LocalRelevance.NOT_RELEVANT)],
        error_messages={"required": "Choose whether the recommendation is relevant locally"})
    response = forms.CharField(
        label="Local response", required=False, max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What the partnership will do about it; if it is not relevant locally, why not.")
    assessed_on = GovDateField(label="Date assessed")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(Field.radios("relevance"), "response", "assessed_on")


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} ({obj.agency.name})"


class RecommendationActionForm(GovForm):
    title = forms.CharField(label="Action", max_length=300, error_messages={"required": "Enter what the action is"})
    description = forms.CharField(label="Description (optional)", required=False, max_length=TEXT_MAX,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    agency = forms.ModelChoiceField(label="Owning agency", queryset=None, empty_label="Choose an agency",
                                    error_messages={"required": "Choose the agency that owns the action"})
    owner = PersonChoiceField(label="Lead", queryset=None, empty_label="Choose a person",
                              help_text="A person of the owning agency.",
                              error_messages={"required": "Choose who leads the action"})
    due_date = GovDateField(label="Due date")
    rag = forms.ChoiceField(label="Initial RAG rating (optional)", widget=forms.RadioSelect, required=False,
                            choices=[("", "Not rated yet"), *RAG.choices])

    def __init__(self, *args, agencies, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["owner"].queryset = people
        self.helper.layout = Layout("title", "description", "agency", "owner", "due_date", Field.radios("rag"))
