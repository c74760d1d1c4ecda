"""Delivering outbox messages: one at a time, at most once each, with back-off while the mail server is down.

A delivery first claims the message (a conditional UPDATE from queued/failed to sending, committed before the
mail server is contacted), so two workers, or a worker and the sweep, never both send it. The claim is a lease:
if the worker dies mid-send, the message is still "sending" when the lease ends and the sweep picks it up. Only
a crash in the instant between the mail server accepting a message and the row being marked sent can repeat
it; the repeat carries the same Message-ID, which mail clients use to drop duplicates.
"""

from __future__ import annotations

import hashlib
import logging
import smtplib
from datetime import datetime, timedelta
from email import encoders
from email.message import Message
from email.mime.base import MIMEBase
from email.mime.text import MIMEText
from urllib.parse import urlparse

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import OutboxMessage, Status

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 10
FIRST_WAIT = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=1)
LEASE = timedelta(minutes=10)  # far longer than one SMTP conversation (SEND_TIMEOUT)
SEND_TIMEOUT = 30  # seconds, when EMAIL_TIMEOUT is not set
SWEEP_LIMIT = 200


def retry_wait(attempts: int) -> timedelta:
    """How long to wait after the `attempts`-th failed attempt: 1, 2, 4, 8 … minutes, at most an hour."""
    return min(FIRST_WAIT * 2 ** min(max(attempts, 1) - 1, 10), LONGEST_WAIT)


def due(now: datetime) -> Q:
    """Messages to try at `now`: queued or failed and due, or still "sending" after their lease ran out."""
    return Q(status__in=[Status.QUEUED, Status.FAILED, Status.SENDING], next_attempt_at__lte=now)


def outbox_deliver(*, message_id: int, now: datetime | None = None) -> str:
    """Try to send one message if it is due; return its status afterwards ("missing" if there is none).

    A message already sent, given up on, not yet due, or being sent by someone else is left alone.
    """
    now = now or timezone.now()
    with transaction.atomic():
        claimed = OutboxMessage.objects.filter(due(now), pk=message_id).update(
            status=Status.SENDING, next_attempt_at=now + LEASE)
    if not claimed:
        return OutboxMessage.objects.filter(pk=message_id).values_list("status", flat=True).first() or "missing"
    message = OutboxMessage.objects.get(pk=message_id)
    try:
        _send(message)
    except Exception as exc:  # any fault is recorded on the message and retried; the worker carries on
        return _failed(message, exc, now)
    _sent(message, now)
    return Status.SENT


def outbox_sweep(*, now: datetime | None = None, limit: int = SWEEP_LIMIT) -> int:
    """Deliver every message that is due (oldest first); return how many were sent.

    Stops at the first message that fails for want of a mail server, so a long outage costs one timeout a
    sweep rather than one per message; the rest are tried on the next sweep.
    """
    now = now or timezone.now()
    ids = list(OutboxMessage.objects.filter(due(now)).order_by("next_attempt_at", "pk")
               .values_list("pk", flat=True)[:limit])
    sent = 0
    for message_id in ids:
        status = outbox_deliver(message_id=message_id, now=now)
        if status == Status.FAILED:
            break
        sent += status == Status.SENT
    return sent


def email_for(message: OutboxMessage) -> EmailMessage:
    """The e-mail for an outbox message, with a Message-ID that stays the same if it is ever sent again."""
    host = urlparse(settings.SITE_URL).hostname or "casereview"
    digest = hashlib.sha256(message.key.encode()).hexdigest()[:24]
    email = EmailMessage(subject=message.subject, body=message.body, to=[message.to],
                         headers={"Message-ID": f"<outbox.{message.pk}.{digest}@{host}>"})
    if message.attachment_name:
        email.attach(attachment_part(message.attachment_name, message.attachment_type,
                                     bytes(message.attachment_data or b"")))
    return email


def attachment_part(filename: str, content_type: str, data: bytes) -> MIMEBase:
    """A MIME part for a stored attachment, keeping the content type's parameters (a calendar's method)."""
    header = Message()
    header["Content-Type"] = content_type or "application/octet-stream"
    maintype, subtype = header.get_content_maintype(), header.get_content_subtype()
    params = [(k, v) for k, v in header.get_params()[1:] if k != "charset"]
    if maintype == "text":
        charset = header.get_content_charset() or "utf-8"
        part = MIMEText(data.decode(charset), subtype, charset)
    else:
        part = MIMEBase(maintype, subtype)
        part.set_payload(data)
        encoders.encode_base64(part)
    for key, value in params:
        part.set_param(key, value)
    part.add_header("Content-Disposition", "attachment", filename=filename)
    return part


def _send(message: OutboxMessage) -> None:
    timeout = getattr(settings, "EMAIL_TIMEOUT", None) or SEND_TIMEOUT
    with get_connection(timeout=timeout) as connection:
        if connection.send_messages([email_for(message)]) != 1:
            raise OSError("The mail server did not accept the message")


def _sent(message: OutboxMessage, now: datetime) -> None:
    with transaction.atomic():
        marked = OutboxMessage.objects.filter(pk=message.pk, status=Status.SENDING).update(
            status=Status.SENT, sent_at=now, attempts=F("attempts") + 1, last_error="", next_attempt_at=None)
    if not marked:
        logger.warning("Outbox message %s was sent after its lease ran out", message.pk)
    if marked and message.on_sent:
        try:
            with transaction.atomic():
                import_string(message.on_sent)(sent_at=now, **message.on_sent_args)
        except Exception:
            logger.exception("Outbox message %s was sent, but recording that with %s failed", message.pk,
                             message.on_sent)


def _failed(message: OutboxMessage, exc: Exception, now: datetime) -> str:
    attempts = message.attempts + 1
    gave_up = attempts >= MAX_ATTEMPTS or _refused_for_good(exc)
    status = Status.GAVE_UP if gave_up else Status.FAILED
    next_at = None if gave_up else now + retry_wait(attempts)
    with transaction.atomic():
        marked = OutboxMessage.objects.filter(pk=message.pk, status=Status.SENDING).update(
            status=status, attempts=attempts, last_error=f"{type(exc).__name__}: {exc}"[:500],
            next_attempt_at=next_at)
        if marked and next_at is not None:
            transaction.on_commit(lambda: _enqueue_retry(message.pk, next_at))
    if gave_up:
        logger.error("Could not e-mail %s to %s: gave up after %d attempts (%s)", message.about or message.subject,
                     message.to, attempts, exc)
    else:
        logger.warning("Could not e-mail %s to %s (attempt %d of %d, %s); trying again at %s",
                       message.about or message.subject, message.to, attempts, MAX_ATTEMPTS, exc,
                       timezone.localtime(next_at).strftime("%H:%M"))
    return status


def _refused_for_good(exc: Exception) -> bool:
    """The mail server refused the address itself (a 5xx reply): trying again would not help."""
    return isinstance(exc, smtplib.SMTPRecipientsRefused) and bool(exc.recipients) and all(
        int(code) >= 500 for code, _reply in exc.recipients.values())


def _enqueue_retry(message_id: int, when: datetime) -> None:
    from .tasks import enqueue_delivery

    enqueue_delivery(message_id, run_after=when)
