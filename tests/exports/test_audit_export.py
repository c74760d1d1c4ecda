"""The audit trail and a record's history download as CSV and XLSX with their old columns, for the business team."""

from __future__ import annotations

import json

import pytest

from casereview.accounts.models import User
from casereview.audit.models import AuditEvent
from casereview.partnerships import services
from casereview.partnerships.demo import load_demo
from casereview.partnerships.models import Agency, Person
from tests.conftest import PartnershipFactory, sign_in, user_with_role
from tests.exports.helpers import csv_rows, download_queries, last_export, xlsx_rows

pytestmark = pytest.mark.django_db
URL = "/audit/"
COLUMNS = ["seq", "occurred_at", "actor_label", "verb", "target_type", "target_id", "target_label", "changes",
           "ip_address", "hash"]


@pytest.fixture
def manager(db) -> User:
    load_demo()
    return User.objects.get(username="business.manager")


def _page_seqs(client, params=None) -> list[int]:
    response = client.get(URL, params or {})
    assert response.status_code == 200
    return [event.seq for event in response.context["page"].paginator.object_list]


def test_trail_csv_and_xlsx_keep_the_columns_and_every_event(client, manager):
    """Both formats have the old CSV's columns and every event the page pages through, newest first."""
    sign_in(client, manager)
    expected = _page_seqs(client)
    assert len(expected) > 50  # more than one page: the download has them all
    rows = csv_rows(client.get(URL, {"format": "csv"}))
    assert rows[0] == COLUMNS
    assert [int(r[0]) for r in rows[1:]] == expected
    newest = AuditEvent.objects.get(seq=expected[0])
    assert rows[1][2:7] == [newest.actor_label, newest.verb, newest.target_type, newest.target_id,
                            newest.target_label]
    assert json.loads(rows[1][7]) == newest.changes and rows[1][9] == newest.hash
    assert last_export(manager) == f"Audit trail (CSV): {len(expected)} rows"
    expected = _page_seqs(client)  # the CSV download is now an event of the trail too
    sheet = xlsx_rows(client.get(URL, {"format": "xlsx"}))
    assert sheet[0] == COLUMNS and [r[0] for r in sheet[1:]] == expected
    assert last_export(manager) == f"Audit trail (XLSX): {len(expected)} rows"


def test_trail_download_keeps_the_verb_and_actor_filters(client, manager):
    """?verb= and ?actor= narrow the download as they narrow the page, and the page's links keep them."""
    sign_in(client, manager)
    params = {"verb": "created", "actor": "sysadmin"}
    expected = _page_seqs(client, params)
    rows = csv_rows(client.get(URL, {**params, "format": "csv"}))
    assert [int(r[0]) for r in rows[1:]] == expected and expected
    assert {(r[2], r[3]) for r in rows[1:]} == {("sysadmin", "created")}
    page = client.get(URL, params).content.decode()
    assert '?verb=created&amp;actor=sysadmin&amp;format=xlsx"' in page


@pytest.mark.parametrize("username", ["chair", "member", "contributor", "scrutineer"])
def test_others_get_the_pages_404_for_the_downloads(client, manager, username):
    """Only the business team reads the audit trail; everyone else gets 404 for the page and both downloads."""
    user = User.objects.get(username=username)
    sign_in(client, user)
    person = Person.objects.get(user=manager)
    history = f"/audit/partnerships.person/{person.pk}/"
    for url in (URL, history):
        assert client.get(url).status_code == 404
        for fmt in ("csv", "xlsx"):
            assert client.get(url, {"format": fmt}).status_code == 404
    assert not AuditEvent.objects.filter(actor_id=user.pk, verb="exported").exists()


def test_another_partnerships_events_are_not_downloaded(client, manager):
    """Tenant isolation: events of another partnership are in neither file."""
    elsewhere = PartnershipFactory(name="Elsewhere Safeguarding Children Partnership")
    services.agency_create(actor=user_with_role(elsewhere, "business_team"), partnership=elsewhere,
                           name="Elsewhere Police", kind="police")
    sign_in(client, manager)
    for fmt, read in (("csv", csv_rows), ("xlsx", xlsx_rows)):
        assert "Elsewhere" not in str(read(client.get(URL, {"format": fmt})))


def test_a_records_history_downloads_in_both_formats(client, manager):
    """A record's history downloads oldest first with the same columns, named after the record, audited."""
    sign_in(client, manager)
    agency = Agency.objects.get(name="Northmoor Constabulary")
    services.agency_update(actor=manager, agency=agency, name="Northmoor Police", kind=agency.kind)
    url = f"/audit/partnerships.agency/{agency.pk}/"
    page = client.get(url)
    expected = [event.seq for event in page.context["events"]]
    assert len(expected) == 2 and 'href="?format=csv"' in page.content.decode()
    rows = csv_rows(client.get(url, {"format": "csv"}))
    assert rows[0] == COLUMNS and [int(r[0]) for r in rows[1:]] == expected
    assert [r[3] for r in rows[1:]] == ["created", "updated"]
    assert last_export(manager) == "History of Northmoor Police (CSV): 2 rows"
    sheet = xlsx_rows(client.get(url, {"format": "xlsx"}))
    assert [r[0] for r in sheet[1:]] == expected
    response = client.get(url, {"format": "xlsx"})
    assert f'filename="history-partnerships.agency-{agency.pk}-' in response["Content-Disposition"]


def test_the_trail_download_does_not_query_per_row(client, manager):
    """Two more events or twenty: the export costs the same number of queries."""
    sign_in(client, manager)
    agency = Agency.objects.get(name="Northmoor Constabulary")

    def queries() -> int:
        return download_queries(client, URL)

    def rename(start, stop):
        for n in range(start, stop):
            services.agency_update(actor=manager, agency=agency, name=f"Northmoor Police {n}", kind=agency.kind)

    rename(0, 2)
    two = queries()
    rename(2, 20)
    assert queries() == two
