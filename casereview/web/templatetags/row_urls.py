"""`{% row_url "reviews:detail" review.pk %}`: a list row's link, without a full `{% url %}` per row.

Django's reverse matches the URL patterns and checks its result against a regular expression on every call: about
30 microseconds, so on a list of 50 reviews their links cost more than the rest of the rows (found by the
benchmark of the rapid review list). Here each view name is reversed once, with a stand-in number, per script
prefix and URLconf; each row's link puts its own primary key in place of the stand-in."""

from functools import lru_cache

from django import template
from django.urls import get_script_prefix, get_urlconf, reverse

register = template.Library()

# A number no real primary key is near; it appears nowhere else in a reversed URL.
_STAND_IN = 918273645546372819


@lru_cache(maxsize=256)
def _shape(viewname: str, script_prefix: str, urlconf) -> str:
    return reverse(viewname, args=[_STAND_IN], urlconf=urlconf)


@register.simple_tag
def row_url(viewname: str, pk) -> str:
    """The URL of `viewname` for one integer primary key (anything else goes through `reverse` as usual)."""
    if type(pk) is not int or pk < 0:
        return reverse(viewname, args=[pk])
    return _shape(viewname, get_script_prefix(), get_urlconf()).replace(str(_STAND_IN), str(pk), 1)
