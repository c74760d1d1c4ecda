"""Writes to terms of reference and clock adjustments: validated, versioned and audited."""

from __future__ import annotations

import json
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from casereview.audit.services import audit_record
from casereview.audit.vocabulary import Verb
from casereview.domain import clocks as domain_clocks
from casereview.domain.clocks import format_date
from casereview.domain.presets import PRESETS, load_preset
from casereview.domain.terms import TermsInvalid, validate
from casereview.domain.terms_english import diff

from .access import require_administer
from .calendar_selectors import partnership_calendar
from .models import ClockAdjustmentRecord, Group, TermsVersion
from .terms_selectors import TOR_REVIEW_CLOCK, as_domain_adjustment, parsed, review_clock


@transaction.atomic
def terms_version_create(*, actor, group: Group, document: dict, effective_from: date,
                         change_note: str) -> TermsVersion:
    """Save a new version of a group's terms of reference; refuse a document that does not validate.

    Errors name each bad field of the document (e.g. "clocks[1].length"), so the editor can mend them.
    """
    require_administer(actor, group.partnership)
    Group.objects.select_for_update().filter(pk=group.pk).first()  # one new version at a time per group
    latest = TermsVersion.objects.filter(group=group).order_by("-version").first()
    errors: dict[str, list[str]] = {}
    if not (change_note or "").strip():
        errors["change_note"] = ["Say what changed and why"]
    if latest and effective_from < latest.effective_from:
        errors["effective_from"] = [
            f"The date must be on or after {format_date(latest.effective_from)}, when version {latest.version} "
            "took effect"
        ]
    try:
        terms = validate(document)
    except TermsInvalid as exc:
        errors["document"] = [f"{path}: {message}" for path, message in exc.errors.items()]
        terms = None
    if errors:
        raise ValidationError(errors)
    version = TermsVersion.objects.create(
        partnership=group.partnership, group=group, version=(latest.version + 1) if latest else 1,
        effective_from=effective_from, document=terms.to_dict(), author=actor, change_note=change_note.strip(),
    )
    changes = {"version": [latest.version if latest else None, version.version]}
    if latest:
        changes.update({c.path: [_short(c.before), _short(c.after)] for c in diff(parsed(latest), terms)})
    audit_record(actor=actor, verb=Verb.CREATED, target=version, changes=changes)
    return version


def terms_preset_load(*, actor, group: Group, preset: str, effective_from: date, change_note: str) -> TermsVersion:
    """Adopt one of the ready-made presets as a new version of the group's terms."""
    if preset not in PRESETS:
        raise ValidationError({"preset": ["Choose a preset"]})
    # The preset names the partnership that wrote it; the adopted copy names this partnership and group.
    document = {**load_preset(preset), "partnership_name": group.partnership.name, "group_name": group.name}
    return terms_version_create(actor=actor, group=group, document=document,
                                effective_from=effective_from, change_note=change_note)


def _short(value) -> str | None:
    return None if value is None else str(value)[:300]


@transaction.atomic
def review_clock_adjust(*, actor, group: Group, kind: str, on: date, reason: str, agreed_by: str, agreed_on: date,
                        new_due_date: date | None = None, extra: int = 0) -> ClockAdjustmentRecord:
    """Record an agreed extension, pause or resumption of a group's terms-of-reference review clock.

    The domain rules check it against the clock's history first (a resume must follow a pause, a new
    due date must be later than the current one), so an invalid adjustment is never stored.
    """
    require_administer(actor, group.partnership)
    record = ClockAdjustmentRecord(
        partnership=group.partnership, subject_type="partnerships.group", subject_id=str(group.pk),
        clock_id=TOR_REVIEW_CLOCK, kind=kind, on=on, reason=(reason or "").strip(),
        agreed_by=(agreed_by or "").strip(), agreed_on=agreed_on, new_due_date=new_due_date, extra=extra or 0,
        recorded_by=actor,
    )
    _check_against_history(record, group)
    record.full_clean()
    record.save()
    audit_record(actor=actor, verb=Verb.UPDATED, target=group, changes={
        "review clock": [None, f"{record.get_kind_display()} on {on:%d %B %Y}: {record.reason}"],
    })
    return record


def _check_against_history(record: ClockAdjustmentRecord, group: Group) -> None:
    calendar = partnership_calendar(group.partnership)
    clock = review_clock(group, record.on, calendar)
    if clock is None:
        raise ValidationError({"__all__": ["This group's terms of reference set no review clock to adjust."]})
    try:
        history = [as_domain_adjustment(r) for r in clock.records]
        domain_clocks.apply_adjustments(
            clock.definition, clock.state.original_due, [*history, as_domain_adjustment(record)], calendar
        )
    except domain_clocks.ClockError as exc:
        raise ValidationError({"__all__": [str(exc)]}) from exc


# Fields that restate a clock's length elsewhere in the document; kept in step when a clock is edited.
SYNCED_FIELDS = {"papers": ("papers_lead_working_days",), "minutes": ("minutes_deadline", "length"),
                 "tor": ("review_interval_months",)}


def clocks_changed(document: dict, changes: dict[str, dict]) -> dict:
    """Return a copy of the document with each clock's length and start event changed as given."""
    updated = json.loads(json.dumps(document))  # a deep copy: the stored version is never altered
    for clock in updated.get("clocks", []):
        change = changes.get(clock["id"], {})
        clock.update({k: v for k, v in change.items() if k in ("length", "start_event")})
        synced = SYNCED_FIELDS.get(clock["id"])
        if synced and "length" in change:
            if len(synced) == 1 and updated.get(synced[0]) is not None:
                updated[synced[0]] = change["length"]
            elif len(synced) == 2 and isinstance(updated.get(synced[0]), dict):
                updated[synced[0]][synced[1]] = change["length"]
    return updated


def terms_clocks_update(*, actor, group: Group, changes: dict[str, dict], effective_from: date,
                        change_note: str) -> TermsVersion:
    """Save a new version whose clocks differ from the latest version's only as given."""
    latest = TermsVersion.objects.filter(group=group).order_by("-version").first()
    if latest is None:
        raise ValidationError({"__all__": ["Adopt terms of reference before changing their clocks."]})
    return terms_version_create(actor=actor, group=group, document=clocks_changed(latest.document, changes),
                                effective_from=effective_from, change_note=change_note)
