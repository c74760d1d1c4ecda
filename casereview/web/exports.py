"""Every list a user can see downloads as CSV or XLSX: the same rows as the page (same selector, same filters,
same access rules, every page rather than one), each download recorded in the audit trail.

A list view calls `export_requested(request)`; when it returns a format, the view hands its unpaginated rows and
its columns to `export_response`. The list template includes "web/_export_links.html" to offer both formats
with the current filters kept.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode

from casereview.audit.services import audit_record_export
from casereview.learning.spreadsheets import XLSX_CONTENT_TYPE, SheetData, workbook_bytes

FORMATS = ("csv", "xlsx")
MAX_ROWS = 200_000  # an export larger than this is refused with a message: narrow it with the filters


@dataclass(frozen=True)
class Column:
    """One column: its heading and how to read its value from a row (text, number, date, datetime, bool or None)."""

    heading: str
    value: Callable[[Any], Any]
    width: int = 20


@dataclass(frozen=True)
class Export:
    """What one list exports: a title for the audit trail and the file name, and its columns."""

    title: str
    stem: str
    columns: Sequence[Column] = field(default_factory=tuple)


def export_requested(request) -> str | None:
    """The format asked for with ?format=csv|xlsx, or None for the ordinary page."""
    fmt = request.GET.get("format", "")
    return fmt if fmt in FORMATS else None


def export_query(request) -> str:
    """The list's current query string without its page and format, for the download links."""
    return urlencode([(key, value) for key, values in request.GET.lists() if key not in ("page", "format")
                      for value in values if value])


def export_response(*, request, partnership, export: Export, rows: Iterable, fmt: str) -> HttpResponse:
    """The download of `rows` in `fmt`, audited as an export by the requesting user."""
    try:
        table = [[_cell(column.value(row)) for column in export.columns] for row in _bounded(rows)]
    except ExportTooLarge as error:
        return render(request, "web/export_too_large.html", {"message": str(error)}, status=400)
    stamp = timezone.localdate().isoformat()
    noun = "row" if len(table) == 1 else "rows"
    audit_record_export(actor=request.user, partnership=partnership,
                        what=f"{export.title} ({fmt.upper()}): {len(table)} {noun}")
    header = [column.heading for column in export.columns]
    if fmt == "xlsx":
        data = workbook_bytes([SheetData(title=export.title, header=header, rows=table,
                                         widths=[column.width for column in export.columns])])
        response = HttpResponse(data, content_type=XLSX_CONTENT_TYPE)
    else:
        response = HttpResponse(csv_bytes(header, table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{export.stem}-{stamp}.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """UTF-8 with a byte-order mark (so Excel reads the accents), dates as yyyy-mm-dd, formulas neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_text(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def csv_text(value) -> str:
    """A value as CSV text; text a spreadsheet would run as a formula is prefixed with an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if timezone.is_aware(value) \
            else value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _cell(value):
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None or isinstance(value, (int, float, date)):
        return value
    return str(value)


def _bounded(rows: Iterable) -> Iterable:
    for index, row in enumerate(rows):
        if index >= MAX_ROWS:
            raise ExportTooLarge(MAX_ROWS)
        yield row


class ExportTooLarge(ValueError):
    def __init__(self, limit: int):
        super().__init__(f"This list has more than {limit:,} rows, too many to download at once. "
                         "Narrow it with the filters, then download again.")
