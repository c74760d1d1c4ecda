"""A rapid review's clock: the rule it started under, evaluated against the partnership's calendar."""

from __future__ import annotations

from datetime import date

from casereview.domain import clocks as domain_clocks
from casereview.domain.lifecycle import RapidReviewStatus
from casereview.partnerships.calendar_selectors import partnership_calendar
from casereview.partnerships.terms_selectors import parsed

DONE = {RapidReviewStatus.SUBMITTED, RapidReviewStatus.FEEDBACK_RECEIVED, RapidReviewStatus.CLOSED}


def review_clock_definition(review) -> domain_clocks.ClockDefinition:
    """The clock rule stored with the review (the terms version in force when its clock started)."""
    return parsed(review.terms_version).clock(review.clock_id)


def review_clock_state(review, today: date, calendar=None) -> domain_clocks.ClockState:
    """Evaluate the review's clock today: "Day 7 of 15 — due Wednesday 14 January 2026" and the like."""
    calendar = calendar or partnership_calendar(review.partnership)
    completed = _submitted_on(review) if review.status in DONE else None
    if review.status == RapidReviewStatus.WITHDRAWN:
        completed = None
    return domain_clocks.evaluate(
        review_clock_definition(review), anchor=review.clock_started_on, today=today, calendar=calendar,
        completed_on=completed, fixed_due=review.due_date,
    )


def _submitted_on(review):
    submission = getattr(review, "submission", None)
    return submission.sent_on if submission else None
