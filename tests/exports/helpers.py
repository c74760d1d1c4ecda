"""Reading a downloaded list back: CSV (UTF-8 with a byte-order mark) and XLSX, as lists of rows of text."""

from __future__ import annotations

import csv
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from casereview.audit.models import AuditEvent


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content if response.streaming else [response.content]).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def xlsx_rows(response) -> list[list]:
    assert response.status_code == 200, response.status_code
    assert "spreadsheetml" in response["Content-Type"]
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).worksheets[0]
    return [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]


def last_export(user) -> str:
    """What the user's latest audited export says it was, e.g. "Actions (CSV): 3 rows"."""
    event = AuditEvent.objects.filter(actor_id=user.pk, verb="exported").order_by("-seq").first()
    assert event is not None, "the export was not audited"
    return event.changes["exported"][1]


def download_queries(client, url: str) -> int:
    """How many SQL queries one CSV download of the list at `url` makes."""
    with CaptureQueriesContext(connection) as captured:
        csv_rows(client.get(url, {"format": "csv"}))
    return len(captured)
