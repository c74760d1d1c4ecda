"""Writes for identity and disproportionality: the partnership's baseline, and the audit of every view and
export of the children's aggregates (reading children's data is reading case material)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from casereview.audit.services import audit_record
from casereview.audit.vocabulary import Verb

from .access import require_manage_learning
from .identity_selectors import DIMENSIONS, FIXED_CATEGORIES, canonical_category
from .models import PopulationBaseline

BASELINE_FIELDS = ("count", "source", "as_of")


@transaction.atomic
def baseline_save(*, actor, partnership, dimension: str, category: str, count: int, source: str,
                  as_of: date) -> PopulationBaseline:
    """Enter one category of the baseline, or replace the figure already entered for it."""
    require_manage_learning(actor, partnership)
    if dimension not in dict(DIMENSIONS):
        raise ValidationError({"dimension": "Choose what the figure counts from the list"})
    name = canonical_category(dimension, category)
    if name is None:
        allowed = ", ".join(FIXED_CATEGORIES.get(dimension, []))
        raise ValidationError({"category": f"Use one of the categories children are counted under: {allowed}"
                                           if allowed else "Enter the category"})
    if count < 0:
        raise ValidationError({"count": "The number cannot be negative"})
    row = next((b for b in PopulationBaseline.objects.select_for_update().filter(
        partnership=partnership, dimension=dimension) if b.category.casefold() == name.casefold()), None)
    before = {f: getattr(row, f) for f in BASELINE_FIELDS} if row else {}
    if row is None:
        row = PopulationBaseline(partnership=partnership, dimension=dimension, category=name)
    row.count, row.source, row.as_of = count, " ".join(source.split()), as_of
    row.full_clean()
    row.save()
    changes = {f: [_text(before.get(f)), _text(getattr(row, f))] for f in BASELINE_FIELDS
               if before.get(f) != getattr(row, f)}
    audit_record(actor=actor, verb=Verb.UPDATED if before else Verb.CREATED, target=row, partnership=partnership,
                 changes=changes)
    return row


def _text(value):
    return value if value is None or isinstance(value, int | str) else str(value)


@transaction.atomic
def baseline_remove(*, actor, baseline: PopulationBaseline) -> None:
    require_manage_learning(actor, baseline.partnership)
    audit_record(actor=actor, verb=Verb.DELETED, target=baseline, partnership=baseline.partnership,
                 changes={"count": [baseline.count, None], "source": [baseline.source, None]})
    baseline.delete()


def identity_read_record(*, actor, partnership, start: date, end: date, export: bool = False) -> None:
    """Record that the user viewed (or exported) the aggregates of the children in notifications."""
    what = f"Identity and disproportionality, {start.isoformat()} to {end.isoformat()}" + (" (CSV)" if export else "")
    with transaction.atomic():
        audit_record(actor=actor, verb=Verb.EXPORTED if export else Verb.VIEWED, partnership=partnership,
                     changes={"report": [None, what]})
