"""The outbox downloads as CSV and XLSX: the delivery state the page shows (never bodies), for the business team."""

from __future__ import annotations

import pytest
from django.utils import timezone

from casereview.audit.models import AuditEvent
from casereview.outbox.models import OutboxMessage, Status
from casereview.outbox.services import outbox_queue
from tests.conftest import AgencyFactory, PartnershipFactory, sign_in, user_with_role
from tests.exports.helpers import csv_rows, download_queries, last_export, xlsx_rows

pytestmark = pytest.mark.django_db
URL = "/outbox/"
SECRET_BODY = "Body text that no download may hold"
HEADER = ["Subject", "To", "Status", "Attempts", "Last error", "Queued at", "Sent at", "Next attempt at",
          "Message id"]


def _message(partnership, n=1, status=Status.QUEUED, **fields) -> OutboxMessage:
    message, _ = outbox_queue(to=f"person{n}@example.test", subject=f"Agenda and papers {n}", body=SECRET_BODY,
                              key=f"export:{partnership.pk}:{n}", partnership=partnership)
    OutboxMessage.objects.filter(pk=message.pk).update(status=status, **fields)
    return OutboxMessage.objects.get(pk=message.pk)


@pytest.fixture
def messages(partnership):
    """A sent message (with an error from an earlier attempt), a failed one and one given up on."""
    _message(partnership, 1, Status.SENT, attempts=1, sent_at=timezone.now(), last_error="An old timeout")
    _message(partnership, 2, Status.FAILED, attempts=3, last_error="ConnectionRefusedError: [Errno 111]")
    _message(partnership, 3, Status.GAVE_UP, attempts=10)


def _page_subjects(client, params=None) -> list[str]:
    response = client.get(URL, params or {})
    assert response.status_code == 200
    return [m.subject for m in response.context["page"].object_list]


def test_csv_and_xlsx_have_the_pages_rows_not_bodies_and_are_audited(business_client, business_user, messages):
    """Every message the page lists, with its state; never a body; an error only until the message is sent."""
    expected = _page_subjects(business_client)
    rows = csv_rows(business_client.get(URL, {"format": "csv"}))
    assert rows[0] == HEADER
    assert [r[0] for r in rows[1:]] == expected
    by_subject = {r[0]: r for r in rows[1:]}
    assert by_subject["Agenda and papers 2"][1:5] == ["person2@example.test", "Failed, will retry", "3",
                                                      "ConnectionRefusedError: [Errno 111]"]
    assert by_subject["Agenda and papers 1"][4] == ""  # the page hides a sent message's old error too
    assert SECRET_BODY not in str(rows)
    assert last_export(business_user) == "Outbox (CSV): 3 rows"
    sheet = xlsx_rows(business_client.get(URL, {"format": "xlsx"}))
    assert [r[0] for r in sheet[1:]] == expected and SECRET_BODY not in str(sheet)
    assert last_export(business_user) == "Outbox (XLSX): 3 rows"


def test_the_download_keeps_the_status_filter(business_client, messages):
    """?status= narrows the download as it narrows the page, and the page's links keep it."""
    expected = _page_subjects(business_client, {"status": "gave_up"})
    rows = csv_rows(business_client.get(URL, {"status": "gave_up", "format": "csv"}))
    assert [r[0] for r in rows[1:]] == expected == ["Agenda and papers 3"]
    page = business_client.get(URL, {"status": "gave_up"}).content.decode()
    assert '?status=gave_up&amp;format=csv"' in page and '?status=gave_up&amp;format=xlsx"' in page


@pytest.mark.parametrize("role", ["chair", "member", "scrutineer", "agency_contributor"])
def test_other_roles_get_the_pages_404_for_the_downloads(client, partnership, messages, role):
    """The outbox is the business team's: other roles get 404 for the page and both downloads alike."""
    agency = AgencyFactory(partnership=partnership) if role == "agency_contributor" else None
    user = user_with_role(partnership, role, agency=agency)
    sign_in(client, user)
    assert client.get(URL).status_code == 404
    for fmt in ("csv", "xlsx"):
        assert client.get(URL, {"format": fmt}).status_code == 404
    assert not AuditEvent.objects.filter(actor_id=user.pk, verb="exported").exists()


def test_another_partnerships_messages_are_not_downloaded(business_client, messages):
    """Tenant isolation: another partnership's messages are in neither file."""
    _message(PartnershipFactory(), 9, Status.GAVE_UP)
    for fmt, read in (("csv", csv_rows), ("xlsx", xlsx_rows)):
        rows = read(business_client.get(URL, {"format": fmt}))
        assert len(rows) == 4 and "Agenda and papers 9" not in str(rows)


def test_the_download_does_not_query_per_row(business_client, partnership):
    """Two messages or twenty: the export costs the same number of queries."""
    def queries() -> int:
        return download_queries(business_client, URL)

    for n in range(2):
        _message(partnership, n)
    queries()  # the first audit event of a test creates the chain head: not a cost of the list
    two = queries()
    for n in range(2, 20):
        _message(partnership, n)
    assert queries() == two
