"""axe-core finds no WCAG 2.2 A or AA violations on the main pages, for the roles that see them."""

import pytest

from casereview.partnerships.demo import load_demo
from casereview.partnerships.models import Group

from .conftest import axe_violations
from .test_sign_in_journey import _sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/", "/partnership/agencies/", "/partnership/people/", "/partnership/groups/", "/calendar/",
    "/calendar/?add-date=2025-12-20&add-days=15&add-direction=after", "/calendar/closures/", "/audit/",
    "/reviews/", "/notifications/", "/notifications/new/", "/accounts/api-tokens/", "/accessibility/",
    "/partnership/agencies/add/",
    "/meetings/", "/meetings/schedule/", "/meetings/governance/", "/meetings/interests/", "/meetings/escalations/",
    "/meetings/escalations/raise/", "/meetings/task-groups/", "/meetings/task-groups/new/",
    "/meetings/reports/attendance/", "/meetings/reports/slg-update/", "/actions/",
    "/learning/reviews/", "/learning/reviews/add/", "/learning/reviews/add/?kind=national", "/learning/tracker/",
    "/learning/tracker/?view=shared", "/learning/themes/", "/learning/themes/add/", "/learning/identity/",
    "/learning/identity/baseline/", "/learning/recommendations/national/", "/learning/imports/",
]


def test_sign_in_page_is_accessible(live_server, page):
    """The sign-in page, before and after a failed attempt."""
    page.goto(f"{live_server.url}/accounts/sign-in/")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Sign in").click()
    assert axe_violations(page) == []


def test_business_team_pages_are_accessible(live_server, page):
    """Every main page the business team reaches has no WCAG 2.2 A/AA violations."""
    load_demo()
    _sign_in(page, live_server.url, "business.manager")
    group = Group.objects.get(name="Case Review Subgroup")
    pages = PAGES + [f"/partnership/groups/{group.pk}/", f"/partnership/groups/{group.pk}/terms/",
                     f"/partnership/groups/{group.pk}/terms/compare/", f"/partnership/groups/{group.pk}/terms/clocks/"]
    failures = {}
    for path in pages:
        page.goto(f"{live_server.url}{path}")
        found = axe_violations(page)
        if found:
            failures[path] = found
    assert failures == {}


def test_the_checker_reports_a_real_violation(live_server, page):
    """A page with an unlabelled input is reported, so a clean result means something."""
    page.goto(f"{live_server.url}/accessibility/")
    page.evaluate("() => { const i = document.createElement('input'); i.type = 'text';"
                  " document.querySelector('main').appendChild(i); }")
    assert any(v.startswith("label") for v in axe_violations(page))
