"""Forms for a practice review: commissioning it, its record, moving it on, the advance copy, publication or
a decision not to publish; and the review list's filters. Forms parse; the services decide. Field names
match the services' keywords so a service's ValidationError lands beside its field."""

from __future__ import annotations

from django import forms

from casereview.partnerships.calendar_forms import GovDateField
from casereview.reviews.criteria import METHODOLOGIES
from casereview.web.forms import GovForm

from .review_list_selectors import KIND_CHOICES, STATUS_CHOICES
from .review_services import ADVANCE_MAX, ADVANCE_MIN, MOVES

TEXTAREA = {"rows": 4}
NARROW = "govuk-input govuk-input--width-3"
PSEUDONYMS_ONLY = "Use pseudonyms only (for example Child O): never a child's or family member's name."


def _text(label: str, *, required=True, max_length=None, rows=None, help_text="", message=""):
    widget = forms.Textarea(attrs={"rows": rows}) if rows else None
    return forms.CharField(label=label, required=required, max_length=max_length, widget=widget,
                           help_text=help_text, error_messages={"required": message or f"Enter {label.lower()}"})


class PracticeReviewForm(GovForm):
    """The practice review's record: what the business team sets and changes."""

    title = _text("Title", max_length=300, help_text=PSEUDONYMS_ONLY, message="Enter a title, using pseudonyms only")
    reference = _text("Reference (optional)", required=False, max_length=60)
    group = forms.ChoiceField(label="Group that oversees the review", widget=forms.RadioSelect,
                              help_text="Quality assurance of the report is by this group.",
                              error_messages={"required": "Choose the group that oversees the review"})
    scope = _text("Scope", rows=4, help_text="The period the review covers and the questions it will answer.",
                  message="Enter the scope of the review: the period and the questions it will look at")
    review_terms = _text("The review's own terms of reference (optional)", required=False, rows=6)
    methodology = forms.ChoiceField(label="Methodology", error_messages={"required": "Choose the methodology"})
    summary = _text("Summary (optional)", required=False, rows=4,
                    help_text="What happened and what was learned, without identifying anyone.")
    planned_publication_date = GovDateField(label="Planned publication date (optional)", required=False)
    advance_working_days = forms.IntegerField(
        label="Working days before publication that the final report goes to the Panel and the Secretary of State",
        min_value=ADVANCE_MIN, max_value=ADVANCE_MAX, initial=7,
        widget=forms.TextInput(attrs={"class": NARROW, "inputmode": "numeric"}),
        help_text="7 unless agreed otherwise (the national figure is unconfirmed).",
        error_messages={"required": "Enter the number of working days, like 7",
                        "invalid": "Enter the number of working days as a whole number, like 7",
                        "min_value": f"Enter a number of working days from {ADVANCE_MIN} to {ADVANCE_MAX}",
                        "max_value": f"Enter a number of working days from {ADVANCE_MIN} to {ADVANCE_MAX}"})
    year = forms.IntegerField(label="Year its learning is dated to (optional)", required=False, min_value=1990,
                              max_value=2100, widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-4",
                                                                            "inputmode": "numeric"}),
                              error_messages={"invalid": "Enter a year, like 2026",
                                              "min_value": "Enter a year from 1990 to 2100",
                                              "max_value": "Enter a year from 1990 to 2100"})

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self._groups = {str(g.pk): g for g in groups}
        self.fields["group"].choices = [(str(g.pk), g.name) for g in groups]
        current = (self.initial.get("methodology") or "").strip()
        choices = list(METHODOLOGIES) + ([current] if current and current not in METHODOLOGIES else [])
        self.fields["methodology"].choices = [("", "Choose a methodology")] + [(m, m) for m in choices]

    def clean_group(self):
        return self._groups.get(self.cleaned_data["group"])


class CommissionForm(PracticeReviewForm):
    """Commissioning: the record less the summary and year (set from the decision)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["summary"]
        del self.fields["year"]


def record_initial(review) -> dict:
    return {"title": review.title, "reference": review.reference, "group": str(review.group_id or ""),
            "scope": review.scope, "review_terms": review.review_terms, "methodology": review.methodology,
            "summary": review.summary, "planned_publication_date": review.planned_publication_date,
            "advance_working_days": review.advance_working_days, "year": review.year}


class MoveField(forms.ChoiceField):
    """Offers the moves open now, but accepts any known move so the lifecycle's refusal is what is shown."""

    def valid_value(self, value):
        return value in MOVES


class MoveForm(GovForm):
    move = MoveField(label="What has happened?", widget=forms.RadioSelect,
                     error_messages={"required": "Choose what has happened"})

    def __init__(self, *args, moves: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["move"].choices = moves


class PublishForm(GovForm):
    published_on = GovDateField(label="Date published")
    publication_url = _text("Where it is published", max_length=500, help_text="The full address, starting https://",
                            message="Enter the address where the report is published, starting https://")
    pseudonyms = _text("Pseudonyms used", max_length=300, help_text="For example: Child O, Family U.",
                       message="Enter the pseudonyms the published report uses, for example Child O, Family U")


class NotPublishForm(GovForm):
    reasons = _text("Why is the report not being published?", rows=5,
                    help_text="For example, publication would harm a surviving child. Publish the improvements "
                              "instead where you can.",
                    message="Enter why the report is not being published")
    completed_on = GovDateField(label="Date the review was completed")


class AdvanceCopyForm(GovForm):
    sent_on = GovDateField(label="Date the final report was sent to the Panel and the Secretary of State")


class ReviewFilterForm(GovForm):
    """The list's filters; a value that is not offered is ignored with a message, never an error page."""

    kind = forms.ChoiceField(label="Kind", required=False, choices=KIND_CHOICES)
    status = forms.ChoiceField(label="Status", required=False, choices=STATUS_CHOICES)

    def values(self) -> tuple[str, str]:
        data = self.cleaned_data if self.is_bound and hasattr(self, "cleaned_data") else {}
        return data.get("kind") or "", data.get("status") or ""
