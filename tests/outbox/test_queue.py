"""Queueing: a message is written in the caller's transaction and sent only once that commits; one row per key."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import IntegrityError, transaction

from casereview.outbox.models import OutboxMessage, Status
from casereview.outbox.services import OutboxAttachment, deliverable, fit_key, outbox_queue
from casereview.web.mail import notice_send
from tests.conftest import PersonFactory, user_with_role

pytestmark = pytest.mark.django_db


def _queue(key="test:1", to="a@example.test", **kwargs):
    return outbox_queue(to=to, subject="Action due soon: Brief officers", body="Due on Monday.", key=key,
                        about="a test message", **kwargs)


def test_nothing_is_sent_until_the_transaction_commits(mail_server, django_capture_on_commit_callbacks):
    """Inside the transaction the message is only a queued row; after commit the worker delivers it."""
    with django_capture_on_commit_callbacks(execute=True):
        message, created = _queue()
        assert created and message.status == Status.QUEUED and mail_server.messages == []
    message.refresh_from_db()
    assert message.status == Status.SENT and message.attempts == 1 and message.sent_at is not None
    assert [m["To"] for m in mail_server.messages] == ["a@example.test"]


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_sends_nothing(mail_server):
    """If the change that queued a message rolls back, the message goes with it and nothing is sent."""
    with pytest.raises(RuntimeError), transaction.atomic():
        _queue()
        raise RuntimeError("the change failed")
    assert OutboxMessage.objects.count() == 0 and mail_server.messages == []


@pytest.mark.django_db(transaction=True)
def test_a_committed_change_delivers_its_message(mail_server):
    """With real commits: the delivery task runs on commit, and the message arrives once."""
    with transaction.atomic():
        _queue()
    assert OutboxMessage.objects.get().status == Status.SENT
    assert len(mail_server.messages) == 1


def test_the_same_key_twice_is_one_message(mail_server, django_capture_on_commit_callbacks):
    """Queueing the same key again returns the first message and sends nothing more."""
    with django_capture_on_commit_callbacks(execute=True):
        first, created_first = _queue()
        second, created_second = _queue()
    assert (created_first, created_second) == (True, False) and first.pk == second.pk
    with django_capture_on_commit_callbacks(execute=True):
        _queue()
    assert OutboxMessage.objects.count() == 1 and len(mail_server.messages) == 1


def test_a_race_on_the_key_is_settled_by_the_database():
    """Two queuers that both found no row: the second insert hits the unique key and returns the first's row."""
    first, _ = _queue()
    real_create = OutboxMessage.objects.create

    def create_after_the_other_won(**fields):
        real_create(**{**fields, "key": "someone-else"})  # our transaction does real work first...
        raise IntegrityError("UNIQUE constraint failed: outbox_outboxmessage.key")

    with mock.patch.object(OutboxMessage.objects, "create", side_effect=create_after_the_other_won):
        again, created = _queue()
    assert not created and again.pk == first.pk
    assert not OutboxMessage.objects.filter(key="someone-else").exists()  # ...and its savepoint is rolled back


def test_a_long_key_is_shortened_but_stays_distinct():
    """Keys over 200 characters are stored as a prefix and a hash, so two long keys stay two messages."""
    one, two = "x" * 300 + "1", "x" * 300 + "2"
    assert len(fit_key(one)) == 200 and fit_key(one) != fit_key(two) and fit_key("short") == "short"


def test_an_attachment_is_stored_with_the_message():
    """An ICS file is kept on the message (name, type and bytes) for the worker to send."""
    message, _ = _queue(attachment=OutboxAttachment("invite.ics", "text/calendar; method=REQUEST; charset=utf-8",
                                                    b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"))
    message.refresh_from_db()
    assert (message.attachment_name, bytes(message.attachment_data)) == (
        "invite.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")


@pytest.mark.parametrize("bad", [
    {"to": "not an address"},
    {"key": ""},
    {"on_sent": "os.system"},
    {"attachment": OutboxAttachment("big.bin", "application/octet-stream", b"0" * (1024 * 1024 + 1))},
])
def test_bad_messages_are_refused(bad):
    """A malformed address, a missing key, a hook outside the service or a large file is refused."""
    from django.core.exceptions import ValidationError

    with pytest.raises((ValueError, ValidationError)):
        _queue(**bad)
    assert OutboxMessage.objects.count() == 0


def test_deliverable_keeps_real_addresses_once_each():
    """Blank and malformed addresses are dropped, duplicates merged, the rest sorted."""
    assert deliverable(["b@example.test", "", None, "nope", " a@example.test ", "b@example.test"]) == [
        "a@example.test", "b@example.test"]


# --- notice_send, as every caller uses it --------------------------------------------------------------

def test_notice_goes_to_each_recipient_alone(mail_server, django_capture_on_commit_callbacks):
    """A notice is one message per distinct recipient, each addressed to them alone."""
    with django_capture_on_commit_callbacks(execute=True):
        assert notice_send(subject="Rapid review opened: SIN-1", message="Sign in to see it.", about="test",
                           recipients=["a@example.test", "a@example.test", "b@example.test"])
    assert sorted(m["To"] for m in mail_server.messages) == ["a@example.test", "b@example.test"]
    assert all(m["Cc"] is None and m["Bcc"] is None for m in mail_server.messages)
    assert OutboxMessage.objects.filter(status=Status.SENT).count() == 2


def test_notice_with_no_recipients_queues_nothing():
    """Nobody to tell (or only blank addresses) means no message, and False."""
    assert notice_send(subject="x", message="y", recipients=["", None], about="test") is False
    assert OutboxMessage.objects.count() == 0


def test_notice_with_a_natural_key_is_queued_once():
    """A caller's key makes a repeated notice one message per recipient, however often it is called."""
    for _ in range(3):
        notice_send(subject="Overdue action", message="y", recipients=["a@example.test"], about="test",
                    key="action-reminder:1:overdue:2026-03-02")
    assert list(OutboxMessage.objects.values_list("key", flat=True)) == [
        "action-reminder:1:overdue:2026-03-02:a@example.test"]


def test_notices_without_a_key_are_separate_messages():
    """Without a key each call is a new notice (e.g. a reminder the business team sends twice on purpose)."""
    notice_send(subject="Reminder", message="y", recipients=["a@example.test"], about="test")
    notice_send(subject="Reminder", message="y", recipients=["a@example.test"], about="test")
    assert OutboxMessage.objects.count() == 2


def test_notice_is_scoped_to_the_recipients_partnership(partnership):
    """Without an explicit partnership, the one partnership the recipients belong to is used."""
    person = PersonFactory(agency__partnership=partnership, email="person@example.test")
    user = user_with_role(partnership, "member")
    notice_send(subject="x", message="y", recipients=[person.email, user.email], about="test")
    assert set(OutboxMessage.objects.values_list("partnership_id", flat=True)) == {partnership.pk}


def test_notice_to_people_of_two_partnerships_is_not_guessed(partnership):
    """Recipients in two partnerships: the scope is not guessed (pass partnership= to set it)."""
    here = PersonFactory(agency__partnership=partnership, email="here@example.test")
    there = PersonFactory(email="there@example.test")
    notice_send(subject="x", message="y", recipients=[here.email, there.email], about="test")
    assert set(OutboxMessage.objects.values_list("partnership_id", flat=True)) == {None}
    notice_send(subject="x", message="y", recipients=[there.email], about="test", partnership=partnership)
    assert OutboxMessage.objects.filter(partnership=partnership).count() == 1
