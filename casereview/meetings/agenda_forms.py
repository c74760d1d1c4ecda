"""Forms for agenda items, papers and circulation. Forms parse; the agenda services decide."""

from __future__ import annotations

from django import forms

from casereview.partnerships.models import Person
from casereview.reviews.models import RapidReview
from casereview.reviews.uploads import ALLOWED_WORDS
from casereview.web.forms import GovForm

from .agenda_services import TITLE_MAX


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name}, {obj.agency.name}"


class AgendaItemForm(GovForm):
    title = forms.CharField(label="Title", max_length=TITLE_MAX, error_messages={
        "required": "Enter a title for the item", "max_length": f"The title must be {TITLE_MAX} characters or fewer"})
    description = forms.CharField(label="Description (optional)", required=False, max_length=5000,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    owner = PersonChoiceField(label="Owner (optional)", queryset=Person.objects.none(), required=False,
                              empty_label="No owner", help_text="The person who presents the item.",
                              error_messages={"invalid_choice": "Choose an owner from this partnership's people"})
    restricted = forms.BooleanField(
        label="Restricted item", required=False,
        help_text="Its papers are not sent to anyone who declares a conflict of interest on it.")
    needs_decision = forms.BooleanField(label="The group must make a decision on this item", required=False)
    rapid_review = forms.ModelChoiceField(
        label="Rapid review (optional)", queryset=RapidReview.objects.none(), required=False,
        empty_label="Not about a rapid review",
        error_messages={"invalid_choice": "Choose a rapid review of this group"})

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Person.objects.filter(partnership=meeting.partnership).select_related(
            "agency")
        self.fields["rapid_review"].queryset = RapidReview.objects.filter(
            group=meeting.group).select_related("notification").order_by("-clock_started_on", "-pk")
        self.fields["rapid_review"].help_text = f"A rapid review of the {meeting.group.name} this item is about."

    @staticmethod
    def initial_for(item) -> dict:
        return {"title": item.title, "description": item.description, "owner": item.owner_id,
                "restricted": item.restricted, "needs_decision": item.needs_decision,
                "rapid_review": item.rapid_review_id}


class PaperForm(GovForm):
    title = forms.CharField(label="Title of the paper", max_length=TITLE_MAX, error_messages={
        "required": "Enter a title for the paper",
        "max_length": f"The title must be {TITLE_MAX} characters or fewer"})
    file = forms.FileField(label="File", help_text=f"Upload {ALLOWED_WORDS}, up to 10MB.",
                           widget=forms.ClearableFileInput(attrs={"class": "govuk-file-upload"}),
                           error_messages={"required": "Choose the paper's file",
                                           "invalid": "The file could not be read: choose it again",
                                           "empty": "The file is empty"})


class PaperVersionForm(GovForm):
    """The file of a new version; its title stays the paper's own."""

    file = PaperForm.base_fields["file"]


class ConfirmForm(GovForm):
    """A confirmation with no fields."""
