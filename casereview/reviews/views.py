"""Pages for rapid reviews: the list, one review with its clock and timeline, withdrawal and milestones."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from casereview.domain.clocks import STATUS_LABELS, format_date
from casereview.learning.recommendation_selectors import rapid_review_recommendations_part
from casereview.partnerships.access import current_partnership
from casereview.web.exports import Column, Export, export_query, export_requested, export_response
from casereview.web.formviews import handle_form
from casereview.web.page_cache import remembered_page

from . import selectors, services
from .access import can_manage_review, can_read_review
from .clock import review_clock_state
from .forms import MilestoneForm, WithdrawForm

REVIEWS_PER_PAGE = 50
# Rows are (review, clock state) pairs, as the page shows them: the clock's tag and sentence, plus its dates.
EXPORT = Export("Rapid reviews", "rapid-reviews", [
    Column("Reference", lambda row: row[0].notification.reference, 18),
    Column("Group", lambda row: row[0].group.name, 25),
    Column("Status", lambda row: row[0].get_status_display(), 20),
    Column("Clock", lambda row: STATUS_LABELS.get(row[1].status, str(row[1].status)), 12),
    Column("Clock summary", lambda row: row[1].summary, 45),
    Column("Clock started", lambda row: row[0].clock_started_on, 12),
    Column("Due", lambda row: row[1].due or row[0].due_date, 12),
    Column("Completed on", lambda row: row[1].completed_on, 12),
    Column("Closed on", lambda row: row[0].closed_on, 12),
    Column("Rapid review id", lambda row: row[0].pk, 10),
])


@login_required
@remembered_page
def review_list(request):
    partnership = current_partnership(request)
    if partnership is None or not selectors.can_read_all(request.user, partnership):
        raise PermissionDenied
    show_all = request.GET.get("show") == "all"
    reviews = selectors.review_list(request.user, partnership, open_only=not show_all)
    if fmt := export_requested(request):
        rows = selectors.reviews_with_clocks(reviews, timezone.localdate(), partnership)
        return export_response(request=request, partnership=partnership, export=EXPORT, rows=rows, fmt=fmt)
    # Due dates are fixed when a review opens, so ordering by them in the database puts overdue reviews
    # first and lets each page compute only its own clocks.
    page = Paginator(reviews, REVIEWS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "reviews/list.html", {
        "rows": selectors.reviews_with_clocks(page.object_list, timezone.localdate(), partnership),
        "page": page, "show_all": show_all, "can_manage": selectors.can_administer(request.user, partnership),
        "export_query": export_query(request),
    })


@login_required
@remembered_page
def review_detail(request, pk):
    review = selectors.review_get(request.user, pk)
    return render(request, "reviews/detail.html", {
        "review": review,
        "clock": review_clock_state(review, timezone.localdate()),
        **selectors.review_page_parts(review),
        "can_manage": can_manage_review(request.user, review),
        "can_move_milestones": can_manage_review(request.user, review)
        and review.status in services.MOVABLE_MILESTONES,
        **rapid_review_recommendations_part(review, request.user, timezone.localdate()),
    })


def _managed(request, pk):
    review = selectors.review_get(request.user, pk)
    if not can_manage_review(request.user, review):
        raise PermissionDenied
    return review


@login_required
def review_withdraw(request, pk):
    review = _managed(request, pk)
    back = reverse("reviews:detail", args=[pk])
    return handle_form(
        request, WithdrawForm(request.POST or None),
        call=lambda data: services.rapid_review_transition(actor=request.user, review=review, to="withdrawn",
                                                           reason=data["reason"]),
        success_url=back, message="Review withdrawn",
        context={"page_heading": "Withdraw this rapid review", "caption": str(review), "back_url": back,
                 "submit_label": "Withdraw review"},
    )


@login_required
def milestone_edit(request, pk, key):
    review = _managed(request, pk)
    milestone = selectors.milestone_get(review, key)
    back = reverse("reviews:detail", args=[pk])
    return handle_form(
        request, MilestoneForm(request.POST or None, initial={"due_date": milestone.due_date}),
        call=lambda data: services.milestone_move(actor=request.user, milestone=milestone, **data),
        success_url=back, message="Milestone moved",
        context={"page_heading": f"Move: {milestone.label}", "caption": str(review), "back_url": back,
                 "lede": f"The default date from the clock is {format_date(milestone.default_due_date)}."},
    )


__all__ = ["can_read_review"]
