"""The form for a review that feeds learning, built for its kind: national reviews and Panel reports,
safeguarding adult reviews and domestic abuse related death reviews (DOMAIN.md §7 fields), single-agency
reviews and audits. Which fields a kind has, and which it needs, come from `review_other_services`."""

from __future__ import annotations

from django import forms

from casereview.partnerships.calendar_forms import GovDateField
from casereview.web.forms import GovForm

from .models import ReviewKind
from .review_other_services import FIELDS, REQUIRED, REQUIRED_BY_KIND


def _char(label, max_length=200, help_text=""):
    return lambda: forms.CharField(label=label, max_length=max_length, help_text=help_text)


def _area(label, help_text=""):
    return lambda: forms.CharField(label=label, max_length=10000, help_text=help_text,
                                   widget=forms.Textarea(attrs={"rows": 4}))


def _year():
    return forms.IntegerField(
        label="Year its learning is dated to", min_value=1990, max_value=2100,
        help_text="Leave blank for the year it was published (or this year).",
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-4", "inputmode": "numeric"}),
        error_messages={"invalid": "Enter a year, like 2025", "min_value": "Enter a year from 1990 to 2100",
                        "max_value": "Enter a year from 1990 to 2100"})


FIELD_MAKERS = {
    "title": _char("Title", 300, "Use pseudonyms only: never a child's or family member's name."),
    "reference": _char("Reference", 60),
    "source_body": _char("Published by", help_text="For example, the Child Safeguarding Practice Review Panel."),
    "published_on": lambda: GovDateField(label="Date published"),
    "summary": _area("Summary", "What happened and what was learned, without identifying anyone."),
    "commissioning_body": _char("Commissioning body", help_text="For example, the Safeguarding Adults Board or "
                                                                "the Community Safety Partnership."),
    "legal_basis": _char("Legal basis", help_text="For example, Care Act 2014 section 44; or Domestic Violence, "
                                                  "Crime and Victims Act 2004 section 9."),
    "criteria_basis": lambda: forms.ChoiceField(
        label="Criteria met", widget=forms.RadioSelect,
        choices=[("mandatory", "Mandatory"), ("discretionary", "Discretionary")]),
    "lead_body": _char("Lead body"),
    "joint_chair": _char("Joint chair"),
    "family_contact": _area("Family contact"),
    "criminal_proceedings": _area("Criminal proceedings and limits on disclosure"),
    "coroner": _area("Coroner"),
    "publication_decision": _area("Publication decision"),
    "annual_report_inclusion": _area("Inclusion in each board's annual report"),
    "scope": _area("Scope", "What the audit looked at."),
    "year": _year,
}
NOUNS = {ReviewKind.NATIONAL: "a national review or Panel report", ReviewKind.SAR: "a safeguarding adult review",
         ReviewKind.DARR: "a domestic abuse related death review", ReviewKind.SINGLE_AGENCY: "a single-agency review",
         ReviewKind.AUDIT: "an audit"}


class OtherReviewForm(GovForm):
    """The fields of one kind of review; those it needs are required, the rest say "(optional)"."""

    def __init__(self, *args, kind: str, agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        kind = ReviewKind(kind)
        needed = set(REQUIRED_BY_KIND[kind])
        self._agencies = {str(a.pk): a for a in agencies}
        for name in FIELDS[kind]:
            field = self._agency_field() if name == "agency" else FIELD_MAKERS[name]()
            field.required = name in needed
            if name in needed:
                field.error_messages["required"] = REQUIRED[name]
            elif not field.label.endswith("(optional)"):
                field.label = f"{field.label} (optional)"
            self.fields[name] = field

    def _agency_field(self):
        return forms.ChoiceField(label="Agency", choices=[("", "Choose an agency")] + [
            (pk, a.name) for pk, a in self._agencies.items()])

    def clean_agency(self):
        return self._agencies.get(self.cleaned_data["agency"])


def other_initial(review) -> dict:
    initial = {name: getattr(review, name) for name in FIELDS[ReviewKind(review.kind)]}
    if "agency" in initial:
        initial["agency"] = str(review.agency_id or "")
    return initial
