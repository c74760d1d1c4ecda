"""Reminders and digests reach a real SMTP server on loopback: with it stopped nothing is lost, and once it is
back each arrives exactly once; the password reset link goes through the same outbox."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone

from casereview.outbox.delivery import outbox_sweep
from casereview.outbox.models import OutboxMessage, Status
from casereview.reminders.digest import weekly_digests_send
from casereview.reminders.scan import deadline_reminders_send
from tests.reminders.helpers import CHILD_NAME, PSEUDONYM

pytestmark = pytest.mark.django_db


def test_outage_loses_nothing_and_sends_each_once(world, mail_server, django_capture_on_commit_callbacks):
    """Queued while the server is down; the sweep after it is back sends each message once, never again."""
    for clock in ("rapid_review", "agency_return", "minutes", "panel_feedback"):
        world.case(clock)
    day = world.today + timedelta(days=35 - world.today.weekday())  # a Monday five weeks on: all overdue or due
    mail_server.stop()
    with django_capture_on_commit_callbacks(execute=True):
        reminders = deadline_reminders_send(today=day)
        digests = weekly_digests_send(today=day)
    assert reminders and digests
    queued = list(OutboxMessage.objects.filter(key__regex=r"^(reminder|digest):"))
    assert len(queued) == sum(len(s.recipients) for s in reminders) + len(digests)
    assert mail_server.messages == [] and all(m.status != Status.SENT for m in queued)

    mail_server.start()
    with django_capture_on_commit_callbacks(execute=True):
        assert deadline_reminders_send(today=day) == [] and weekly_digests_send(today=day) == []
    later = timezone.now() + timedelta(hours=6)
    assert outbox_sweep(now=later) == len(queued)
    assert outbox_sweep(now=later + timedelta(hours=1)) == 0
    received = Counter((m["To"], m["Subject"]) for m in mail_server.messages)
    assert len(received) == len(queued) and set(received.values()) == {1}
    for message in mail_server.messages:
        body = message.get_payload(decode=True).decode()
        assert CHILD_NAME not in body and PSEUDONYM not in body and "/reminders/preferences/" in body


def test_password_reset_link_goes_through_the_outbox(world, client, mail_server, django_capture_on_commit_callbacks):
    """The reset e-mail is an outbox message (retried while the server is down), delivered once."""
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password-reset/", {"email": "chair@northmoor.example"})
    [message] = OutboxMessage.objects.filter(key__startswith="password-reset:")
    assert message.to == "chair@northmoor.example" and message.status == Status.SENT
    assert [m["Subject"] for m in mail_server.messages] == ["Reset your Case review password"]


def test_a_scan_killed_midway_loses_nothing_and_repeats_nothing(world, monkeypatch):
    """A crash after some reminders committed: the rerun sends the rest, and none of those already sent."""
    from casereview.reminders import scan

    for clock in ("rapid_review", "agency_return", "minutes"):
        world.case(clock)
    day = world.today + timedelta(days=40)
    real, calls = scan.notice_send, []

    def dies_on_the_second(**kwargs):
        calls.append(kwargs["key"])
        if len(calls) == 2:
            raise SystemExit("worker killed")
        return real(**kwargs)

    monkeypatch.setattr(scan, "notice_send", dies_on_the_second)
    with pytest.raises(SystemExit):
        deadline_reminders_send(today=day)
    monkeypatch.setattr(scan, "notice_send", real)
    reminders = OutboxMessage.objects.filter(key__startswith="reminder:")
    first = reminders.count()
    assert first > 0  # the first reminder committed with its record
    rest = deadline_reminders_send(today=day)
    assert not any(calls[0].startswith(f"reminder:{s.clock}:{s.object_key}:{s.kind}:") for s in rest)
    keys = list(reminders.values_list("key", flat=True))
    assert len(keys) == len(set(keys)) == first + sum(len(s.recipients) for s in rest)
    assert deadline_reminders_send(today=day) == []
