"""Queries per page do not grow with the number of records shown."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casereview.accounts.models import User
from casereview.partnerships.models import AgencyKind
from casereview.reviews.models import RapidReview, Submission
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


@pytest.mark.parametrize("url", ["/reviews/", "/reviews/?show=all", "/reviews/?format=csv", "/reviews/?format=xlsx"])
def test_the_review_list_reads_no_more_per_review_submitted_or_not(client, demo, url):  # noqa: F811
    """The list reads only the columns it shows (casereview.reviews.selectors.LIST_FIELDS): a column it shows or
    downloads but does not read would cost a query per row. Submitted reviews, which read their submission's date
    for their clock, and withdrawn ones, which show their closing date, are counted too."""
    sign_in(client, demo["admin"])
    first = record(demo, reference="SIN-L-1")
    one = _queries(client, url)
    more = [record(demo, reference=f"SIN-L-{n}") for n in range(2, 6)]
    for review in (first, more[0]):
        Submission.objects.create(rapid_review=review.rapid_review, sent_on=review.received_date)
        RapidReview.objects.filter(pk=review.rapid_review.pk).update(status="submitted")
    RapidReview.objects.filter(pk=more[1].rapid_review.pk).update(status="withdrawn", closed_on=date(2026, 1, 9))
    response = client.get(url)
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if "format" not in url:
        assert b"SIN-L-1" in body and b"Met" in body  # a submitted review's clock shows as met
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
