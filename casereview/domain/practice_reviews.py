"""Local child safeguarding practice reviews: their lifecycle, the 6-month publication clock from the decision,
and the advance copy to the Panel and the Secretary of State before publication (DOMAIN.md §2 step 6, §3)."""

from __future__ import annotations

from enum import StrEnum

from casereview.domain.clocks import ClockDefinition, Direction, Source, StartEvent, Unit
from casereview.domain.governance_lifecycle import Lifecycle

# Guidance, paragraph unconfirmed: completed and published within 6 months of the decision to hold the review.
PUBLICATION_CLOCK = ClockDefinition(
    "lcspr", "Practice review published", StartEvent.DECISION, 6, Unit.MONTHS, Direction.AFTER, Source.GUIDANCE,
    "Working Together: a local review is completed and published within 6 months of the decision (paragraph "
    "unconfirmed)")
# The final report goes to the Panel and the Secretary of State at least N working days before publication.
DEFAULT_ADVANCE_WORKING_DAYS = 7


def advance_copy_clock(working_days: int = DEFAULT_ADVANCE_WORKING_DAYS) -> ClockDefinition:
    return ClockDefinition(
        "advance", "Final report to the Panel and the Secretary of State", StartEvent.PLANNED_PUBLICATION,
        working_days, Unit.WORKING_DAYS, Direction.BEFORE, Source.UNCONFIRMED,
        f"Final report sent at least {working_days} working days before publication (figure unconfirmed; "
        "configurable per review)")


class PracticeReviewStatus(StrEnum):
    COMMISSIONED = "commissioned"
    IN_PROGRESS = "in_progress"
    QUALITY_ASSURED = "quality_assured"
    PUBLISHED = "published"
    NOT_PUBLISHED = "not_published"  # completed; a decision not to publish, with reasons


P = PracticeReviewStatus
PRACTICE_REVIEW = Lifecycle("practice review", {
    P.COMMISSIONED: "Commissioned", P.IN_PROGRESS: "In progress", P.QUALITY_ASSURED: "Quality assured",
    P.PUBLISHED: "Published", P.NOT_PUBLISHED: "Completed, not published",
}, {
    P.COMMISSIONED: frozenset({P.IN_PROGRESS}),
    P.IN_PROGRESS: frozenset({P.QUALITY_ASSURED}),
    # Quality assurance by the subgroup can send a draft back for more work.
    P.QUALITY_ASSURED: frozenset({P.PUBLISHED, P.NOT_PUBLISHED, P.IN_PROGRESS}),
    P.PUBLISHED: frozenset(),
    P.NOT_PUBLISHED: frozenset(),
})


class OtherReviewStatus(StrEnum):
    OPEN = "open"
    COMPLETED = "completed"


R = OtherReviewStatus
OTHER_REVIEW = Lifecycle("review", {R.OPEN: "Open", R.COMPLETED: "Completed"}, {
    R.OPEN: frozenset({R.COMPLETED}),
    R.COMPLETED: frozenset({R.OPEN}),
})
