"""A record's retention status: its rule, review date, keep-until decisions, holds and deletion verdict.

Shared by the pages (selectors) and the deletion service, so that what the page shows is what the service
enforces.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Max, Q

from casereview.domain.retention import (
    RECORD_TYPES,
    Period,
    RecordType,
    Verdict,
    deletion_verdict,
    effective_review_date,
    review_date,
)

from .models import HoldItem, RetentionDecision, RetentionRule
from .sources import SOURCES


@dataclass(frozen=True)
class Rule:
    """The rule in force for one record type (the stored one, or the default if none is stored yet)."""

    record_type: RecordType
    period: Period
    trigger: str
    stored: RetentionRule | None = None

    @property
    def label(self) -> str:
        return RECORD_TYPES[self.record_type].label

    @property
    def words(self) -> str:
        return f"{self.period} after {self.trigger}"


def rules_in_force(partnership) -> dict[RecordType, Rule]:
    """Every record type's rule for the partnership, in the order of RECORD_TYPES."""
    stored = {r.record_type: r for r in RetentionRule.objects.filter(partnership=partnership)}
    rules = {}
    for record_type, info in RECORD_TYPES.items():
        rule = stored.get(record_type.value)
        if rule is not None:
            rules[record_type] = Rule(record_type, Period(rule.years, rule.months), rule.trigger, rule)
        else:
            rules[record_type] = Rule(record_type, Period(years=info.default_years), info.trigger)
    return rules


def holds_covering(partnership, record_type: RecordType, ids) -> dict[int, list[str]]:
    """For each id, the active holds that cover it (named for the record, or for its whole type)."""
    items = (HoldItem.objects.filter(hold__partnership=partnership, hold__released_on__isnull=True,
                                     record_type=record_type.value)
             .filter(Q(object_id__in=list(ids)) | Q(object_id__isnull=True)).select_related("hold"))
    whole_type, by_id = [], defaultdict(list)
    for item in items:
        (whole_type if item.object_id is None else by_id[item.object_id]).append(str(item.hold))
    return {i: whole_type + by_id.get(i, []) for i in ids}


def kept_until(partnership, record_type: RecordType, ids) -> dict[int, date]:
    """The latest keep-until date decided for each id that has one."""
    rows = (RetentionDecision.objects.filter(partnership=partnership, record_type=record_type.value,
                                             object_id__in=list(ids))
            .values("object_id").annotate(until=Max("keep_until")))
    return {row["object_id"]: row["until"] for row in rows}


@dataclass
class RecordStatus:
    record_type: RecordType
    record: object
    label: str
    rule: Rule
    trigger: date
    due: date
    kept_until: date | None
    holds: list[str]
    verdict: Verdict
    decisions: list = field(default_factory=list)

    @property
    def review_on(self) -> date:
        return effective_review_date(self.due, self.kept_until)

    @property
    def type_label(self) -> str:
        return RECORD_TYPES[self.record_type].label


def statuses(partnership, record_type: RecordType, records, *, today: date, rule: Rule) -> list[RecordStatus]:
    """The status of each record (annotated with `trigger`): two queries whatever the number of records."""
    source = SOURCES[record_type]
    ids = [r.pk for r in records]
    holds, kept = holds_covering(partnership, record_type, ids), kept_until(partnership, record_type, ids)
    found = []
    for record in records:
        due = review_date(record.trigger, rule.period)
        verdict = deletion_verdict(record_type=record_type, due=due, today=today, kept_until=kept.get(record.pk),
                                   holds=holds[record.pk])
        found.append(RecordStatus(record_type, record, source.label(record), rule, record.trigger, due,
                                  kept.get(record.pk), holds[record.pk], verdict))
    return found


def due_for_review(partnership, record_type: RecordType, *, today: date, rule: Rule, limit: int):
    """Up to `limit` records of the type whose review date (or later keep-until date) has come, oldest first,
    and whether there are more. The query selects by trigger date, with a few days' slack for month-end
    clamping, leaving out records kept until a later date; the exact date is then computed in Python."""
    cutoff = today - _period_delta(rule.period) + timedelta(days=4)
    kept_later = RetentionDecision.objects.filter(partnership=partnership, record_type=record_type.value,
                                                  keep_until__gt=today).values("object_id")
    candidates = list(SOURCES[record_type].records(partnership).filter(trigger__lte=cutoff)
                      .exclude(pk__in=kept_later).order_by("trigger", "pk")[: limit + 1])
    due = [s for s in statuses(partnership, record_type, candidates, today=today, rule=rule) if s.review_on <= today]
    return due[:limit], len(candidates) > limit


def _period_delta(period: Period):
    from dateutil.relativedelta import relativedelta

    return relativedelta(years=period.years, months=period.months)
