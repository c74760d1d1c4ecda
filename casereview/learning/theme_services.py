"""Writes to the theme taxonomy and its tags. Every change to the taxonomy makes a new version with a note;
a retired theme keeps its tags but takes no new ones."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

import casereview.domain
from casereview.audit.services import audit_record
from casereview.audit.vocabulary import Verb
from casereview.partnerships.models import Partnership

from .access import require_manage_learning
from .models import Finding, Recommendation, Review, TaxonomyVersion, Theme, ThemeTag
from .models.themes import TagSource

THEMES_FILE = Path(casereview.domain.__file__).parent / "data" / "themes_v1.json"
CATEGORIES = dict(Theme._meta.get_field("category").choices)
SOURCE_OF_KIND = {"lcspr": TagSource.LCSPR, "national": TagSource.NATIONAL, "sar": TagSource.ADULT,
                  "darr": TagSource.ADULT, "single_agency": TagSource.SINGLE_AGENCY, "audit": TagSource.AUDIT}
FIRST_YEAR = 1990
LABEL_MAX = 200


def seed_themes() -> dict:
    """The national taxonomy shipped with the product (DOMAIN.md §6)."""
    return json.loads(THEMES_FILE.read_text(encoding="utf-8"))


def taxonomy_ensure(partnership: Partnership, actor=None) -> TaxonomyVersion:
    """The partnership's latest taxonomy version, creating version 1 from the national themes if it has none.

    Safe to call again and again (from the demo, from the themes page): only the first call writes."""
    latest = TaxonomyVersion.objects.filter(partnership=partnership).order_by("-version").first()
    if latest is not None:
        return latest
    seed = seed_themes()
    try:
        with transaction.atomic():
            version = TaxonomyVersion.objects.create(
                partnership=partnership, version=1, created_by=_user(actor),
                note=f"The national themes ({seed['source']}): {len(seed['themes'])} themes")
            Theme.objects.bulk_create([Theme(partnership=partnership, key=key, label=label, category=category,
                                             added_in=version) for category, key, label in seed["themes"]])
            audit_record(actor=actor, verb=Verb.CREATED, target=version, partnership=partnership,
                         changes={"themes": [None, len(seed["themes"])]})
    except IntegrityError:  # another request seeded it first
        return TaxonomyVersion.objects.filter(partnership=partnership).order_by("-version").first()
    return version


def _user(actor):
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


def _new_version(partnership, actor, note: str) -> TaxonomyVersion:
    taxonomy_ensure(partnership, actor)
    Partnership.objects.select_for_update().filter(pk=partnership.pk).first()  # one version number at a time
    latest = TaxonomyVersion.objects.filter(partnership=partnership).aggregate(n=Max("version"))["n"] or 0
    return TaxonomyVersion.objects.create(partnership=partnership, version=latest + 1, note=note[:300],
                                          created_by=_user(actor))


def theme_key(label: str) -> str:
    """The key of a theme made from its label: lower case, words joined by underscores."""
    return slugify(label).replace("-", "_")[:60].strip("_")


@transaction.atomic
def theme_add(*, actor, partnership, label: str, category: str) -> Theme:
    """Add a local theme in a new taxonomy version."""
    require_manage_learning(actor, partnership)
    label = " ".join((label or "").split())
    key = theme_key(label)
    if not key:
        raise ValidationError({"label": "Enter a name for the theme, using letters or numbers"})
    if len(label) > LABEL_MAX:
        raise ValidationError({"label": f"The name can be at most {LABEL_MAX} characters"})
    if category not in CATEGORIES:
        raise ValidationError({"category": "Choose a category from the list"})
    clash = Theme.objects.filter(partnership=partnership, key=key).first()
    if clash is not None:
        state = " (retired)" if clash.retired_in_id else ""
        raise ValidationError({"label": f"There is already a theme called “{clash.label}”{state}"})
    version = _new_version(partnership, actor, f"Added “{label}” ({CATEGORIES[category]})")
    theme = Theme.objects.create(partnership=partnership, key=key, label=label, category=category, added_in=version)
    audit_record(actor=actor, verb=Verb.CREATED, target=theme, partnership=partnership,
                 changes={"label": [None, label], "category": [None, category], "version": [None, version.version]})
    return theme


@transaction.atomic
def theme_retire(*, actor, theme: Theme, reason: str = "") -> Theme:
    """Retire a theme in a new taxonomy version: its tags stay, and it takes no new ones."""
    require_manage_learning(actor, theme.partnership)
    theme = Theme.objects.select_for_update().get(pk=theme.pk)
    if theme.retired_in_id:
        raise ValidationError(f"“{theme.label}” has already been retired.")
    reason = " ".join((reason or "").split())
    version = _new_version(theme.partnership, actor, f"Retired “{theme.label}”" + (f": {reason}" if reason else ""))
    theme.retired_in = version
    theme.save(update_fields=["retired_in"])
    audit_record(actor=actor, verb=Verb.UPDATED, target=theme, partnership=theme.partnership,
                 changes={"retired_in": [None, version.version]})
    return theme


# Tags -------------------------------------------------------------------------------------------------------

def tag_field(target) -> str:
    """The ThemeTag field that points at the target: review, rapid_review, finding or recommendation."""
    fields = {"review": "review", "rapidreview": "rapid_review", "finding": "finding",
              "recommendation": "recommendation"}
    return fields[target._meta.model_name]


def target_partnership(target):
    return target.review.partnership if isinstance(target, Finding) else target.partnership


def _parent(target):
    """The review (or rapid review) a finding or recommendation belongs to; the target itself otherwise."""
    if isinstance(target, Finding):
        return target.review
    if isinstance(target, Recommendation):
        return target.review or target.rapid_review
    return target


def derived_source(target) -> str:
    parent = _parent(target)
    return SOURCE_OF_KIND[parent.kind] if isinstance(parent, Review) else TagSource.RAPID_REVIEW


def source_choices(target) -> list[tuple[str, str]]:
    """The sources a tag on the target may carry: its review's kind, or for a national review, either a
    national review or the Panel's annual report."""
    source = derived_source(target)
    sources = [source, TagSource.PANEL_ANNUAL] if source == TagSource.NATIONAL else [source]
    return [(str(s), TagSource(s).label) for s in sources]


def default_year(target) -> int:
    """The year the learning is dated to: the review's year, else its publication, completion or decision."""
    parent = _parent(target)
    if isinstance(parent, Review):
        if parent.year:
            return parent.year
        for day in (parent.published_on, parent.completed_on, parent.decision_date):
            if day:
                return day.year
        return timezone.localtime(parent.created_at).year if parent.created_at else timezone.localdate().year
    decision = getattr(parent, "decision", None)  # a rapid review with no decision yet has none
    return (decision.decided_on if decision else parent.notification.received_date).year


def current_tags(target):
    return ThemeTag.objects.filter(**{tag_field(target): target}).select_related("theme__retired_in")


def default_source(target) -> str:
    """The source already used on the target's tags (or its review's), else the one derived from its kind."""
    allowed = {value for value, _label in source_choices(target)}
    for holder in (target, _parent(target)):
        used = current_tags(holder).values_list("source", flat=True).first()
        if used in allowed:
            return used
    return str(derived_source(target))


@transaction.atomic
def tags_set(*, actor, target, themes: Iterable[Theme], source: str, year: int) -> list[ThemeTag]:
    """Make the target's tags on current themes exactly `themes`, each with the source and year given.

    Tags on retired themes are left as they are; a retired theme cannot be added."""
    partnership = target_partnership(target)
    require_manage_learning(actor, partnership)
    # Read the themes afresh: one retired since the form was drawn must not take a new tag.
    chosen = {theme.pk: theme for theme in Theme.objects.filter(pk__in=[t.pk for t in themes])}
    _check_tag(partnership, target, chosen.values(), source, year)
    existing = {tag.theme_id: tag for tag in current_tags(target)}
    before = _described(existing.values())
    for tag in existing.values():
        if tag.theme.retired_in_id:
            continue
        if tag.theme_id not in chosen:
            tag.delete()
        elif (tag.source, tag.year) != (source, year):
            tag.source, tag.year = source, year
            tag.save(update_fields=["source", "year"])
    created = [ThemeTag(partnership=partnership, theme=theme, source=source, year=year, created_by=_user(actor),
                        **{tag_field(target): target}) for pk, theme in chosen.items() if pk not in existing]
    ThemeTag.objects.bulk_create(created)
    after = list(current_tags(target))
    if _described(after) != before:
        audit_record(actor=actor, verb=Verb.UPDATED, target=target, partnership=partnership,
                     changes={"themes": [before, _described(after)]})
    return after


def _described(tags) -> list[str]:
    return sorted(f"{tag.theme.label} ({tag.get_source_display()}, {tag.year})" for tag in tags)


def _check_tag(partnership, target, themes, source: str, year: int) -> None:
    errors = {}
    retired = sorted(t.label for t in themes if t.retired_in_id)
    if retired:
        errors["themes"] = (f"“{retired[0]}” has been retired, so it cannot be used for new tags" if len(retired) == 1
                            else "Retired themes cannot be used for new tags: " + ", ".join(retired))
    if any(t.partnership_id != partnership.pk for t in themes):
        errors["themes"] = "Choose themes from this partnership's list"
    if source not in {value for value, _label in source_choices(target)}:
        errors["source"] = "Choose a source from the list"
    if not isinstance(year, int) or not FIRST_YEAR <= year <= timezone.localdate().year + 1:
        errors["year"] = f"Enter a year from {FIRST_YEAR} to {timezone.localdate().year + 1}"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def tag_remove(*, actor, tag: ThemeTag) -> None:
    """Remove one tag (on a current or a retired theme), recording it against the record it was on."""
    require_manage_learning(actor, tag.partnership)
    target = tag.review or tag.rapid_review or tag.finding or tag.recommendation
    audit_record(actor=actor, verb=Verb.DELETED, target=target, partnership=tag.partnership,
                 changes={"theme_tag": [_described([tag])[0], None]})
    tag.delete()
