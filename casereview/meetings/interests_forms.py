"""Forms for declarations of interest and the standing register. Forms parse; the services decide."""

from __future__ import annotations

from django import forms

from casereview.partnerships.calendar_forms import GovDateField
from casereview.web.forms import GovForm

from .interests_services import TEXT_MAX
from .models.interests import InterestKind

WHOLE_MEETING = ""


class _PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name


class _ItemChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"Item {obj.number}: {obj.title}" + (" (restricted)" if obj.restricted else "")


def _kind():
    return forms.ChoiceField(label="Kind of interest", choices=InterestKind.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Select the kind of interest",
                                             "invalid_choice": "Select the kind of interest"})


def _interest(label):
    return forms.CharField(label=label, max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 4}),
                           error_messages={"required": "Describe the interest",
                                           "max_length": f"The description must be {TEXT_MAX} characters or fewer"})


class DeclarationForm(GovForm):
    person = _PersonChoice(label="Who is declaring", queryset=None, empty_label="Choose a person",
                           error_messages={"required": "Choose who is declaring",
                                           "invalid_choice": "Choose someone invited to or attending the meeting"})
    item = _ItemChoice(label="For", queryset=None, required=False, empty_label="The whole meeting",
                       help_text="On an item, it is a conflict: the person takes no part in its decision, and is "
                                 "not sent the papers of a restricted item.",
                       error_messages={"invalid_choice": "Choose an item on this meeting's agenda"})
    kind = _kind()
    interest = _interest("The interest")

    def __init__(self, *args, people, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["item"].queryset = items


class RegisteredInterestForm(GovForm):
    kind = _kind()
    interest = _interest("The interest")
    declared_on = GovDateField(label="Date declared")
