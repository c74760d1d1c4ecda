"""Sending the service's notices by e-mail: each goes through the outbox, delivered by the background worker."""

import hashlib
import logging

from django.utils import timezone

from casereview.outbox.services import deliverable, outbox_queue
from casereview.partnerships.models import Access, Partnership, Person

logger = logging.getLogger(__name__)


def notice_send(*, subject: str, message: str, recipients, about: str, key: str = "", partnership=None) -> bool:
    """Queue a notice to each recipient on their own (so nobody sees who else was told); return whether any
    was queued.

    Call it inside the transaction of the change it reports, or once that has committed: the messages are
    written in the current transaction and delivered by the worker after it commits, retried while the mail
    server is down (see docs/outbox-and-worker.md). A caller with a natural key (e.g. "action-reminder:12:
    overdue:2026-03-02") passes it, and the notice is then queued once however often this is called; without
    one, each call is a new notice. `partnership` scopes the messages on the business team's outbox page
    (when omitted it is the one partnership the recipients belong to, if there is exactly one).
    Notices carry no child's details.
    """
    addresses = deliverable(recipients)
    if not addresses:
        return False
    base = key or f"notice:{timezone.now().isoformat()}"
    if partnership is None:
        partnership = _partnership_of(addresses)
    for address in addresses:
        digest = hashlib.sha256("\x1f".join([subject, address, about, base]).encode()).hexdigest()
        outbox_queue(to=address, subject=subject, body=message, about=about, partnership=partnership,
                     key=f"{key}:{address}" if key else f"notice:{digest}")
    return True


def _partnership_of(addresses: list[str]):
    """The one partnership whose people or users have these addresses, or None if there are none or several."""
    ids = set(Person.objects.filter(email__in=addresses).values_list("partnership_id", flat=True))
    ids |= set(Access.objects.filter(user__email__in=addresses).values_list("partnership_id", flat=True))
    return Partnership.objects.get(pk=ids.pop()) if len(ids) == 1 else None
