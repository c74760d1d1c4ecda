"""The action tracker downloads as CSV and XLSX: the rows the user may see, with the page's filters, audited."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from casereview.accounts.models import User
from casereview.web.exports import csv_text
from tests.actions.governance_helpers import gov  # noqa: F401  (a fixture)
from tests.actions.test_tracker import actions  # noqa: F401  (a fixture)
from tests.conftest import sign_in
from tests.exports.helpers import csv_rows, last_export, xlsx_rows


def test_csv_has_every_visible_action_and_is_audited(client, gov, actions):  # noqa: F811
    sign_in(client, gov["admin"])
    rows = csv_rows(client.get(reverse("actions:list"), {"format": "csv"}))
    assert rows[0][:2] == ["Reference", "Action"]
    assert sorted(r[1] for r in rows[1:]) == sorted(a.title for a in actions.values())
    assert last_export(gov["admin"]) == f"Actions (CSV): {len(actions)} rows"


def test_xlsx_keeps_the_filters_and_dates(client, gov, actions):  # noqa: F811
    sign_in(client, gov["admin"])
    agency = actions["soon"].agency_id
    rows = xlsx_rows(client.get(reverse("actions:list"), {"format": "xlsx", "agency": agency}))
    expected = {a.title: a.due_date for a in actions.values() if a.agency_id == agency}
    assert {r[1]: r[4].date() for r in rows[1:]} == expected
    assert last_export(gov["admin"]) == f"Actions (XLSX): {len(expected)} row{'s' if len(expected) != 1 else ''}"


def test_contributor_downloads_only_their_agencys_actions(client, gov, actions):  # noqa: F811
    contributor = User.objects.get(username="contributor")
    sign_in(client, contributor)
    rows = csv_rows(client.get(reverse("actions:list"), {"format": "csv"}))
    assert sorted(r[1] for r in rows[1:]) == ["Closed", "Overdue new", "Soon"]


def test_the_list_offers_both_formats_with_its_filters(client, gov, actions):  # noqa: F811
    sign_in(client, gov["admin"])
    page = client.get(reverse("actions:list"), {"status": "at_risk", "page": "1"}).content.decode()
    assert '?status=at_risk&amp;format=csv"' in page and '?status=at_risk&amp;format=xlsx"' in page


def test_formulas_in_text_are_neutralised():
    assert [csv_text(v) for v in ["=SUM(A1)", "+1", "-x", "@me", "plain", date(2026, 3, 2), True, None]] == [
        "'=SUM(A1)", "'+1", "'-x", "'@me", "plain", "2026-03-02", "yes", ""]
