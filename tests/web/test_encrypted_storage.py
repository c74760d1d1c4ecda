"""Uploaded files are encrypted at rest: on disk under MEDIA_ROOT each is a Fernet token, never the document;
through the storage (and so every download) it reads back as the plaintext; a file no listed key opens, or one
never encrypted, is a clear error naming the file, never a traceback or the ciphertext."""

from __future__ import annotations

import logging
from datetime import date

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from casereview.accounts.models import User
from casereview.actions.models import Action, ActionEvidence
from casereview.actions.update_services import action_update_add
from casereview.audit.models import AuditEvent
from casereview.meetings.agenda_services import agenda_item_add, paper_upload
from casereview.meetings.models import Paper
from casereview.partnerships.models import Agency
from casereview.reviews.models import Attachment
from casereview.reviews.requests_services import agency_requests_send
from casereview.reviews.uploads import attachment_store, check_uploads
from casereview.web.storage import (
    DEVELOPMENT_KEY,
    TOKEN_PREFIX,
    EncryptedFileSystemStorage,
    FileDecryptionError,
    parse_keys,
)
from tests.actions.governance_helpers import gov, meeting_on, person  # noqa: F401  (gov is a fixture)
from tests.conftest import sign_in
from tests.reviews.conftest import child, record

SECRET = b"Planted phrase: Baby Q lives at 12 Fictional Row"  # what must never be readable on disk
TEXT = SECRET + b" and attended nursery on weekdays.\n"
KEY_A, KEY_B = Fernet.generate_key().decode(), Fernet.generate_key().decode()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.FILE_ENCRYPTION_KEYS = [KEY_A]


def _contributor():
    return User.objects.get(username="contributor")


def _action(gov):  # noqa: F811
    who = person("Priya")
    return Action.objects.create(partnership=gov["crs"].partnership, title="Train officers", owner=who,
                                 agency=who.agency, due_date=date(2026, 6, 1), status="not_started",
                                 set_on=date(2026, 1, 5))


def evidence_stored(gov, content=TEXT, name="notes.txt") -> ActionEvidence:  # noqa: F811
    update = action_update_add(actor=_contributor(), action=_action(gov), progress="Training booked.",
                               files=[SimpleUploadedFile(name, content)], today=date(2026, 3, 2))
    return update.evidence.get()


def _paper(gov, content):  # noqa: F811
    item = agenda_item_add(actor=gov["admin"], meeting=meeting_on(gov["crs"], date(2026, 3, 10)),
                           data={"title": "Learning briefing"})
    return paper_upload(actor=gov["admin"], item=item, title="Briefing",
                        file=SimpleUploadedFile("briefing.txt", content))


def _attachment(gov, content):  # noqa: F811
    review = record({"admin": gov["admin"], "rapid": gov["kent"]}, children=[child(pseudonym="Baby Q")]).rapid_review
    police = Agency.objects.get(name="Northmoor Constabulary")
    [agency_request] = agency_requests_send(actor=gov["admin"], review=review, agencies=[police])
    [checked], _errors = check_uploads([SimpleUploadedFile("return.txt", content)])
    return attachment_store(agency_request=agency_request, upload=checked, actor=gov["admin"])


def _on_disk(settings, record) -> bytes:
    return (settings.MEDIA_ROOT / record.file.name).read_bytes()


@pytest.mark.parametrize("make", [evidence_stored, _paper, _attachment], ids=["evidence", "paper", "attachment"])
def test_every_kind_of_upload_is_ciphertext_on_disk_and_plaintext_through_the_storage(gov, settings, make):  # noqa: F811
    """Action evidence, meeting papers and return attachments: the bytes on disk are a Fernet token that does
    not contain the document; the record's file reads back as the plaintext; the record keeps the plain size."""
    stored = make(gov, TEXT)
    raw = _on_disk(settings, stored)
    assert raw.startswith(TOKEN_PREFIX) and SECRET not in raw and b"Baby Q" not in raw
    assert Fernet(KEY_A).decrypt(raw) == TEXT
    with stored.file.open("rb") as handle:
        assert handle.read() == TEXT
    assert stored.size == len(TEXT) == default_storage.size(stored.file.name)


def test_every_file_field_uses_the_encrypted_storage():
    """The three models that hold files store them through the encrypted default storage."""
    for model in (Attachment, Paper, ActionEvidence):
        assert isinstance(model._meta.get_field("file").storage, EncryptedFileSystemStorage), model


def test_a_download_streams_the_plaintext_and_is_audited(client, gov, settings):  # noqa: F811
    """The evidence download (FileResponse over the decrypted file) gives the document byte for byte, with its
    plain length, and records the download."""
    evidence = evidence_stored(gov)
    sign_in(client, _contributor())
    response = client.get(f"/actions/evidence/{evidence.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == TEXT
    assert response["Content-Length"] == str(len(TEXT)) and response["Cache-Control"] == "private, no-store"
    assert AuditEvent.objects.filter(verb="downloaded", target_type="actions.actionevidence").count() == 1


def test_a_paper_download_is_plaintext_too(client, gov):  # noqa: F811
    """The paper download view reads through the same storage."""
    paper = _paper(gov, TEXT)
    sign_in(client, gov["admin"])
    response = client.get(f"/meetings/papers/{paper.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == TEXT


def test_a_file_no_listed_key_opens_is_a_clear_error_naming_the_file(client, gov, settings, caplog):  # noqa: F811
    """Encrypted under key A, read with only key B listed: the storage raises a named error and logs it; the
    download answers with the service's error page (no traceback, no ciphertext) and records no download."""
    evidence = evidence_stored(gov)
    settings.FILE_ENCRYPTION_KEYS = [KEY_B]
    with pytest.raises(FileDecryptionError) as caught:
        default_storage.open(evidence.file.name)
    assert evidence.file.name in str(caught.value) and "none of the keys in FILE_ENCRYPTION_KEYS" in str(caught.value)
    client.raise_request_exception = False
    sign_in(client, _contributor())
    with caplog.at_level(logging.ERROR, logger="casereview.storage"):
        response = client.get(f"/actions/evidence/{evidence.pk}/")
    assert response.status_code == 503
    page = response.content.decode()
    assert "this file cannot be opened" in page and "Traceback" not in page and "gAAAAA" not in page
    assert f"Cannot open the stored file '{evidence.file.name}'" in caplog.text and KEY_A not in caplog.text
    assert not AuditEvent.objects.filter(verb="downloaded").exists()


def test_a_file_stored_before_encryption_is_refused_with_the_command_to_run(gov, settings):  # noqa: F811
    """Plaintext under MEDIA_ROOT (from before encryption) is not served as it is: the error says what to run."""
    evidence = evidence_stored(gov)
    (settings.MEDIA_ROOT / evidence.file.name).write_bytes(TEXT)
    with pytest.raises(FileDecryptionError, match="encrypt_existing_files"):
        evidence.file.open("rb")


def test_a_tampered_file_is_refused(gov, settings):  # noqa: F811
    """Fernet's HMAC catches a changed byte: the file is refused, not decrypted into garbage."""
    evidence = evidence_stored(gov)
    path = settings.MEDIA_ROOT / evidence.file.name
    raw = bytearray(path.read_bytes())
    raw[60] = ord("A") if raw[60] != ord("A") else ord("B")
    path.write_bytes(bytes(raw))
    with pytest.raises(FileDecryptionError):
        default_storage.open(evidence.file.name)


def test_open_is_read_only_and_text_mode_decodes():
    """Stored files are replaced, never written in place; "r" gives text."""
    name = default_storage.save("notes/a.txt", ContentFile("Café notes".encode()))
    assert default_storage.open(name, "r").read() == "Café notes"
    with pytest.raises(ValueError, match="reading only"):
        default_storage.open(name, "wb")


def test_development_key_when_none_is_set(settings):
    """With FILE_ENCRYPTION_KEYS unset (development, tests), the fixed development key encrypts."""
    settings.FILE_ENCRYPTION_KEYS = []
    name = default_storage.save("dev/a.txt", ContentFile(TEXT))
    assert Fernet(DEVELOPMENT_KEY).decrypt((settings.MEDIA_ROOT / name).read_bytes()) == TEXT


def test_production_storage_refuses_no_key_and_the_development_key(settings):
    """In production the storage itself also refuses an empty key list and the public development key."""
    settings.PRODUCTION = True
    settings.FILE_ENCRYPTION_KEYS = []
    with pytest.raises(ImproperlyConfigured, match="FILE_ENCRYPTION_KEYS is empty"):
        default_storage.save("x.txt", ContentFile(b"x"))
    settings.FILE_ENCRYPTION_KEYS = [KEY_A, DEVELOPMENT_KEY]
    with pytest.raises(ImproperlyConfigured, match="public development key"):
        default_storage.save("x.txt", ContentFile(b"x"))


@pytest.mark.parametrize("value, keys", [
    ("", []), (f"{KEY_A}", [KEY_A]), (f" {KEY_B} , {KEY_A} ,", [KEY_B, KEY_A]), ([KEY_A, ""], [KEY_A]),
])
def test_parse_keys(value, keys):
    """Comma-separated, spaces and empty entries ignored, order kept (the first is current)."""
    assert parse_keys(value) == keys


@pytest.mark.parametrize("bad", ["not-a-key", KEY_A[:-2], "x" * 44])
def test_a_malformed_key_is_refused_by_position_without_echoing_it(bad):
    with pytest.raises(ImproperlyConfigured) as caught:
        parse_keys(f"{KEY_A},{bad}")
    assert "key 2 of 2 is not a Fernet key" in str(caught.value) and bad not in str(caught.value)


@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.binary(max_size=4096))
def test_any_bytes_round_trip_and_never_appear_on_disk(tmp_path, content):
    """Whatever the bytes, saving then opening gives them back, and the disk holds a token."""
    storage = EncryptedFileSystemStorage(location=tmp_path, keys=[KEY_B, KEY_A])
    name = storage.save("prop/file.bin", ContentFile(content))
    raw = storage.read_raw(name)
    assert raw.startswith(TOKEN_PREFIX) and storage.open(name).read() == content
    assert storage.size(name) == len(content)
    if len(content) >= 8:
        assert content not in raw
    storage.delete(name)
