"""The notification form and its children formset. Recording goes through `notification_record`, not the forms."""

from __future__ import annotations

from crispy_forms_gds.layout import HTML, Div, Field, Fieldset, Fixed, Layout, Size
from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseFormSet, formset_factory
from django.utils import timezone

from casereview.domain.notifications import MAX_CHILDREN_IN_MAIN_LIST
from casereview.partnerships.calendar_forms import GovDateField
from casereview.web.forms import GovForm

from .models import HarmType, LegalStatus, Nature, Sex
from .services import CHILD_FIELDS, IDENTITY_FIELDS

MAX_CHILD_ROWS = 6


def _date(label: str, required_message: str, **kwargs) -> GovDateField:
    field = GovDateField(label=label, **kwargs)
    field.error_messages["required"] = required_message
    return field


def _text(label: str, max_length: int, required: str | None = None, **kwargs) -> forms.CharField:
    """A text box; `required` is the message when it is empty, None when the box is optional."""
    messages = {"required": required or "", "max_length": f"{label} must be {max_length} characters or fewer"}
    return forms.CharField(label=label, max_length=max_length, required=required is not None,
                           error_messages=messages, **kwargs)


class NotificationForm(GovForm):
    """What the Panel's serious incident notification says about the incident."""

    group = forms.ModelChoiceField(
        label="Group that runs the rapid review", queryset=None, empty_label="Choose a group",
        help_text="Only groups with terms of reference in force are listed: their terms set the review's clock.",
        error_messages={"required": "Choose the group that runs the rapid review",
                        "invalid_choice": "Choose a group from the list"},
    )
    reference = _text("Notification reference", 60, "Enter the notification reference",
                      help_text="The reference on the notification, for example SIN-2025-041")
    local_authority = _text("Local authority that notified", 200, "Enter the local authority that notified")
    incident_date = _date("Date of the incident", "Enter the date of the incident")
    la_aware_date = _date("Date the local authority became aware", "Enter the date the local authority became aware")
    sin_submitted_date = _date("Date the notification was sent to the Panel",
                               "Enter the date the notification was sent to the Panel")
    received_date = _date("Date the partnership received the notification",
                          "Enter the date the partnership received the notification")
    nature = forms.ChoiceField(label="What happened", choices=Nature.choices, widget=forms.RadioSelect,
                               error_messages={"required": "Select whether the child died, was seriously harmed "
                                                           "or other"})
    harm_types = forms.MultipleChoiceField(
        label="Types of harm", choices=HarmType.choices, widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply.", error_messages={"required": "Select at least one type of harm"},
    )
    summary = _text("Brief summary of the incident", 5000, "Enter a brief summary of the incident",
                    widget=forms.Textarea(attrs={"rows": 5}),
                    help_text="Use the children's pseudonyms, never their real names.")
    further_information = _text("Further information (optional)", 10000, widget=forms.Textarea(attrs={"rows": 4}),
                                help_text="Include any children beyond the main list of four.")
    cross_border_partnership = _text("Cross-border partnership (optional)", 200,
                                     help_text="The child's home partnership, if it is another area.")

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups
        self.helper.layout = Layout(
            Fieldset(Field.select("group"), Field.text("reference", field_width=Fixed.TWENTY), "local_authority",
                     legend="The notification", legend_size=Size.MEDIUM),
            Fieldset("incident_date", "la_aware_date", "sin_submitted_date", "received_date",
                     legend="Dates", legend_size=Size.MEDIUM),
            Fieldset(Field.radios("nature"), Field.checkboxes("harm_types", small=True), "summary",
                     "further_information", "cross_border_partnership",
                     legend="The incident", legend_size=Size.MEDIUM),
        )

    def notification_data(self) -> dict:
        """The cleaned answers in the shape `notification_record` takes."""
        return {k: v for k, v in self.cleaned_data.items() if k != "group"}


IDENTITY_WARNING = ('<div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!'
                    '</span><strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning'
                    '</span>Restricted: only the business team can see these details, and every look is recorded. '
                    'Leave them empty if you do not have them.</strong></div>')


class ChildForm(GovForm):
    """One child: the facts the Panel asks for, and the real identity kept in the restricted register."""

    pseudonym = _text("Pseudonym", 60, "Enter a pseudonym for the child",
                      help_text='For example, "Child A" or "Baby O". This is the only name used elsewhere.')
    unborn = forms.BooleanField(label="The child was unborn", required=False)
    age_years = forms.IntegerField(
        label="Age in years (optional)", required=False, min_value=0, max_value=25,
        help_text="Enter 0 for a baby under one. Leave empty for an unborn child.",
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={"invalid": "Age must be a whole number of years, like 3",
                        "min_value": "Age must be between 0 and 25", "max_value": "Age must be between 0 and 25"},
    )
    sex = forms.ChoiceField(label="Sex", choices=Sex.choices, widget=forms.RadioSelect,
                            error_messages={"required": "Select the child's sex, or Not known"})
    ethnicity = _text("Ethnicity", 100, "Enter the child's ethnicity, or Not known")
    religion = _text("Religion (optional)", 100)
    first_language = _text("First language (optional)", 100)
    disability = _text("Disability or SEND (optional)", 200)
    legal_status = forms.ChoiceField(label="Legal status", choices=LegalStatus.choices, widget=forms.RadioSelect,
                                     error_messages={"required": "Select the child's legal status, or Not known"})
    in_main_list = forms.BooleanField(
        label=f"Name this child in the main list (up to {MAX_CHILDREN_IN_MAIN_LIST} children)", required=False,
        initial=True, help_text="Untick for a child recorded only under further information.",
    )
    full_name = _text("Full name", 200, help_text="Needed if you give any of the details below.")
    other_names = _text("Other names (optional)", 300, help_text="Known-as names and other spellings.")
    date_of_birth = _date("Date of birth (optional)", "", required=False)
    address = _text("Address (optional)", 1000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Fieldset(Field.text("pseudonym", field_width=Fixed.TWENTY), Field.checkbox("unborn", small=True),
                     Field.text("age_years", field_width=Fixed.THREE), Field.radios("sex", small=True),
                     "ethnicity", "religion", "first_language", "disability", Field.radios("legal_status", small=True),
                     Field.checkbox("in_main_list", small=True),
                     legend=self.number_label, legend_size=Size.MEDIUM),
            Div(Fieldset(HTML(IDENTITY_WARNING), "full_name", "other_names", "date_of_birth", "address",
                         legend="Identity register (restricted)", legend_size=Size.SMALL),
                css_class="govuk-inset-text"),
        )

    @property
    def number_label(self) -> str:
        """ "Child 2" from the formset prefix "children-1": the legend of the row's fieldset."""
        index = (self.prefix or "").rsplit("-", 1)[-1]
        return f"Child {int(index) + 1}" if index.isdigit() else "The child"

    def has_changed(self) -> bool:
        # "In the main list" starts ticked; unticking it alone does not make an empty row a child to record.
        return any(name != "in_main_list" for name in self.changed_data)

    @property
    def is_filled(self) -> bool:
        return self.is_bound and self.has_changed()

    def clean(self):
        data = super().clean()
        if data.get("unborn") and data.get("age_years") is not None:
            self.add_error("age_years", "Leave the age empty for an unborn child")
        identity = [data.get(k) for k in IDENTITY_FIELDS if k != "full_name"]
        if any(identity) and not data.get("full_name") and "full_name" not in self.errors:
            self.add_error("full_name", "Enter the child's full name, or leave the identity register empty")
        born = data.get("date_of_birth")
        if born and born > timezone.localdate():
            self.add_error("date_of_birth", "The date of birth must be today or in the past")
        return data

    def child_data(self) -> dict:
        """The cleaned answers in the shape `notification_record` takes, identity apart."""
        data = self.cleaned_data
        return {**{k: data[k] for k in CHILD_FIELDS}, "identity": {k: data[k] for k in IDENTITY_FIELDS}}


class BaseChildFormSet(BaseFormSet):
    default_error_messages = {
        "too_few_forms": "Add at least one child",
        "too_many_forms": f"You can record up to {MAX_CHILD_ROWS} children here; "
                          "describe any others under further information",
    }

    def add_error(self, error) -> None:
        """Show a service's message about the children as a whole at the top of the children section."""
        self.non_form_errors()  # make sure the formset is cleaned, so the list exists
        self._non_form_errors.extend(ValidationError(error).messages)

    def children_data(self) -> list[dict]:
        """Every filled row, in order; untouched extra rows are left out."""
        return [form.child_data() for i, form in enumerate(self.forms) if i < self.min_num or form.has_changed()]


ChildFormSet = formset_factory(ChildForm, formset=BaseChildFormSet, extra=MAX_CHILD_ROWS - 1, min_num=1,
                               max_num=MAX_CHILD_ROWS, absolute_max=MAX_CHILD_ROWS, validate_min=True,
                               validate_max=True)


class OfstedToldForm(GovForm):
    told_on = _date("Date Ofsted and the Secretary of State were told",
                    "Enter the date Ofsted and the Secretary of State were told")


def _anchor(bound) -> str:
    # crispy-forms-gds numbers radio and checkbox inputs from 1; the summary links to the first of them.
    if isinstance(bound.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return f"id_{bound.html_name}_1"
    return bound.id_for_label


def error_summary(form, formset) -> list[dict]:
    """Every message on the page, each with the id of the field it belongs to, for the GOV.UK error summary."""
    items = [{"href": "#main-content", "text": e} for e in form.non_field_errors()]
    items += [{"href": f"#{_anchor(form[name])}", "text": e} for name in form.fields for e in form[name].errors]
    items += [{"href": "#children", "text": e} for e in formset.non_form_errors()]
    for number, child in enumerate(formset.forms, start=1):
        items += [{"href": "#children", "text": f"Child {number}: {e}"} for e in child.non_field_errors()]
        items += [{"href": f"#{_anchor(child[name])}", "text": f"Child {number}: {e}"}
                  for name in child.fields for e in child[name].errors]
    return items
