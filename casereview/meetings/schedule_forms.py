"""Forms for scheduling, changing and cancelling meetings and for invitations and apologies.

Forms parse; the services decide (the Europe/London time, the modes the terms allow, the chairs). Field names
match the services' keywords so a service's ValidationError lands beside its field.
"""

from __future__ import annotations

from datetime import time

from crispy_forms_gds.choices import Choice
from django import forms
from django.utils import timezone

from casereview.partnerships.calendar_forms import GovDateField
from casereview.web.forms import GovForm

from .models.meeting import InvitationResponse, MeetingKind, MeetingMode
from .schedule_services import MAX_MINUTES, MIN_MINUTES

TIME_FORMATS = ["%H:%M", "%H.%M", "%H%M"]
NARROW = "govuk-input govuk-input--width-5"


class MeetingDetailsForm(GovForm):
    """What a meeting is called, when and where it is, and who chairs it."""

    title = forms.CharField(label="Title (optional)", required=False, max_length=200,
                            help_text="For example, Quarterly business meeting. It goes in the calendar invitation: "
                                      "never put a child's name or details here.")
    starts_on = GovDateField(label="Date of the meeting")
    start_time = forms.TimeField(
        label="Start time (UK time)", input_formats=TIME_FORMATS, initial=time(10, 0),
        help_text="24-hour clock, for example 14:00",
        widget=forms.TimeInput(format="%H:%M", attrs={"class": NARROW}),
        error_messages={"required": "Enter the time the meeting starts, for example 14:00",
                        "invalid": "Enter the start time as hours and minutes, for example 14:00"})
    duration_minutes = forms.IntegerField(
        label="Length in minutes", initial=120, min_value=MIN_MINUTES, max_value=MAX_MINUTES,
        widget=forms.TextInput(attrs={"class": NARROW, "inputmode": "numeric"}),
        error_messages={"required": "Enter how long the meeting lasts, in minutes",
                        "invalid": "Enter the length as a whole number of minutes, like 120",
                        "min_value": f"The length must be between {MIN_MINUTES} and {MAX_MINUTES} minutes",
                        "max_value": f"The length must be between {MIN_MINUTES} and {MAX_MINUTES} minutes"})
    mode = forms.ChoiceField(label="How will the meeting be held?", widget=forms.RadioSelect,
                             error_messages={"required": "Select whether the meeting is in person or virtual"})
    place = forms.CharField(label="Place (for an in-person meeting)", required=False, max_length=300)
    link = forms.CharField(label="Joining link (for a virtual meeting)", required=False, max_length=500,
                           help_text="The full address, starting https://")
    chairs = forms.MultipleChoiceField(label="Who chairs the meeting?", widget=forms.CheckboxSelectMultiple,
                                       error_messages={"required": "Select at least one chair"})

    def __init__(self, *args, chair_seats, modes, **kwargs):
        super().__init__(*args, **kwargs)
        self._people = {str(s.person_id): s.person for s in chair_seats}
        self.fields["chairs"].choices = [
            Choice(str(s.person_id), s.person.full_name, hint=f"{s.role_title}, {s.person.agency.name}"
                   + (f" ({s.get_chair_display().lower()})" if s.chair else "")) for s in chair_seats]
        self.fields["mode"].choices = [(m, MeetingMode(m).label) for m in modes]

    def clean_chairs(self):
        return [self._people[pk] for pk in self.cleaned_data["chairs"] if pk in self._people]

    def clean_link(self):
        return self.cleaned_data["link"].strip()


class MeetingScheduleForm(MeetingDetailsForm):
    kind = forms.ChoiceField(label="Kind of meeting", widget=forms.RadioSelect, choices=MeetingKind.choices,
                             error_messages={"required": "Select the kind of meeting"})
    rapid_review = forms.ChoiceField(label="Rapid review (for a rapid review meeting, optional)", required=False)
    field_order = ["kind", "rapid_review", "title", "starts_on", "start_time", "duration_minutes", "mode", "place",
                   "link", "chairs"]

    def __init__(self, *args, reviews, **kwargs):
        super().__init__(*args, **kwargs)
        self._reviews = {str(r.pk): r for r in reviews}
        self.fields["rapid_review"].choices = [("", "None")] + [
            (str(r.pk), f"{r.notification.reference} ({r.get_status_display().lower()})") for r in reviews]

    def clean_rapid_review(self):
        return self._reviews.get(self.cleaned_data["rapid_review"])


def details_initial(meeting) -> dict:
    """The edit form's starting values from a meeting (its time in UK time)."""
    local = timezone.localtime(meeting.starts_at)
    return {"title": meeting.title, "starts_on": local.date(), "start_time": local.time().replace(second=0),
            "duration_minutes": meeting.duration_minutes, "mode": meeting.mode, "place": meeting.place,
            "link": meeting.link, "chairs": [str(p.pk) for p in meeting.chairs.all()]}


class CancelForm(GovForm):
    reason = forms.CharField(label="Why is the meeting cancelled?", max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="Kept with the meeting's record. The cancellation e-mail does not include it.",
                             error_messages={"required": "Enter why the meeting is cancelled"})


class _PersonForm(GovForm):
    """A choice of one of the partnership's people."""

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self._people = {str(p.pk): p for p in people}
        self.fields[self.person_field].choices = [("", self.empty_label)] + [
            (str(p.pk), f"{p.full_name}, {p.job_title} ({p.agency.name})") for p in people]

    def clean(self):
        cleaned = super().clean()
        if self.person_field in cleaned:
            cleaned[self.person_field] = self._people.get(cleaned[self.person_field])
        return cleaned


class InviteForm(_PersonForm):
    person_field, empty_label = "person", "Choose a person"
    person = forms.ChoiceField(label="Who should be invited?",
                               help_text="For example a guest speaker or an expert co-opted for one case. Add new "
                                         "people on the People page first.",
                               error_messages={"required": "Choose who to invite"})


class ApologiesForm(_PersonForm):
    person_field, empty_label = "deputy", "No deputy"
    deputy = forms.ChoiceField(label="Who attends in their place? (optional)", required=False,
                               help_text="The member's named deputy is chosen for you. The deputy is invited and sent "
                                         "the calendar invitation.")


class RespondForm(GovForm):
    response = forms.ChoiceField(
        label="What is their answer?", widget=forms.RadioSelect,
        choices=[(InvitationResponse.ACCEPTED, "Will attend"), (InvitationResponse.INVITED, "Not replied yet")],
        help_text="To send apologies, use Send apologies instead. Recording an answer withdraws any apologies.",
        error_messages={"required": "Select their answer"})
