"""Pages for reviews: the list, commissioning a practice review from its rapid review, recording another
kind of review, changing a review's record and status, the advance copy, and publication or a decision not
to publish. Readers see the list and the review page; the business team writes.

A missing review, one of another partnership, and any review for an agency contributor all answer 404."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from casereview.domain.clocks import format_date
from casereview.partnerships.access import partnership_for_request, require_administer_page
from casereview.partnerships.calendar_selectors import partnership_calendar
from casereview.partnerships.selectors import agency_list
from casereview.reviews.selectors import review_get as rapid_review_get
from casereview.web.exports import export_query, export_requested, export_response
from casereview.web.formviews import handle_form
from casereview.web.page_cache import remembered_page

from . import list_exports, review_selectors
from . import review_forms as forms
from . import review_list_selectors as list_selectors
from . import review_other_services as other_services
from . import review_services as services
from .access import can_manage_learning, can_read_learning, require_manage_learning
from .models import ReviewKind
from .review_clocks import advance_copy_due, publication_due
from .review_other_forms import NOUNS, OtherReviewForm, other_initial
from .selectors import review_get

FORM = "learning/reviews/form.html"
FILTER_KEYS = ("kind", "status")


@login_required
@remembered_page
def review_list(request):
    partnership = partnership_for_request(request)
    if not can_read_learning(request.user, partnership):
        raise PermissionDenied
    form = forms.ReviewFilterForm({k: request.GET[k] for k in FILTER_KEYS if k in request.GET} or None)
    if form.is_bound:
        form.is_valid()
    kind, status = form.values()
    if fmt := export_requested(request):
        rows = list_exports.review_export_rows(request.user, partnership, kind=kind, status=status,
                                               today=timezone.localdate())
        return export_response(request=request, partnership=partnership, export=list_exports.REVIEWS,
                               rows=rows, fmt=fmt)
    context = list_selectors.review_list_page(request.user, partnership, kind=kind, status=status,
                                              page=request.GET.get("page"), today=timezone.localdate())
    return render(request, "learning/review_list.html", {
        **context, "form": form, "filtered": bool(kind or status),
        "query": urlencode({k: v for k, v in (("kind", kind), ("status", status)) if v}),
        "awaiting": list_selectors.awaiting_commission(request.user, partnership),
        "can_manage": can_manage_learning(request.user, partnership), "kinds": list(NOUNS.items()),
        "export_query": export_query(request),
    })


def posted(request):
    """The POST data when posted, even empty (so an empty form shows its errors), else None."""
    return request.POST if request.method == "POST" else None


def managed_review(request, pk):
    review = review_get(request.user, pk)
    if not can_manage_learning(request.user, review.partnership):
        raise PermissionDenied
    return review


def managed_practice_review(request, pk):
    review = managed_review(request, pk)
    if review.kind != ReviewKind.LCSPR:
        raise Http404("Only a practice review has this page.")
    return review


def form_page(request, review, form, call, message, anchor="", **context):
    back = reverse("learning:review_detail", args=[review.pk])
    return handle_form(request, form, call=call, success_url=f"{back}{anchor}", message=message, template=FORM,
                       context={"caption": review.title, "back_url": back, **context})


@login_required
def practice_review_commission(request, pk):
    rapid_review = rapid_review_get(request.user, pk)
    require_manage_learning(request.user, rapid_review.partnership)
    refusal, existing = review_selectors.commission_refusal(rapid_review)
    if refusal:
        return render(request, "learning/reviews/not_commissionable.html",
                      {"rapid_review": rapid_review, "reason": refusal, "existing": existing},
                      status=400 if request.method == "POST" else 200)
    decided_on = rapid_review.decision.decided_on
    form = forms.CommissionForm(posted(request), groups=review_selectors.group_choices(rapid_review.partnership),
                                initial=review_selectors.commission_initial(rapid_review))
    back = reverse("reviews:detail", args=[pk])
    due = publication_due(decided_on, partnership_calendar(rapid_review.partnership))
    return handle_form(
        request, form, template=FORM,
        call=lambda data: services.practice_review_commission(actor=request.user, rapid_review=rapid_review,
                                                              **data),
        success_url=lambda review: reverse("learning:review_detail", args=[review.pk]),
        message="Practice review commissioned",
        context={"page_heading": "Commission the practice review", "back_url": back,
                 "caption": f"Rapid review {rapid_review.notification.reference}",
                 "lede": f"The group decided on {format_date(decided_on)} to hold a local child safeguarding "
                         f"practice review. It is to be completed and published within 6 months of the decision: "
                         f"by {format_date(due)}.", "submit_label": "Commission the review"})


@login_required
def review_add(request):
    partnership = partnership_for_request(request)
    require_administer_page(request, partnership)
    kind = request.GET.get("kind")
    if kind not in other_services.OTHER_KINDS:
        return render(request, "learning/reviews/choose_kind.html",
                      {"kinds": list(NOUNS.items()), "posted": request.method == "POST"},
                      status=400 if request.method == "POST" else 200)
    form = OtherReviewForm(posted(request), kind=kind, agencies=agency_list(request.user, partnership))
    return handle_form(
        request, form, template=FORM,
        call=lambda data: other_services.other_review_create(actor=request.user, partnership=partnership,
                                                             kind=kind, **data),
        success_url=lambda review: reverse("learning:review_detail", args=[review.pk]),
        message="Review recorded",
        context={"page_heading": f"Record {NOUNS[ReviewKind(kind)]}", "back_url": reverse("learning:review_list"),
                 "submit_label": "Save the review",
                 "lede": "Its learning joins the tracker. Link it to a practice review on the review's page."})


@login_required
def review_edit(request, pk):
    review = managed_review(request, pk)
    if review.kind == ReviewKind.LCSPR:
        form = forms.PracticeReviewForm(posted(request), groups=review_selectors.group_choices(
            review.partnership), initial=forms.record_initial(review))
        call = lambda data: services.practice_review_update(actor=request.user, review=review, **data)  # noqa: E731
    else:
        form = OtherReviewForm(posted(request), kind=review.kind, initial=other_initial(review),
                               agencies=agency_list(request.user, review.partnership))
        call = lambda data: other_services.other_review_update(actor=request.user, review=review,  # noqa: E731
                                                               **data)
    return form_page(request, review, form, call, "Review saved", page_heading="Change the review's record",
                 submit_label="Save changes")


@login_required
def review_status(request, pk):
    review = managed_review(request, pk)
    moves = [(m, services.MOVE_LABELS[m]) for m in services.moves_for(review)]
    lede = (f"The review is {review_selectors.status_label(review).lower()}."
            + ("" if moves else " There is nothing more to change here."))
    if review.kind == ReviewKind.LCSPR and review.status == "quality_assured":
        lede += " To publish it, or record a decision not to publish, use those pages from the review's page."
    return form_page(request, review, forms.MoveForm(posted(request), moves=moves),
                 lambda data: services.review_move(actor=request.user, review=review, move=data["move"]),
                 "Status changed", page_heading="Change the review's status", lede=lede,
                 submit_label="Change the status")


def _not_ready(review) -> str:
    if review.status == "quality_assured":
        return ""
    return (f"The review is {review_selectors.status_label(review).lower()}: it can be finished only once the "
            "subgroup has quality assured the final report.")


@login_required
def review_publish(request, pk):
    review = managed_practice_review(request, pk)
    warning = _not_ready(review) or ("" if review.advance_copy_sent_on else
                                     "No advance copy to the Panel and the Secretary of State is recorded.")
    form = forms.PublishForm(posted(request), initial={"published_on": timezone.localdate(),
                                                            "pseudonyms": review_selectors.pseudonyms_of(review)})
    return form_page(request, review, form,
                 lambda data: services.practice_review_publish(actor=request.user, review=review, **data),
                 "Publication recorded", page_heading="Record publication", warning=warning,
                 lede="Published reports stay online for at least a year. Check the report uses pseudonyms only.",
                 submit_label="Record publication")


@login_required
def review_not_publish(request, pk):
    review = managed_practice_review(request, pk)
    form = forms.NotPublishForm(posted(request), initial={"completed_on": timezone.localdate()})
    return form_page(request, review, form,
                 lambda data: services.practice_review_not_publish(actor=request.user, review=review, **data),
                 "Decision not to publish recorded", page_heading="Record a decision not to publish",
                 warning=_not_ready(review), submit_label="Record the decision",
                 lede="The review is completed without publication. Record the reasons: they are kept with the "
                      "review and may be asked for by the Panel.")


@login_required
def advance_copy_sent(request, pk):
    review = managed_practice_review(request, pk)
    if review.planned_publication_date:
        due = advance_copy_due(review.planned_publication_date, review.advance_working_days,
                               partnership_calendar(review.partnership))
        lede = (f"Due by {format_date(due)}: {review.advance_working_days} working days before the planned "
                f"publication on {format_date(review.planned_publication_date)}.")
    else:
        lede = "No planned publication date is set, so no due date can be worked out yet."
    return form_page(request, review, forms.AdvanceCopyForm(posted(request),
                                                        initial={"sent_on": timezone.localdate()}),
                 lambda data: services.advance_copy_record(actor=request.user, review=review, **data),
                 "Advance copy recorded", anchor="#clocks", page_heading="Record the advance copy", lede=lede,
                 submit_label="Save")
