"""Agencies, people and groups download as CSV and XLSX: what each user's page lists, with its filters, audited."""

from __future__ import annotations

from datetime import date

import pytest

from casereview.accounts.models import User
from casereview.audit.models import AuditEvent
from casereview.partnerships.demo import USERS, load_demo
from casereview.partnerships.models import Agency, AgencyKind
from tests.conftest import AgencyFactory, GroupFactory, MembershipFactory, PartnershipFactory, PersonFactory, sign_in
from tests.exports.helpers import csv_rows, download_queries, last_export, xlsx_rows

pytestmark = pytest.mark.django_db
AGENCIES, PEOPLE, GROUPS = "/partnership/agencies/", "/partnership/people/", "/partnership/groups/"
SECRET_NAME = "Zebedee Otherside"


@pytest.fixture
def demo(db):
    load_demo()


@pytest.fixture
def other(db):
    """A second partnership with an agency, a person, a group and a membership of its own."""
    partnership = PartnershipFactory(name="Elsewhere Safeguarding Children Partnership")
    agency = AgencyFactory(partnership=partnership, name="Elsewhere Police", kind=AgencyKind.POLICE)
    group = GroupFactory(partnership=partnership, name="Elsewhere Rapid Review Group")
    MembershipFactory(group=group, person__agency=agency, person__full_name=SECRET_NAME, start_date=date(2024, 1, 1))
    return partnership


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _listed(client, url, key, params=None) -> list[str]:
    response = client.get(url, params or {})
    assert response.status_code == 200
    return [item.name if hasattr(item, "name") else item.full_name for item in response.context[key]]


def test_agencies_csv_and_xlsx_match_the_page_and_are_audited(client, demo):
    """Every agency the page lists, with its kind, statutory partner and head count; each download audited."""
    sign_in(client, _user("business.manager"))
    expected = _listed(client, AGENCIES, "agencies")
    rows = csv_rows(client.get(AGENCIES, {"format": "csv"}))
    assert rows[0] == ["Agency", "Kind", "Statutory partner", "People", "Agency id"]
    assert [r[0] for r in rows[1:]] == expected
    police = next(r for r in rows if r[0] == "Northmoor Constabulary")
    assert police[1:3] == ["Police", "Police"]
    assert last_export(_user("business.manager")) == f"Agencies (CSV): {len(expected)} rows"
    sheet = xlsx_rows(client.get(AGENCIES, {"format": "xlsx"}))
    assert [r[0] for r in sheet[1:]] == expected
    assert last_export(_user("business.manager")) == f"Agencies (XLSX): {len(expected)} rows"


def test_a_contributor_downloads_only_their_own_agency_and_its_people(client, demo):
    """The agency contributor's page shows their agency and its people only; so do both downloads."""
    contributor = _user("contributor")
    sign_in(client, contributor)
    for url, key in ((AGENCIES, "agencies"), (PEOPLE, "people")):
        expected = _listed(client, url, key)
        for fmt, read in (("csv", csv_rows), ("xlsx", xlsx_rows)):
            rows = read(client.get(url, {"format": fmt}))
            assert [r[0] for r in rows[1:]] == expected
    assert [r[0] for r in csv_rows(client.get(AGENCIES, {"format": "csv"}))[1:]] == ["Northmoor Constabulary"]
    people = csv_rows(client.get(PEOPLE, {"format": "csv"}))
    assert {r[2] for r in people[1:]} == {"Northmoor Constabulary"}
    assert last_export(contributor) == f"People (CSV): {len(people) - 1} row{'s' if len(people) != 2 else ''}"


def test_people_download_keeps_the_search_and_the_pages_links_keep_it_too(client, demo):
    """?q= narrows the download exactly as it narrows the page, and e-mails come with it."""
    sign_in(client, _user("business.manager"))
    expected = _listed(client, PEOPLE, "people", {"q": "Okafor"})
    rows = csv_rows(client.get(PEOPLE, {"q": "Okafor", "format": "csv"}))
    assert rows[0] == ["Name", "Job title", "Agency", "E-mail", "Person id"]
    assert [r[0] for r in rows[1:]] == expected and len(expected) == 1
    assert rows[1][3] == "member@northmoor.example"
    page = client.get(PEOPLE, {"q": "Okafor"}).content.decode()
    assert '?q=Okafor&amp;format=csv"' in page and '?q=Okafor&amp;format=xlsx"' in page


def test_groups_download_matches_the_page(client, demo):
    """Groups with their kind and current member count, as the page lists them."""
    sign_in(client, _user("chair"))
    expected = _listed(client, GROUPS, "groups")
    rows = xlsx_rows(client.get(GROUPS, {"format": "xlsx"}))
    assert rows[0] == ["Group", "Kind", "Current members", "Group id"]
    assert [r[0] for r in rows[1:]] == expected == ["Case Review Subgroup", "Rapid Review Group"]
    assert all(isinstance(r[2], int) and r[2] > 0 for r in rows[1:])
    assert last_export(_user("chair")) == "Groups (XLSX): 2 rows"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_contributor_is_refused_the_groups_download_as_the_page(client, demo, fmt):
    """The group list is 403 for an agency contributor, and so is its download; nothing is exported."""
    contributor = _user("contributor")
    sign_in(client, contributor)
    assert client.get(GROUPS).status_code == 403
    assert client.get(GROUPS, {"format": fmt}).status_code == 403
    assert not AuditEvent.objects.filter(actor_id=contributor.pk, verb="exported").exists()


def test_someone_without_a_partnership_gets_the_pages_404(client, demo):
    """A signed-in user with no role anywhere gets 404 for the lists and for their downloads alike."""
    sign_in(client, User.objects.create_user(username="nobody", password="not-used-here-1"))
    for url in (AGENCIES, PEOPLE, GROUPS):
        assert client.get(url).status_code == 404
        assert client.get(url, {"format": "csv"}).status_code == 404


@pytest.mark.parametrize("username", [u[0] for u in USERS])
def test_downloads_never_hold_another_partnerships_records(client, demo, other, username):
    """Tenant isolation: no role's agency, people or group download names the other partnership's records."""
    sign_in(client, _user(username))
    for url in (AGENCIES, PEOPLE, GROUPS):
        for fmt in ("csv", "xlsx"):
            response = client.get(url, {"format": fmt})
            if response.status_code == 403:  # the group list, for an agency contributor
                continue
            rows = csv_rows(response) if fmt == "csv" else xlsx_rows(response)
            assert len(rows) >= 2 and SECRET_NAME not in str(rows) and "Elsewhere" not in str(rows), url


@pytest.mark.parametrize("url", [AGENCIES, PEOPLE])
def test_downloads_do_not_query_per_row(client, demo, url):
    """Two extra rows or twenty: the export costs the same number of queries."""
    sign_in(client, _user("business.manager"))
    partnership = Agency.objects.first().partnership

    def queries() -> int:
        return download_queries(client, url)

    def add(start, stop):
        for n in range(start, stop):
            agency = AgencyFactory(partnership=partnership, name=f"Extra agency {n}", kind=AgencyKind.OTHER)
            PersonFactory(partnership=partnership, agency=agency, full_name=f"Extra person {n}")

    add(0, 2)
    two = queries()
    add(2, 20)
    assert queries() == two
