"""Forms for minutes: the draft against the agenda (with new actions per entry), approval at a later
meeting, and ratification of a decision of an inquorate meeting."""

from __future__ import annotations

from crispy_forms_gds.layout import HTML, Field, Fieldset, Layout
from django import forms
from django.utils.html import escape

from casereview.domain.clocks import format_date
from casereview.partnerships.calendar_forms import GovDateField
from casereview.web.forms import GovForm

from .minutes_selectors import meeting_label
from .minutes_services import HEADING_MAX, TEXT_MAX


def _text(label: str, rows: int = 4) -> forms.CharField:
    return forms.CharField(label=label, required=False, max_length=TEXT_MAX,
                           widget=forms.Textarea(attrs={"rows": rows}))


class MinutesForm(GovForm):
    """One fieldset per block from minutes_selectors.draft_blocks; field names are "<block key>_<field>"."""

    def __init__(self, *args, blocks: list[dict], people: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.blocks = blocks
        self._people = {str(p.pk): p for p in people}
        owners = [("", "Choose the owner")] + [(str(p.pk), f"{p.full_name} ({p.agency.name})") for p in people]
        layout = []
        for block in blocks:
            key, other = block["key"], block["item"] is None
            parts = []
            if other:
                self.fields[f"{key}_heading"] = forms.CharField(label="Heading", required=False, max_length=HEADING_MAX,
                                                                initial=block["heading"])
                parts.append(f"{key}_heading")
            if block["excluded_note"]:
                parts.append(HTML(f'<div class="govuk-inset-text">{escape(block["excluded_note"])}</div>'))
            self.fields[f"{key}_discussion"] = _text("Discussion", rows=5)
            self.fields[f"{key}_discussion"].initial = block["discussion"]
            self.fields[f"{key}_decision"] = _text("Decision (if any)", rows=3)
            self.fields[f"{key}_decision"].initial = block["decision"]
            parts += [f"{key}_discussion", f"{key}_decision"]
            if block["actions"]:
                listed = "".join(f"<li>{escape(a.title)} — {escape(a.owner.full_name)}, due "
                                 f"{format_date(a.due_date)}</li>" for a in block["actions"])
                parts.append(HTML(f'<h3 class="govuk-heading-s">Actions set</h3><ul class="govuk-list '
                                  f'govuk-list--bullet">{listed}</ul>'))
            self.fields[f"{key}_action_title"] = forms.CharField(label="New action (optional)", required=False,
                                                                 max_length=300)
            self.fields[f"{key}_action_owner"] = forms.ChoiceField(label="Owner", required=False, choices=owners)
            self.fields[f"{key}_action_due_date"] = GovDateField(label="Due date", required=False)
            parts.append(Fieldset(f"{key}_action_title", f"{key}_action_owner", f"{key}_action_due_date",
                                  legend="Add an action", legend_size="s"))
            legend = "New item of other business (optional)" if key == "new" else (
                block["heading"] or "Other business")
            layout.append(Fieldset(*parts, legend=escape(legend), legend_size="m"))
        self.helper.layout = Layout(*layout)

    def entries(self) -> list[dict]:
        """The blocks as the service takes them."""
        entries = []
        for block in self.blocks:
            key, data = block["key"], self.cleaned_data
            title = (data.get(f"{key}_action_title") or "").strip()
            owner = self._people.get(data.get(f"{key}_action_owner") or "")
            due = data.get(f"{key}_action_due_date")
            entries.append({
                "key": key, "item_id": block["item"].pk if block["item"] else None,
                "entry_id": block["entry"].pk if block["item"] is None and block["entry"] else None,
                "heading": data.get(f"{key}_heading", block["heading"]), "discussion": data.get(f"{key}_discussion"),
                "decision": data.get(f"{key}_decision"),
                "action": {"title": title, "owner": owner, "due_date": due} if (title or owner or due) else None,
            })
        return entries


def _meeting_choice(meetings: list, label: str, help_text: str = "") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(label=label, help_text=help_text, coerce=int, widget=forms.RadioSelect,
                                  choices=[(str(m.pk), meeting_label(m)) for m in meetings],
                                  error_messages={"required": "Choose a meeting",
                                                  "invalid_choice": "Choose one of the meetings listed"})


class MinutesApproveForm(GovForm):
    def __init__(self, *args, meetings: list, **kwargs):
        super().__init__(*args, **kwargs)
        self._meetings = {m.pk: m for m in meetings}
        self.fields["at_meeting"] = _meeting_choice(
            meetings, "Which meeting approved the minutes?",
            "Minutes are approved at a later meeting of the group that has been held; the next one is chosen.")
        if meetings:
            self.fields["at_meeting"].initial = str(meetings[0].pk)
        self.helper.layout = Layout(Field.radios("at_meeting", legend_size="m"))

    def clean_at_meeting(self):
        return self._meetings.get(self.cleaned_data["at_meeting"])

