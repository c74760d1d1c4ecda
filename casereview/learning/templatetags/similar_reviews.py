"""Tags that show similar earlier reviews on the notification and rapid review pages:
`{% similar_reviews_for_rapid_review review %}` and `{% similar_reviews_for_notification notification %}`."""

from __future__ import annotations

from django import template

from casereview.learning.similar_selectors import similar_context, similar_for_rapid_review

register = template.Library()
TEMPLATE = "learning/similar/_list.html"


def _user(context):
    request = context.get("request")
    return getattr(request, "user", None) or context.get("user")


@register.inclusion_tag(TEMPLATE, takes_context=True)
def similar_reviews_for_rapid_review(context, review):
    """The reviews most like this rapid review, dated before its notification was received."""
    user = _user(context)
    if review is None or user is None:
        return similar_context(None)
    return similar_for_rapid_review(review, user)


@register.inclusion_tag(TEMPLATE, takes_context=True)
def similar_reviews_for_notification(context, notification):
    """The reviews most like the notification (through its rapid review, opened with it)."""
    review = getattr(notification, "rapid_review", None) if notification is not None else None
    return similar_reviews_for_rapid_review(context, review)
