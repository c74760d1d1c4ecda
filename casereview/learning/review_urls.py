"""URLs for reviews: the list, commissioning, the review's record and milestones (included in the learning
namespace)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import path

from casereview.partnerships.access import partnership_for_request

from . import selectors
from .access import can_read_learning


@login_required
def _review_list(request):  # placeholder list until the reviews part is built
    partnership = partnership_for_request(request)
    if not can_read_learning(request.user, partnership):
        raise PermissionDenied
    return render(request, "learning/review_list.html",
                  {"reviews": selectors.review_list(request.user, partnership)[:100]})


urlpatterns = [
    path("reviews/", _review_list, name="review_list"),
]
