"""Forms for asking agencies for information and for an agency's secure return.

Forms parse; the services decide. Field names match the services' data keys so that a service's
ValidationError lands beside the field it is about.
"""

from __future__ import annotations

from crispy_forms_gds.choices import Choice
from django import forms

from casereview.domain.clocks import format_date
from casereview.web.forms import GovForm

from .requests_services import MAX_CHRONOLOGY
from .uploads import MAX_FILES, check_uploads

TEXT_MAX = 10000
DATE_WIDGET = {"type": "date", "class": "govuk-input govuk-input--width-10"}
CHRONOLOGY_STEP = 5


class RequestsSendForm(GovForm):
    agencies = forms.MultipleChoiceField(
        label="Which agencies should be asked?", widget=forms.CheckboxSelectMultiple,
        help_text="Statutory partners and the agencies of co-opted members are marked. Agencies already asked are "
                  "not asked again.",
        error_messages={"required": "Select at least one agency"},
    )
    due_date = forms.DateField(label="Return by (optional)", required=False, widget=forms.DateInput(attrs=DATE_WIDGET),
                               error_messages={"invalid": "Enter a real date, for example 2026-01-07"})

    def __init__(self, *args, options, default_due, **kwargs):
        super().__init__(*args, **kwargs)
        self._agencies = {str(option.agency.pk): option.agency for option in options}
        self.fields["agencies"].choices = [
            Choice(str(option.agency.pk), option.agency.name, hint=option.hint) for option in options
        ]
        self.fields["due_date"].help_text = (f"Leave blank to use the review's returns milestone, "
                                             f"{format_date(default_due)}.")

    def clean_agencies(self):
        return [self._agencies[pk] for pk in self.cleaned_data["agencies"]]


class MultipleFileInput(forms.FileInput):
    """A file input that takes several files (Django only allows it when the widget says so)."""

    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field whose value is a list of files; the service checks their types and sizes."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"class": "govuk-file-upload"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in files if item]


def _text(label: str, help_text: str = "", rows: int = 5) -> forms.CharField:
    return forms.CharField(label=label, help_text=help_text, required=False, max_length=TEXT_MAX,
                           widget=forms.Textarea(attrs={"rows": rows}))


class ReturnForm(GovForm):
    nil_return = forms.BooleanField(label="Nil return: my agency had no involvement with the child or family",
                                    required=False)
    nil_explanation = forms.CharField(
        label="For a nil return, say briefly how you checked", required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, which records were searched. Leave the rest of the form empty.",
    )
    involved_from = forms.DateField(label="Involvement began", required=False,
                                    widget=forms.DateInput(attrs=DATE_WIDGET),
                                    error_messages={"invalid": "Enter a real date, for example 2025-03-14"})
    involved_to = forms.DateField(label="Involvement ended", required=False,
                                  widget=forms.DateInput(attrs=DATE_WIDGET),
                                  help_text="Leave blank if your agency is still involved.",
                                  error_messages={"invalid": "Enter a real date, for example 2025-11-30"})
    key_contacts = _text("Key contacts", "Practitioners and managers involved, with their roles.", rows=3)
    practice_episodes = _text("Key practice episodes", "What your agency did, when, and why it mattered.", rows=8)
    went_well = _text("What went well")
    concerns = _text("Concerns", "Including about agencies working together.")
    immediate_actions = _text("Immediate actions taken", "To keep this child and other children safe.")
    identity_considerations = _text(
        "Identity and diversity considerations",
        "How race, ethnicity, culture, religion, language, disability or other inequalities shaped the child's "
        "experience and your agency's practice.")
    attachments = MultipleFileField(
        label="Attachments (optional)", required=False, allow_empty_file=True,
        help_text=f"Up to {MAX_FILES} files of 10MB or less each: PDF, Word (.docx), Excel (.xlsx), PNG, JPEG or "
                  "plain text. If this page shows an error, choose your files again.",
    )

    def clean_attachments(self):
        """Check the files now so their errors show with the others; the service checks them again."""
        files = self.cleaned_data["attachments"]
        _checked, errors = check_uploads(files)
        if errors:
            raise forms.ValidationError(errors)
        return files


class ChronologyRowForm(GovForm):
    date = forms.DateField(label="Date", required=False, widget=forms.DateInput(attrs=DATE_WIDGET),
                           error_messages={"invalid": "Enter a real date, for example 2025-10-02"})
    event = forms.CharField(label="What happened", required=False, max_length=2000,
                            widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("event", "").strip() and not cleaned.get("date") and not self.errors.get("date"):
            self.add_error("date", "Enter the date of this entry")
        if cleaned.get("date") and not cleaned.get("event", "").strip():
            self.add_error("event", "Enter what happened")
        return cleaned


ChronologyFormSet = forms.formset_factory(ChronologyRowForm, extra=CHRONOLOGY_STEP, max_num=MAX_CHRONOLOGY,
                                          absolute_max=MAX_CHRONOLOGY, validate_max=True)


def chronology_formset(data=None, *, more: bool = False):
    """The chronology rows; `more` re-shows what was typed with more empty rows (up to the maximum)."""
    if data is None:
        return ChronologyFormSet(prefix="chronology")
    if more:
        data = data.copy()
        key = "chronology-TOTAL_FORMS"
        shown = int(data.get(key) or 0) if str(data.get(key) or "0").isdigit() else 0
        data[key] = str(min(shown + CHRONOLOGY_STEP, MAX_CHRONOLOGY))
    return ChronologyFormSet(data, prefix="chronology")


def chronology_rows(formset) -> list[dict]:
    """The rows as the service takes them (empty rows are dropped there)."""
    return [{"date": f.cleaned_data.get("date"), "event": f.cleaned_data.get("event", "")}
            for f in formset.forms if f.cleaned_data]


class AttachmentReplaceForm(GovForm):
    """The file of an attachment's new version; the service checks its type and size."""

    file = forms.FileField(
        label="New version", widget=forms.ClearableFileInput(attrs={"class": "govuk-file-upload"}),
        help_text="One file of 10MB or less: PDF, Word (.docx), Excel (.xlsx), PNG, JPEG or plain text.",
        error_messages={"required": "Choose the new version's file",
                        "invalid": "The file could not be read: choose it again", "empty": "The file is empty"})
