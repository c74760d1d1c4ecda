"""Pages of the theme taxonomy (everyone who reads learning sees it; the business team changes it) and the
forms that tag reviews, rapid reviews, findings and recommendations with themes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from casereview.partnerships.access import partnership_for_request
from casereview.reviews.selectors import review_get as rapid_review_get
from casereview.web.exports import export_requested, export_response
from casereview.web.formviews import handle_form

from . import list_exports
from . import theme_selectors as selectors
from . import theme_services as services
from .access import can_manage_learning, can_read_learning
from .selectors import review_get
from .theme_forms import TagForm, ThemeAddForm, ThemeRetireForm


def _readable_partnership(request):
    partnership = partnership_for_request(request)
    if not can_read_learning(request.user, partnership):
        raise PermissionDenied
    return partnership


def _managed(request, partnership):
    if not can_manage_learning(request.user, partnership):
        raise PermissionDenied


@login_required
def theme_list(request):
    partnership = _readable_partnership(request)
    services.taxonomy_ensure(partnership, request.user)
    overview = selectors.theme_overview(partnership)
    if fmt := export_requested(request):
        return export_response(request=request, partnership=partnership, export=list_exports.THEMES,
                               rows=list_exports.theme_export_rows(overview), fmt=fmt)
    return render(request, "learning/themes/list.html", {
        **overview, "can_manage": can_manage_learning(request.user, partnership),
    })


@login_required
def theme_add(request):
    partnership = _readable_partnership(request)
    _managed(request, partnership)
    services.taxonomy_ensure(partnership, request.user)
    form = ThemeAddForm(request.POST or None)
    back = reverse("learning:theme_list")
    return handle_form(
        request, form, success_url=back, message="Theme added in a new version of the taxonomy",
        call=lambda data: services.theme_add(actor=request.user, partnership=partnership, **data),
        context={"back_url": back, "caption": "Themes", "page_heading": "Add a local theme",
                 "submit_label": "Add the theme",
                 "lede": "A local theme sits beside the national ones. Adding it makes a new version of the "
                         "taxonomy; tags already made keep their themes."})


@require_POST
@login_required
def theme_retire(request, pk):
    theme = selectors.theme_get(request.user, pk)
    _managed(request, theme.partnership)
    back = reverse("learning:theme_list")
    return handle_form(
        request, ThemeRetireForm(request.POST), success_url=back, message=f"“{theme.label}” retired",
        call=lambda data: services.theme_retire(actor=request.user, theme=theme, reason=data["reason"]),
        context={"back_url": back, "caption": "Themes", "page_heading": f"Retire “{theme.label}”",
                 "submit_label": "Retire the theme",
                 "lede": "Records already tagged with it keep the tag; it cannot be used for new tags."})


def _tag_page(request, target, *, back: str, caption: str):
    partnership = services.target_partnership(target)
    _managed(request, partnership)
    services.taxonomy_ensure(partnership, request.user)
    tags = list(services.current_tags(target))
    form = TagForm(request.POST or None, themes=selectors.active_themes(partnership),
                   tagged={t.theme_id for t in tags}, sources=services.source_choices(target),
                   source=services.default_source(target), year=services.default_year(target))
    return handle_form(
        request, form, success_url=back, message="Themes saved", template="learning/themes/tag.html",
        call=lambda data: services.tags_set(actor=request.user, target=target, themes=form.chosen_themes(),
                                            source=data["source"], year=data["year"]),
        context={"back_url": back, "caption": caption, "page_heading": "Themes",
                 "submit_label": "Save the themes", "retired_tags": [t for t in tags if t.theme.retired_in_id],
                 "lede": "Tick every theme the learning is about. The source and year apply to each tag."})


@login_required
def review_tag(request, pk):
    review = review_get(request.user, pk)
    back = reverse("learning:review_detail", args=[review.pk]) + "#themes"
    return _tag_page(request, review, back=back, caption=review.title)


@login_required
def rapid_review_tag(request, pk):
    review = rapid_review_get(request.user, pk)
    return _tag_page(request, review, back=reverse("reviews:detail", args=[review.pk]),
                     caption=f"Rapid review {review.notification.reference}")


@login_required
def finding_tag(request, pk):
    finding = selectors.finding_get(request.user, pk)
    back = reverse("learning:review_detail", args=[finding.review_id]) + "#themes"
    return _tag_page(request, finding, back=back, caption=f"Finding {finding.number}: {finding.review.title}")


def _recommendation_back(recommendation) -> str:
    if recommendation.review_id:
        return reverse("learning:review_detail", args=[recommendation.review_id]) + "#themes"
    return reverse("reviews:detail", args=[recommendation.rapid_review_id])


@login_required
def recommendation_tag(request, pk):
    recommendation = selectors.recommendation_get(request.user, pk)
    source = recommendation.review.title if recommendation.review_id else (
        f"Rapid review {recommendation.rapid_review.notification.reference}")
    return _tag_page(request, recommendation, back=_recommendation_back(recommendation),
                     caption=f"Recommendation {recommendation.number}: {source}")


@require_POST
@login_required
def tag_remove(request, pk):
    tag = selectors.tag_get(request.user, pk)
    _managed(request, tag.partnership)
    if tag.review_id:
        back = reverse("learning:review_detail", args=[tag.review_id]) + "#themes"
    elif tag.rapid_review_id:
        back = reverse("reviews:detail", args=[tag.rapid_review_id])
    elif tag.finding_id:
        back = reverse("learning:review_detail", args=[tag.finding.review_id]) + "#themes"
    else:
        back = _recommendation_back(tag.recommendation)
    services.tag_remove(actor=request.user, tag=tag)
    messages.success(request, f"“{tag.theme.label}” removed")
    return redirect(back)
