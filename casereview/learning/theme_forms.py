"""Forms for the theme taxonomy (add a local theme) and for tagging a record with themes."""

from __future__ import annotations

from crispy_forms_gds.layout import Field, Fixed, Layout
from django import forms
from django.utils import timezone

from casereview.web.forms import GovForm

from .models import ReviewKind
from .models.themes import TagSource
from .theme_services import CATEGORIES, FIRST_YEAR, LABEL_MAX
from .tracker_selectors import TrackerFilters


class ThemeAddForm(GovForm):
    label = forms.CharField(label="Name of the theme", max_length=LABEL_MAX,
                            help_text="For example, “Private fostering”. It is added to the list for new tags.",
                            error_messages={"required": "Enter a name for the theme"})
    category = forms.ChoiceField(label="Category", choices=list(CATEGORIES.items()), initial="local",
                                 widget=forms.RadioSelect,
                                 error_messages={"required": "Choose a category",
                                                 "invalid_choice": "Choose a category from the list"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout("label", Field.radios("category"))


class ThemeRetireForm(GovForm):
    reason = forms.CharField(label="Why is it being retired? (optional)", required=False, max_length=200,
                             help_text="Kept in the note of the new taxonomy version.")


class TagForm(GovForm):
    """Checkboxes of the current themes (one group per category), the source and the year."""

    source = forms.ChoiceField(label="Source of the learning", widget=forms.RadioSelect,
                               error_messages={"required": "Choose the source",
                                               "invalid_choice": "Choose a source from the list"})

    def __init__(self, *args, themes, tagged: set[int], sources: list[tuple[str, str]], source: str, year: int,
                 **kwargs):
        super().__init__(*args, initial={"source": source, "year": year}, **kwargs)
        self.themes = {theme.pk: theme for theme in themes}
        names = []
        for category, label in CATEGORIES.items():
            choices = [(str(t.pk), t.label) for t in self.themes.values() if t.category == category]
            if not choices:
                continue
            name = f"themes_{category}"
            self.fields[name] = forms.MultipleChoiceField(
                label=f"{label} themes", choices=choices, required=False, widget=forms.CheckboxSelectMultiple,
                initial=[value for value, _label in choices if int(value) in tagged],
                error_messages={"invalid_choice": "Choose themes from the list"})
            names.append(name)
        self.fields["source"].choices = sources
        last = timezone.localdate().year + 1
        out_of_range = f"Enter a year from {FIRST_YEAR} to {last}"
        self.fields["year"] = forms.IntegerField(
            label="Year the learning is dated to", min_value=FIRST_YEAR, max_value=last,
            error_messages={"required": "Enter a year", "invalid": "Enter a year, like 2026",
                            "min_value": out_of_range, "max_value": out_of_range})
        self.field_names = names
        self.helper.layout = Layout(*[Field.checkboxes(n, small=True) for n in names], Field.radios("source"),
                                    Field.text("year", field_width=Fixed.FOUR))

    def chosen_themes(self) -> list:
        return [self.themes[int(pk)] for name in self.field_names for pk in self.cleaned_data.get(name, [])]


def _any(choices) -> list:
    return [("", "Any")] + [(str(value), label) for value, label in choices]


class TrackerFilterForm(GovForm):
    """Filters of the learning tracker (a GET form); a value that is not offered is ignored with a message."""

    year_from = forms.IntegerField(label="From year", required=False, min_value=FIRST_YEAR, max_value=2100)
    year_to = forms.IntegerField(label="To year", required=False, min_value=FIRST_YEAR, max_value=2100)
    source = forms.ChoiceField(label="Source", required=False, choices=_any(TagSource.choices))
    category = forms.ChoiceField(label="Category", required=False, choices=_any(CATEGORIES.items()))
    theme = forms.TypedChoiceField(label="Theme", required=False, coerce=int, empty_value=None)
    kind = forms.ChoiceField(label="Kind of review", required=False, choices=_any(ReviewKind.choices))

    def __init__(self, *args, themes: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = _any(themes)

    def filters(self) -> TrackerFilters:
        """The valid filters (an invalid one is dropped)."""
        data = self.cleaned_data if self.is_bound and hasattr(self, "cleaned_data") else {}
        return TrackerFilters(year_from=data.get("year_from"), year_to=data.get("year_to"),
                              source=data.get("source") or "", category=data.get("category") or "",
                              theme=data.get("theme"), kind=data.get("kind") or "")
