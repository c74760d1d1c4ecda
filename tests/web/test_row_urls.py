"""A row's link is exactly what `{% url %}` would make, under any script prefix."""

import pytest
from django.template import Context, Template
from django.urls import NoReverseMatch, clear_script_prefix, reverse, set_script_prefix
from hypothesis import given
from hypothesis import strategies as st

VIEWS = ["reviews:detail", "actions:detail", "learning:review_detail", "meetings:detail"]


def _row_url(viewname, pk) -> str:
    return Template("{% load row_urls %}{% row_url viewname pk %}").render(Context({"viewname": viewname, "pk": pk}))


@pytest.mark.parametrize("viewname", VIEWS)
@pytest.mark.parametrize("pk", [1, 7, 42, 918273645, 2**40])
def test_the_same_as_reverse(viewname, pk):
    assert _row_url(viewname, pk) == reverse(viewname, args=[pk])


@given(pk=st.integers(min_value=0, max_value=10**12), viewname=st.sampled_from(VIEWS))
def test_the_same_as_reverse_for_any_primary_key(viewname, pk):
    assert _row_url(viewname, pk) == reverse(viewname, args=[pk])


def test_a_script_prefix_is_followed():
    try:
        set_script_prefix("/casereview/")
        assert _row_url("reviews:detail", 5) == "/casereview/reviews/5/" == reverse("reviews:detail", args=[5])
    finally:
        clear_script_prefix()
    assert _row_url("reviews:detail", 5) == "/reviews/5/"


def test_anything_but_an_integer_goes_through_reverse():
    with pytest.raises(NoReverseMatch):
        _row_url("reviews:detail", "not-a-number")
    with pytest.raises(NoReverseMatch):
        _row_url("reviews:detail", -1)
    assert _row_url("reviews:detail", "12") == "/reviews/12/"
