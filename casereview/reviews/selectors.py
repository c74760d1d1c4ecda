"""Reads of rapid reviews, scoped to what the user may see."""

from __future__ import annotations

from datetime import date

from django.db.models import Prefetch
from django.http import Http404

from casereview.domain.lifecycle import OPEN_STATUSES
from casereview.partnerships.access import can_administer, can_read_all, partnerships_for, roles_in
from casereview.partnerships.calendar_selectors import partnership_calendar
from casereview.partnerships.models import Role

from .clock import review_clock_state
from .models import RapidReview

# What the list, the dashboard and the list's download show of a review. Reading the rest of the review, its
# notification (the summary, the harm types' JSON) and its submission too, a list of 50 took 18 ms rather than
# 13.5 (SQLite, scale 1 of the benchmark).
LIST_FIELDS = ("partnership_id", "notification__reference", "group__name", "status", "terms_version_id", "clock_id",
               "clock_started_on", "due_date", "closed_on", "submission__sent_on")


def review_list(user, partnership, *, open_only: bool = True):
    """Reviews of the partnership for those who read case material, soonest due first."""
    if partnership is None or not can_read_all(user, partnership):
        return RapidReview.objects.none()
    # The terms version (a document of several kilobytes) by prefetch: joined, it was read and decoded once per
    # row, though a page's reviews share one or two versions.
    qs = RapidReview.objects.filter(partnership=partnership).select_related(
        "notification", "group", "submission"
    ).prefetch_related("terms_version").only(*LIST_FIELDS)
    if open_only:
        qs = qs.filter(status__in=[s.value for s in OPEN_STATUSES])
    return qs.order_by("due_date", "pk")


def review_get(user, pk) -> RapidReview:
    """Return one review the user may read, else raise Http404."""
    review = RapidReview.objects.select_related("notification", "group", "partnership", "terms_version").filter(
        pk=pk, partnership__in=partnerships_for(user)
    ).prefetch_related(Prefetch("notification__children")).first()
    if review is None or not can_read_all(user, review.partnership):
        raise Http404("No such review.")
    return review


def reviews_with_clocks(reviews, today: date, partnership) -> list[tuple]:
    """Pair each review with its clock state; overdue first, then by due date."""
    calendar = partnership_calendar(partnership)
    rows = [(review, review_clock_state(review, today, calendar)) for review in reviews]
    return sorted(rows, key=lambda row: (row[1].status != "overdue", row[0].due_date, row[0].pk))


def readable_reviews(user):
    """Reviews across every partnership where the user reads case material (the API's scope)."""
    ids = [p.pk for p in partnerships_for(user) if can_read_all(user, p)]
    return RapidReview.objects.filter(partnership_id__in=ids)


DASHBOARD_REVIEWS = 20


def open_reviews_for_dashboard(user, partnership, today: date) -> list[dict]:
    """The first open reviews with their clock and next due item, overdue first (the review list has the rest).

    Members see their own groups' reviews only.
    """
    if partnership is None or not can_read_all(user, partnership):
        return []
    reviews = review_list(user, partnership).prefetch_related("milestones")
    if not can_administer(user, partnership) and not user.is_superuser:
        from casereview.partnerships.selectors import seats_of_user

        group_ids = {seat.group_id for seat in seats_of_user(user, partnership)}
        if Role.SCRUTINEER not in roles_in(user, partnership):
            reviews = reviews.filter(group_id__in=group_ids)
    rows = []
    for review, clock in reviews_with_clocks(reviews[:DASHBOARD_REVIEWS], today, partnership):
        upcoming = [m for m in review.milestones.all() if m.done_on is None and m.due_date >= today]
        next_item = min(upcoming, key=lambda m: m.due_date) if upcoming else None
        rows.append({"review": review, "clock": clock, "next_label": next_item.label if next_item else
                     "Rapid review submitted to the Panel", "next_due": next_item.due_date if next_item else
                     review.due_date})
    return rows


def review_page_parts(review) -> dict:
    """What the review page lists besides the review: children, milestones and the timeline."""
    return {
        "children": list(review.notification.children.all()),
        "milestones": list(review.milestones.all()),
        "timeline": list(review.status_changes.select_related("actor")),
    }


def milestone_get(review, key: str):
    """Return one milestone of the review, else raise Http404."""
    milestone = review.milestones.filter(key=key).first()
    if milestone is None:
        raise Http404("No such milestone.")
    return milestone


def sign_offs_of(review) -> dict:
    """The review's partner sign-offs, keyed by partner."""
    return {s.partner: s for s in review.sign_offs.all()}


def readable_notifications(user):
    """Notifications whose reviews the user may read, with children and review loaded (the API's scope)."""
    from casereview.incidents.models import Notification

    ids = readable_reviews(user).values_list("notification_id", flat=True)
    return Notification.objects.filter(pk__in=ids).prefetch_related("children").select_related("rapid_review")
