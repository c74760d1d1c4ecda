"""Allowed status transitions of each kind of review, as tables. Nothing changes status any other way."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class RapidReviewStatus(StrEnum):
    NOTIFIED = "notified"
    GATHERING = "gathering"
    PACK_CIRCULATED = "pack_circulated"
    MEETING_HELD = "meeting_held"
    DECIDED = "decided"
    SIGNED_OFF = "signed_off"
    SUBMITTED = "submitted"
    FEEDBACK_RECEIVED = "feedback_received"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return RAPID_REVIEW_LABELS[self]


RAPID_REVIEW_LABELS = {
    RapidReviewStatus.NOTIFIED: "Notified",
    RapidReviewStatus.GATHERING: "Gathering information",
    RapidReviewStatus.PACK_CIRCULATED: "Pack circulated",
    RapidReviewStatus.MEETING_HELD: "Meeting held",
    RapidReviewStatus.DECIDED: "Decided",
    RapidReviewStatus.SIGNED_OFF: "Signed off",
    RapidReviewStatus.SUBMITTED: "Submitted to the Panel",
    RapidReviewStatus.FEEDBACK_RECEIVED: "Panel feedback received",
    RapidReviewStatus.CLOSED: "Closed",
    RapidReviewStatus.WITHDRAWN: "Withdrawn",
}

S = RapidReviewStatus
# Any open review may be withdrawn (with a reason) when the case proves not to meet the notification criteria.
_OPEN = (S.NOTIFIED, S.GATHERING, S.PACK_CIRCULATED, S.MEETING_HELD, S.DECIDED, S.SIGNED_OFF)
RAPID_REVIEW_TRANSITIONS: dict[RapidReviewStatus, frozenset[RapidReviewStatus]] = {
    S.NOTIFIED: frozenset({S.GATHERING, S.WITHDRAWN}),
    S.GATHERING: frozenset({S.PACK_CIRCULATED, S.WITHDRAWN}),
    S.PACK_CIRCULATED: frozenset({S.MEETING_HELD, S.WITHDRAWN}),
    S.MEETING_HELD: frozenset({S.DECIDED, S.WITHDRAWN}),
    S.DECIDED: frozenset({S.SIGNED_OFF, S.WITHDRAWN}),
    S.SIGNED_OFF: frozenset({S.SUBMITTED, S.WITHDRAWN}),
    S.SUBMITTED: frozenset({S.FEEDBACK_RECEIVED}),
    S.FEEDBACK_RECEIVED: frozenset({S.CLOSED}),
    S.CLOSED: frozenset(),
    S.WITHDRAWN: frozenset(),
}
# Transitions that must carry a reason.
NEEDS_REASON = frozenset({S.WITHDRAWN})
OPEN_STATUSES = frozenset(_OPEN) | {S.SUBMITTED, S.FEEDBACK_RECEIVED}


class TransitionError(ValueError):
    """A status change the lifecycle table does not allow."""


@dataclass(frozen=True)
class Transition:
    before: RapidReviewStatus
    after: RapidReviewStatus
    reason: str = ""


def check_transition(before: RapidReviewStatus, after: RapidReviewStatus, reason: str = "") -> Transition:
    """Return the transition if the table allows it, else raise TransitionError saying what is allowed."""
    allowed = RAPID_REVIEW_TRANSITIONS[before]
    if after not in allowed:
        options = ", ".join(sorted(s.label.lower() for s in allowed)) or "nothing: it is finished"
        raise TransitionError(f"A review that is {before.label.lower()} cannot become {after.label.lower()}; "
                              f"it can become {options}.")
    if after in NEEDS_REASON and not reason.strip():
        raise TransitionError(f"Give a reason for marking the review {after.label.lower()}.")
    return Transition(before, after, reason.strip())


class RequestStatus(StrEnum):
    """An agency information request's own small lifecycle (overdue is computed, never stored)."""

    REQUESTED = "requested"
    REMINDED = "reminded"
    RETURNED = "returned"
    NIL_RETURN = "nil_return"


R = RequestStatus
AGENCY_REQUEST_TRANSITIONS: dict[RequestStatus, frozenset[RequestStatus]] = {
    R.REQUESTED: frozenset({R.REMINDED, R.RETURNED, R.NIL_RETURN}),
    R.REMINDED: frozenset({R.REMINDED, R.RETURNED, R.NIL_RETURN}),
    R.RETURNED: frozenset(),
    R.NIL_RETURN: frozenset(),
}


def check_request_transition(before: str, after: str) -> RequestStatus:
    """Return the new request status if the table allows it, else raise TransitionError."""
    before_status, after_status = RequestStatus(before), RequestStatus(after)
    if after_status not in AGENCY_REQUEST_TRANSITIONS[before_status]:
        raise TransitionError(f"A request that is {before_status.value.replace('_', ' ')} cannot become "
                              f"{after_status.value.replace('_', ' ')}.")
    return after_status
