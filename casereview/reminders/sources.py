"""The deadlines of rapid reviews, agency returns, Panel feedback, practice reviews and actions.

Each function returns the open deadlines falling due by `today` + HORIZON (the longest reminder window and the
digest's fortnight), in a fixed number of queries. Due dates are the ones the apps stored or computed; titles
use the notification or review reference and never a child's name or pseudonym."""

from __future__ import annotations

from datetime import date, timedelta

from casereview.actions.models import Action
from casereview.actions.selectors import FINISHED
from casereview.domain.lifecycle import RapidReviewStatus
from casereview.domain.practice_reviews import PracticeReviewStatus
from casereview.domain.reminders import DAYS_BEFORE_MAX, DIGEST_HORIZON_DAYS
from casereview.learning.models import Review, ReviewKind, ReviewMilestone
from casereview.learning.review_clocks import advance_copy_due, publication_due
from casereview.partnerships.calendar_selectors import partnership_calendar
from casereview.reviews.models import AgencyRequest, Milestone, RapidReview, RequestStatus, Submission

from .deadlines import Deadline, absolute, agency_contributors, business_teams, merged, person_recipient

HORIZON = timedelta(days=max(DAYS_BEFORE_MAX, DIGEST_HORIZON_DAYS))
# A rapid review still working towards its submission to the Panel.
BEFORE_SUBMISSION = [s.value for s in (RapidReviewStatus.NOTIFIED, RapidReviewStatus.GATHERING,
                                       RapidReviewStatus.PACK_CIRCULATED, RapidReviewStatus.MEETING_HELD,
                                       RapidReviewStatus.DECIDED, RapidReviewStatus.SIGNED_OFF)]
PRACTICE_OPEN = [PracticeReviewStatus.COMMISSIONED.value, PracticeReviewStatus.IN_PROGRESS.value,
                 PracticeReviewStatus.QUALITY_ASSURED.value]


def review_name(review) -> str:
    return f"rapid review {review.notification.reference}"


def practice_review_name(review) -> str:
    return f"practice review {review.reference}" if review.reference else f"practice review no. {review.pk}"


def rapid_review_deadlines(today: date) -> list[Deadline]:
    """Each open rapid review's submission to the Panel (15 working days, stored on the review)."""
    reviews = list(RapidReview.objects.filter(status__in=BEFORE_SUBMISSION, due_date__lte=today + HORIZON)
                   .select_related("notification"))
    team = business_teams(r.partnership_id for r in reviews)
    return [Deadline("rapid_review", r, r.partnership_id, r.due_date, False,
                     f"Submit the {review_name(r)} to the Panel", absolute("reviews:detail", r.pk),
                     merged(team[r.partnership_id])) for r in reviews]


def rapid_review_milestone_deadlines(today: date) -> list[Deadline]:
    """The working milestones inside each open rapid review (returns due, meeting, sign-off)."""
    milestones = list(Milestone.objects.filter(done_on__isnull=True, due_date__lte=today + HORIZON,
                                               rapid_review__status__in=BEFORE_SUBMISSION)
                      .select_related("rapid_review__notification"))
    team = business_teams(m.rapid_review.partnership_id for m in milestones)
    return [Deadline("rapid_review_milestone", m, m.rapid_review.partnership_id, m.due_date, False,
                     f"{m.label} — {review_name(m.rapid_review)}", absolute("reviews:detail", m.rapid_review_id),
                     merged(team[m.rapid_review.partnership_id])) for m in milestones]


def agency_return_deadlines(today: date) -> list[Deadline]:
    """Each agency's return still awaited, to the business team and that agency's contributors."""
    waiting = [RequestStatus.REQUESTED, RequestStatus.REMINDED]
    requests = list(AgencyRequest.objects.filter(status__in=waiting, due_date__lte=today + HORIZON,
                                                 rapid_review__status__in=BEFORE_SUBMISSION)
                    .select_related("agency", "rapid_review__notification"))
    team = business_teams(r.partnership_id for r in requests)
    contributors = agency_contributors(r.agency_id for r in requests)
    return [Deadline("agency_return", r, r.partnership_id, r.due_date, False,
                     f"Return from {r.agency.name} for the {review_name(r.rapid_review)}",
                     absolute("reviews:request_detail", r.pk),
                     merged(team[r.partnership_id], contributors[r.agency_id])) for r in requests]


def panel_feedback_deadlines(today: date) -> list[Deadline]:
    """The Panel's feedback expected on a submission and not yet received."""
    submissions = list(Submission.objects.filter(feedback_expected_on__isnull=False,
                                                 feedback_expected_on__lte=today + HORIZON,
                                                 feedback_received_on__isnull=True)
                       .exclude(rapid_review__status=RapidReviewStatus.CLOSED)
                       .select_related("rapid_review__notification"))
    team = business_teams(s.rapid_review.partnership_id for s in submissions)
    return [Deadline("panel_feedback", s, s.rapid_review.partnership_id, s.feedback_expected_on, False,
                     f"Panel feedback on the {review_name(s.rapid_review)}",
                     absolute("reviews:detail", s.rapid_review_id), merged(team[s.rapid_review.partnership_id]))
            for s in submissions]


def practice_milestone_deadlines(today: date) -> list[Deadline]:
    """The planned milestones of open practice reviews (practitioner event, drafts, quality assurance)."""
    milestones = list(ReviewMilestone.objects.filter(done_on__isnull=True, planned_on__lte=today + HORIZON,
                                                     review__status__in=PRACTICE_OPEN).select_related("review"))
    team = business_teams(m.review.partnership_id for m in milestones)
    return [Deadline("practice_milestone", m, m.review.partnership_id, m.planned_on, False,
                     f"{m} — {practice_review_name(m.review)}", absolute("learning:review_detail", m.review_id),
                     merged(team[m.review.partnership_id])) for m in milestones]


def action_deadlines(today: date) -> list[Deadline]:
    """Open actions, to their lead and their agency's contributors (the digest's view of actions; the daily
    reminders about actions are sent by casereview.actions.reminders)."""
    actions = list(Action.objects.exclude(status__in=FINISHED).filter(due_date__lte=today + HORIZON)
                   .select_related("owner"))
    contributors = agency_contributors(a.agency_id for a in actions)
    return [Deadline("action", a, a.partnership_id, a.due_date, False, f"Action: {a.title}",
                     absolute("actions:detail", a.pk),
                     merged(person_recipient(a.owner), contributors[a.agency_id])) for a in actions]


# Six calendar months are never fewer than 181 days (31 August to 28 February), so a review decided later than
# this before the horizon cannot fall due within it.
SIX_MONTHS_AT_LEAST = timedelta(days=181)
# The advance copy is due at most this many days before the planned publication (a generous bound on working
# days counted backwards across bank holidays); the exact date is computed below.
ADVANCE_AT_MOST = timedelta(days=60)


def practice_publication_deadlines(today: date) -> list[Deadline]:
    """Each open practice review's 6-month publication clock (from the decision to hold it), and its advance
    copy to the Panel and the Secretary of State (working days before the planned publication), both computed
    with the partnership's calendar exactly as the review page computes them."""
    open_reviews = Review.objects.filter(kind=ReviewKind.LCSPR, status__in=PRACTICE_OPEN).select_related("partnership")
    publishing = list(open_reviews.filter(decision_date__isnull=False,
                                          decision_date__lte=today + HORIZON - SIX_MONTHS_AT_LEAST))
    advancing = list(open_reviews.filter(planned_publication_date__isnull=False, advance_copy_sent_on__isnull=True,
                                         planned_publication_date__lte=today + HORIZON + ADVANCE_AT_MOST))
    calendars = {r.partnership_id: partnership_calendar(r.partnership) for r in publishing + advancing}
    team = business_teams(calendars)
    deadlines = [Deadline("practice_publication", r, r.partnership_id,
                          publication_due(r.decision_date, calendars[r.partnership_id]), False,
                          f"Publish the {practice_review_name(r)} (6 months from the decision)",
                          absolute("learning:review_detail", r.pk), merged(team[r.partnership_id]))
                 for r in publishing]
    deadlines += [Deadline("practice_advance_copy", r, r.partnership_id,
                           advance_copy_due(r.planned_publication_date, r.advance_working_days,
                                            calendars[r.partnership_id]), False,
                           f"Send the final report of the {practice_review_name(r)} to the Panel and the Secretary "
                           "of State", absolute("learning:review_detail", r.pk), merged(team[r.partnership_id]))
                  for r in advancing]
    return [d for d in deadlines if d.due <= today + HORIZON]
