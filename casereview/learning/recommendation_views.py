"""Pages for findings and recommendations (of a review or a rapid review), national recommendations' local
relevance, and setting actions from a recommendation. The business team changes them; readers see them on
the review page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from casereview.partnerships.access import partnership_for_request
from casereview.reviews.selectors import review_get as rapid_review_get
from casereview.web.exports import export_requested, export_response
from casereview.web.formviews import handle_form

from . import list_exports
from . import recommendation_selectors as selectors
from . import recommendation_services as services
from .access import can_manage_learning, can_read_learning
from .recommendation_forms import AssessmentForm, RecommendationActionForm, TextForm
from .selectors import review_get


def _managed(user, partnership) -> None:
    if not can_manage_learning(user, partnership):
        raise PermissionDenied


def _posted(request):
    return request.POST if request.method == "POST" else None


def _review_url(review, fragment: str = "#recommendations") -> str:
    return reverse("learning:review_detail", args=[review.pk]) + fragment


def _source_url(rec) -> str:
    name, pk, fragment = selectors.source_url_parts(rec)
    return reverse(name, args=[pk]) + fragment


def _page(request, form, *, call, back: str, message: str, caption: str, heading: str, submit: str, **extra):
    return handle_form(request, form, call=call, success_url=back, message=message,
                       context={"back_url": back, "caption": caption, "page_heading": heading,
                                "submit_label": submit, **extra})


@login_required
def recommendation_add(request, pk):
    review = review_get(request.user, pk)
    _managed(request.user, review.partnership)
    return _page(request, TextForm(_posted(request), what="recommendation"),
                 call=lambda data: services.recommendation_add(actor=request.user, review=review, text=data["text"]),
                 back=_review_url(review), message="Recommendation added", caption=review.title,
                 heading="Add a recommendation", submit="Add the recommendation")


@login_required
def rapid_review_recommendation_add(request, pk):
    rapid_review = rapid_review_get(request.user, pk)
    _managed(request.user, rapid_review.partnership)
    back = reverse("reviews:detail", args=[rapid_review.pk]) + "#recommendations"
    return _page(request, TextForm(_posted(request), what="recommendation"),
                 call=lambda data: services.recommendation_add(actor=request.user, rapid_review=rapid_review,
                                                               text=data["text"]),
                 back=back, message="Recommendation added",
                 caption=f"Rapid review {rapid_review.notification.reference}",
                 heading="Add a recommendation", submit="Add the recommendation")


@login_required
def recommendation_edit(request, pk):
    rec = selectors.recommendation_get(request.user, pk)
    _managed(request.user, rec.partnership)
    form = TextForm(_posted(request), what="recommendation", initial={"text": rec.text})
    return _page(request, form,
                 call=lambda data: services.recommendation_update(actor=request.user, recommendation=rec,
                                                                  text=data["text"]),
                 back=_source_url(rec), message="Recommendation changed", caption=_caption(rec),
                 heading=f"Change recommendation {rec.number}", submit="Save the recommendation")


def _caption(rec) -> str:
    return rec.review.title if rec.review_id else f"Rapid review {rec.rapid_review.notification.reference}"


@login_required
@require_POST
def recommendation_remove(request, pk):
    rec = selectors.recommendation_get(request.user, pk)
    _managed(request.user, rec.partnership)
    try:
        services.recommendation_remove(actor=request.user, recommendation=rec)
    except ValidationError as exc:
        return render(request, "learning/recommendations/refused.html",
                      {"errors": exc.messages, "back_url": _source_url(rec), "caption": _caption(rec)}, status=400)
    messages.success(request, f"Recommendation {rec.number} removed; the later ones have moved up")
    name, source_pk, _fragment = selectors.source_url_parts(rec)
    return redirect(reverse(name, args=[source_pk]) + "#recommendations")


@login_required
def finding_add(request, pk):
    review = review_get(request.user, pk)
    _managed(request.user, review.partnership)
    return _page(request, TextForm(_posted(request), what="finding"),
                 call=lambda data: services.finding_add(actor=request.user, review=review, text=data["text"]),
                 back=_review_url(review, "#findings"), message="Finding added", caption=review.title,
                 heading="Add a finding", submit="Add the finding")


@login_required
def finding_edit(request, pk):
    finding = selectors.finding_get(request.user, pk)
    _managed(request.user, finding.review.partnership)
    form = TextForm(_posted(request), what="finding", initial={"text": finding.text})
    return _page(request, form,
                 call=lambda data: services.finding_update(actor=request.user, finding=finding, text=data["text"]),
                 back=_review_url(finding.review, "#findings"), message="Finding changed",
                 caption=finding.review.title, heading=f"Change finding {finding.number}",
                 submit="Save the finding")


@login_required
def recommendation_assess(request, pk):
    rec = selectors.national_recommendation_get(request.user, pk)
    _managed(request.user, rec.partnership)
    today = timezone.localdate()
    initial = {"relevance": rec.local_relevance if rec.assessed_on else None, "response": rec.local_response,
               "assessed_on": rec.assessed_on or today}
    return _page(request, AssessmentForm(_posted(request), initial=initial),
                 call=lambda data: services.recommendation_assess(
                     actor=request.user, recommendation=rec, relevance=data["relevance"], response=data["response"],
                     assessed_on=data["assessed_on"], today=today),
                 back=_source_url(rec), message=f"Recommendation {rec.number} assessed", caption=rec.review.title,
                 heading=f"Assess recommendation {rec.number} for local relevance", submit="Save the assessment",
                 lede=rec.text)


@login_required
def national_assessment_list(request):
    partnership = partnership_for_request(request)
    if not can_read_learning(request.user, partnership):
        raise PermissionDenied
    recommendations = selectors.national_unassessed(request.user, partnership)
    if fmt := export_requested(request):
        return export_response(request=request, partnership=partnership, export=list_exports.NATIONAL_TO_ASSESS,
                               rows=recommendations, fmt=fmt)
    return render(request, "learning/recommendations/national_list.html", {
        "recommendations": recommendations, "can_manage": can_manage_learning(request.user, partnership),
    })


def _recommendations_download(request, partnership, part: dict, *, source: str, stem: str, back: str):
    """The recommendations part of a review page as a download; without a format, that part of the page."""
    fmt = export_requested(request)
    if fmt is None:
        return redirect(back)
    export = list_exports.recommendations_export(source=source, stem=stem, national=part["recs_is_national"])
    return export_response(request=request, partnership=partnership, export=export,
                           rows=list_exports.recommendation_export_rows(part["recs_rows"]), fmt=fmt)


@login_required
def review_recommendations_export(request, pk):
    """A review's recommendations and their actions as CSV or XLSX, for those who read the review."""
    review = review_get(request.user, pk)
    part = selectors.recommendations_part(review, request.user, timezone.localdate())
    return _recommendations_download(request, review.partnership, part, source=f"Review {review.pk}",
                                     stem=f"review-{review.pk}", back=_review_url(review))


@login_required
def rapid_review_recommendations_export(request, pk):
    """A rapid review's recommendations and their actions as CSV or XLSX, for those who read the rapid review."""
    rapid_review = rapid_review_get(request.user, pk)
    part = selectors.rapid_review_recommendations_part(rapid_review, request.user, timezone.localdate())
    return _recommendations_download(
        request, rapid_review.partnership, part, source=f"Rapid review {rapid_review.pk}",
        stem=f"rapid-review-{rapid_review.pk}", back=reverse("reviews:detail", args=[rapid_review.pk])
        + "#recommendations")


@login_required
def action_add(request, pk):
    rec = selectors.recommendation_get(request.user, pk)
    _managed(request.user, rec.partnership)
    agencies, people = selectors.action_owner_choices(rec.partnership)
    form = RecommendationActionForm(_posted(request), agencies=agencies, people=people)
    return _page(request, form,
                 call=lambda data: services.recommendation_action_add(
                     actor=request.user, recommendation=rec, set_on=timezone.localdate(), **data),
                 back=_source_url(rec), message="Action set", caption=_caption(rec),
                 heading=f"Set an action from recommendation {rec.number}", submit="Set the action", lede=rec.text)
