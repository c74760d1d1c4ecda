"""Reads for records management: only the partnership's business team sees them; others get a 404."""

from __future__ import annotations

from django.http import Http404
from django.utils import timezone

from casereview.domain.retention import RECORD_TYPES, RecordType
from casereview.partnerships.access import can_administer

from .models import DeletionLog, LegalHold, RetentionDecision, RetentionRule
from .sources import SOURCES, source_for
from .status import RecordStatus, due_for_review, rules_in_force, statuses

DUE_LIMIT = 100  # per record type, per page view: the query stays bounded however many records are due


def _require(user, partnership) -> None:
    if partnership is None or not can_administer(user, partnership):
        raise Http404("No records management to show.")


def rules_list(user, partnership) -> list:
    """Every record type's rule in force, with what it covers and whether the service deletes it."""
    _require(user, partnership)
    return [{"rule": rule, "info": RECORD_TYPES[t]} for t, rule in rules_in_force(partnership).items()]


def rule_get(user, partnership, pk) -> RetentionRule:
    _require(user, partnership)
    rule = RetentionRule.objects.filter(partnership=partnership, pk=pk).first()
    if rule is None:
        raise Http404("No such rule.")
    return rule


def due_list(user, partnership) -> list[dict]:
    """For each record type: its rule and the records due for review today (at most DUE_LIMIT each)."""
    _require(user, partnership)
    today = timezone.localdate()
    sections = []
    for record_type, rule in rules_in_force(partnership).items():
        due, more = due_for_review(partnership, record_type, today=today, rule=rule, limit=DUE_LIMIT)
        sections.append({"record_type": record_type, "rule": rule, "info": RECORD_TYPES[record_type],
                         "due": due, "more": more})
    return sections


def record_status(user, partnership, record_type: str, pk) -> RecordStatus:
    """One record's retention status and the decisions made about it; missing and not allowed look the same."""
    _require(user, partnership)
    source = source_for(record_type)
    record = source.records(partnership).filter(pk=pk).first() if source else None
    if record is None:
        raise Http404("No such record.")
    kind = RecordType(record_type)
    [status] = statuses(partnership, kind, [record], today=timezone.localdate(),
                        rule=rules_in_force(partnership)[kind])
    status.decisions = list(RetentionDecision.objects.filter(partnership=partnership, record_type=kind.value,
                                                             object_id=record.pk).select_related("decided_by"))
    return status


def holds_list(user, partnership):
    """The partnership's holds, active ones first, with their records."""
    _require(user, partnership)
    return (LegalHold.objects.filter(partnership=partnership).select_related("placed_by", "released_by")
            .prefetch_related("items").order_by("released_on", "-placed_on", "-pk"))


def hold_get(user, partnership, pk) -> LegalHold:
    hold = holds_list(user, partnership).filter(pk=pk).first()
    if hold is None:
        raise Http404("No such hold.")
    return hold


def deletion_log(user, partnership):
    """The partnership's deletion log, newest first."""
    _require(user, partnership)
    return DeletionLog.objects.filter(partnership=partnership).order_by("-deleted_at", "-pk")


def deletable_types() -> set[str]:
    return {t.value for t, s in SOURCES.items() if s.roots is not None}
