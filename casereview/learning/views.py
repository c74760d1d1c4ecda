"""The review page: one review with its record and clocks, recommendations and actions, themes and similar
earlier reviews. Each part's forms live in that part's own views module."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from casereview.web.page_cache import remembered_page

from . import selectors


@login_required
@remembered_page
def review_detail(request, pk):
    review = selectors.review_get(request.user, pk)
    return render(request, "learning/review_detail.html",
                  selectors.review_page_parts(review, request.user, timezone.localdate()))
