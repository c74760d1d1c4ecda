"""Reads of the outbox: the business team sees the delivery state of its partnership's messages, never bodies."""

from django.db.models import Count
from django.http import Http404

from casereview.partnerships.access import can_administer

from .models import OutboxMessage, Status

LIST_FIELDS = ("pk", "to", "subject", "status", "attempts", "last_error", "next_attempt_at", "sent_at",
               "created_at", "partnership_id")


def outbox_list(user, partnership, *, status: str = ""):
    """The partnership's messages, newest first, optionally of one status; Http404 unless the user administers it.

    Only the delivery columns are read: bodies and attachments stay in the database.
    """
    if partnership is None or not can_administer(user, partnership):
        raise Http404("No outbox to show.")
    messages = OutboxMessage.objects.filter(partnership=partnership).only(*LIST_FIELDS)
    if status in Status.values:
        messages = messages.filter(status=status)
    return messages.order_by("-created_at", "-pk")


def outbox_counts(partnership) -> dict[str, int]:
    """How many of the partnership's messages are in each status (every status listed, zero included)."""
    rows = OutboxMessage.objects.filter(partnership=partnership).values("status").annotate(n=Count("pk"))
    counts = dict.fromkeys(Status.values, 0)
    counts.update({row["status"]: row["n"] for row in rows})
    return counts


def outbox_get(user, partnership, pk) -> OutboxMessage:
    """One message of the partnership the user administers; missing and not allowed look the same."""
    message = outbox_list(user, partnership).filter(pk=pk).first()
    if message is None:
        raise Http404("No such message.")
    return message
