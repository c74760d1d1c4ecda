"""Reading uploaded spreadsheets: the type from the content, the size and row limits, CSV delimiters and BOMs,
row numbering, and the columns suggested from the headings; dates and statuses as people write them."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest

from casereview.learning.import_checks import parse_date, parse_status
from casereview.learning.import_selectors import suggest_mapping
from casereview.learning.spreadsheets import MAX_BYTES, MAX_ROWS, SpreadsheetError, read_upload
from tests.learning.test_import_support import PLAN_HEADER, csv_upload, xlsx_bytes


def _zip(names) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "x")
    return buffer.getvalue()


@pytest.mark.parametrize(("content", "message"), [
    (b"", "The file is empty"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "must be an Excel workbook (.xlsx) or a CSV file"),
    (_zip(["word/document.xml"]), "must be an Excel workbook (.xlsx) or a CSV file"),
    (_zip(["xl/workbook.xml"]), "The Excel file could not be read"),
    ("Caf\xe9;Year\nA;2020\n".encode("cp1252"), "must be saved as UTF-8"),
    (b"Title,Year\n", "column headings but no rows"),
    (b",,\nA,B,C\n", "Row 1 must hold the column headings"),
    (b"x" * (MAX_BYTES + 1), "5MB or smaller"),
    (("Title\n" + "row\n" * (MAX_ROWS + 1)).encode(), "more than 5,000 rows"),
])
def test_files_that_cannot_be_imported_say_why(content, message):
    """Each unreadable file is refused with a message for the person uploading it."""
    with pytest.raises(SpreadsheetError, match=message.replace("(", r"\(").replace(")", r"\)").replace(".", r"\.")):
        read_upload(content)


def test_rows_are_numbered_as_the_spreadsheet_numbers_them():
    """Headings are row 1; blank rows are skipped but keep their numbers; a cell on many lines is one row."""
    sheet = read_upload(b'Title,Note\nA,"two\nlines"\n,\nB,x\n')
    assert sheet.header == ["Title", "Note"]
    assert sheet.rows == [(2, ["A", "two lines"]), (4, ["B", "x"])]


def test_csv_delimiter_and_byte_order_mark_are_handled():
    """A semicolon-separated CSV with a UTF-8 byte order mark reads as its columns."""
    upload = csv_upload(["Titel", "Year"], [["Café review", "2020"]], delimiter=";", bom=True)
    sheet = read_upload(upload.read())
    assert sheet.header == ["Titel", "Year"] and sheet.rows == [(2, ["Café review", "2020"])]


def test_an_xlsx_reads_dates_numbers_and_blank_headings():
    """XLSX cells come back as text: dates as yyyy-mm-dd, whole numbers without .0, a formula as its saved result
    (none here: openpyxl saves no results), never as the formula; blank headings get names."""
    sheet = read_upload(xlsx_bytes(["Due", "", "Rec"], [[date(2026, 3, 31), "x", 2.0], [None, None, None],
                                                        ["=1+1", None, 3.5]]))
    assert sheet.header == ["Due", "Column B", "Rec"]
    assert sheet.rows == [(2, ["2026-03-31", "x", "2"]), (4, ["", "", "3.5"])]


@pytest.mark.parametrize(("header", "expected"), [
    (PLAN_HEADER, {"review": 0, "rec_number": 1, "rec_text": 2, "title": 3, "agency": 4, "lead": 5, "due_date": 6,
                   "status": 7, "rag": 8}),
    (["Action title", "Lead agency", "Action owner", "Target date", "RAG status", "Source review", "Rec number"],
     {"review": 5, "rec_number": 6, "rec_text": None, "title": 0, "agency": 1, "lead": 2, "due_date": 3,
      "status": None, "rag": 4}),
    (["Something else"], {k: None for k in ("review", "rec_number", "rec_text", "title", "agency", "lead",
                                            "due_date", "status", "rag")}),
])
def test_columns_are_suggested_from_their_headings(header, expected):
    """Exact headings win; otherwise a heading containing a field's words; each column once."""
    assert suggest_mapping("actions", header) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("31/03/2026", date(2026, 3, 31)),
    ("1/4/2026", date(2026, 4, 1)),
    ("01.04.2026", date(2026, 4, 1)),
    ("2026-04-01", date(2026, 4, 1)),
    ("46203", date(2026, 6, 30)),
    ("31/02/2026", None),
    ("04/01/26", None),
    ("next spring", None),
    ("12", None),
    ("", None),
])
def test_dates_are_read_as_written_in_the_uk(text, expected):
    """dd/mm/yyyy, yyyy-mm-dd and Excel day numbers are dates; anything else is not."""
    assert parse_date(text) == expected


@pytest.mark.parametrize(("text", "status", "noted"), [
    ("", "not_started", False),
    ("Not started", "not_started", False),
    ("ON TRACK", "on_track", False),
    ("in-progress", "on_track", False),
    ("At risk", "at_risk", False),
    ("Complete", "complete", False),
    ("Closed", "closed", False),
    ("Overdue", "at_risk", True),
    ("Pending", None, False),
])
def test_statuses_are_read_from_common_words(text, status, noted):
    """Common words map to the action statuses; "Overdue" is never stored and is noted."""
    assert parse_status(text)[0] == status
    assert bool(parse_status(text)[1]) is noted
