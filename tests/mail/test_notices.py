"""Notices go through the real SMTP server; when it is down the change stands and the fault is logged."""

import socket

from casereview.web.mail import notice_send


def test_notice_is_delivered_over_smtp(smtp_inbox):
    """A notice reaches each recipient once, addressed to them alone (nobody sees who else was told)."""
    assert notice_send(subject="Rapid review opened: SIN-1", message="Sign in to see it.",
                       recipients=["a@example.test", "a@example.test", "b@example.test"], about="test")
    assert sorted(m["To"] for m in smtp_inbox.messages) == ["a@example.test", "b@example.test"]
    assert all(m["Cc"] is None and m["Bcc"] is None for m in smtp_inbox.messages)


def test_mail_server_down_is_logged_not_raised(settings, caplog):
    """With nothing listening on the mail port, the notice fails quietly for the user and loudly in the log."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port, 2
    assert notice_send(subject="x", message="y", recipients=["a@example.test"], about="the test notice") is False
    assert "Could not e-mail the test notice" in caplog.text


def test_no_recipients_sends_nothing(smtp_inbox):
    """Nobody to tell means no message."""
    assert notice_send(subject="x", message="y", recipients=[], about="test") is False
    assert smtp_inbox.messages == []
