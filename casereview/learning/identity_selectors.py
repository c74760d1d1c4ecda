"""Identity and disproportionality: the children in the partnership's notifications over a period, by
ethnicity, sex, age band, disability and legal status, beside the partnership's own baseline (for example
its child population). These figures are about children, so small numbers are suppressed wherever they are
shown: on the page as well as in the export."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.http import Http404

from casereview.domain.clocks import format_date
from casereview.domain.learning import AGE_BANDS, Comparison, ShownRow, age_band, compare, shown_rows, shown_total
from casereview.incidents.models import Child, LegalStatus, Sex
from casereview.partnerships.access import partnerships_for

from .access import can_read_learning
from .models import PopulationBaseline

DIMENSIONS = (("ethnicity", "Ethnicity"), ("sex", "Sex"), ("age_band", "Age band"),
              ("disability", "Disability or SEND"), ("legal_status", "Legal status"))
DISABILITY_RECORDED, DISABILITY_NONE = "Disability or SEND recorded", "None recorded"
NOT_RECORDED = "Not recorded"
# The categories a child is counted under for each dimension with a fixed list (ethnicity is free text).
FIXED_CATEGORIES = {
    "sex": [label for _value, label in Sex.choices],
    "age_band": list(AGE_BANDS),
    "disability": [DISABILITY_RECORDED, DISABILITY_NONE],
    "legal_status": [label for _value, label in LegalStatus.choices],
}
_LABELS = {"sex": dict(Sex.choices), "legal_status": dict(LegalStatus.choices)}


def normal(text: str) -> str:
    """A category compared without regard to case or spacing ("White  british" is "White British")."""
    return " ".join((text or "").split()).casefold()


def canonical_category(dimension: str, category: str) -> str | None:
    """The category as children are counted under it (for a fixed list), or None if it is not on the list."""
    if dimension not in FIXED_CATEGORIES:
        return " ".join((category or "").split()) or None
    wanted = normal(category)
    for value, label in _LABELS.get(dimension, {}).items():
        if wanted in (normal(value), normal(label)):
            return label
    return next((c for c in FIXED_CATEGORIES[dimension] if normal(c) == wanted), None)


def _categories(ethnicity, sex, age_years, unborn, disability, legal_status) -> dict[str, str]:
    return {
        "ethnicity": " ".join((ethnicity or "").split()) or NOT_RECORDED,
        "sex": _LABELS["sex"].get(sex, sex or NOT_RECORDED),
        "age_band": age_band(unborn=unborn, age_years=age_years),
        "disability": DISABILITY_RECORDED if (disability or "").strip() else DISABILITY_NONE,
        "legal_status": _LABELS["legal_status"].get(legal_status, legal_status or NOT_RECORDED),
    }


@dataclass(frozen=True)
class DimensionReport:
    key: str
    label: str
    comparison: Comparison  # exact: for tests and the export's arithmetic, never shown as it is
    rows: list[ShownRow]  # suppressed: what the page and the export show
    sources: list[str]


@dataclass(frozen=True)
class IdentityReport:
    start: date
    end: date
    children: int | str  # suppressed
    dimensions: list[DimensionReport]

    @property
    def period(self) -> str:
        return f"{format_date(self.start)} to {format_date(self.end)}"


def identity_report(partnership, start: date, end: date) -> IdentityReport:
    """Children in notifications the partnership received from `start` to `end`, by each dimension, beside the
    baseline (two queries)."""
    children = Child.objects.filter(partnership=partnership, notification__received_date__gte=start,
                                    notification__received_date__lte=end).values_list(
        "ethnicity", "sex", "age_years", "unborn", "disability", "legal_status")
    counts = {key: Counter() for key, _label in DIMENSIONS}
    spelling: dict[str, Counter] = {key: Counter() for key, _label in DIMENSIONS}
    for row in children:
        for key, category in _categories(*row).items():
            counts[key][normal(category)] += 1
            spelling[key][category] += 1
    baselines = list(PopulationBaseline.objects.filter(partnership=partnership))
    dimensions = []
    for key, label in DIMENSIONS:
        base = [b for b in baselines if b.dimension == key]
        names = {normal(name): name for name, _n in spelling[key].most_common()[::-1]}  # most common spelling
        names.update({normal(b.category): b.category for b in base})
        comparison = compare({names[k]: n for k, n in counts[key].items()},
                             {names[normal(b.category)]: b.count for b in base},
                             order=FIXED_CATEGORIES.get(key, ()))
        sources = sorted({f"{b.source} (as at {format_date(b.as_of)})" for b in base})
        dimensions.append(DimensionReport(key, label, comparison, shown_rows(comparison), sources))
    return IdentityReport(start, end, shown_total(dimensions[0].comparison), dimensions)


def baseline_rows(partnership) -> list[PopulationBaseline]:
    return list(PopulationBaseline.objects.filter(partnership=partnership).order_by("dimension", "category"))


def baseline_get(user, pk) -> PopulationBaseline:
    """One baseline row of the user's partnerships, else Http404."""
    row = PopulationBaseline.objects.select_related("partnership").filter(
        pk=pk, partnership__in=partnerships_for(user)).first()
    if row is None or not can_read_learning(user, row.partnership):
        raise Http404("No such baseline row.")
    return row
