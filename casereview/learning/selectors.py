"""Reads of reviews, scoped to the partnerships and records the user may see.

The review page is assembled from parts, each owned by the module for that part of the work (the review's
own record and clocks, recommendations and actions, themes, similar reviews); each part function takes
(review, user, today) and returns a dict for the template."""

from __future__ import annotations

from datetime import date

from django.http import Http404

from casereview.partnerships.access import partnerships_for

from .access import can_manage_learning, can_read_learning
from .models import Review


def review_list(user, partnership, *, kind: str | None = None):
    if partnership is None or not can_read_learning(user, partnership):
        return Review.objects.none()
    qs = Review.objects.filter(partnership=partnership).select_related("group", "rapid_review__notification")
    return qs.filter(kind=kind) if kind else qs


def review_get(user, pk) -> Review:
    """One review the user may read, else Http404 (another partnership's looks the same as none)."""
    review = Review.objects.select_related("partnership", "group", "rapid_review__notification", "agency").filter(
        pk=pk, partnership__in=partnerships_for(user)).first()
    if review is None or not can_read_learning(user, review.partnership):
        raise Http404("No such review.")
    return review


def review_page_parts(review: Review, user, today: date) -> dict:
    from .recommendation_selectors import recommendations_part
    from .review_selectors import record_part
    from .similar_selectors import similar_part
    from .theme_selectors import themes_part

    context = {"review": review, "can_manage": can_manage_learning(user, review.partnership), "today": today}
    for part in (record_part, recommendations_part, themes_part, similar_part):
        context.update(part(review, user, today))
    return context
