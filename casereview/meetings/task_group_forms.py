"""Forms for task-and-finish groups: set one up, nominate a member, record the report back, close it."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from casereview.partnerships.calendar_forms import GovDateField
from casereview.web.forms import GovForm

LONG_TEXT = 20000


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.full_name} — {obj.agency.name}"


class TaskGroupCreateForm(GovForm):
    parent = forms.ModelChoiceField(label="Set up by", queryset=None, empty_label="Choose a group",
                                    error_messages={"required": "Choose the group that sets it up"})
    name = forms.CharField(label="Name", max_length=200)
    purpose = forms.CharField(label="Purpose", max_length=LONG_TEXT, widget=forms.Textarea(attrs={"rows": 5}),
                              help_text="What the group is asked to do, and what it reports back.")
    deadline = GovDateField(label="Deadline for reporting back")

    def __init__(self, *args, choices: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = choices["groups"]


class TaskGroupNominateForm(GovForm):
    agency = forms.ModelChoiceField(label="Nominating agency", queryset=None, empty_label="Choose an agency",
                                    error_messages={"required": "Choose the agency that nominates the member"})
    person = PersonChoiceField(label="Member", queryset=None, empty_label="Choose a person",
                               help_text="They must work for the nominating agency.",
                               error_messages={"required": "Choose the person nominated"})

    def __init__(self, *args, choices: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = choices["agencies"]
        self.fields["person"].queryset = choices["people"]


class TaskGroupReportForm(GovForm):
    report = forms.CharField(label="What it reported", max_length=LONG_TEXT, required=False,
                             widget=forms.Textarea(attrs={"rows": 8}))
    reported_on = GovDateField(label="Date it reported back")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("reported_on", timezone.localdate())
        super().__init__(*args, **kwargs)


class TaskGroupCloseForm(GovForm):
    """No fields: the button confirms the close."""
