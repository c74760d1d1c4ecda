"""Writes to the outbox: queue a message inside the caller's transaction, and retry one by hand.

Queueing only writes a row; the delivery task is enqueued once the caller's transaction commits, so a change
that rolls back sends nothing, and a change that commits always leaves its message behind for the worker
(or, if the worker was never told, for the sweep).
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from functools import partial

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from casereview.audit.services import audit_record
from casereview.audit.vocabulary import Verb
from casereview.partnerships.access import require_administer

from .models import OutboxMessage, Status

logger = logging.getLogger(__name__)
KEY_LENGTH = 200
MAX_ATTACHMENT_BYTES = 1024 * 1024  # calendar files are a few kilobytes; documents are never e-mailed
RETRYABLE = (Status.FAILED, Status.GAVE_UP)


@dataclass(frozen=True)
class OutboxAttachment:
    """A small file sent with a message, e.g. an ICS invitation ("text/calendar; method=REQUEST; charset=utf-8")."""

    filename: str
    content_type: str
    data: bytes


def fit_key(key: str) -> str:
    """The idempotency key as stored: itself when it fits, else its start and a SHA-256 of the whole."""
    if len(key) <= KEY_LENGTH:
        return key
    return f"{key[:KEY_LENGTH - 65]}:{hashlib.sha256(key.encode()).hexdigest()}"


def deliverable(addresses) -> list[str]:
    """The distinct addresses, sorted, that look like e-mail addresses (blank or malformed ones are dropped)."""
    kept = set()
    for address in addresses:
        address = (address or "").strip()
        try:
            validate_email(address)
        except ValidationError:
            if address:
                logger.warning("Not e-mailing %r: it is not an e-mail address", address)
            continue
        kept.add(address)
    return sorted(kept)


def outbox_queue(*, to: str, subject: str, body: str, key: str, about: str = "", partnership=None,
                 attachment: OutboxAttachment | None = None, on_sent: str = "",
                 on_sent_args: dict | None = None) -> tuple[OutboxMessage, bool]:
    """Put one message in the outbox in the current transaction; return (message, created).

    A key already in the outbox returns the message already there and queues nothing: callers with a natural
    key (e.g. "action-reminder:12:overdue:2026-03-02:someone@example.org") can never send it twice. The
    delivery task is enqueued when the transaction commits.
    """
    validate_email(to)
    if not key:
        raise ValueError("An outbox message needs an idempotency key")
    if attachment is not None and len(attachment.data) > MAX_ATTACHMENT_BYTES:
        raise ValueError(f"Attachments over {MAX_ATTACHMENT_BYTES} bytes are not e-mailed")
    if on_sent and not on_sent.startswith("casereview."):
        raise ValueError("on_sent must name a function of this service")
    key = fit_key(key)
    now = timezone.now()
    try:
        with transaction.atomic():
            message = OutboxMessage.objects.create(
                key=key, partnership=partnership, to=to, subject=subject[:300], body=body, about=about[:300],
                attachment_name=attachment.filename if attachment else "",
                attachment_type=attachment.content_type if attachment else "",
                attachment_data=attachment.data if attachment else None,
                status=Status.QUEUED, next_attempt_at=now, created_at=now,
                on_sent=on_sent, on_sent_args=on_sent_args or {})
    except IntegrityError:
        existing = OutboxMessage.objects.filter(key=key).first()
        if existing is None:
            raise
        return existing, False
    transaction.on_commit(partial(_enqueue_delivery, message.pk))
    return message, True


def _enqueue_delivery(message_id: int) -> None:
    from .tasks import enqueue_delivery  # the task module is loaded lazily: it reads TASKS when imported

    enqueue_delivery(message_id)


@transaction.atomic
def outbox_retry(*, actor, message: OutboxMessage) -> OutboxMessage:
    """Send a failed message again now; one that had been given up on gets a fresh round of attempts."""
    locked = OutboxMessage.objects.select_for_update().get(pk=message.pk)
    require_administer(actor, locked.partnership)
    if locked.status not in RETRYABLE:
        raise ValidationError({"__all__": [_not_retryable(locked)]})
    before = (locked.status, locked.attempts)
    locked.status, locked.next_attempt_at = Status.QUEUED, timezone.now()
    if before[0] == Status.GAVE_UP:
        locked.attempts = 0
    locked.save(update_fields=["status", "next_attempt_at", "attempts"])
    audit_record(actor=actor, verb=Verb.UPDATED, target=locked, partnership=locked.partnership,
                 changes={"status": [before[0], Status.QUEUED.value], "attempts": [before[1], locked.attempts],
                          "retry": [None, "now"]})
    transaction.on_commit(partial(_enqueue_delivery, locked.pk))
    return locked


def _not_retryable(message: OutboxMessage) -> str:
    if message.status == Status.SENT:
        return f"The message to {message.to} has already been sent, so it is not sent again"
    return f"The message to {message.to} is already waiting to be sent"
