"""The action tracker with actions from recommendations: filters by source review, recommendation and RAG, the
RAG and source columns, the action page's source, and queries that do not grow with the actions shown."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casereview.accounts.models import User
from casereview.actions.models import Action
from casereview.actions.selectors import ActionFilters, action_list, filter_choices
from casereview.learning.models import Recommendation, Review
from tests.actions.governance_helpers import gov, meeting_on, person  # noqa: F401  (gov is a fixture)
from tests.conftest import sign_in

TODAY = date(2026, 3, 2)


def _review(gov, title):  # noqa: F811
    return Review.objects.create(partnership=gov["crs"].partnership, kind="lcspr", title=title, status="in_progress")


def _rec(review, number):
    return Recommendation.objects.create(partnership=review.partnership, review=review, number=number,
                                         text=f"Recommendation text {number} of {review.title}.")


def _action(gov, title, owner, rag="", rec=None, meeting=None, due=TODAY + timedelta(days=10)):  # noqa: F811
    who = person(owner)
    return Action.objects.create(partnership=gov["crs"].partnership, title=title, owner=who, agency=who.agency,
                                 due_date=due, set_on=date(2026, 1, 5), rag=rag, recommendation=rec, meeting=meeting)


@pytest.fixture
def sources(gov):  # noqa: F811
    k, m = _review(gov, "Child K review"), _review(gov, "Child M review")
    k1, k2, m1 = _rec(k, 1), _rec(k, 2), _rec(m, 1)
    meeting = meeting_on(gov["crs"], date(2026, 1, 5), status="held", quorate=True)
    _action(gov, "K1 police", "Priya", "red", k1)
    _action(gov, "K1 LA", "Ayla", "amber", k1)
    _action(gov, "K2 health", "Helena", "green", k2)
    _action(gov, "M1 police", "Devon", "", m1)
    _action(gov, "From minutes", "Ayla", "amber", meeting=meeting)
    return {"k": k, "m": m, "k1": k1, "k2": k2, "m1": m1}


def _titles(user, partnership, **filters):
    return sorted(a.title for a in action_list(user, partnership, today=TODAY, filters=ActionFilters(**filters)))


@pytest.mark.parametrize("filters, expected", [
    ({"review": "k"}, ["K1 LA", "K1 police", "K2 health"]),
    ({"recommendation": "k1"}, ["K1 LA", "K1 police"]),
    ({"rag": "amber"}, ["From minutes", "K1 LA"]),
    ({"rag": "none"}, ["M1 police"]),
    ({"review": "k", "rag": "red"}, ["K1 police"]),
])
def test_filters_by_source_and_rag(gov, sources, filters, expected):  # noqa: F811
    """Filter by the source review, the recommendation and the RAG rating (or unrated)."""
    filters = {k: sources[v].pk if k in ("review", "recommendation") else v for k, v in filters.items()}
    assert _titles(gov["admin"], gov["crs"].partnership, **filters) == expected


def test_filter_choices_offer_only_what_the_user_sees(gov, sources):  # noqa: F811
    """The police contributor is offered only the reviews and recommendations of police actions."""
    choices = filter_choices(User.objects.get(username="contributor"), gov["crs"].partnership)
    assert [title for _pk, title in choices["reviews"]] == ["Child K review", "Child M review"]
    assert [label for _pk, label in choices["recommendations"]] == [
        "Child K review: recommendation 1", "Child M review: recommendation 1"]
    assert _titles(User.objects.get(username="contributor"), gov["crs"].partnership) == ["K1 police", "M1 police"]


def test_tracker_page_shows_rag_and_source(client, gov, sources):  # noqa: F811
    """The list has a RAG column and names each action's source; the filters narrow it by review."""
    sign_in(client, gov["admin"])
    page = client.get("/actions/").content.decode()
    assert ">RAG<" in page and "Recommendation 1 of Child K review" in page and ">Red<" in page
    assert 'name="review"' in page and 'name="recommendation"' in page and 'name="rag"' in page
    filtered = client.get(f"/actions/?review={sources['m'].pk}").content.decode()
    assert "M1 police" in filtered and "K1 police" not in filtered


def test_action_page_links_to_its_recommendation(client, gov, sources):  # noqa: F811
    """The action page names its recommendation and review, linked for readers of reviews; a contributor sees the
    recommendation's text without the link."""
    action = Action.objects.get(title="K1 police")
    sign_in(client, gov["admin"])
    page = client.get(f"/actions/{action.pk}/").content.decode()
    assert f'href="/learning/reviews/{sources["k"].pk}/#recommendation-{sources["k1"].pk}"' in page
    assert "Recommendation text 1 of Child K review." in page
    sign_in(client, User.objects.get(username="contributor"))
    page = client.get(f"/actions/{action.pk}/").content.decode()
    assert "Recommendation 1 of Child K review" in page and "/learning/reviews/" not in page
    assert "Post a progress update" in page and "sign-off/" not in page


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_tracker_queries_do_not_grow_with_recommendation_actions(client, gov, sources):  # noqa: F811
    """More actions from more reviews and recommendations: the same number of queries."""
    sign_in(client, gov["admin"])
    before = _queries(client, "/actions/")
    for n in range(4):
        review = _review(gov, f"Extra review {n}")
        _action(gov, f"Extra {n}", ["Ayla", "Devon"][n % 2], "green", _rec(review, 1))
    assert _queries(client, "/actions/") == before
    assert _queries(client, f"/actions/?review={sources['k'].pk}&rag=red") == _queries(
        client, f"/actions/?review={sources['k'].pk}&rag=amber")
