"""Reads of terms-of-reference versions, and the rules and clocks they put in force."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from django.http import Http404

from casereview.domain import clocks as domain_clocks
from casereview.domain.terms import TermsOfReference, validate

from .models import ClockAdjustmentRecord, TermsVersion

TOR_REVIEW_CLOCK = "tor"


def terms_history(group):
    """Every version of the group's terms of reference, newest first, with authors."""
    return TermsVersion.objects.filter(group=group).select_related("author").order_by("-version")


def terms_version_get(group, version: int) -> TermsVersion:
    """Return one version of the group's terms, else raise Http404."""
    found = TermsVersion.objects.filter(group=group, version=version).select_related("author").first()
    if found is None:
        raise Http404("No such version.")
    return found


def terms_in_force(group, on: date) -> TermsVersion | None:
    """The version in force on a date: the latest to take effect on or before it (the higher version on a tie)."""
    return TermsVersion.objects.filter(group=group, effective_from__lte=on).order_by(
        "-effective_from", "-version"
    ).first()


def parsed(version: TermsVersion) -> TermsOfReference:
    """The stored document as domain data (stored documents were validated when saved).

    A version is never edited (a change makes a new version), so each is parsed once per process: list pages
    ask for the same version once per row."""
    # Kept on the instance too: rows that share a prefetched version then write its document out only once.
    held = getattr(version, "_parsed_terms", None)
    if held is not None:
        return held
    # Keyed by the document's own text, so a cached result can never belong to a different document.
    key = json.dumps(version.document, sort_keys=True)
    if key not in _PARSED:
        if len(_PARSED) >= 256:
            _PARSED.clear()
        _PARSED[key] = validate(version.document)
    version._parsed_terms = _PARSED[key]
    return version._parsed_terms


_PARSED: dict[str, TermsOfReference] = {}


def clock_rule_for(group, clock_id: str, started_on: date) -> tuple[domain_clocks.ClockDefinition, TermsVersion]:
    """The clock rule that governs a case whose clock started on `started_on`, and the version it came from.

    A case is judged by the rules in force when its clock started, so later versions never change it.
    """
    version = terms_in_force(group, started_on)
    if version is None:
        raise LookupError(f"{group} had no terms of reference in force on {started_on:%d %B %Y}.")
    return parsed(version).clock(clock_id), version


def adjustments_for(subject_type: str, subject_id, clock_id: str) -> list[ClockAdjustmentRecord]:
    """The recorded extensions and pauses of one clock, in the order they took effect."""
    return list(ClockAdjustmentRecord.objects.filter(
        subject_type=subject_type, subject_id=str(subject_id), clock_id=clock_id
    ).select_related("recorded_by"))


def as_domain_adjustment(record: ClockAdjustmentRecord) -> domain_clocks.Adjustment:
    return domain_clocks.Adjustment(
        kind=domain_clocks.AdjustmentKind(record.kind), on=record.on, reason=record.reason,
        agreed_by=record.agreed_by, agreed_on=record.agreed_on, new_due_date=record.new_due_date,
        extra=record.extra,
    )


@dataclass(frozen=True)
class ReviewClock:
    group: object
    version: TermsVersion
    definition: domain_clocks.ClockDefinition
    anchor: date
    state: domain_clocks.ClockState
    records: list


def review_clock(group, today: date, calendar) -> ReviewClock | None:
    """The annual terms-of-reference review clock of a group, or None if its terms set no review interval.

    It runs from the last review recorded in the version in force (or its adoption date).
    """
    version = terms_in_force(group, today)
    if version is None:
        return None
    terms = parsed(version)
    try:
        definition = terms.clock(TOR_REVIEW_CLOCK)
    except KeyError:
        return None
    anchor = terms.last_reviewed_on or terms.adopted_on
    # Adjustments belong to one review year: those agreed before the last review ended with that year.
    records = [r for r in adjustments_for("partnerships.group", group.pk, TOR_REVIEW_CLOCK) if r.on >= anchor]
    state = domain_clocks.evaluate(
        definition, anchor=anchor, today=today, calendar=calendar,
        adjustments=[as_domain_adjustment(r) for r in records],
    )
    return ReviewClock(group, version, definition, anchor, state, records)
