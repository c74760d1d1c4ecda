"""Files attached to an agency's return: the type is read from the content, never trusted from the name.

Allowed: PDF, Word (.docx), Excel (.xlsx), PNG, JPEG and plain text (valid UTF-8 with no NUL bytes), up to
10MB each and 10 files per return. A file is only stored once every file and every field of the return passed.
"""

from __future__ import annotations

import hashlib
import io
import os
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from uuid import uuid4

import filetype
from django.core.files.base import ContentFile

from .models import Attachment

MAX_BYTES = 10 * 1024 * 1024
MAX_FILES = 10
PDF, PNG, JPEG, TEXT = "application/pdf", "image/png", "image/jpeg", "text/plain"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXTENSIONS = {PDF: "pdf", DOCX: "docx", XLSX: "xlsx", PNG: "png", JPEG: "jpg", TEXT: "txt"}
ALLOWED_WORDS = "a PDF, Word document (.docx), Excel spreadsheet (.xlsx), PNG, JPEG or plain text file"
# filetype names Office files by peeking inside the ZIP; any of these is opened and checked with zipfile.
ZIP_KINDS = {"application/zip", DOCX, XLSX}


@dataclass(frozen=True)
class CheckedUpload:
    """A file that passed every check, held in memory until the return is saved."""

    name: str
    content: bytes
    content_type: str
    sha256: str


def detect_type(content: bytes) -> str | None:
    """Return the allowed content type the bytes really are, or None if they are none of them."""
    kind = filetype.guess(content)
    if kind is not None and kind.mime in ZIP_KINDS:
        return _office_type(content)
    if kind is not None and kind.mime in (PDF, PNG, JPEG):
        return kind.mime
    # Short magic numbers can match ordinary prose ("BM" is a bitmap's); text is served as text/plain anyway.
    return TEXT if _is_text(content) else None


def _is_text(content: bytes) -> bool:
    if b"\x00" in content:
        return False
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _office_type(content: bytes) -> str | None:
    """A .docx holds a word/ folder and a .xlsx an xl/ folder; any other ZIP is refused."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if any(n.startswith("word/") for n in names):
        return DOCX
    if any(n.startswith("xl/") for n in names):
        return XLSX
    return None


def display_name(name: str) -> str:
    """The file's own name without any folder a browser sent, and without control characters."""
    base = os.path.basename((name or "").replace("\\", "/"))
    cleaned = "".join(ch for ch in base if ch.isprintable()).strip()
    return (cleaned or "attachment")[:255]


def check_uploads(files: Iterable) -> tuple[list[CheckedUpload], list[str]]:
    """Check every file; return those that passed and one message per problem, each naming its file."""
    files = [f for f in files or [] if f]
    if len(files) > MAX_FILES:
        return [], [f"Attach up to {MAX_FILES} files; you chose {len(files)}"]
    checked, errors = [], []
    for upload in files:
        item, error = _check(upload)
        if error:
            errors.append(error)
        else:
            checked.append(item)
    return checked, errors


def _check(upload) -> tuple[CheckedUpload | None, str]:
    name = display_name(upload.name)
    if upload.size > MAX_BYTES:
        return None, f"{name} must be 10MB or smaller"
    content = b"".join(upload.chunks())
    if not content:
        return None, f"{name} is empty"
    content_type = detect_type(content)
    if content_type is None:
        return None, f"{name} must be {ALLOWED_WORDS}"
    return CheckedUpload(name, content, content_type, hashlib.sha256(content).hexdigest()), ""


def attachment_store(*, agency_request, upload: CheckedUpload, actor, replaces: Attachment | None = None) -> Attachment:
    """Save a checked file under MEDIA_ROOT with a random name; the name the user gave is kept for display.

    With `replaces`, the file is the next version of that attachment."""
    stored_name = f"{uuid4().hex}.{EXTENSIONS[upload.content_type]}"
    return Attachment.objects.create(
        request=agency_request, file=ContentFile(upload.content, name=stored_name), original_name=upload.name,
        content_type=upload.content_type, size=len(upload.content), sha256=upload.sha256, uploaded_by=actor,
        replaces=replaces, version=replaces.version + 1 if replaces else 1,
    )
