"""Shared set-up for the import and export tests: the demo partnership with two recorded reviews, and
spreadsheets built in the test (CSV text and XLSX through openpyxl). No tests here."""

from __future__ import annotations

import csv
import io
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from casereview.accounts.models import User
from casereview.learning import import_services as services
from casereview.learning.models import Recommendation, Review
from casereview.partnerships.demo import load_demo
from casereview.partnerships.models import Partnership
from tests.learning.similar_corpus import themes_for

TODAY = date(2026, 3, 2)
PLAN_HEADER = ["Review", "Rec no", "Recommendation", "Action", "Agency", "Lead", "Due date", "Status", "RAG"]
POLICE = "Northmoor Constabulary"


def setting() -> dict:
    """The demo partnership, its business manager, an LCSPR with recommendation 1 and a national review."""
    load_demo()
    partnership = Partnership.objects.get()
    lcspr = Review.objects.create(partnership=partnership, kind="lcspr", title="Practice review: Baby R (fictional)",
                                  reference="LCSPR-IMP-1", status="in_progress", decision_date=date(2025, 9, 1),
                                  year=2025)
    national = Review.objects.create(partnership=partnership, kind="national", status="completed", year=2024,
                                     title="Men who care (fictional national review)")
    rec = Recommendation.objects.create(partnership=partnership, review=lcspr, number=1,
                                        text="Apply the bruising protocol to every non-mobile baby.")
    return {"partnership": partnership, "admin": User.objects.get(username="business.manager"), "lcspr": lcspr,
            "national": national, "rec": rec, "themes": themes_for(partnership)}


def csv_upload(header, rows, *, name="plan.csv", delimiter=",", bom=False) -> SimpleUploadedFile:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    data = buffer.getvalue().encode("utf-8")
    return SimpleUploadedFile(name, (b"\xef\xbb\xbf" if bom else b"") + data, content_type="text/csv")


def xlsx_bytes(header, rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsx_upload(header, rows, *, name="plan.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, xlsx_bytes(header, rows), content_type="application/octet-stream")


def uploaded(s: dict, kind: str, upload):
    """Upload a file and keep the suggested columns."""
    run = services.import_run_create(actor=s["admin"], partnership=s["partnership"], kind=kind, upload=upload)
    return services.import_mapping_save(actor=s["admin"], run=run, columns=run.mapping["suggested"])


def rejected_by_row(run) -> dict[int, list[str]]:
    return {item["row"]: item["reasons"] for item in run.rejected}
