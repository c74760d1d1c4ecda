"""Spreadsheets in and out: read the first sheet of an XLSX (openpyxl, read-only, cached values) or a CSV
(UTF-8, delimiter sniffed) into text cells numbered as the spreadsheet numbers its rows; write XLSX.

The type is read from the content, never trusted from the name (casereview.reviews.uploads.detect_type)."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import filetype
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from casereview.reviews.uploads import TEXT, XLSX, detect_type

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
MAX_COLUMNS = 60
XLSX_CONTENT_TYPE = XLSX
DATE_FORMAT = "dd/mm/yyyy"
# Excel counts days from 30 December 1899 (its 1900 leap-year bug makes this the working epoch).
EXCEL_EPOCH = date(1899, 12, 30)


class SpreadsheetError(ValueError):
    """The file cannot be read as a spreadsheet we accept; the message says why, for the person uploading."""


@dataclass(frozen=True)
class Sheet:
    """Column headings (row 1) and the non-blank rows below, each as (spreadsheet row number, cells as text)."""

    header: list[str]
    rows: list[tuple[int, list[str]]]


def cell_text(value) -> str:
    """A cell as text: dates as yyyy-mm-dd, whole numbers without ".0", everything else trimmed."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def excel_serial_date(number: float) -> date | None:
    """The date an Excel day number stands for (1 is 1 January 1900), or None outside 1955-2099."""
    if not 20000 <= number <= 73050:
        return None
    return EXCEL_EPOCH + timedelta(days=int(number))


def read_upload(content: bytes) -> Sheet:
    """Read an uploaded file's first sheet, or raise SpreadsheetError saying what is wrong with it."""
    if len(content) > MAX_BYTES:
        raise SpreadsheetError(f"The file must be {MAX_BYTES // (1024 * 1024)}MB or smaller")
    if not content:
        raise SpreadsheetError("The file is empty")
    kind = detect_type(content)
    if kind == XLSX:
        return _read_xlsx(content)
    if kind == TEXT:
        return _read_csv(content)
    if kind is None and b"\x00" not in content and filetype.guess(content) is None:
        raise SpreadsheetError("The CSV file must be saved as UTF-8: in Excel choose Save As, then CSV UTF-8")
    raise SpreadsheetError("The file must be an Excel workbook (.xlsx) or a CSV file")


UNREADABLE_XLSX = "The Excel file could not be read: save it again as .xlsx and retry"
XLSX_ERRORS = (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError)


def _read_xlsx(content: bytes) -> Sheet:
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except XLSX_ERRORS as exc:
        raise SpreadsheetError(UNREADABLE_XLSX) from exc
    try:
        if not book.worksheets:
            raise SpreadsheetError("The Excel file has no sheets")
        return _collect(book.worksheets[0].iter_rows(values_only=True))
    except SpreadsheetError:
        raise
    except XLSX_ERRORS as exc:
        raise SpreadsheetError(UNREADABLE_XLSX) from exc
    finally:
        book.close()


def _read_csv(content: bytes) -> Sheet:
    text = content.decode("utf-8-sig")
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    try:
        return _collect(csv.reader(io.StringIO(text, newline=""), dialect))
    except csv.Error as exc:
        raise SpreadsheetError(f"The CSV file could not be read: {exc}") from exc


def _collect(rows: Iterable[Sequence]) -> Sheet:
    header: list[str] | None = None
    data: list[tuple[int, list[str]]] = []
    for number, values in enumerate(rows, start=1):
        cells = [cell_text(v) for v in values]
        if header is None:
            header = _header(cells)
            continue
        cells = (cells + [""] * len(header))[:len(header)]
        if any(cells):
            if len(data) == MAX_ROWS:
                raise SpreadsheetError(f"The file has more than {MAX_ROWS:,} rows: split it into smaller files")
            data.append((number, cells))
    if header is None:
        raise SpreadsheetError("The file is empty")
    if not data:
        raise SpreadsheetError("The file has column headings but no rows below them")
    return Sheet(header, data)


def _header(cells: list[str]) -> list[str]:
    while cells and not cells[-1]:
        cells.pop()
    if not cells:
        raise SpreadsheetError("Row 1 must hold the column headings")
    if len(cells) > MAX_COLUMNS:
        raise SpreadsheetError(f"The file has more than {MAX_COLUMNS} columns")
    return [c or f"Column {get_column_letter(i)}" for i, c in enumerate(cells, start=1)]


@dataclass(frozen=True)
class SheetData:
    """One sheet to write: its name, its column headings and its rows (text, numbers, dates or None)."""

    title: str
    header: Sequence[str]
    rows: Iterable[Sequence]
    widths: Sequence[int] = ()


def workbook_bytes(sheets: Sequence[SheetData]) -> bytes:
    """An XLSX of the sheets: bold headings, frozen top row, dates as dd/mm/yyyy, no text run as a formula."""
    book = Workbook()
    book.remove(book.active)
    for data in sheets:
        sheet = book.create_sheet(title=data.title[:31])
        sheet.append(list(data.header))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in data.rows:
            sheet.append([_out(v) for v in row])
            for cell in sheet[sheet.max_row]:
                _as_text_or_date(cell)
        sheet.freeze_panes = "A2"
        for index, width in enumerate(data.widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _out(value):
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    return value


def _as_text_or_date(cell) -> None:
    # A cell of text starting "=" would be stored as a formula; text from users must stay text.
    if cell.data_type == "f":
        cell.data_type = "s"
    elif isinstance(cell.value, date):
        cell.number_format = DATE_FORMAT
