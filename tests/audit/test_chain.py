"""The audit chain: events are append-only, and audit_verify catches edits, insertions and deletions."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from casereview.audit.models import AuditEvent
from casereview.audit.services import audit_record
from casereview.audit.vocabulary import Verb

pytestmark = pytest.mark.django_db


def _write_events(user, n=5):
    for i in range(n):
        with transaction.atomic():
            audit_record(actor=user, verb=Verb.UPDATED, target=user, changes={"step": [i, i + 1]})


@pytest.fixture
def chain(business_user):
    _write_events(business_user)
    return list(AuditEvent.objects.order_by("seq"))


def _raw(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_intact_chain_verifies(chain, capsys):
    """An untouched chain passes and reports how many events it checked."""
    call_command("audit_verify")
    assert "5 event(s) verified" in capsys.readouterr().out


def test_events_cannot_be_changed_or_deleted_through_the_orm(chain):
    """The model refuses updates and deletes, singly and in bulk."""
    event = chain[0]
    event.verb = Verb.DELETED
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(verb="deleted")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()


@pytest.mark.django_db(transaction=True)
def test_audit_record_outside_a_transaction_is_refused(business_user):
    """An audit event must be written in the same transaction as the change it records."""
    with pytest.raises(RuntimeError):
        audit_record(actor=business_user, verb=Verb.UPDATED)


def test_verify_catches_an_edited_event(chain):
    """Changing any recorded field of an event (by SQL, bypassing the app) is reported."""
    _raw("UPDATE audit_auditevent SET actor_label = %s WHERE seq = 3", ["someone-else"])
    with pytest.raises(CommandError, match="broken"):
        call_command("audit_verify")


def test_verify_catches_a_deleted_event(chain):
    """Removing an event from the middle of the chain is reported."""
    _raw("DELETE FROM audit_auditevent WHERE seq = 2")
    with pytest.raises(CommandError):
        call_command("audit_verify")


def test_verify_catches_a_deleted_last_event(chain):
    """Removing the newest event is reported too: the chain head remembers it."""
    _raw("DELETE FROM audit_auditevent WHERE seq = 5")
    with pytest.raises(CommandError):
        call_command("audit_verify")


def test_verify_catches_an_inserted_event(chain):
    """A forged event slipped into the chain, even with a self-consistent hash, is reported."""
    from casereview.audit.chain import event_hash

    last = chain[-1]
    forged = {f: getattr(chain[1], f) for f in
              ["occurred_at", "actor_id", "actor_label", "partnership_id", "verb", "target_type", "target_id",
               "target_label", "changes", "ip_address"]}
    forged.update(seq=last.seq + 100, prev_hash=chain[1].hash, verb="deleted")
    forged["hash"] = event_hash(forged)
    AuditEvent.objects.create(**forged)
    with pytest.raises(CommandError):
        call_command("audit_verify")


def test_each_event_links_to_the_previous(chain):
    """Each event's prev_hash is the hash of the event before it, starting from the genesis value."""
    assert chain[0].prev_hash == "0" * 64
    assert all(b.prev_hash == a.hash for a, b in zip(chain, chain[1:], strict=False))
