"""Reviewing a record that is due: keep it until a later date, or delete it with everything under it.

Deletion removes the record, its dependent rows (Django's cascade) and their files, in one transaction;
the files go from the storage only once it commits. A hold, a review date still to come, or another record
that depends on it (a PROTECT foreign key, e.g. an action set from a meeting) refuses with a message.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.db.models import FileField, ProtectedError, RestrictedError
from django.db.models.deletion import Collector
from django.utils import timezone

from casereview.audit.services import audit_record
from casereview.audit.vocabulary import Verb
from casereview.domain.retention import RECORD_TYPES, RecordType
from casereview.partnerships.access import require_administer

from .models import DeletionLog, RetentionDecision, RetentionRule
from .sources import SOURCES
from .status import rules_in_force, statuses


def _locked_status(partnership, record_type: RecordType, object_id: int):
    """The record (locked) and its retention status, or ValidationError if it is not there."""
    RetentionRule.objects.select_for_update().filter(partnership=partnership, record_type=record_type.value).first()
    record = (SOURCES[record_type].records(partnership).select_for_update(of=("self",))
              .filter(pk=object_id).first())
    if record is None:
        raise ValidationError("That record is no longer there.")
    rule = rules_in_force(partnership)[record_type]
    [status] = statuses(partnership, record_type, [record], today=timezone.localdate(), rule=rule)
    return status


def record_keep(*, actor, partnership, record_type: RecordType, object_id: int, keep_until: date,
                reason: str) -> RetentionDecision:
    """Decide at review to keep a record until a later date, with the reason."""
    require_administer(actor, partnership)
    errors = {}
    if keep_until is None or keep_until <= timezone.localdate():
        errors["keep_until"] = "Enter a date in the future"
    if not reason.strip():
        errors["reason"] = "Enter why the record is being kept"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        status = _locked_status(partnership, record_type, object_id)
        decision = RetentionDecision.objects.create(
            partnership=partnership, record_type=record_type.value, object_id=object_id, label=status.label,
            review_date=status.review_on, keep_until=keep_until, reason=reason.strip(), decided_by=actor,
            decided_on=timezone.localdate())
        audit_record(actor=actor, verb=Verb.UPDATED, target=status.record, partnership=partnership,
                     changes={"keep until": [status.review_on.isoformat(), keep_until.isoformat()],
                              "reason": [None, decision.reason]})
    return decision


def record_delete(*, actor, partnership, record_type: RecordType, object_id: int, reason: str) -> DeletionLog:
    """Delete a record that is due and not held, with its dependants and files, and log it."""
    require_administer(actor, partnership)
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the record is being deleted"})
    source = SOURCES[record_type]
    if source.roots is None:
        raise ValidationError(f"{RECORD_TYPES[record_type].label} records are reviewed here but not deleted by "
                              "the service.")
    with transaction.atomic():
        status = _locked_status(partnership, record_type, object_id)
        if not status.verdict.deletable:
            raise ValidationError(list(status.verdict.reasons))
        audit_record(actor=actor, verb=Verb.DELETED, target=status.record, partnership=partnership,
                     changes={"record": [status.label, None], "reason": [None, reason.strip()]})
        rows, files = Counter(), []
        for root in source.roots(status.record):
            collector = _collector(root)
            files += _files_of(collector)
            _total, per_model = collector.delete()
            rows.update(per_model)
        log = DeletionLog.objects.create(
            partnership=partnership, record_type=record_type.value, object_id=object_id, label=status.label,
            rule=status.rule.words, review_date=status.review_on, reason=reason.strip(), deleted_by=actor,
            deleted_by_label=actor.get_username(), deleted_at=timezone.now(), rows_removed=sum(rows.values()),
            files_removed=len(files), rows_by_model={k: v for k, v in sorted(rows.items()) if v})
        transaction.on_commit(lambda: _remove_files(files))
    return log


def _collector(root) -> Collector:
    """Collect what deleting `root` would remove; refuse, naming them, if other records depend on it."""
    collector = Collector(using=router.db_for_write(type(root)), origin=root)
    try:
        collector.collect([root])
    except (ProtectedError, RestrictedError) as error:
        blockers = error.protected_objects if isinstance(error, ProtectedError) else error.restricted_objects
        raise ValidationError(_depends_message(root, blockers)) from None
    return collector


def _depends_message(root, blockers) -> str:
    counts = Counter(type(b)._meta for b in blockers)
    what = ", ".join(f"{n} {meta.verbose_name if n == 1 else meta.verbose_name_plural}"
                     for meta, n in sorted(counts.items(), key=lambda pair: str(pair[0].verbose_name)))
    return (f"It cannot be deleted because other records depend on its {type(root)._meta.verbose_name}: {what}. "
            "Delete or move those first, or keep this record.")


def _files_of(collector: Collector) -> list[tuple]:
    """(storage, name) of every file held by a row the collector will delete, fast deletes included."""
    found = []
    for model, instances in collector.data.items():
        for file_field in _file_fields(model):
            found += [(file_field.storage, getattr(i, file_field.attname).name) for i in instances
                      if getattr(i, file_field.attname)]
    for queryset in collector.fast_deletes:
        for file_field in _file_fields(queryset.model):
            names = queryset.exclude(**{file_field.attname: ""}).values_list(file_field.attname, flat=True)
            found += [(file_field.storage, name) for name in names if name]
    return found


def _file_fields(model) -> list:
    return [f for f in model._meta.concrete_fields if isinstance(f, FileField)]


def _remove_files(files) -> None:
    for storage, name in files:
        storage.delete(name)
