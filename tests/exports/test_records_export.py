"""The records management lists download as CSV and XLSX for the business team: records due for review, legal
holds, and the deletion log; audited; everyone else gets the page's 404."""

from __future__ import annotations

from django.urls import reverse

from casereview.domain.retention import RecordType
from casereview.records.deletion_services import record_delete
from casereview.records.hold_services import legal_hold_item_add, legal_hold_place
from tests.conftest import sign_in
from tests.exports.helpers import csv_rows, last_export, xlsx_rows
from tests.records.helpers import notification_with_attachment, rec  # noqa: F401  (a fixture)


def test_records_due_for_review_download_with_their_holds(client, rec, django_capture_on_commit_callbacks):  # noqa: F811
    old, _ = notification_with_attachment(rec["admin"])
    held, _ = notification_with_attachment(rec["admin"], reference="SIN-REC-HELD")
    hold = legal_hold_place(actor=rec["admin"], partnership=rec["partnership"], kind="inquiry",
                            description="Fictional inquiry INQ-1")
    legal_hold_item_add(actor=rec["admin"], hold=hold, record_type="notification", reference="sin-rec-held")
    sign_in(client, rec["admin"])
    rows = csv_rows(client.get(reverse("records:due"), {"format": "csv"}))
    by_number = {int(r[2]): r for r in rows[1:] if r[0] == "Notification and rapid review"}
    assert by_number[old.pk][7] == "yes" and by_number[held.pk][7] == "no"
    assert "Fictional inquiry INQ-1" in by_number[held.pk][6]
    assert last_export(rec["admin"]) == f"Records due for review (CSV): {len(rows) - 1} rows"
    assert 'format=xlsx"' in client.get(reverse("records:due")).content.decode()


def test_holds_and_the_deletion_log_download(client, rec, django_capture_on_commit_callbacks):  # noqa: F811
    notification, _ = notification_with_attachment(rec["admin"])
    legal_hold_place(actor=rec["admin"], partnership=rec["partnership"], kind="litigation",
                     description="Civil claim, fictional reference CC-2")
    with django_capture_on_commit_callbacks(execute=True):
        record_delete(actor=rec["admin"], partnership=rec["partnership"], record_type=RecordType.NOTIFICATION,
                      object_id=notification.pk, reason="Review found no reason to keep it")
    sign_in(client, rec["admin"])
    holds = xlsx_rows(client.get(reverse("records:holds"), {"format": "xlsx"}))
    assert holds[0][0] == "Hold" and len(holds) == 2 and "CC-2" in holds[1][0] and holds[1][5] == "yes"
    log = csv_rows(client.get(reverse("records:log"), {"format": "csv"}))
    assert [r[3] for r in log[1:]] == [str(notification.pk)] and log[1][6] == "Review found no reason to keep it"
    assert "Child Q" not in str(log) and "Quentin" not in str(log)
    assert last_export(rec["admin"]) == "Deletion log (CSV): 1 row"


def test_only_the_business_team_downloads_them(client, rec):  # noqa: F811
    sign_in(client, rec["member"])
    for name in ("records:due", "records:holds", "records:log"):
        assert client.get(reverse(name), {"format": "csv"}).status_code == 404
