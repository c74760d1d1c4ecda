"""Writing audit events. Every service calls `audit_record` inside its own transaction."""

from __future__ import annotations

from django.db import connection, transaction
from django.utils import timezone

from .chain import event_hash
from .context import client_ip, events_recorded
from .models import AuditEvent, ChainHead, PartnershipHead
from .vocabulary import UNCHANGING_VERBS, Verb


def _target_parts(target) -> tuple[str, str, str]:
    if target is None:
        return "", "", ""
    meta = target._meta
    return f"{meta.app_label}.{meta.model_name}", str(target.pk), str(target)[:300]


def audit_record(*, actor, verb: Verb, target=None, partnership=None, changes: dict | None = None,
                 system: str = "") -> AuditEvent:
    """Append one event to the chain; must run inside the caller's transaction.

    `system` names the scheduled job that acted when no user did (e.g. "action reminders")."""
    if not connection.in_atomic_block:
        raise RuntimeError("audit_record must be called inside the transaction of the write it records.")
    head, _ = ChainHead.objects.select_for_update().get_or_create(id=1)
    target_type, target_id, target_label = _target_parts(target)
    actor_known = actor is not None and getattr(actor, "is_authenticated", False)
    fields = {
        "seq": head.seq + 1,
        "occurred_at": timezone.now(),
        "actor_id": actor.pk if actor_known else None,
        "actor_label": (actor.get_username() if actor_known else f"system: {system}" if system else "anonymous")[:200],
        "partnership_id": _partnership_id(partnership, target),
        "verb": str(verb),
        "target_type": target_type,
        "target_id": target_id,
        "target_label": target_label,
        "changes": changes or {},
        "ip_address": client_ip.get(),
        "prev_hash": head.hash,
    }
    fields["hash"] = event_hash(fields)
    event = AuditEvent.objects.create(**fields)
    written = {}
    if verb not in UNCHANGING_VERBS:
        written = {"written_seq": event.seq, "written_hash": event.hash}
        if event.partnership_id is None:
            written.update(shared_seq=event.seq, shared_hash=event.hash)
        else:
            _move_partnership_head(event)
    ChainHead.objects.filter(id=1).update(seq=event.seq, hash=event.hash, **written)
    events_recorded.set(events_recorded.get() + 1)
    return event


def _move_partnership_head(event: AuditEvent) -> None:
    """The event's partnership was written. Writers hold the chain head's lock, so no two create the row."""
    moved = {"written_seq": event.seq, "written_hash": event.hash}
    if not PartnershipHead.objects.filter(partnership_id=event.partnership_id).update(**moved):
        PartnershipHead.objects.create(partnership_id=event.partnership_id, **moved)


def audit_read(*, actor, target, verb: Verb = Verb.VIEWED, partnership=None) -> AuditEvent:
    """Record that a user viewed, downloaded or exported case material."""
    with transaction.atomic():
        return audit_record(actor=actor, verb=verb, target=target, partnership=partnership)


def _partnership_id(partnership, target) -> int | None:
    if partnership is not None:
        return partnership.pk
    if target is not None:
        if target._meta.model_name == "partnership":
            return target.pk
        return getattr(target, "partnership_id", None)
    return None


def diff_fields(instance, before: dict, fields: list[str]) -> dict:
    """Return {field: [old, new]} for each field whose value changed, as strings for JSON."""
    changes = {}
    for name in fields:
        old, new = before.get(name), getattr(instance, name)
        if old != new:
            changes[name] = [_jsonable(old), _jsonable(new)]
    return changes


def snapshot(instance, fields: list[str]) -> dict:
    """Return the current values of the named fields, to diff after an edit."""
    return {name: getattr(instance, name) for name in fields}


def _jsonable(value):
    """Keep JSON scalars; show anything else (a related record, a date) as its text."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def audit_record_export(*, actor, partnership, what: str) -> AuditEvent:
    """Record that a user exported part of the audit trail."""
    with transaction.atomic():
        changes = {"exported": [None, what]}
        return audit_record(actor=actor, verb=Verb.EXPORTED, partnership=partnership, changes=changes)
