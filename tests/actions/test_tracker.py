"""The action tracker: every action for those who read all records, only their agency's for a contributor;
overdue (computed on the day) first; filters; bounded queries; paging."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from casereview.accounts.models import User
from casereview.actions.models import Action
from casereview.actions.selectors import ActionFilters, action_list, is_overdue
from tests.actions.governance_helpers import gov, meeting_on, person  # noqa: F401  (gov is a fixture)
from tests.conftest import sign_in

TODAY = date(2026, 3, 2)


def _action(gov, title, owner, due, status="not_started", meeting=None):  # noqa: F811
    who = person(owner)
    return Action.objects.create(partnership=gov["crs"].partnership, title=title, owner=who, agency=who.agency,
                                 due_date=due, status=status, set_on=date(2026, 1, 5), meeting=meeting)


@pytest.fixture
def actions(gov):  # noqa: F811
    meeting = meeting_on(gov["crs"], date(2026, 1, 5), status="held", quorate=True)
    return {
        "later": _action(gov, "Later", "Ayla", TODAY + timedelta(days=20), meeting=meeting),
        "soon": _action(gov, "Soon", "Devon", TODAY + timedelta(days=3)),
        "overdue_old": _action(gov, "Overdue old", "Helena", TODAY - timedelta(days=30), "at_risk", meeting=meeting),
        "overdue_new": _action(gov, "Overdue new", "Priya", TODAY - timedelta(days=1), "on_track"),
        "done_late": _action(gov, "Done late", "Ayla", TODAY - timedelta(days=40), "complete"),
        "closed": _action(gov, "Closed", "Devon", TODAY - timedelta(days=50), "closed"),
    }


def _titles(user, partnership, **filters):
    return [a.title for a in action_list(user, partnership, today=TODAY, filters=ActionFilters(**filters))]


def test_overdue_first_then_by_due_date(gov, actions):  # noqa: F811
    """Overdue actions lead (oldest due first); complete and closed actions are never overdue."""
    assert _titles(gov["admin"], gov["crs"].partnership) == [
        "Overdue old", "Overdue new", "Closed", "Done late", "Soon", "Later"]


@pytest.mark.parametrize("due_offset, status, overdue", [
    (-1, "not_started", True), (-1, "on_track", True), (-1, "at_risk", True), (-1, "complete", False),
    (-1, "closed", False), (0, "not_started", False), (1, "at_risk", False),
])
def test_overdue_is_computed_on_the_day(due_offset, status, overdue):
    """Overdue = due date passed and not complete or closed (due today is not overdue)."""
    action = Action(due_date=TODAY + timedelta(days=due_offset), status=status)
    assert is_overdue(action, TODAY) is overdue


def test_contributor_sees_only_their_agencys_actions(gov, actions):  # noqa: F811
    """The demo contributor (police) sees the police actions only."""
    contributor = User.objects.get(username="contributor")
    assert _titles(contributor, gov["crs"].partnership) == ["Overdue new", "Closed", "Soon"]


@pytest.mark.parametrize("filters, expected", [
    ({"status": "at_risk"}, ["Overdue old"]),
    ({"overdue_only": True}, ["Overdue old", "Overdue new"]),
    ({"owner": "Ayla"}, ["Done late", "Later"]),
    ({"agency": "Devon"}, ["Overdue new", "Closed", "Soon"]),
    ({"meeting": True}, ["Overdue old", "Later"]),
])
def test_filters(gov, actions, filters, expected):  # noqa: F811
    """Filter by status, overdue, owner, agency and source meeting."""
    if "owner" in filters:
        filters["owner"] = person(filters["owner"]).pk
    if "agency" in filters:
        filters["agency"] = person(filters["agency"]).agency_id
    if "meeting" in filters:
        filters["meeting"] = actions["later"].meeting_id
    assert _titles(gov["admin"], gov["crs"].partnership, **filters) == expected


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_list_queries_do_not_grow_with_actions(client, gov, actions):  # noqa: F811
    """Six actions or sixteen: the same number of queries on the tracker."""
    sign_in(client, gov["admin"])
    before = _queries(client, "/actions/?overdue=on")
    for n in range(10):
        _action(gov, f"Extra {n}", ["Ayla", "Devon", "Helena"][n % 3], TODAY - timedelta(days=n))
    assert _queries(client, "/actions/?overdue=on") == before
    assert _queries(client, "/actions/") == _queries(client, "/actions/?page=1")


def test_tracker_page_lists_overdue_first_and_pages(client, gov):  # noqa: F811
    """The page marks overdue actions, lists them first, and pages at 25."""
    today = timezone.localdate()
    for n in range(27):
        _action(gov, f"Action {n:02d}", "Ayla", today + timedelta(days=n + 1))
    _action(gov, "Late one", "Devon", today - timedelta(days=2))
    sign_in(client, gov["admin"])
    page = client.get("/actions/").content.decode()
    assert page.index("Late one") < page.index("Action 00") and "Overdue" in page
    assert "Page 1 of 2" in page
    second = client.get("/actions/?page=2").content.decode()
    assert "Action 26" in second and "Late one" not in second


def test_junk_filters_are_ignored(client, gov, actions):  # noqa: F811
    """Unknown filter values never break the page."""
    sign_in(client, gov["admin"])
    response = client.get("/actions/?status=nonsense&agency=x&owner=%00&meeting=99999&page=abc")
    assert response.status_code == 200
    assert "Some filters were not recognised" in response.content.decode()


def test_contributor_cannot_open_another_agencys_action(client, gov, actions):  # noqa: F811
    """Another agency's action is a 404 for a contributor; their own opens."""
    sign_in(client, User.objects.get(username="contributor"))
    assert client.get(f"/actions/{actions['later'].pk}/").status_code == 404
    page = client.get(f"/actions/{actions['soon'].pk}/")
    assert page.status_code == 200 and "Update the action" in page.content.decode()


def test_action_page_links_to_its_source(client, gov, actions):  # noqa: F811
    """The action page names the meeting it was set at, linked."""
    sign_in(client, gov["admin"])
    page = client.get(f"/actions/{actions['later'].pk}/").content.decode()
    assert f'href="/meetings/{actions["later"].meeting_id}/' in page
    assert "Minutes of the Case Review Subgroup meeting on Monday 5 January 2026" in page


@pytest.mark.parametrize("size", [1, 2, 3, 4, 6, 7])
def test_pages_read_a_page_at_a_time_in_the_same_order_as_the_list(gov, actions, size):  # noqa: F811
    """Every page of action_pages, at any page size, is the same slice of action_list (overdue first)."""
    from django.core.paginator import Paginator

    from casereview.actions.selectors import action_pages

    whole = [(a.title, a.overdue) for a in action_list(gov["admin"], gov["crs"].partnership, today=TODAY)]
    paginator = Paginator(action_pages(gov["admin"], gov["crs"].partnership, today=TODAY), size)
    paged = [(a.title, a.overdue) for n in paginator.page_range for a in paginator.page(n).object_list]
    assert paginator.count == len(whole) and paged == whole
