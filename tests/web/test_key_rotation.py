"""Key rotation and encrypting old files: `manage.py rotate_file_key` moves every stored file to the current
(first) key, idempotently, with counts; once it has run the old key can go; without the key a file was written
under, reading it is a clear error naming the file. `manage.py encrypt_existing_files` encrypts files stored
before encryption, detected by the Fernet token prefix."""

from __future__ import annotations

import io
from datetime import date

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from casereview.accounts.models import User
from casereview.actions.models import Action, ActionEvidence
from casereview.actions.update_services import action_update_add
from casereview.audit.models import AuditEvent
from casereview.web.storage import TOKEN_PREFIX, FileDecryptionError
from tests.actions.governance_helpers import gov, person  # noqa: F401  (gov is a fixture)
from tests.conftest import sign_in

KEY_A, KEY_B = Fernet.generate_key().decode(), Fernet.generate_key().decode()
FILES = {"plan.txt": b"Plan: train every officer by June.\n", "register.txt": b"Attended: 40 officers\n",
         "notes.txt": b"Notes of the learning event.\n"}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.FILE_ENCRYPTION_KEYS = [KEY_A]


def _evidence(gov) -> list[ActionEvidence]:  # noqa: F811
    """Three evidence files, written under whatever key is current."""
    who = person("Priya")
    action = Action.objects.create(partnership=gov["crs"].partnership, title="Train officers", owner=who,
                                   agency=who.agency, due_date=date(2026, 6, 1), status="not_started",
                                   set_on=date(2026, 1, 5))
    update = action_update_add(actor=User.objects.get(username="contributor"), action=action, progress="Booked.",
                               files=[SimpleUploadedFile(n, c) for n, c in FILES.items()], today=date(2026, 3, 2))
    return list(update.evidence.order_by("original_name"))


def _run(command, *args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(command, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _raw(settings, evidence) -> bytes:
    return (settings.MEDIA_ROOT / evidence.file.name).read_bytes()


def _contents(evidence) -> dict[str, bytes]:
    return {e.original_name: default_storage.open(e.file.name).read() for e in evidence}


def test_the_whole_rotation(gov, settings, client):  # noqa: F811
    """Write under A; list B then A and read; rotate (every file now opens with B alone); run again (nothing
    changes); list only B: reads and downloads still work; list only A: a clear error naming the file."""
    evidence = _evidence(gov)
    before = {e.pk: _raw(settings, e) for e in evidence}
    assert all(Fernet(KEY_A).decrypt(raw) for raw in before.values())

    settings.FILE_ENCRYPTION_KEYS = [KEY_B, KEY_A]
    assert _contents(evidence) == FILES  # the old key still opens them before rotation

    out, err = _run("rotate_file_key")
    assert "3 files re-encrypted under the current key" in out and "0 files already under the current key" in out
    assert "older keys can now be removed" in out and err == ""
    for e in evidence:
        raw = _raw(settings, e)
        assert raw != before[e.pk] and raw.startswith(TOKEN_PREFIX)
        assert Fernet(KEY_B).decrypt(raw) == FILES[e.original_name]
        with pytest.raises(InvalidToken):
            Fernet(KEY_A).decrypt(raw)
    event = AuditEvent.objects.get(actor_label="system: rotate_file_key")
    assert event.verb == "updated" and event.changes["files rotated"] == 3

    after = {e.pk: _raw(settings, e) for e in evidence}
    out, _ = _run("rotate_file_key")
    assert "0 files re-encrypted" in out and "3 files already under the current key" in out
    assert {e.pk: _raw(settings, e) for e in evidence} == after  # idempotent: not even re-written
    assert AuditEvent.objects.filter(actor_label="system: rotate_file_key").count() == 1

    settings.FILE_ENCRYPTION_KEYS = [KEY_B]  # the old key dropped
    assert _contents(evidence) == FILES
    sign_in(client, User.objects.get(username="contributor"))
    response = client.get(f"/actions/evidence/{evidence[0].pk}/")
    assert b"".join(response.streaming_content) == FILES[evidence[0].original_name]

    settings.FILE_ENCRYPTION_KEYS = [KEY_A]  # the wrong key only
    with pytest.raises(FileDecryptionError) as caught:
        default_storage.open(evidence[0].file.name)
    assert caught.value.name == evidence[0].file.name
    assert str(caught.value).startswith(f"Cannot open the stored file '{evidence[0].file.name}': none of the keys")


def test_dry_run_changes_nothing(gov, settings):  # noqa: F811
    evidence = _evidence(gov)
    before = [_raw(settings, e) for e in evidence]
    settings.FILE_ENCRYPTION_KEYS = [KEY_B, KEY_A]
    out, _ = _run("rotate_file_key", "--dry-run")
    assert "Dry run" in out and "3 files would be re-encrypted under the current key" in out
    assert [_raw(settings, e) for e in evidence] == before
    assert not AuditEvent.objects.filter(actor_label__startswith="system:").exists()


def test_rotation_without_the_old_key_names_the_files_and_fails(gov, settings):  # noqa: F811
    """The old key already dropped: rotation cannot open the files, says which, changes nothing, exits non-zero;
    a missing file is counted and named but is not a failure on its own."""
    evidence = _evidence(gov)
    (settings.MEDIA_ROOT / evidence[2].file.name).unlink()
    before = [_raw(settings, e) for e in evidence[:2]]
    settings.FILE_ENCRYPTION_KEYS = [KEY_B]
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="keep the old keys"):
        call_command("rotate_file_key", stdout=out, stderr=err)
    assert "2 files no listed key opens them" in out.getvalue() and "1 file missing from disk" in out.getvalue()
    for e in evidence:
        assert e.file.name in err.getvalue()
    assert [_raw(settings, e) for e in evidence[:2]] == before


def test_a_missing_file_alone_does_not_fail_rotation(gov, settings):  # noqa: F811
    evidence = _evidence(gov)
    (settings.MEDIA_ROOT / evidence[0].file.name).unlink()
    settings.FILE_ENCRYPTION_KEYS = [KEY_B, KEY_A]
    out, err = _run("rotate_file_key")
    assert "2 files re-encrypted" in out and "1 file missing from disk" in out and evidence[0].file.name in err


def test_encrypt_existing_files(gov, settings):  # noqa: F811
    """Files written in plaintext before encryption (planted here) are encrypted in place under the current key
    and then read back; files already encrypted are left byte for byte; a second run changes nothing; rotation
    meanwhile refuses to call the job done while plaintext remains."""
    evidence = _evidence(gov)
    for e in evidence[:2]:
        (settings.MEDIA_ROOT / e.file.name).write_bytes(FILES[e.original_name])
    untouched = _raw(settings, evidence[2])
    with pytest.raises(CommandError, match="not under the current key"):
        _run("rotate_file_key")

    out, err = _run("encrypt_existing_files")
    assert "2 files encrypted now" in out and "1 file already encrypted" in out and err == ""
    for e in evidence[:2]:
        raw = _raw(settings, e)
        assert raw.startswith(TOKEN_PREFIX) and FILES[e.original_name] not in raw
    assert _raw(settings, evidence[2]) == untouched
    assert _contents(evidence) == FILES
    assert AuditEvent.objects.get(actor_label="system: encrypt_existing_files").changes["files encrypted"] == 2

    out, _ = _run("encrypt_existing_files")
    assert "0 files encrypted now" in out and "3 files already encrypted" in out


def test_encrypt_existing_files_leaves_a_token_it_cannot_open(gov, settings):  # noqa: F811
    """A file that looks like a token but no listed key opens is not encrypted twice: it is named, and the
    command fails so the operator looks for the missing key."""
    evidence = _evidence(gov)
    settings.FILE_ENCRYPTION_KEYS = [KEY_B]
    before = _raw(settings, evidence[0])
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="is a key missing"):
        call_command("encrypt_existing_files", stdout=out, stderr=err)
    assert "3 files look encrypted but no listed key opens them" in out.getvalue()
    assert evidence[0].file.name in err.getvalue() and _raw(settings, evidence[0]) == before
