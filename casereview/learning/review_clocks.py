"""The two clocks of a local child safeguarding practice review, evaluated for one review on one day: the
6-month publication clock from the decision, and the advance copy of the final report to the Panel and the
Secretary of State, due a number of working days before the planned publication date (DOMAIN.md §3).

Met dates: the publication clock is met on the publication date, or for a review completed without
publication on its completion date; the advance copy clock is met on the date the copy was sent."""

from __future__ import annotations

from datetime import date

from casereview.domain.calendar import WorkingDayCalendar
from casereview.domain.clocks import ClockState, due_date, evaluate
from casereview.domain.governance import warns
from casereview.domain.practice_reviews import PUBLICATION_CLOCK, PracticeReviewStatus, advance_copy_clock

NO_DECISION = "No decision date is recorded, so the clock has not started"
NO_PLANNED_DATE = "Set a planned publication date to start this clock"
NOT_PUBLISHING = "Not needed: the review was completed without publication"


def publication_due(decision_date: date, calendar: WorkingDayCalendar) -> date:
    """The date by which the review is to be published: 6 calendar months after the decision."""
    return due_date(PUBLICATION_CLOCK, decision_date, calendar)


def advance_copy_due(planned_publication: date, working_days: int, calendar: WorkingDayCalendar) -> date:
    """The date by which the final report goes to the Panel and the Secretary of State: `working_days`
    working days before the planned publication date (day 0), counted backwards."""
    return due_date(advance_copy_clock(working_days), planned_publication, calendar)


def publication_met_on(review) -> date | None:
    """The date the publication clock was met: published, or completed without publication."""
    if review.status == PracticeReviewStatus.PUBLISHED:
        return review.published_on
    if review.status == PracticeReviewStatus.NOT_PUBLISHED:
        return review.completed_on
    return None


def _shown(state: ClockState, rule: str) -> dict:
    return {"set": True, "state": state, "summary": state.summary, "due": state.due, "warn": warns(state),
            "rule": rule}


def publication_clock_state(review, today: date, calendar: WorkingDayCalendar) -> dict:
    """The publication clock as the pages show it: {"set": False, "text"} or {"set": True, "state", ...}."""
    if review.decision_date is None:
        return {"set": False, "text": NO_DECISION}
    met = publication_met_on(review)
    # A met date recorded ahead of today (a typing slip) must not break the page: judge as of that date.
    state = evaluate(PUBLICATION_CLOCK, anchor=review.decision_date, today=max(today, met or today),
                     calendar=calendar, completed_on=met)
    return _shown(state, PUBLICATION_CLOCK.citation)


def advance_clock_state(review, today: date, calendar: WorkingDayCalendar) -> dict:
    """The advance copy clock: not started until there is a planned publication date."""
    if review.status == PracticeReviewStatus.NOT_PUBLISHED and review.advance_copy_sent_on is None:
        return {"set": False, "text": NOT_PUBLISHING}
    if review.planned_publication_date is None:
        return {"set": False, "text": NO_PLANNED_DATE}
    defn = advance_copy_clock(review.advance_working_days)
    sent = review.advance_copy_sent_on
    state = evaluate(defn, anchor=review.planned_publication_date, today=max(today, sent or today),
                     calendar=calendar, completed_on=sent)
    return _shown(state, defn.citation)


def planned_after_due(review, calendar: WorkingDayCalendar) -> date | None:
    """The 6-month due date when the planned publication date falls after it, else None."""
    if review.decision_date is None or review.planned_publication_date is None:
        return None
    due = publication_due(review.decision_date, calendar)
    return due if review.planned_publication_date > due else None
