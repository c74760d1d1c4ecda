"""Restore a backup onto an empty instance: check everything first, then load it all in one transaction.

Pass 1 reads the whole backup without writing anything: it decrypts every chunk, counts the records per model
and hashes every document, and compares them with the manifest and this instance's migrations. Pass 2 loads
the records and writes each document back through the storage (encrypted under this instance's current key),
reads each back to check its SHA-256, verifies the audit chain, and only then appends its own audit event.
Any failure rolls the database back and removes the documents written.
"""

from __future__ import annotations

import hashlib
import json
import tarfile
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass

from django.apps import apps
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models.signals import post_save

from casereview.audit.chain import verify
from casereview.audit.models import AuditEvent, ChainHead
from casereview.audit.services import audit_record
from casereview.audit.vocabulary import Verb

from .backup_contents import backed_up_models, migration_state, non_empty_models
from .backup_crypto import BackupError, DecryptingReader, backup_fernet
from .backup_make import FORMAT


@dataclass
class Restored:
    records: int
    models: int
    files: int
    audit_events: int


def backup_restore(*, path: str) -> Restored:
    """Restore the backup at `path`; BackupError (nothing changed) if it cannot be restored here."""
    fernet = backup_fernet()
    occupied = non_empty_models()
    if occupied:
        raise BackupError("This instance already holds records (" + ", ".join(occupied[:5])
                          + (", ..." if len(occupied) > 5 else "") + "). Restore only onto a new, empty database "
                          "after `manage.py migrate`, before anyone signs in or any user is created.")
    manifest = _check(path, fernet)
    _check_files_absent(manifest["files"])
    return _load(path, fernet, manifest)


def _members(path: str, fernet):
    """Yield (member name, file object) for each member of the backup, in order."""
    with open(path, "rb") as raw:
        reader = DecryptingReader(raw, fernet)
        try:
            with tarfile.open(fileobj=reader, mode="r|") as tar:
                for member in tar:
                    yield member.name, tar.extractfile(member)
        except tarfile.TarError as error:
            raise BackupError(f"The backup file is damaged ({error}).") from None


def _check(path: str, fernet) -> dict:
    """Pass 1: read everything, compare it with the manifest and with this instance; return the manifest."""
    counts, hashes, manifest = Counter(), {}, None
    for name, handle in _members(path, fernet):
        if name.startswith("data/"):
            for line in handle:
                if line.strip():
                    counts[json.loads(line)["model"]] += 1
        elif name.startswith("files/"):
            hashes[name] = hashlib.sha256(handle.read()).hexdigest()
        elif name == "manifest.json":
            manifest = json.loads(handle.read())
    if manifest is None or manifest.get("format") != FORMAT:
        raise BackupError("The backup has no manifest this version understands: it is incomplete or too new.")
    expected = {label.lower(): n for label, n in manifest["models"].items() if n}
    if dict(counts) != expected:
        raise BackupError("The backup's records do not match its manifest: the file is damaged.")
    for entry in manifest["files"]:
        if hashes.get(entry["member"]) != entry["sha256"]:
            raise BackupError(f"The document {entry['name']!r} in the backup does not match its SHA-256: the file "
                              "is damaged.")
    here = migration_state()
    if manifest["migrations"] != here:
        missing = sorted(f"{a}.{n}" for a, names in manifest["migrations"].items() for n in names
                         if n not in here.get(a, []))
        extra = sorted(f"{a}.{n}" for a, names in here.items() for n in names
                       if n not in manifest["migrations"].get(a, []))
        raise BackupError("This instance's database schema differs from the backup's (version "
                          f"{manifest['app_version']}): install the same version and run `manage.py migrate`. "
                          f"Missing here: {', '.join(missing[:5]) or 'none'}; not in the backup: "
                          f"{', '.join(extra[:5]) or 'none'}.")
    return manifest


def _storage(entry: dict):
    return apps.get_model(entry["model"])._meta.get_field(entry["field"]).storage


def _check_files_absent(entries: list[dict]) -> None:
    present = [e["name"] for e in entries if _storage(e).exists(e["name"])]
    if present:
        raise BackupError(f"The file store already holds {len(present)} of the backup's documents (for example "
                          f"{present[0]!r}). Restore onto an empty MEDIA_ROOT.")


def _load(path: str, fernet, manifest: dict) -> Restored:
    """Pass 2: load the records and documents in one transaction; undo the documents if anything fails."""
    by_member = {e["member"]: e for e in manifest["files"]}
    written: list[tuple] = []
    try:
        with transaction.atomic(), _admin_log_hook_muted():
            records = _load_members(path, fernet, by_member, written)
            _reset_sequences()
            _verify_files(written)
            head = ChainHead.objects.filter(id=1).first()
            problems = verify(AuditEvent.objects.order_by("seq", "id").iterator(chunk_size=2000),
                              head.seq if head else 0, head.hash if head else "0" * 64)
            if problems:
                raise BackupError(f"The restored audit trail does not verify ({problems[0].message}); nothing "
                                  "was restored.")
            events = head.seq if head else 0
            # Appended after the chain is loaded, so that it links to the restored chain head.
            audit_record(actor=None, verb=Verb.LOADED, system="restore", changes={"restore": [None, {
                "records": records, "files": len(written), "backup made": manifest["created_at"]}]})
    except BaseException:
        for storage, name, _sha256 in written:
            storage.delete(name)
        raise
    return Restored(records, len([n for n in manifest["models"].values() if n]), len(written), events)


def _load_members(path, fernet, by_member: dict, written: list) -> int:
    records, deferred = 0, []
    for name, handle in _members(path, fernet):
        if name.startswith("data/"):
            lines = (line.decode() for line in handle if line.strip())
            for obj in serializers.deserialize("jsonl", lines, handle_forward_references=True):
                obj.save()
                records += 1
                if obj.deferred_fields:
                    deferred.append(obj)
        elif name.startswith("files/"):
            entry = by_member[name]
            storage = _storage(entry)
            saved = storage.save(entry["name"], ContentFile(handle.read()))
            written.append((storage, saved, entry["sha256"]))
            if saved != entry["name"]:
                raise BackupError(f"The document {entry['name']!r} could not be stored under its own name.")
    for obj in deferred:
        obj.save_deferred_fields()
    return records


def _reset_sequences() -> None:
    """Make new rows' ids follow the restored ones (PostgreSQL sequences; SQLite needs nothing)."""
    statements = connection.ops.sequence_reset_sql(no_style(), backed_up_models())
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def _verify_files(written: list[tuple]) -> None:
    """Read each restored document back through the storage and check it decrypts to the backed-up bytes."""
    for storage, name, sha256 in written:
        with storage.open(name, "rb") as handle:
            if hashlib.sha256(handle.read()).hexdigest() != sha256:
                raise BackupError(f"The restored document {name!r} does not read back as backed up; nothing was "
                                  "restored.")


@contextmanager
def _admin_log_hook_muted():
    """The admin log's audit hook would add an audit event for each restored admin log entry (it does not
    check `raw`): detach it while loading, so the restored chain is exactly the backed-up one."""
    from django.contrib.admin.models import LogEntry

    from casereview.audit.admin_log import record_admin_action

    disconnected = post_save.disconnect(record_admin_action, sender=LogEntry)
    try:
        yield
    finally:
        if disconnected:
            post_save.connect(record_admin_action, sender=LogEntry)
