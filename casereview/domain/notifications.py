"""Rules for a serious incident notification: date order, the children listed, and who else must be told."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from casereview.domain.clocks import ClockDefinition, Direction, Source, StartEvent, Unit

MAX_CHILDREN_IN_MAIN_LIST = 4  # the Panel's form names up to four children; more go in further information
OLDEST_CARE_LEAVER = 24  # care leaver deaths up to and including age 24 are reported to the Secretary of State

OFSTED_SOS_CLOCK = ClockDefinition(
    id="ofsted_sos",
    label="Ofsted and the Secretary of State told of the death",
    start_event=StartEvent.LA_AWARE,
    length=5,
    unit=Unit.WORKING_DAYS,
    direction=Direction.AFTER,
    source=Source.UNCONFIRMED,
    citation="Looked-after child and care leaver deaths are reported whatever the cause; "
    "5 working days assumed by analogy with the notification (unconfirmed)",
)

DATE_FIELDS = ("incident_date", "la_aware_date", "sin_submitted_date", "received_date")
# (later field, earlier field, message): each pair must be in order.
DATE_ORDER = (
    ("la_aware_date", "incident_date", "The local authority cannot have become aware before the incident"),
    ("sin_submitted_date", "la_aware_date", "The notification cannot have been sent before the local authority "
                                            "became aware"),
    ("received_date", "incident_date", "The notification cannot have been received before the incident"),
    ("received_date", "la_aware_date", "The notification cannot have been received before the local authority "
                                       "became aware"),
)


def date_errors(dates: dict[str, date | None], today: date) -> dict[str, str]:
    """Return a message for each date that is in the future or out of order (one message per field)."""
    errors: dict[str, str] = {}
    for name in DATE_FIELDS:
        value = dates.get(name)
        if value is not None and value > today:
            errors[name] = "The date must be today or in the past"
    for later, earlier, message in DATE_ORDER:
        a, b = dates.get(later), dates.get(earlier)
        if a is not None and b is not None and a < b and later not in errors:
            errors[later] = message
    return errors


@dataclass(frozen=True)
class ChildFacts:
    age_years: int | None
    unborn: bool
    legal_status: str


@dataclass(frozen=True)
class ExtraNotice:
    required: bool
    reasons: tuple[str, ...]


def ofsted_and_secretary_of_state(nature: str, children: Sequence[ChildFacts]) -> ExtraNotice:
    """Whether Ofsted and the Secretary of State must also be told, and why.

    A looked-after child's death is reported whatever the cause; so is a care leaver's death up to and
    including age 24 (DOMAIN.md §2).
    """
    if nature != "death":
        return ExtraNotice(False, ())
    reasons = []
    for index, child in enumerate(children, start=1):
        if child.legal_status == "looked_after":
            reasons.append(f"Child {index} was looked after")
        elif child.legal_status == "care_leaver" and (child.age_years is None or child.age_years <= OLDEST_CARE_LEAVER):
            reasons.append(f"Child {index} was a care leaver aged {OLDEST_CARE_LEAVER} or under")
    return ExtraNotice(bool(reasons), tuple(reasons))


# Default milestones inside a 15-working-day rapid review (DOMAIN.md §2 step 3), as working days after the start.
DEFAULT_MILESTONES = (
    ("requests_sent", "Agencies asked for their involvement", 1),
    ("returns_due", "Agency summaries returned", 10),
    ("meeting_by", "The group meets and decides", 12),
    ("sign_off_by", "The three partners sign off", 14),
)


def milestone_offsets(clock_length: int) -> list[tuple[str, str, int]]:
    """Scale the default milestones to a clock of another length, keeping each before the deadline."""
    scaled = []
    for key, label, day in DEFAULT_MILESTONES:
        offset = max(1, min(clock_length - 1, round(day * clock_length / 15))) if clock_length > 1 else clock_length
        scaled.append((key, label, offset))
    return scaled
