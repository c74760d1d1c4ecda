"""Reading an uploaded report into text, and rebuilding the redacted report as a Word document or plain text.

The text is the document's segments joined by line breaks: for plain text each line, for Word each paragraph
of the body, of every table cell, and of the headers and footers, in reading order. `structure` records where
each segment sits, so the redacted segments rebuild the document. The rebuilt Word document is new: it keeps
headings, list styles and tables but carries none of the original's comments, tracked changes, hidden text
or properties (author, title), which may themselves identify someone."""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph

from casereview.reviews.uploads import DOCX, MAX_BYTES, TEXT, CheckedUpload, detect_type, display_name

MAX_CHARS = 1_000_000


@dataclass(frozen=True)
class Extracted:
    text: str
    structure: dict


class _Builder:
    """Collects segments and their places while a document is read."""

    def __init__(self):
        self.segments: list[str] = []

    def add(self, text: str) -> int:
        self.segments.append(text.replace("\r\n", "\n").replace("\r", "\n"))
        return len(self.segments) - 1

    def finish(self, **structure) -> Extracted:
        text = "\n".join(self.segments)
        bounds, cursor = [], 0
        for segment in self.segments:
            bounds.append([cursor, cursor + len(segment)])
            cursor += len(segment) + 1
        if len(text) > MAX_CHARS:
            raise ValidationError({"document": f"The document is too long to check here (more than "
                                               f"{MAX_CHARS:,} characters): split it into parts"})
        if not text.strip():
            raise ValidationError({"document": "The document has no text to check"})
        return Extracted(text, {**structure, "bounds": bounds})


def check_upload(document) -> CheckedUpload:
    """The uploaded report, if it is a Word document or plain text by its content (whatever its name says)."""
    if not document:
        raise ValidationError({"document": "Choose the report to upload"})
    name = display_name(document.name)
    if document.size > MAX_BYTES:
        raise ValidationError({"document": f"{name} must be 10MB or smaller"})
    content = b"".join(document.chunks())
    if not content:
        raise ValidationError({"document": f"{name} is empty"})
    content_type = detect_type(content)
    if content_type not in (DOCX, TEXT):
        raise ValidationError({"document": f"{name} must be a Word document (.docx) or a plain text file"})
    return CheckedUpload(name, content, content_type, hashlib.sha256(content).hexdigest())


def extract(upload: CheckedUpload) -> Extracted:
    """The text and structure of a checked upload; a type other than Word or plain text is refused."""
    if upload.content_type == TEXT:
        builder = _Builder()
        text = upload.content.decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        for line in text.split("\n"):
            builder.add(line)
        return builder.finish(format="text")
    if upload.content_type == DOCX:
        return _extract_docx(upload.content)
    raise ValidationError({"document": f"{upload.name} must be a Word document (.docx) or a plain text file"})


def _extract_docx(content: bytes) -> Extracted:
    try:
        document = Document(io.BytesIO(content))
    except (PackageNotFoundError, KeyError, ValueError, SyntaxError, zipfile.BadZipFile, OSError) as exc:
        raise ValidationError({"document": "The Word document could not be read: save it again as .docx"}) from exc
    builder = _Builder()
    blocks = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(child, document)
            blocks.append({"type": "p", "style": _style(paragraph), "segment": builder.add(paragraph.text)})
        elif tag == "tbl":
            blocks.append({"type": "table", "rows": _table_rows(Table(child, document), builder)})
    header, footer = _margins(document, builder, "header"), _margins(document, builder, "footer")
    return builder.finish(format="docx", blocks=blocks, header=header, footer=footer)


def _style(paragraph) -> str:
    try:
        return paragraph.style.name if paragraph.style is not None else ""
    except (KeyError, ValueError):
        return ""


def _table_rows(table, builder: _Builder) -> list:
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is listed once per column it spans
                continue
            seen.add(id(cell._tc))
            cells.append([builder.add(p.text) for p in cell.paragraphs])
        rows.append(cells)
    return rows


def _margins(document, builder: _Builder, which: str) -> list[int]:
    """The paragraphs of the first section's header or footer that have text."""
    if not document.sections:
        return []
    part = getattr(document.sections[0], which)
    return [builder.add(p.text) for p in part.paragraphs if p.text.strip()]


def rebuild_docx(structure: dict, segments: list[str]) -> bytes:
    """A new Word document from the structure, with each segment's (redacted) text."""
    document = Document()
    styles = {style.name for style in document.styles}
    for block in structure.get("blocks", []):
        if block["type"] == "p":
            style = block.get("style") if block.get("style") in styles else None
            document.add_paragraph(segments[block["segment"]], style=style)
        else:
            _add_table(document, block["rows"], segments)
    section = document.sections[0]
    for which, indexes in (("header", structure.get("header", [])), ("footer", structure.get("footer", []))):
        part = getattr(section, which)
        for number, index in enumerate(indexes):
            paragraph = part.paragraphs[0] if number == 0 and part.paragraphs else part.add_paragraph()
            paragraph.text = segments[index]
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _add_table(document, rows: list, segments: list[str]) -> None:
    width = max((len(cells) for cells in rows), default=0)
    if not rows or not width:
        return
    table = document.add_table(rows=len(rows), cols=width)
    if "Table Grid" in {style.name for style in document.styles}:
        table.style = "Table Grid"
    for row, cells in zip(table.rows, rows, strict=True):
        for cell, indexes in zip(row.cells, cells, strict=False):
            cell.text = segments[indexes[0]] if indexes else ""
            for index in indexes[1:]:
                cell.add_paragraph(segments[index])


def rebuild_text(segments: list[str]) -> bytes:
    return "\n".join(segments).encode("utf-8")
