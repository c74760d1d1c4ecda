"""Forms for a practice review's reviewers and milestones, and for a link between two reviews."""

from __future__ import annotations

from django import forms

from casereview.partnerships.calendar_forms import GovDateField
from casereview.web.forms import GovForm

from .models.reviews import MilestoneKind

LINK_KINDS = [("joint", "Joint: one review run together (for example with a safeguarding adult review)"),
              ("parallel", "Parallel: separate reviews of the same events, run side by side"),
              ("related", "Related: learning that bears on this review")]


class ReviewerForm(GovForm):
    name = forms.CharField(label="Name", max_length=200, error_messages={"required": "Enter the reviewer's name"})
    organisation = forms.CharField(label="Organisation (optional)", required=False, max_length=200)
    independent = forms.ChoiceField(
        label="Is the reviewer independent of the agencies involved?", widget=forms.RadioSelect,
        choices=[("yes", "Yes"), ("no", "No")],
        help_text="A reviewer who is not independent may be appointed; the review's page flags it.",
        error_messages={"required": "Say whether the reviewer is independent"})
    independence = forms.CharField(label="Independence statement", required=False, max_length=4000,
                                   widget=forms.Textarea(attrs={"rows": 4}),
                                   help_text="Why they are independent, or how a conflict is managed.")

    def clean_independent(self):
        return self.cleaned_data["independent"] == "yes"


class MilestoneForm(GovForm):
    kind = forms.ChoiceField(label="Milestone", widget=forms.RadioSelect, choices=MilestoneKind.choices,
                             error_messages={"required": "Choose the kind of milestone"})
    label = forms.CharField(label="Description (needed for Other)", required=False, max_length=200)
    planned_on = GovDateField(label="Planned date")
    done_on = GovDateField(label="Date done (leave blank until it is done)", required=False)
    notes = forms.CharField(label="Notes (optional)", required=False, max_length=4000,
                            widget=forms.Textarea(attrs={"rows": 3}))


def milestone_initial(milestone) -> dict:
    return {"kind": milestone.kind, "label": milestone.label, "planned_on": milestone.planned_on,
            "done_on": milestone.done_on, "notes": milestone.notes}


class LinkForm(GovForm):
    other = forms.ChoiceField(label="Review to link", error_messages={"required": "Choose the review to link"})
    kind = forms.ChoiceField(label="How are they linked?", widget=forms.RadioSelect, choices=LINK_KINDS,
                             error_messages={"required": "Choose whether the reviews are joint, parallel or related"})
    note = forms.CharField(label="Note (optional)", required=False, max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, reviews, **kwargs):
        super().__init__(*args, **kwargs)
        self._reviews = {str(r.pk): r for r in reviews}
        self.fields["other"].choices = [("", "Choose a review")] + [
            (str(r.pk), f"{r.title} ({r.get_kind_display().lower()}{f', {r.year}' if r.year else ''})")
            for r in reviews]

    def clean_other(self):
        return self._reviews.get(self.cleaned_data["other"])
