"""Rapid reviews and the contributor's agency requests download as CSV and XLSX: the page's rows, audited."""

from __future__ import annotations

import pytest

from casereview.accounts.models import User
from casereview.audit.models import AuditEvent
from casereview.domain.clocks import STATUS_LABELS
from casereview.partnerships.models import Agency, AgencyKind
from casereview.reviews.models import AgencyRequest
from casereview.reviews.requests_services import agency_requests_send
from casereview.reviews.services import rapid_review_transition
from tests.conftest import AgencyFactory, sign_in
from tests.exports.helpers import csv_rows, download_queries, last_export, xlsx_rows
from tests.exports.test_incidents_export import SECRET_REFERENCE, elsewhere_notification
from tests.reviews.conftest import demo, record  # noqa: F401  (demo is a fixture)

pytestmark = pytest.mark.django_db
REVIEWS = "/reviews/"
MINE = "/reviews/requests/mine/"


@pytest.fixture
def reviews(demo):  # noqa: F811
    """Three open reviews and one withdrawn."""
    made = {n: record(demo, reference=f"SIN-2025-04{n}").rapid_review for n in range(4)}
    rapid_review_transition(actor=demo["admin"], review=made[3], to="withdrawn", reason="Not a serious incident.")
    return made


def _page_references(client, params=None) -> list[str]:
    response = client.get(REVIEWS, params or {})
    assert response.status_code == 200
    return [review.notification.reference for review, _clock in response.context["rows"]]


def test_reviews_csv_and_xlsx_have_the_pages_rows_and_are_audited(client, demo, reviews):  # noqa: F811
    """Both formats hold the open reviews the page shows, with status, clock and due date; each is audited."""
    sign_in(client, demo["admin"])
    expected = _page_references(client)
    assert len(expected) == 3
    rows = csv_rows(client.get(REVIEWS, {"format": "csv"}))
    assert rows[0][:5] == ["Reference", "Group", "Status", "Clock", "Clock summary"]
    assert [r[0] for r in rows[1:]] == expected
    due = reviews[0].due_date.isoformat()
    assert all(r[6] == due for r in rows[1:])
    # The clock's word in the download is the tag the page shows for the same review.
    page = {review.notification.reference: clock for review, clock in client.get(REVIEWS).context["rows"]}
    assert [r[3] for r in rows[1:]] == [STATUS_LABELS[page[r[0]].status] for r in rows[1:]]
    assert {r[3] for r in rows[1:]} <= set(STATUS_LABELS.values())
    assert last_export(demo["admin"]) == "Rapid reviews (CSV): 3 rows"
    sheet = xlsx_rows(client.get(REVIEWS, {"format": "xlsx"}))
    assert [r[0] for r in sheet[1:]] == expected
    assert sheet[1][6].date() == reviews[0].due_date
    assert last_export(demo["admin"]) == "Rapid reviews (XLSX): 3 rows"


def test_reviews_download_keeps_the_show_all_filter(client, demo, reviews):  # noqa: F811
    """With ?show=all the withdrawn review is in the download, as on the page, and the page's links keep it."""
    sign_in(client, demo["admin"])
    expected = _page_references(client, {"show": "all"})
    rows = csv_rows(client.get(REVIEWS, {"show": "all", "format": "csv"}))
    assert sorted(r[0] for r in rows[1:]) == sorted(expected) == [f"SIN-2025-04{n}" for n in range(4)]
    assert "Withdrawn" in [r[2] for r in rows[1:]]
    page = client.get(REVIEWS, {"show": "all"}).content.decode()
    assert '?show=all&amp;format=csv"' in page and '?show=all&amp;format=xlsx"' in page


@pytest.mark.parametrize("username", ["chair", "member", "scrutineer"])
def test_reviews_readers_download_what_they_see(client, demo, reviews, username):  # noqa: F811
    """Each role that reads the list downloads its page's rows."""
    sign_in(client, User.objects.get(username=username))
    expected = _page_references(client)
    assert [r[0] for r in csv_rows(client.get(REVIEWS, {"format": "csv"}))[1:]] == expected


def test_reviews_contributor_is_refused_as_on_the_page(client, demo, reviews):  # noqa: F811
    """An agency contributor gets the page's 403 for both downloads; nothing is exported."""
    contributor = User.objects.get(username="contributor")
    sign_in(client, contributor)
    assert client.get(REVIEWS).status_code == 403
    for fmt in ("csv", "xlsx"):
        assert client.get(REVIEWS, {"format": fmt}).status_code == 403
    assert not AuditEvent.objects.filter(actor_id=contributor.pk, verb="exported").exists()


def test_reviews_of_another_partnership_are_not_downloaded(client, demo, reviews):  # noqa: F811
    """Tenant isolation: another partnership's rapid review is in neither format."""
    elsewhere_notification()
    sign_in(client, demo["admin"])
    for fmt, read in (("csv", csv_rows), ("xlsx", xlsx_rows)):
        rows = read(client.get(REVIEWS, {"show": "all", "format": fmt}))
        assert len(rows) == 5 and SECRET_REFERENCE not in str(rows)


def test_reviews_download_does_not_query_per_row(client, demo):  # noqa: F811
    """Two reviews or twenty: the export costs the same number of queries."""
    sign_in(client, demo["admin"])

    def queries() -> int:
        return download_queries(client, REVIEWS)

    for n in range(2):
        record(demo, reference=f"SIN-Q-{n}")
    two = queries()
    for n in range(2, 20):
        record(demo, reference=f"SIN-Q-{n}")
    assert queries() == two


@pytest.fixture
def asked(demo, reviews):  # noqa: F811
    """Requests on two reviews to the police (the demo contributor's agency), and one to education."""
    police = Agency.objects.get(name="Northmoor Constabulary")
    education = Agency.objects.get(name="Northmoor Education Service")
    agency_requests_send(actor=demo["admin"], review=reviews[0], agencies=[police, education])
    agency_requests_send(actor=demo["admin"], review=reviews[1], agencies=[police])
    return AgencyRequest.objects.all()


def test_contributor_downloads_only_their_agencys_requests(client, demo, asked):  # noqa: F811
    """The contributor's list and both downloads hold the police requests only, and each download is audited."""
    contributor = User.objects.get(username="contributor")
    sign_in(client, contributor)
    response = client.get(MINE)
    expected = [row.request.rapid_review.notification.reference for row in response.context["rows"]]
    assert sorted(expected) == ["SIN-2025-040", "SIN-2025-041"]
    assert 'href="?format=csv"' in response.content.decode()
    rows = csv_rows(client.get(MINE, {"format": "csv"}))
    assert rows[0][:5] == ["Review", "Group", "Agency", "Due", "Status"]
    assert [r[0] for r in rows[1:]] == expected
    assert {r[2] for r in rows[1:]} == {"Northmoor Constabulary"}
    assert last_export(contributor) == "Agency requests (CSV): 2 rows"
    sheet = xlsx_rows(client.get(MINE, {"format": "xlsx"}))
    assert [r[0] for r in sheet[1:]] == expected
    assert last_export(contributor) == "Agency requests (XLSX): 2 rows"


def test_someone_who_is_not_a_contributor_downloads_an_empty_list(client, demo, asked):  # noqa: F811
    """The page lists nothing for other roles, and so does the download: just the header."""
    sign_in(client, demo["admin"])
    assert csv_rows(client.get(MINE, {"format": "csv"}))[1:] == []


def test_requests_of_another_partnership_are_not_downloaded(client, demo, asked):  # noqa: F811
    """Tenant isolation: a request another partnership made of its own police is not in the contributor's file."""
    other = elsewhere_notification().rapid_review
    elsewhere_police = AgencyFactory(partnership=other.partnership, name="Elsewhere Police", kind=AgencyKind.POLICE)
    AgencyRequest.objects.create(partnership=other.partnership, rapid_review=other, agency=elsewhere_police,
                                 due_date=other.due_date)
    sign_in(client, User.objects.get(username="contributor"))
    rows = csv_rows(client.get(MINE, {"format": "csv"}))
    assert len(rows) == 3 and SECRET_REFERENCE not in str(rows) and "Elsewhere" not in str(rows)
