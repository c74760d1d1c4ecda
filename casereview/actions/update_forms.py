"""Forms for a progress update on an action (with evidence files) and for the group's sign-off."""

from __future__ import annotations

from crispy_forms_gds.layout import Field, Layout
from django import forms
from django.utils import timezone

from casereview.domain.governance_lifecycle import ACTION
from casereview.reviews.requests_forms import MultipleFileField
from casereview.reviews.uploads import MAX_FILES, check_uploads
from casereview.web.forms import GovForm

from .models import RAG
from .services import NOTE_MAX
from .update_services import TEXT_MAX


class ProgressUpdateForm(GovForm):
    progress = forms.CharField(
        label="Progress", max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What has been done since the last update.",
        error_messages={"required": "Say what progress has been made"})
    impact = forms.CharField(
        label="Impact (optional)", required=False, max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What difference it has made for children and families, and how you know.")
    status = forms.ChoiceField(label="Status", widget=forms.RadioSelect, required=False)
    rag = forms.ChoiceField(label="RAG rating", widget=forms.RadioSelect, required=False)
    evidence = MultipleFileField(
        label="Evidence (optional)", required=False, allow_empty_file=True,
        help_text=f"Up to {MAX_FILES} files of 10MB or less each: PDF, Word (.docx), Excel (.xlsx), PNG, JPEG or "
                  "plain text. If this page shows an error, choose your files again.")

    def __init__(self, *args, action, statuses: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = ([("", f"{ACTION.label(action.status)} (no change)")]
                                         + [(s, ACTION.label(s)) for s in statuses])
        current = RAG(action.rag).label if action.rag else "Not rated"
        self.fields["rag"].choices = [("", f"{current} (no change)")] + list(RAG.choices)
        self.helper.layout = Layout("progress", "impact", Field.radios("status"), Field.radios("rag"), "evidence")

    def clean_evidence(self):
        """Check the files now so their errors show with the others; the service checks them again."""
        files = self.cleaned_data["evidence"]
        _checked, errors = check_uploads(files)
        if errors:
            raise forms.ValidationError(errors)
        return files


class SignOffForm(GovForm):
    decision = forms.ChoiceField(
        label="The group's decision", widget=forms.RadioSelect,
        choices=[("close", "Evidence accepted: sign off and close the action"),
                 ("reopen", "Evidence not accepted: reopen the action (on track)")],
        error_messages={"required": "Choose whether the group accepted the evidence"})
    note = forms.CharField(
        label="Sign-off note", max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What evidence the group accepted, or why it did not. It is kept with the action.",
        error_messages={"required": "Record the group's decision: what evidence it accepted, or why it did not"})
    meeting = forms.TypedChoiceField(label="Meeting (optional)", required=False, coerce=int, empty_value=None,
                                     help_text="The held meeting at which the group decided, if it was at one.")

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].choices = [("", "Not at a meeting")] + [
            (str(m.pk), f"{m.group.name}, {_day(m.starts_at)}") for m in meetings]
        self.helper.layout = Layout(Field.radios("decision"), "note", "meeting")


def _day(starts_at) -> str:
    day = timezone.localdate(starts_at)
    return f"{day.day} {day:%B %Y}"
