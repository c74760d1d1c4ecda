"""Template tags for the agency requests section of the review page."""

from django import template
from django.utils import timezone

from casereview.reviews.requests_selectors import request_rows

register = template.Library()


@register.simple_tag
def requests_for_review(review, user):
    """The review's agency requests as rows (state, overdue, remindable) for a user who reads the review."""
    return request_rows(user, review, timezone.localdate())
