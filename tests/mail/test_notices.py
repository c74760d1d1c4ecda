"""Notices go through the outbox to the real SMTP server; when it is down the change stands, the fault is
logged, and the notice is sent once the server is back."""

import socket
from datetime import timedelta

import pytest
from django.utils import timezone

from casereview.outbox.delivery import outbox_sweep
from casereview.outbox.models import OutboxMessage, Status
from casereview.web.mail import notice_send

pytestmark = pytest.mark.django_db


def test_notice_is_delivered_over_smtp(smtp_inbox, django_capture_on_commit_callbacks):
    """A notice reaches each recipient once, addressed to them alone (nobody sees who else was told)."""
    with django_capture_on_commit_callbacks(execute=True):
        assert notice_send(subject="Rapid review opened: SIN-1", message="Sign in to see it.",
                           recipients=["a@example.test", "a@example.test", "b@example.test"], about="test")
    assert sorted(m["To"] for m in smtp_inbox.messages) == ["a@example.test", "b@example.test"]
    assert all(m["Cc"] is None and m["Bcc"] is None for m in smtp_inbox.messages)


def test_mail_server_down_is_logged_and_retried(settings, caplog, django_capture_on_commit_callbacks):
    """With nothing listening on the mail port, the notice waits in the outbox and the fault is logged."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port, 2
    with django_capture_on_commit_callbacks(execute=True):
        assert notice_send(subject="x", message="y", recipients=["a@example.test"], about="the test notice")
    message = OutboxMessage.objects.get()
    assert message.status == Status.FAILED and message.attempts == 1
    assert "Could not e-mail the test notice" in caplog.text
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # the mail server is back
    assert outbox_sweep(now=timezone.now() + timedelta(minutes=1)) == 1


def test_no_recipients_sends_nothing(smtp_inbox):
    """Nobody to tell means no message."""
    assert notice_send(subject="x", message="y", recipients=[], about="test") is False
    assert smtp_inbox.messages == [] and OutboxMessage.objects.count() == 0
