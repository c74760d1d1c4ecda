"""Status tables of the governance records: meetings, minutes, escalations, task-and-finish groups, actions.

Each record's status changes only through `Lifecycle.check`, which refuses a move its table does not list.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from casereview.domain.lifecycle import TransitionError


@dataclass(frozen=True)
class Lifecycle:
    """A named table of allowed moves between the statuses of one kind of record."""

    noun: str
    labels: Mapping[str, str]
    moves: Mapping[str, frozenset[str]]

    @property
    def a_noun(self) -> str:
        """The noun with its article: "an action", "a meeting"."""
        return f"{'an' if self.noun[0] in 'aeiou' else 'a'} {self.noun}"

    def label(self, status: str) -> str:
        return self.labels[status]

    def allowed(self, before: str) -> frozenset[str]:
        return self.moves[before]

    def check(self, before: str, after: str) -> str:
        """Return `after` when the table allows the move, else raise TransitionError saying what is allowed."""
        if before not in self.moves or after not in self.moves:
            raise TransitionError(f"Unknown status for {self.a_noun}: {before!r} or {after!r}.")
        if after not in self.moves[before]:
            options = ", ".join(sorted(self.labels[s].lower() for s in self.moves[before])) or "nothing"
            raise TransitionError(f"{self.a_noun.capitalize()} that is {self.labels[before].lower()} cannot become "
                                  f"{self.labels[after].lower()}; it can become {options}.")
        return after


class MeetingStatus(StrEnum):
    SCHEDULED = "scheduled"
    HELD = "held"
    CANCELLED = "cancelled"


class MinutesStatus(StrEnum):
    DRAFT = "draft"
    APPROVED = "approved"
    DISTRIBUTED = "distributed"


class EscalationStatus(StrEnum):
    RAISED = "raised"
    RESOLVED = "resolved"


class TaskGroupStatus(StrEnum):
    ACTIVE = "active"
    REPORTED = "reported"
    CLOSED = "closed"


class ActionStatus(StrEnum):
    """An action's own status; "overdue" is computed from its due date, never stored."""

    NOT_STARTED = "not_started"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    COMPLETE = "complete"
    CLOSED = "closed"


M, N, E, T, A = MeetingStatus, MinutesStatus, EscalationStatus, TaskGroupStatus, ActionStatus

MEETING = Lifecycle("meeting", {M.SCHEDULED: "Scheduled", M.HELD: "Held", M.CANCELLED: "Cancelled"}, {
    M.SCHEDULED: frozenset({M.HELD, M.CANCELLED}),
    M.HELD: frozenset(),
    M.CANCELLED: frozenset(),
})
# Minutes are approved at a later meeting, then distributed; a draft may be corrected any number of times.
MINUTES = Lifecycle("set of minutes", {N.DRAFT: "Draft", N.APPROVED: "Approved", N.DISTRIBUTED: "Distributed"}, {
    N.DRAFT: frozenset({N.APPROVED}),
    N.APPROVED: frozenset({N.DISTRIBUTED}),
    N.DISTRIBUTED: frozenset(),
})
ESCALATION = Lifecycle("escalation", {E.RAISED: "Raised with the SLG", E.RESOLVED: "Resolved"}, {
    E.RAISED: frozenset({E.RESOLVED}),
    E.RESOLVED: frozenset(),
})
TASK_GROUP = Lifecycle("task-and-finish group", {T.ACTIVE: "Active", T.REPORTED: "Reported back",
                                                 T.CLOSED: "Closed"}, {
    T.ACTIVE: frozenset({T.REPORTED, T.CLOSED}),
    T.REPORTED: frozenset({T.CLOSED}),
    T.CLOSED: frozenset(),
})
# Complete is the owner's claim; closed needs the group's sign-off and ends the action. A complete action
# can be reopened (back to on track) when the group does not accept the evidence.
ACTION = Lifecycle("action", {A.NOT_STARTED: "Not started", A.ON_TRACK: "On track", A.AT_RISK: "At risk",
                              A.COMPLETE: "Complete", A.CLOSED: "Closed"}, {
    A.NOT_STARTED: frozenset({A.ON_TRACK, A.AT_RISK, A.COMPLETE}),
    A.ON_TRACK: frozenset({A.AT_RISK, A.COMPLETE}),
    A.AT_RISK: frozenset({A.ON_TRACK, A.COMPLETE}),
    A.COMPLETE: frozenset({A.ON_TRACK, A.CLOSED}),
    A.CLOSED: frozenset(),
})
