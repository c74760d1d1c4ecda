"""The notification list downloads as CSV and XLSX: the page's rows, for those who read case material, audited."""

from __future__ import annotations

from datetime import date

import pytest

from casereview.accounts.models import User
from casereview.audit.models import AuditEvent
from casereview.domain.presets import load_preset
from casereview.incidents.services import notification_record
from casereview.partnerships.models import GroupKind
from casereview.partnerships.terms_services import terms_version_create
from tests.conftest import GroupFactory, PartnershipFactory, sign_in, user_with_role
from tests.exports.helpers import csv_rows, download_queries, last_export, xlsx_rows
from tests.reviews.conftest import child, demo, notification_data, record  # noqa: F401  (demo is a fixture)

pytestmark = pytest.mark.django_db
URL = "/notifications/"
SECRET_REFERENCE = "SIN-ELSEWHERE-9"


def elsewhere_notification(reference: str = SECRET_REFERENCE):
    """A notification, with its rapid review, recorded by another partnership's business team."""
    partnership = PartnershipFactory(name="Elsewhere Safeguarding Children Partnership")
    admin = user_with_role(partnership, "business_team")
    group = GroupFactory(partnership=partnership, name="Elsewhere Rapid Review Group",
                         kind=GroupKind.RAPID_REVIEW_GROUP)
    document = {**load_preset("kent-rapid-review-group"), "partnership_name": partnership.name,
                "group_name": group.name}
    terms_version_create(actor=admin, group=group, document=document, effective_from=date(2020, 5, 1),
                         change_note="Adopted.")
    return notification_record(actor=admin, group=group, notification=notification_data(reference=reference),
                               children=[child()])


def _page_references(client, params=None) -> list[str]:
    response = client.get(URL, params or {})
    assert response.status_code == 200
    return [n.reference for n in response.context["page"].object_list]


def test_csv_and_xlsx_have_the_pages_rows_and_are_audited(client, demo):  # noqa: F811
    """Both formats list every notification the page lists, with its dates and review, and each is audited."""
    for n in range(3):
        record(demo, reference=f"SIN-2025-04{n}", received_date=date(2025, 12, 20 + n))
    sign_in(client, demo["admin"])
    expected = _page_references(client)
    rows = csv_rows(client.get(URL, {"format": "csv"}))
    assert rows[0][:5] == ["Reference", "Received", "What happened", "Children", "Rapid review status"]
    assert [r[0] for r in rows[1:]] == expected
    assert rows[1][1:4] == ["2025-12-22", "Serious harm", "1"]
    assert last_export(demo["admin"]) == "Serious incident notifications (CSV): 3 rows"
    sheet = xlsx_rows(client.get(URL, {"format": "xlsx"}))
    assert [r[0] for r in sheet[1:]] == expected
    assert sheet[1][1].date() == date(2025, 12, 22)
    assert last_export(demo["admin"]) == "Serious incident notifications (XLSX): 3 rows"


@pytest.mark.parametrize("username", ["chair", "member", "scrutineer"])
def test_readers_download_what_they_see(client, demo, username):  # noqa: F811
    """Every role that may read the list downloads the same rows as its page, never a child's details."""
    record(demo)
    sign_in(client, User.objects.get(username=username))
    expected = _page_references(client)
    rows = csv_rows(client.get(URL, {"format": "csv"}))
    assert [r[0] for r in rows[1:]] == expected == ["SIN-2025-041"]
    assert "Child A" not in str(rows) and "White British" not in str(rows)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_contributor_is_refused_the_download_as_the_page(client, demo, fmt):  # noqa: F811
    """An agency contributor gets the page's 403 for the download too, and nothing is audited as exported."""
    record(demo)
    contributor = User.objects.get(username="contributor")
    sign_in(client, contributor)
    assert client.get(URL).status_code == 403
    assert client.get(URL, {"format": fmt}).status_code == 403
    assert not AuditEvent.objects.filter(actor_id=contributor.pk, verb="exported").exists()


def test_another_partnerships_notification_is_not_downloaded(client, demo):  # noqa: F811
    """Tenant isolation: the download holds only the user's own partnership's notifications."""
    record(demo)
    elsewhere_notification()
    sign_in(client, demo["admin"])
    for fmt, read in (("csv", csv_rows), ("xlsx", xlsx_rows)):
        rows = read(client.get(URL, {"format": fmt}))
        assert [r[0] for r in rows[1:]] == ["SIN-2025-041"]
        assert SECRET_REFERENCE not in str(rows)


def test_the_download_does_not_query_per_row(client, demo):  # noqa: F811
    """Two notifications or twenty: the export costs the same number of queries."""
    sign_in(client, demo["admin"])

    def queries() -> int:
        return download_queries(client, URL)

    for n in range(2):
        record(demo, reference=f"SIN-Q-{n}")
    two = queries()
    for n in range(2, 20):
        record(demo, reference=f"SIN-Q-{n}")
    assert queries() == two


def test_the_list_offers_both_formats(client, demo):  # noqa: F811
    """The page links to the CSV and XLSX downloads."""
    record(demo)
    sign_in(client, demo["admin"])
    page = client.get(URL).content.decode()
    assert 'href="?format=csv"' in page and 'href="?format=xlsx"' in page
