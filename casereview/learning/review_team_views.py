"""Pages for a practice review's reviewers and milestones, and for links between reviews. Business team only;
removals are POST buttons on the review's page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from . import review_other_services as other_services
from . import review_selectors
from . import review_team_forms as forms
from . import review_team_services as services
from .review_views import form_page, managed_practice_review, managed_review, posted
from .selectors import review_page_parts


@login_required
def reviewer_add(request, pk):
    review = managed_practice_review(request, pk)
    return form_page(request, review, forms.ReviewerForm(posted(request)),
                 lambda data: services.reviewer_add(actor=request.user, review=review, **data),
                 "Reviewer added", anchor="#reviewers", page_heading="Add a reviewer", submit_label="Add the reviewer",
                 lede="Working Together expects the reviewer to be independent of the case and of the agencies "
                      "involved. A reviewer who is not independent may be appointed: the review's page says so.")


def _post_back(request, review, call, message: str, anchor: str):
    """Run a removal; on a refusal show the review page with the reason (400)."""
    try:
        call()
    except ValidationError as exc:
        context = review_page_parts(review, request.user, timezone.localdate())
        return render(request, "learning/review_detail.html", {**context, "record_errors": exc.messages}, status=400)
    messages.success(request, message)
    return redirect(f"{reverse('learning:review_detail', args=[review.pk])}{anchor}")


@require_POST
@login_required
def reviewer_remove(request, pk, reviewer_pk):
    review = managed_practice_review(request, pk)
    reviewer = review_selectors.reviewer_get(review, reviewer_pk)
    return _post_back(request, review,
                      lambda: services.reviewer_remove(actor=request.user, review=review, reviewer=reviewer),
                      f"{reviewer.name} removed as a reviewer", "#reviewers")


@login_required
def milestone_add(request, pk):
    review = managed_practice_review(request, pk)
    form = forms.MilestoneForm(posted(request), initial={"kind": request.GET.get("kind")})
    return form_page(request, review, form,
                 lambda data: services.milestone_add(actor=request.user, review=review, **data),
                 "Milestone added", anchor="#milestones", page_heading="Add a milestone", submit_label="Add",
                 lede="Marking the review quality assured needs the quality assurance by the subgroup done.")


@login_required
def milestone_edit(request, pk, milestone_pk):
    review = managed_practice_review(request, pk)
    milestone = review_selectors.milestone_get(review, milestone_pk)
    form = forms.MilestoneForm(posted(request), initial=forms.milestone_initial(milestone))
    return form_page(request, review, form,
                 lambda data: services.milestone_update(actor=request.user, review=review, milestone=milestone,
                                                        **data),
                 "Milestone saved", anchor="#milestones", page_heading=f"Change the milestone: {milestone}",
                 submit_label="Save changes")


@login_required
def review_link_add(request, pk):
    review = managed_review(request, pk)
    form = forms.LinkForm(posted(request), reviews=review_selectors.link_choices(review))
    return form_page(request, review, form,
                 lambda data: other_services.review_link_add(actor=request.user, review=review, **data),
                 "Reviews linked", anchor="#links", page_heading="Link another review", submit_label="Link",
                 lede="The link shows on both reviews' pages. Record another review first if it is not listed.")


@require_POST
@login_required
def review_link_remove(request, pk, link_pk):
    review = managed_review(request, pk)
    link = review_selectors.link_get(review, link_pk)
    return _post_back(request, review,
                      lambda: other_services.review_link_remove(actor=request.user, review=review, link=link),
                      "Link removed", "#links")
