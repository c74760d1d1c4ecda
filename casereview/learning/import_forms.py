"""Forms for a spreadsheet import: the file and what it holds, then the column for each field."""

from __future__ import annotations

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Field, Layout
from django import forms

from casereview.web.forms import GovForm

from .import_selectors import fields_for
from .spreadsheets import MAX_BYTES, MAX_ROWS

NOT_IN_FILE = ""


class ImportStartForm(GovForm):
    kind = forms.ChoiceField(
        label="What does the file hold?", widget=forms.RadioSelect,
        choices=[Choice("actions", "An action plan", hint="Actions from the recommendations of recorded reviews."),
                 Choice("tracker", "A learning tracker", hint="Earlier reviews with their kind, year and themes.")],
        error_messages={"required": "Choose whether the file is an action plan or a learning tracker"})
    file = forms.FileField(
        label="Spreadsheet", widget=forms.FileInput(attrs={"class": "govuk-file-upload"}),
        help_text=f"An Excel workbook (.xlsx, first sheet only) or a CSV file, up to {MAX_BYTES // (1024 * 1024)}MB "
                  f"and {MAX_ROWS:,} rows. Row 1 must hold the column headings.",
        error_messages={"required": "Choose a file", "empty": "The file is empty"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(Field.radios("kind"), "file")


class ImportMapForm(GovForm):
    """One choice per field: which of the file's columns holds it (or none)."""

    def __init__(self, *args, run, chosen: dict, **kwargs):
        super().__init__(*args, **kwargs)
        header = run.mapping.get("header", [])
        rows = run.mapping.get("rows", [])
        first = rows[0][1] if rows else []
        choices = [(NOT_IN_FILE, "Not in this file")] + [(str(i), h) for i, h in enumerate(header)]
        for target in fields_for(run.kind):
            index = chosen.get(target.key)
            example = first[index] if index is not None and index < len(first) else ""
            hint = " ".join(p for p in (target.hint, f'Row 2 has "{example[:60]}".' if example else "") if p)
            self.fields[target.key] = forms.ChoiceField(
                label=target.label + ("" if target.required else " (optional)"), choices=choices, required=False,
                initial=str(index) if index is not None else NOT_IN_FILE, help_text=hint)

    def columns(self) -> dict[str, int | None]:
        return {key: int(value) if value not in (None, NOT_IN_FILE) else None
                for key, value in self.cleaned_data.items()}
