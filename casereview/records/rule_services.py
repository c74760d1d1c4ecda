"""Writes to retention rules: the defaults every partnership starts with, and the business team's changes."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from casereview.audit.services import audit_record, diff_fields, snapshot
from casereview.audit.vocabulary import Verb
from casereview.domain.retention import RECORD_TYPES, Period, RetentionError
from casereview.partnerships.access import require_administer

from .models import RetentionRule

RULE_FIELDS = ["years", "months", "trigger", "notes"]


def retention_rules_seed(*, partnership) -> list[RetentionRule]:
    """Create the default rule for each record type the partnership has no rule for yet (idempotent).

    Called when a partnership is created (see apps.py), as part of that creation: the partnership's own
    creation is what the audit trail records, so the defaults add no event of their own (and the trail of a
    new partnership reads the same with or without this app). Every later change to a rule is audited. The
    defaults are a starting point the partnership is expected to review: no national retention period exists."""
    created = []
    with transaction.atomic():
        have = set(RetentionRule.objects.filter(partnership=partnership).values_list("record_type", flat=True))
        for record_type, info in RECORD_TYPES.items():
            if record_type.value not in have:
                created.append(RetentionRule.objects.create(partnership=partnership, record_type=record_type.value,
                                                            years=info.default_years, trigger=info.trigger))
    return created


def retention_rule_update(*, actor, rule: RetentionRule, years: int, months: int, trigger: str,
                          notes: str = "") -> RetentionRule:
    """Change a rule's period, trigger or notes; the period must be between one month and 100 years."""
    require_administer(actor, rule.partnership)
    try:
        Period(years=years, months=months)
    except RetentionError as error:
        field = "months" if "12 months" in str(error) else "years"
        raise ValidationError({field: str(error)}) from None
    if not trigger.strip():
        raise ValidationError({"trigger": "Enter what starts the retention period"})
    with transaction.atomic():
        rule = RetentionRule.objects.select_for_update().get(pk=rule.pk)
        before = snapshot(rule, RULE_FIELDS)
        rule.years, rule.months, rule.trigger, rule.notes = years, months, trigger.strip(), notes.strip()
        rule.updated_by = actor
        changes = diff_fields(rule, before, RULE_FIELDS)
        if changes:
            rule.save()
            audit_record(actor=actor, verb=Verb.UPDATED, target=rule, partnership=rule.partnership, changes=changes)
    return rule
