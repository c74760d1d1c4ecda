"""Delivery: through a real SMTP server, retried with back-off while it is down, never twice, given up at last."""

from __future__ import annotations

import smtplib
from datetime import timedelta
from email.utils import make_msgid

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from casereview.outbox import delivery
from casereview.outbox.delivery import LEASE, MAX_ATTEMPTS, outbox_deliver, outbox_sweep, retry_wait
from casereview.outbox.models import OutboxMessage, Status
from casereview.outbox.services import OutboxAttachment, outbox_queue

pytestmark = pytest.mark.django_db
ICS = b"BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n"


def _queued(key="reminder:1", **kwargs) -> OutboxMessage:
    """A message queued but not yet delivered (its on-commit delivery never runs inside the test transaction)."""
    message, _ = outbox_queue(to="lead@example.test", subject="Overdue action: Brief officers",
                              body="This action was due on Monday 2 March 2026.", key=key, about="the reminder",
                              **kwargs)
    return message


@pytest.mark.parametrize(("attempts", "minutes"), [(1, 1), (2, 2), (3, 4), (4, 8), (6, 32), (7, 60), (9, 60),
                                                   (50, 60)])
def test_retry_waits_double_up_to_an_hour(attempts, minutes):
    """After the n-th failure the next try is 2^(n-1) minutes later, never more than an hour."""
    assert retry_wait(attempts) == timedelta(minutes=minutes)


@given(st.integers(min_value=1, max_value=10_000))
def test_retry_wait_never_shrinks_and_stays_in_bounds(attempts):
    """Waits never get shorter with more failures, and stay between a minute and an hour."""
    assert timedelta(minutes=1) <= retry_wait(attempts) <= retry_wait(attempts + 1) <= timedelta(hours=1)


def test_delivered_to_the_mail_server_with_its_attachment(mail_server):
    """The e-mail reaches the server as queued: subject, body, a stable Message-ID and the calendar file."""
    message = _queued(attachment=OutboxAttachment("invite.ics", "text/calendar; method=REQUEST; charset=utf-8", ICS))
    assert outbox_deliver(message_id=message.pk) == Status.SENT
    [received] = mail_server.messages
    assert received["To"] == "lead@example.test" and received["Subject"] == "Overdue action: Brief officers"
    assert received["Message-ID"].startswith(f"<outbox.{message.pk}.")
    [part] = [p for p in received.walk() if p.get_content_type() == "text/calendar"]
    assert part.get_param("method") == "REQUEST" and part.get_content_charset() == "utf-8"
    assert part.get_filename() == "invite.ics" and part.get_payload(decode=True) == ICS


def test_a_binary_attachment_survives_the_trip(mail_server):
    """A non-text attachment is sent base64-encoded and arrives byte for byte."""
    data = bytes(range(256))
    message = _queued(attachment=OutboxAttachment("data.bin", "application/octet-stream", data))
    outbox_deliver(message_id=message.pk)
    [part] = [p for p in mail_server.messages[0].walk() if p.get_filename() == "data.bin"]
    assert part.get_payload(decode=True) == data


def test_server_down_then_back_delivers_exactly_once(mail_server, caplog):
    """With the server stopped the message fails and waits; once it is back the next sweep sends it once."""
    message = _queued()
    mail_server.stop()
    now = timezone.now()
    assert outbox_deliver(message_id=message.pk, now=now) == Status.FAILED
    message.refresh_from_db()
    assert (message.status, message.attempts, message.next_attempt_at) == (Status.FAILED, 1, now + timedelta(minutes=1))
    assert "ConnectionRefusedError" in message.last_error and "Could not e-mail the reminder" in caplog.text
    assert outbox_sweep(now=now + timedelta(seconds=30)) == 0  # not yet due: nothing tried
    assert outbox_sweep(now=now + timedelta(minutes=1)) == 0  # due, but the server is still down
    message.refresh_from_db()
    assert (message.attempts, message.next_attempt_at) == (2, now + timedelta(minutes=3))
    mail_server.start()
    assert outbox_sweep(now=now + timedelta(minutes=3)) == 1
    assert outbox_sweep(now=now + timedelta(hours=5)) == 0
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == (Status.SENT, 3, "")
    assert len(mail_server.messages) == 1


def test_delivering_twice_sends_once(mail_server):
    """A second delivery of a sent message (a duplicate task, or the sweep) sends nothing."""
    message = _queued()
    assert outbox_deliver(message_id=message.pk) == Status.SENT
    assert outbox_deliver(message_id=message.pk) == Status.SENT
    assert outbox_sweep(now=timezone.now() + timedelta(days=1)) == 0
    assert len(mail_server.messages) == 1


def test_a_message_being_sent_is_not_sent_by_another_worker(mail_server):
    """While one worker holds the lease, another delivery of the same message does nothing."""
    message = _queued()
    now = timezone.now()
    OutboxMessage.objects.filter(pk=message.pk).update(status=Status.SENDING, next_attempt_at=now + LEASE)
    assert outbox_deliver(message_id=message.pk, now=now + timedelta(minutes=1)) == Status.SENDING
    assert outbox_sweep(now=now + timedelta(minutes=1)) == 0 and mail_server.messages == []


def test_a_worker_killed_mid_send_loses_nothing(mail_server, monkeypatch):
    """If the worker dies while sending, the message stays claimed; when the lease ends the sweep sends it once."""
    message = _queued()
    now = timezone.now()

    def killed(_message):
        raise SystemExit("worker killed")

    monkeypatch.setattr(delivery, "_send", killed)
    with pytest.raises(SystemExit):
        outbox_deliver(message_id=message.pk, now=now)
    monkeypatch.undo()
    message.refresh_from_db()
    assert message.status == Status.SENDING and mail_server.messages == []
    assert outbox_sweep(now=now + LEASE - timedelta(seconds=1)) == 0
    assert outbox_sweep(now=now + LEASE) == 1
    assert outbox_sweep(now=now + LEASE + timedelta(hours=1)) == 0
    assert len(mail_server.messages) == 1


def test_gives_up_after_the_last_attempt(mail_server, caplog):
    """After MAX_ATTEMPTS failures the message is given up, logged as an error, and no longer tried."""
    message = _queued()
    mail_server.stop()
    now = timezone.now()
    for attempt in range(1, MAX_ATTEMPTS + 1):
        message.refresh_from_db()
        now = message.next_attempt_at
        assert outbox_deliver(message_id=message.pk, now=now) == (
            Status.GAVE_UP if attempt == MAX_ATTEMPTS else Status.FAILED)
    message.refresh_from_db()
    assert (message.status, message.attempts, message.next_attempt_at) == (Status.GAVE_UP, MAX_ATTEMPTS, None)
    assert any(r.levelname == "ERROR" and "gave up after 10 attempts" in r.getMessage() for r in caplog.records)
    mail_server.start()
    assert outbox_sweep(now=now + timedelta(days=7)) == 0 and mail_server.messages == []


def test_an_address_the_server_refuses_is_given_up_at_once(mail_server, monkeypatch):
    """A 5xx refusal of the address itself is not retried: trying again would not help."""
    message = _queued()

    def refused(_message):
        raise smtplib.SMTPRecipientsRefused({"lead@example.test": (550, b"No such user")})

    monkeypatch.setattr(delivery, "_send", refused)
    assert outbox_deliver(message_id=message.pk) == Status.GAVE_UP
    message.refresh_from_db()
    assert message.attempts == 1 and "No such user" in message.last_error


def test_a_temporary_refusal_is_retried(mail_server, monkeypatch):
    """A 4xx refusal (mailbox busy, greylisting) is retried like an outage."""
    message = _queued()
    monkeypatch.setattr(delivery, "_send", lambda _m: (_ for _ in ()).throw(
        smtplib.SMTPRecipientsRefused({"lead@example.test": (451, b"Try again later")})))
    assert outbox_deliver(message_id=message.pk) == Status.FAILED


def test_the_sweep_stops_at_the_first_outage(mail_server):
    """With the server down, one sweep tries one message rather than waiting on every one in turn."""
    messages = [_queued(key=f"reminder:{n}") for n in range(3)]
    mail_server.stop()
    assert outbox_sweep(now=timezone.now()) == 0
    assert sorted(OutboxMessage.objects.values_list("attempts", flat=True)) == [0, 0, 1]
    mail_server.start()
    later = timezone.now() + timedelta(minutes=2)
    assert outbox_sweep(now=later) == 3 and len(mail_server.messages) == len(messages)


def test_the_message_id_is_the_same_if_sent_again(mail_server):
    """The Message-ID depends only on the message, so a repeat after a crash is recognisably the same e-mail."""
    message = _queued()
    first = delivery.email_for(message).extra_headers["Message-ID"]
    assert first == delivery.email_for(OutboxMessage.objects.get(pk=message.pk)).extra_headers["Message-ID"]
    assert first != make_msgid()


def test_on_sent_hook_runs_once_after_delivery(mail_server, monkeypatch):
    """The on-sent function is called with its arguments and the time sent, only after a successful send."""
    calls = []
    monkeypatch.setattr("casereview.meetings.ics.invitation_sent", lambda **kw: calls.append(kw))
    message = _queued(on_sent="casereview.meetings.ics.invitation_sent",
                      on_sent_args={"invitation_id": 7, "sequence": 2})
    mail_server.stop()
    outbox_deliver(message_id=message.pk)
    assert calls == []
    mail_server.start()
    outbox_sweep(now=timezone.now() + timedelta(minutes=1))
    outbox_sweep(now=timezone.now() + timedelta(minutes=5))
    [call] = calls
    assert call["invitation_id"] == 7 and call["sequence"] == 2 and call["sent_at"] is not None


def test_a_failing_on_sent_hook_does_not_resend(mail_server, monkeypatch, caplog):
    """If recording the delivery fails, the message still counts as sent and is not sent again."""
    def broken(**kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr("casereview.meetings.ics.invitation_sent", broken)
    message = _queued(on_sent="casereview.meetings.ics.invitation_sent", on_sent_args={})
    assert outbox_deliver(message_id=message.pk) == Status.SENT
    assert outbox_sweep(now=timezone.now() + timedelta(hours=1)) == 0 and len(mail_server.messages) == 1
    assert "recording that with casereview.meetings.ics.invitation_sent failed" in caplog.text
