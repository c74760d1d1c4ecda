"""Governance clocks read from a group's terms of reference: papers, minutes, the yearly review, and the
quarterly rhythm of business meetings and reports to the SLG.

Every function returns None (or nothing) when the terms are silent, so a group like Kent's rapid review
group, which has no schedule, papers lead or minutes deadline, shows "not set by the terms of reference".
"""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta

from casereview.domain.calendar import WorkingDayCalendar
from casereview.domain.clocks import (
    ClockDefinition,
    ClockState,
    ClockStatus,
    Direction,
    Source,
    StartEvent,
    Unit,
)
from casereview.domain.terms import BusinessCadence, TermsOfReference

# A running clock with this many working days or fewer left (or due today) is shown as a warning.
WARN_WORKING_DAYS = 2
CADENCE_MONTHS = {BusinessCadence.MONTHLY: 1, BusinessCadence.BIMONTHLY: 2, BusinessCadence.QUARTERLY: 3}


# Local default, not a rule from either seed: the terms say the chairs report quarterly but set no deadline,
# so the update for a quarter is due within one calendar month of the quarter's last day.
SLG_UPDATE_MONTHS = 1
SLG_UPDATE_CLOCK = ClockDefinition(
    "slg", "Chairs' update to the SLG", StartEvent.QUARTER_END, SLG_UPDATE_MONTHS, Unit.MONTHS, Direction.AFTER,
    Source.LOCAL, "Local default: within one month of the end of the quarter (the terms set quarterly reporting "
                  "but no deadline)")


def papers_clock(terms: TermsOfReference) -> ClockDefinition | None:
    """Agenda and papers circulated N working days before the meeting, when the terms set N."""
    if terms.papers_lead_working_days is None:
        return None
    return ClockDefinition("papers", "Agenda and papers circulated", StartEvent.MEETING,
                           terms.papers_lead_working_days, Unit.WORKING_DAYS, Direction.BEFORE, Source.LOCAL,
                           f"Terms of reference: papers {terms.papers_lead_working_days} working days before "
                           "the meeting")


def minutes_clock(terms: TermsOfReference) -> ClockDefinition | None:
    """Minutes distributed within the terms' deadline after the meeting."""
    if terms.minutes_deadline is None:
        return None
    d = terms.minutes_deadline
    return ClockDefinition("minutes", "Minutes distributed", StartEvent.MEETING, d.length, d.unit,
                           Direction.AFTER, Source.LOCAL, f"Terms of reference: minutes within {d.length} "
                           f"{d.unit.value.replace('_', ' ')}")


def tor_review_clock(terms: TermsOfReference) -> ClockDefinition | None:
    """The terms of reference reviewed every N months from their last review (or adoption)."""
    if terms.review_interval_months is None:
        return None
    return ClockDefinition("tor", "Terms of reference reviewed", StartEvent.LAST_TOR_REVIEW,
                           terms.review_interval_months, Unit.MONTHS, Direction.AFTER, Source.LOCAL,
                           f"Terms of reference: reviewed every {terms.review_interval_months} months")


def tor_review_anchor(terms: TermsOfReference) -> date:
    """The date the yearly review counts from: the last review, or adoption when never reviewed."""
    return terms.last_reviewed_on or terms.adopted_on


def warns(state: ClockState) -> bool:
    """Whether a clock should be flagged as close to its due date (running with little time left)."""
    if state.status is ClockStatus.DUE_TODAY:
        return True
    return state.status is ClockStatus.RUNNING and (state.working_days_left or 0) <= WARN_WORKING_DAYS


def cadence_months(terms: TermsOfReference) -> int | None:
    """Months between business meetings, or None when the terms set no schedule."""
    return CADENCE_MONTHS.get(terms.meetings.business_cadence)


def proposed_meeting_dates(terms: TermsOfReference, *, last_meeting: date | None, today: date,
                           calendar: WorkingDayCalendar, count: int = 4) -> list[date]:
    """Propose the next `count` business meeting dates from the cadence.

    Each follows the previous by the cadence's months (from the last business meeting, else from today),
    moved forward to the next working day; only dates after `today` are proposed.
    """
    months = cadence_months(terms)
    if months is None or count <= 0:
        return []
    base = last_meeting or today
    proposals: list[date] = []
    step = 1
    while len(proposals) < count:
        candidate = base + relativedelta(months=months * step)
        while not calendar.is_working_day(candidate):
            candidate = candidate + relativedelta(days=1)
        if candidate > today and candidate not in proposals:
            proposals.append(candidate)
        step += 1
    return proposals


def quarter_of(d: date) -> tuple[date, date]:
    """The calendar quarter holding `d`, as (first day, last day)."""
    first = date(d.year, 3 * ((d.month - 1) // 3) + 1, 1)
    return first, first + relativedelta(months=3, days=-1)


def quarter_label(d: date) -> str:
    first, last = quarter_of(d)
    return f"{first:%B} to {last:%B %Y}"
