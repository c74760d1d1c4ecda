"""A sample outbox message for the role-by-URL walk (call outbox_samples from _samples in test_role_urls.py)."""

from __future__ import annotations

from casereview.outbox.models import OutboxMessage, Status


def outbox_samples(partnership) -> dict:
    """One message of the partnership that the mail server could not take, so "retry now" applies to it."""
    message = OutboxMessage.objects.create(
        key="role-sample:1", partnership=partnership, to="member@northmoor.example",
        subject="Agenda and papers (fictional)", body="Sign in to see the papers.", about="role sample",
        status=Status.GAVE_UP, attempts=10, last_error="ConnectionRefusedError: [Errno 111] Connection refused")
    return {"outbox_message": {"pk": message.pk}}
