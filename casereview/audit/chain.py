"""How an audit event is hashed, and how a whole chain is checked."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

GENESIS = "0" * 64
HASHED_FIELDS = (
    "seq", "occurred_at", "actor_id", "actor_label", "partnership_id", "verb",
    "target_type", "target_id", "target_label", "changes", "ip_address", "prev_hash",
)  # fmt: skip


def event_hash(fields: dict) -> str:
    """Return the SHA-256 of an event's fields in canonical JSON (sorted keys, ISO datetimes)."""
    payload = {name: fields[name] for name in HASHED_FIELDS}
    payload["occurred_at"] = fields["occurred_at"].isoformat()
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass(frozen=True)
class Problem:
    seq: int | None
    message: str


def verify(events: Iterable, head_seq: int, head_hash: str) -> list[Problem]:
    """Check a chain in sequence order and describe every break in it.

    An edited event no longer matches its own hash; an inserted one breaks the sequence or the link
    to its predecessor; a deleted one leaves a gap, or (at the end) disagrees with the chain head.
    """
    problems: list[Problem] = []
    expected_seq, prev = 1, GENESIS
    for event in events:
        fields = {name: getattr(event, name) for name in HASHED_FIELDS}
        if event.seq != expected_seq:
            kind = "missing (deleted?)" if event.seq > expected_seq else "duplicated or out of order (inserted?)"
            problems.append(Problem(event.seq, f"expected event {expected_seq} but found {event.seq}: {kind}"))
        if event.prev_hash != prev:
            problems.append(Problem(event.seq, "does not link to the event before it (inserted or reordered?)"))
        if event_hash(fields) != event.hash:
            problems.append(Problem(event.seq, "contents do not match its hash (edited?)"))
        expected_seq, prev = event.seq + 1, event.hash
    if expected_seq - 1 != head_seq or prev != head_hash:
        problems.append(
            Problem(None, f"the chain ends at event {expected_seq - 1} but the head records {head_seq} (deleted?)")
        )
    return problems
