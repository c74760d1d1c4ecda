"""Queries per page do not grow with the number of records shown."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casereview.accounts.models import User
from casereview.partnerships.models import AgencyKind
from tests.conftest import AgencyFactory, sign_in
from tests.reviews.conftest import demo, record  # noqa: F401  (demo is a fixture)

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", ["/", "/reviews/", "/api/v1/rapid-reviews/", "/notifications/"])
def test_review_pages_do_not_query_per_review(client, demo, url):  # noqa: F811
    """One review or four: the same number of queries."""
    sign_in(client, demo["admin"])
    record(demo, reference="SIN-Q-1")
    one = _queries(client, url)
    for n in range(2, 5):
        record(demo, reference=f"SIN-Q-{n}")
    assert _queries(client, url) == one


@pytest.mark.parametrize("url", ["/partnership/agencies/", "/partnership/people/", "/api/v1/agencies/"])
def test_partnership_lists_do_not_query_per_row(client, demo, url):  # noqa: F811
    """Adding agencies does not add queries to the lists."""
    sign_in(client, User.objects.get(username="business.manager"))
    before = _queries(client, url)
    partnership = demo["rapid"].partnership
    for n in range(5):
        AgencyFactory(partnership=partnership, name=f"Extra agency {n}", kind=AgencyKind.OTHER)
    assert _queries(client, url) == before
