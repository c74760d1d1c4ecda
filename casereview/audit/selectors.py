"""Reads of the audit trail: only the business team of a partnership (or a system administrator) sees it."""

from django.db import connection
from django.http import Http404

from casereview.partnerships.access import can_administer

from .models import AuditEvent, ChainHead, PartnershipHead


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


def data_version(partnership_ids=None) -> tuple | None:
    """The state of the records, or None inside a transaction: what a transaction sees may yet be rolled back, so
    nothing it reads may be remembered.

    Without partnership_ids: the latest event that changed any record (number and hash; the hash too, because a
    rolled-back event's number is used again). With them: what those partnerships' pages can show, their own
    records and those of no partnership (accounts, the calendar), as the latest write of no partnership and the
    latest of each of them. A write in any other partnership leaves it unchanged."""
    if connection.in_atomic_block:
        return None
    row = ChainHead.objects.filter(id=1).values_list("written_seq", "written_hash", "shared_seq",
                                                     "shared_hash").first()
    if row is None:  # no event yet: the values the head will be created with, so its creation by a read is no change
        empty = ChainHead()
        row = (empty.written_seq, empty.written_hash, empty.shared_seq, empty.shared_hash)
    if partnership_ids is None:
        return row[0], row[1]
    ids = sorted(set(partnership_ids))
    heads = {}
    if ids:
        heads = {pid: (seq, hash_) for pid, seq, hash_ in PartnershipHead.objects.filter(
            partnership_id__in=ids).values_list("partnership_id", "written_seq", "written_hash")}
    # Each id is named, written or not: a partnership joined or left changes the version too.
    return (row[2], row[3]), tuple((pid, heads.get(pid)) for pid in ids)
