"""Template tag for the rapid review page: the practice review its decision commissioned, or the button that
commissions it when the decision is to hold one."""

from django import template

from casereview.learning.review_selectors import commission_state

register = template.Library()


@register.inclusion_tag("learning/reviews/_commission_link.html")
def practice_review_for_decision(rapid_review, user) -> dict:
    """The practice review commissioned from this rapid review, or whether this user may commission it."""
    return {**commission_state(rapid_review, user), "rapid_review": rapid_review}
