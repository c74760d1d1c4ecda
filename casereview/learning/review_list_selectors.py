"""Reads for the list of reviews (filtered by kind and status, practice reviews with their publication
clock), the rapid review decisions still waiting for their practice review, and the dashboard's open
practice reviews."""

from __future__ import annotations

from datetime import date

from django.core.paginator import Paginator
from django.db.models import Exists, F, OuterRef, Prefetch

from casereview.domain.practice_reviews import OTHER_REVIEW, PRACTICE_REVIEW
from casereview.partnerships.calendar_selectors import partnership_calendar
from casereview.reviews.models import Outcome, RapidReview

from . import selectors
from .access import can_read_learning
from .models import Review, ReviewKind, ReviewMilestone
from .review_clocks import publication_clock_state
from .review_selectors import STATUS_COLOURS, status_label
from .review_services import OPEN_STATUSES

PER_PAGE = 25
DASHBOARD_LIMIT = 10  # the dashboard shows the reviews due soonest; the review list has them all
KIND_CHOICES = [("", "Any kind")] + list(ReviewKind.choices)
STATUS_CHOICES = [("", "Any status")] + list({**PRACTICE_REVIEW.labels, **OTHER_REVIEW.labels}.items())


def review_list_page(user, partnership, *, kind: str, status: str, page, today: date) -> dict:
    """One page of the partnership's reviews, newest first; each practice review with its publication clock."""
    reviews = selectors.review_list(user, partnership, kind=kind or None)
    if status:
        reviews = reviews.filter(status=status)
    page_obj = Paginator(reviews, PER_PAGE).get_page(page)
    calendar = partnership_calendar(partnership)
    rows = [{"review": r, "status": status_label(r), "colour": STATUS_COLOURS.get(r.status, "grey"),
             "clock": publication_clock_state(r, today, calendar) if r.kind == ReviewKind.LCSPR else None}
            for r in page_obj.object_list]
    return {"page": page_obj, "rows": rows}


def awaiting_commission(user, partnership) -> list[RapidReview]:
    """Rapid reviews whose decision is to hold a practice review that has not yet been commissioned."""
    if partnership is None or not can_read_learning(user, partnership):
        return []
    # The commissioned reviews are looked for in this partnership only (where a rapid review's practice review
    # always is): unscoped, PostgreSQL hashed every practice review in the country to rule them out.
    commissioned = Review.objects.filter(partnership=partnership, kind=ReviewKind.LCSPR, rapid_review=OuterRef("pk"))
    return list(RapidReview.objects.filter(partnership=partnership, decision__outcome=Outcome.LCSPR)
                .exclude(Exists(commissioned))
                .select_related("notification", "decision").order_by("decision__decided_on", "pk")[:20])


def practice_reviews_for_dashboard(user, partnership, today: date, limit: int = DASHBOARD_LIMIT) -> dict:
    """The open practice reviews whose publication falls due soonest (at most `limit`), each with its status,
    its next milestone (and whether that is overdue) and the state of its 6-month publication clock; and how
    many more are open. The due date is the decision date plus six months, so ordering by the decision date
    orders by it, in the database (a partnership's open reviews are not all read to show a few)."""
    if partnership is None or not can_read_learning(user, partnership):
        return {"rows": [], "more": 0}
    pending = ReviewMilestone.objects.filter(done_on__isnull=True).order_by("planned_on", "pk")
    open_reviews = Review.objects.filter(partnership=partnership, kind=ReviewKind.LCSPR, status__in=OPEN_STATUSES)
    reviews = (open_reviews.select_related("group", "rapid_review__notification")
               .prefetch_related(Prefetch("milestones", queryset=pending, to_attr="pending"))
               .order_by(F("decision_date").asc(nulls_last=True), "pk")[:limit])
    calendar = partnership_calendar(partnership)
    rows = []
    for review in reviews:
        following = review.pending[0] if review.pending else None
        clock = publication_clock_state(review, today, calendar)
        rows.append({"review": review, "status": status_label(review), "next_milestone": following,
                     "next_milestone_overdue": following is not None and following.planned_on < today,
                     "clock": clock})
    more = open_reviews.count() - len(rows) if len(rows) == limit else 0
    return {"rows": rows, "more": more}
