"""The identity register as redaction needs it: the children of the review's notification, each read through
`identity_view`, so every read is checked (business team only) and audited as the register's own page is."""

from __future__ import annotations

import re

from casereview.domain.redaction import RegisterEntry, split_other_names
from casereview.incidents.services import identity_view


def family_pseudonym(review) -> str:
    """The family pseudonym the review records among its pseudonyms ("Child O, Family U" gives "Family U")."""
    match = re.search(r"\bFamily\s+\w+", review.pseudonyms or "")
    return " ".join(match.group().split()) if match else ""


def notification_of(review):
    rapid_review = review.rapid_review
    return rapid_review.notification if rapid_review is not None else None


def register_entries(*, actor, review) -> list[RegisterEntry]:
    """The register entries of every child of the review's notification (none if it has no rapid review).

    Each child's record is opened with `identity_view`, which refuses anyone but the business team and writes
    one audit event per child."""
    notification = notification_of(review)
    if notification is None:
        return []
    family = family_pseudonym(review)
    entries = []
    for child in notification.children.all():
        record = identity_view(actor=actor, child=child)
        if record is None:
            continue
        entries.append(RegisterEntry(
            pseudonym=child.pseudonym, full_name=record.full_name, other_names=split_other_names(record.other_names),
            date_of_birth=record.date_of_birth, address=record.address, family_pseudonym=family))
    return entries
