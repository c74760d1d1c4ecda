"""Reads of the audit trail: only the business team of a partnership (or a system administrator) sees it."""

from django.db import connection
from django.http import Http404

from casereview.partnerships.access import can_administer

from .models import AuditEvent, ChainHead


def events_for_partnership(user, partnership, *, verb: str = "", actor: str = ""):
    """Events of one partnership, newest first, optionally filtered by verb and actor username."""
    if partnership is None or not can_administer(user, partnership):
        raise Http404("No audit trail to show.")
    qs = AuditEvent.objects.filter(partnership_id=partnership.pk)
    if verb:
        qs = qs.filter(verb=verb)
    if actor:
        qs = qs.filter(actor_label__icontains=actor)
    return qs.order_by("-seq")


def events_for_record(user, partnership, target_type: str, target_id: str):
    """The history of one record of the partnership, oldest first; Http404 if there is none to show."""
    qs = events_for_partnership(user, partnership).filter(target_type=target_type, target_id=str(target_id))
    events = list(qs.order_by("seq"))
    if not events:
        raise Http404("No history for that record.")
    return events


def data_version() -> tuple[int, str] | None:
    """The state of the records, as the latest event that changed one (number and hash), or None inside a
    transaction: what a transaction sees may yet be rolled back, so nothing it reads may be remembered."""
    state = chain_state()
    return None if state is None else state[1]


def chain_state() -> tuple[int, tuple[int, str]] | None:
    """(the latest event's number, the data version), or None inside a transaction. The number moves with
    every event, reads included: a page whose view recorded a read has to be made again next time."""
    if connection.in_atomic_block:
        return None
    row = ChainHead.objects.filter(id=1).values_list("seq", "written_seq", "written_hash").first()
    if row is None:  # no event yet: the values the head will be created with, so its creation by a read is no change
        empty = ChainHead()
        row = (empty.seq, empty.written_seq, empty.written_hash)
    return row[0], (row[1], row[2])
