"""Forms for the pack, the meeting, the decision, sign-off, submission and the Panel's feedback.

Rules about what must be filled in live in the services, which name each missing item; the forms only
parse what was typed and lay the fields out.
"""

from __future__ import annotations

from datetime import datetime, time

from crispy_forms_gds.layout import HTML, Field, Fieldset, Layout
from django import forms
from django.utils import timezone
from django.utils.html import escape

from casereview.meetings.services import STATUSES
from casereview.partnerships.calendar_forms import GovDateField
from casereview.web.forms import GovForm

from .criteria import ANSWERS, CRITERIA, METHODOLOGIES
from .models import PARTNER_CHOICES, Outcome, ParallelProcess, Submission

ATTENDANCE_CHOICES = list(zip(STATUSES, ["Present", "A deputy attended", "Sent apologies", "Absent"], strict=True))
LONG_TEXT = 20000


def _text(label, help_text="", rows=5, required=False):
    return forms.CharField(label=label, help_text=help_text, required=required, max_length=LONG_TEXT,
                           widget=forms.Textarea(attrs={"rows": rows}))


class ConfirmForm(GovForm):
    """A form with no fields: the page explains the step and the button confirms it."""


class MeetingForm(GovForm):
    starts_on = GovDateField(label="Date of the meeting")
    start_time = forms.TimeField(label="Time it started", initial=time(10, 0), input_formats=["%H:%M", "%H.%M"],
                                 help_text="24-hour clock, for example 14:00",
                                 widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-5"}),
                                 error_messages={"required": "Enter the time the meeting started, for example 14:00",
                                                 "invalid": "Enter the time as hours and minutes, for example 14:00"})
    mode = forms.ChoiceField(label="How the meeting was held", widget=forms.RadioSelect,
                             choices=[("in_person", "In person"), ("virtual", "Virtual")],
                             error_messages={"required": "Select whether the meeting was in person or virtual"})
    place = forms.CharField(label="Place or link (optional)", required=False, max_length=300)

    def __init__(self, *args, memberships, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.memberships = list(memberships)
        seats = []
        for m in self.memberships:
            self.fields[f"status_{m.pk}"] = forms.ChoiceField(
                label=f"Did {m.person} attend?", choices=ATTENDANCE_CHOICES, widget=forms.RadioSelect,
                error_messages={"required": f"Say whether {m.person} attended"})
            self.fields[f"deputy_{m.pk}"] = forms.ModelChoiceField(
                label="If a deputy attended, who", queryset=people, required=False, initial=m.deputy_id,
                empty_label="Choose a person")
            legend = f"{m.person} — {m.role_title}{' (co-opted)' if m.co_opted else ''}"
            seats.append(Fieldset(Field.radios(f"status_{m.pk}", inline=True), f"deputy_{m.pk}",
                                  legend=escape(legend), legend_size="s"))
        self.fields["others"] = forms.ModelMultipleChoiceField(
            label="Others who attended (co-opted or invited for this case)", queryset=people, required=False,
            widget=forms.CheckboxSelectMultiple, help_text="They are recorded as present but never count to quorum.")
        self.helper.layout = Layout(
            "starts_on", "start_time", Field.radios("mode", inline=True), "place",
            HTML('<h2 class="govuk-heading-m">Who attended</h2>'), *seats, Field.checkboxes("others", small=True))

    def clean(self):
        data = super().clean()
        for m in self.memberships:
            if data.get(f"status_{m.pk}") == "deputy" and not data.get(f"deputy_{m.pk}"):
                self.add_error(f"deputy_{m.pk}", f"Choose who attended for {m.person}")
        return data

    def starts_at(self) -> datetime:
        data = self.cleaned_data
        return timezone.make_aware(datetime.combine(data["starts_on"], data["start_time"]))

    def attendance(self) -> list[dict]:
        """Rows for the service: each member's own attendance, their deputy, and anyone else present."""
        rows, implied = [], []
        for m in self.memberships:
            status = self.cleaned_data[f"status_{m.pk}"]
            if status == "deputy":
                rows.append({"person": self.cleaned_data[f"deputy_{m.pk}"], "status": "deputy", "attending_for": m})
                implied.append({"person": m.person, "status": "apologies", "attending_for": None})
            elif not any(r["person"] == m.person and r["status"] == status for r in rows):
                rows.append({"person": m.person, "status": status, "attending_for": None})
        listed = {r["person"].pk for r in rows}
        rows += [r for r in implied if r["person"].pk not in listed]
        listed |= {r["person"].pk for r in implied}
        rows += [{"person": p, "status": "present", "attending_for": None}
                 for p in self.cleaned_data.get("others") or [] if p.pk not in listed]
        return rows


class DecisionForm(GovForm):
    decided_on = GovDateField(label="Date of the decision", required=False)
    immediate_actions = _text("Immediate safeguarding action", "What has been done to keep the child, and any "
                                                               "siblings, safe.")
    learning_so_far = _text("Learning so far", "Good practice, and improvements needed.")
    identity_and_inequalities = _text(
        "Identity, race, ethnicity, culture and inequalities",
        "How race, ethnicity, culture, disability and other inequalities shaped the child's experience and the "
        "practice.")
    household_context = _text("Household and family context (optional)",
                              "Who the child lived with and the wider family, including fathers and male carers.",
                              rows=4)
    childs_voice = _text("The child's voice and family views (optional)",
                         "What the child's daily life was like, what they said, and the family's views.", rows=4)
    parallel_processes = forms.MultipleChoiceField(label="Parallel processes (optional)", required=False,
                                                   choices=ParallelProcess.choices,
                                                   widget=forms.CheckboxSelectMultiple)
    parallel_notes = _text("Parallel processes: notes (optional)",
                           "Stage reached, and any limits on disclosure they place on the review.", rows=3)
    outcome = forms.ChoiceField(label="Outcome", widget=forms.RadioSelect, choices=Outcome.choices, required=False)
    methodology = forms.ChoiceField(label="Methodology", required=False,
                                    choices=[("", "Choose a methodology")] + [(m, m) for m in METHODOLOGIES],
                                    help_text="Needed when the outcome is a local child safeguarding practice review.")
    national_review_rationale = _text("National review consideration",
                                      "Whether the case may merit a national review, and why.", rows=4)
    dissent = _text("Dissent (optional)", "Any member's disagreement with the decision.", rows=3)
    escalated_to_slg = forms.BooleanField(label="Escalate the disagreement to the Safeguarding Leadership Group",
                                          required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decided_on"].help_text = "Leave blank to use the date of the meeting. For example, 2026-01-09"
        sets = []
        for c in CRITERIA:
            self.fields[f"answer_{c.key}"] = forms.ChoiceField(label="Is this met?", choices=ANSWERS,
                                                               widget=forms.RadioSelect, required=False)
            self.fields[f"rationale_{c.key}"] = _text("Rationale", rows=3)
            legend = f"({c.key}) {c.label}" if len(c.key) == 1 else c.label
            sets.append(Fieldset(HTML(f'<p class="govuk-hint">Source: {escape(c.citation)}</p>'),
                                 Field.radios(f"answer_{c.key}", inline=True), f"rationale_{c.key}",
                                 legend=escape(legend), legend_size="s"))
        self.helper.layout = Layout(
            "decided_on", "immediate_actions", "learning_so_far", "identity_and_inequalities",
            "household_context", "childs_voice", Field.checkboxes("parallel_processes", small=True), "parallel_notes",
            HTML('<h2 class="govuk-heading-m">Criteria for a local child safeguarding practice review</h2>'), *sets,
            HTML('<h2 class="govuk-heading-m">Outcome</h2>'), Field.radios("outcome"), "methodology",
            "national_review_rationale", "dissent", Field.checkbox("escalated_to_slg"))

    def to_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["criteria"] = {c.key: {"answer": data.pop(f"answer_{c.key}"), "rationale": data.pop(f"rationale_{c.key}")}
                            for c in CRITERIA}
        return data


class SignOffForm(GovForm):
    partner = forms.ChoiceField(label="Safeguarding partner", widget=forms.RadioSelect, choices=PARTNER_CHOICES,
                                error_messages={"required": "Select the safeguarding partner who is signing off"})
    signed_by = forms.CharField(label="Name of the person who signed off", max_length=200, required=False)
    signed_on = GovDateField(label="Date signed off")

    def __init__(self, *args, remaining=None, **kwargs):
        super().__init__(*args, **kwargs)
        if remaining is not None:
            self.fields["partner"].choices = [c for c in PARTNER_CHOICES if c[0] in remaining]


class SubmitForm(GovForm):
    sent_on = GovDateField(label="Date sent to the Panel")
    panel_meeting_date = GovDateField(label="Date of the Panel meeting that discusses it (optional)", required=False)


class FeedbackForm(GovForm):
    outcome = forms.ChoiceField(label="What the Panel said", widget=forms.RadioSelect,
                                choices=Submission._meta.get_field("feedback_outcome").choices,
                                error_messages={"required": "Select what the Panel said about the decision"})
    received_on = GovDateField(label="Date the feedback was received")
    summary = _text("Summary of the feedback", rows=6)
    follow_on_actions = _text("Follow-on actions (optional)", "What the partnership will do in response, and who "
                                                              "leads each action.", rows=4)
