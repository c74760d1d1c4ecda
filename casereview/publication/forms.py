"""Forms for preparing a report for publication. Forms parse; the services decide. Field names match the
services' keywords so a service's ValidationError lands beside its field."""

from __future__ import annotations

from django import forms

from casereview.domain.publication import ANSWER_LABELS, DECISION_LABELS
from casereview.domain.redaction_patterns import KIND_LABELS
from casereview.web.forms import GovForm

NOTES = {"rows": 3}
YES_NO = [(str(k), v) for k, v in ANSWER_LABELS.items() if k != "not_known"]
ANSWERS = [(str(k), v) for k, v in ANSWER_LABELS.items()]


def _notes(label: str) -> forms.CharField:
    return forms.CharField(label=label, required=False, max_length=5000, widget=forms.Textarea(attrs=NOTES))


def _answer(label: str, choices, help_text: str = "") -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=choices, widget=forms.RadioSelect, help_text=help_text,
                             error_messages={"required": "Choose an answer", "invalid_choice": "Choose an answer"})


class DraftStartForm(GovForm):
    title = forms.CharField(label="Title of this version", max_length=200,
                            help_text='For example "Final report, version 3". Use pseudonyms only.',
                            error_messages={"required": "Enter a title for this version of the report"})
    document = forms.FileField(label="The report", help_text="A Word document (.docx) or a plain text file, up to "
                                                            "10MB. The type is read from the file itself.",
                               error_messages={"required": "Choose the report to upload",
                                               "empty": "The file you chose is empty"},
                               widget=forms.ClearableFileInput(attrs={"class": "govuk-file-upload"}))


class HarmCheckForm(GovForm):
    harm_to_child = _answer("Would publication harm a surviving child or sibling?", ANSWERS)
    harm_to_child_notes = _notes("Notes on harm to a child (optional)")
    proceedings_pending = _answer("Is a criminal trial or inquest pending?", ANSWERS,
                                  "Ask the police and the coroner's office if you are not sure.")
    proceedings_notes = _notes("Notes on proceedings (optional)")
    family_told = _answer("Have the family been told about publication?", YES_NO)
    family_notes = _notes("Notes on telling the family (optional)")
    harm_decision = forms.ChoiceField(
        label="Decision", choices=[(str(k), v) for k, v in DECISION_LABELS.items()], widget=forms.RadioSelect,
        error_messages={"required": "Choose what is to be published",
                        "invalid_choice": "Choose what is to be published"})
    harm_reasons = forms.CharField(label="Reasons for the decision", max_length=5000,
                                   widget=forms.Textarea(attrs={"rows": 4}),
                                   error_messages={"required": "Give the reasons for the decision"})


class ChangeAddForm(GovForm):
    text = forms.CharField(label="Text to remove", max_length=300,
                           help_text="Copy it from the report. Every place it appears is replaced, in any letter case.",
                           error_messages={"required": "Enter the text to remove, as it appears in the report"})
    replacement = forms.CharField(label="Replace it with (optional)", max_length=200, required=False,
                                  help_text="A pseudonym such as “Mother” or “Child A”; left empty, a placeholder "
                                            "such as “[name removed]”.")
    kind = forms.ChoiceField(label="What is it?", widget=forms.RadioSelect,
                             choices=[(str(k), v) for k, v in KIND_LABELS.items()], initial="name",
                             error_messages={"required": "Choose what the text is",
                                             "invalid_choice": "Choose what the text is"})

