"""The partnership's closures and openings download as CSV and XLSX: the page's rows, for its members, audited."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from casereview.accounts.models import User
from casereview.partnerships.calendar_services import calendar_day_add
from casereview.partnerships.demo import USERS, load_demo
from casereview.partnerships.models import Partnership
from tests.conftest import PartnershipFactory, sign_in, user_with_role
from tests.exports.helpers import csv_rows, download_queries, last_export, xlsx_rows

pytestmark = pytest.mark.django_db
URL = "/calendar/closures/"


@pytest.fixture
def days(db):
    """The demo partnership closed on two weekdays and open on one Saturday."""
    load_demo()
    admin = User.objects.get(username="business.manager")
    partnership = Partnership.objects.get()
    for day, kind, reason in ((date(2026, 3, 3), "closed", "Office move"), (date(2026, 3, 2), "closed", "Training"),
                              (date(2026, 3, 7), "open", "=Catch-up day")):
        calendar_day_add(actor=admin, partnership=partnership, date=day, kind=kind, reason=reason)
    return partnership


@pytest.mark.parametrize("username", [u[0] for u in USERS])
def test_every_member_downloads_the_pages_rows(client, days, username):
    """Whoever may see the page downloads its rows, by date, in both formats, each download audited."""
    user = User.objects.get(username=username)
    sign_in(client, user)
    expected = [day.date for day in client.get(URL).context["days"]]
    rows = csv_rows(client.get(URL, {"format": "csv"}))
    assert rows[0] == ["Date", "Closed or open", "Reason", "Added by", "Added on"]
    assert [r[0] for r in rows[1:]] == [d.isoformat() for d in expected] == ["2026-03-02", "2026-03-03", "2026-03-07"]
    assert rows[3][1:4] == ["Open", "'=Catch-up day", "business.manager"]
    assert last_export(user) == "Closures and openings (CSV): 3 rows"
    sheet = xlsx_rows(client.get(URL, {"format": "xlsx"}))
    assert [r[0].date() for r in sheet[1:]] == expected
    assert sheet[3][2] == "=Catch-up day"  # kept as text, never run as a formula
    assert last_export(user) == "Closures and openings (XLSX): 3 rows"


def test_another_partnerships_closures_are_not_downloaded(client, days):
    """Tenant isolation: another partnership's closure is in neither file, and its own users see only theirs."""
    elsewhere = PartnershipFactory(name="Elsewhere Safeguarding Children Partnership")
    their_admin = user_with_role(elsewhere, "business_team")
    calendar_day_add(actor=their_admin, partnership=elsewhere, date=date(2026, 3, 4), kind="closed",
                     reason="Elsewhere staff day")
    sign_in(client, User.objects.get(username="business.manager"))
    for fmt, read in (("csv", csv_rows), ("xlsx", xlsx_rows)):
        rows = read(client.get(URL, {"format": fmt}))
        assert len(rows) == 4 and "Elsewhere" not in str(rows)
    sign_in(client, their_admin)
    assert [r[2] for r in csv_rows(client.get(URL, {"format": "csv"}))[1:]] == ["Elsewhere staff day"]


def test_someone_without_a_partnership_gets_the_pages_404(client, days):
    """No partnership, no page and no download: the same 404 for both."""
    sign_in(client, User.objects.create_user(username="nobody", password="not-used-here-1"))
    assert client.get(URL).status_code == 404
    assert client.get(URL, {"format": "xlsx"}).status_code == 404


def test_the_download_does_not_query_per_row(client, days):
    """Three entries or twenty: the export costs the same number of queries."""
    sign_in(client, User.objects.get(username="business.manager"))

    def queries() -> int:
        return download_queries(client, URL)

    three = queries()
    admin = User.objects.get(username="business.manager")
    for n in range(17):  # Tuesdays from 7 April 2026: none is a bank holiday
        calendar_day_add(actor=admin, partnership=days, date=date(2026, 4, 7) + timedelta(weeks=n), kind="closed",
                         reason=f"Tuesday {n}")
    assert queries() == three
