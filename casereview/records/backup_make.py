"""Write a backup: the database as Django serialised data and every stored document, encrypted in one file.

The plaintext inside the encryption is a tar stream: data/NNNN.jsonl (up to BATCH records each, in load
order), files/NNNNNN (each document's plaintext bytes), and manifest.json last (counts per model, SHA-256 and
storage name of each file, version and migrations). Memory holds one batch or one document at a time.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import os
import tarfile
import time
from collections import Counter
from dataclasses import dataclass

from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.models import FileField
from django.utils import timezone

from casereview.audit.services import audit_record
from casereview.audit.vocabulary import Verb

from .backup_contents import app_version, backed_up_models, migration_state
from .backup_crypto import BackupError, EncryptingWriter, backup_fernet

BATCH = 1000
FORMAT = 1
CHUNK_READ = 1024 * 1024


@dataclass
class Summary:
    records: int
    models: int
    files: int
    file_bytes: int
    sha256: str


def backup_make(*, output: str) -> Summary:
    """Write the backup to `output` (atomically, mode 0600) and record it in the audit trail."""
    fernet = backup_fernet()
    partial = f"{output}.partial"
    try:
        with open(partial, "wb") as raw:
            os.chmod(partial, 0o600)
            writer = EncryptingWriter(raw, fernet)
            with tarfile.open(fileobj=writer, mode="w|", format=tarfile.PAX_FORMAT) as tar:
                counts, files = _write_data(tar)
                manifest_files = _write_files(tar, files)
                manifest = {"format": FORMAT, "created_at": timezone.now().isoformat(), "app_version": app_version(),
                            "migrations": migration_state(), "models": counts, "files": manifest_files}
                _add(tar, "manifest.json", json.dumps(manifest, indent=1).encode())
            writer.close()
        os.replace(partial, output)
    except BaseException:
        if os.path.exists(partial):
            os.unlink(partial)
        raise
    summary = Summary(sum(counts.values()), len(counts), len(manifest_files),
                      sum(f["size"] for f in manifest_files), _sha256_of(output))
    with transaction.atomic():
        audit_record(actor=None, verb=Verb.EXPORTED, system="backup", changes={"backup": [None, {
            "records": summary.records, "files": summary.files, "sha256": summary.sha256}]})
    return summary


def _write_data(tar) -> tuple[dict[str, int], list[tuple]]:
    """Serialise every model in one read transaction (a consistent snapshot); return counts and files named."""
    counts, files, batch, number = Counter(), [], [], 0
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        for model in backed_up_models():
            # Every stored document, whichever storage holds it (local disk, or object storage behind the
            # encryption wrapper): each is read back as plaintext through its own storage.
            file_fields = [f for f in model._meta.concrete_fields if isinstance(f, FileField)]
            counts[model._meta.label] += 0
            for obj in model._base_manager.order_by("pk").iterator(chunk_size=BATCH):
                batch.append(obj)
                counts[model._meta.label] += 1
                files += [(model._meta.label, f.name, getattr(obj, f.attname).name) for f in file_fields
                          if getattr(obj, f.attname)]
                if len(batch) >= BATCH:
                    number = _write_batch(tar, batch, number)
                    batch = []
            number = _write_batch(tar, batch, number)
            batch = []
    return dict(counts), files


class ExactEncoder(DjangoJSONEncoder):
    """Keep microseconds: Django's encoder rounds times to milliseconds, and the audit chain hashes the exact
    time of each event, so a rounded time would break the restored chain."""

    def default(self, o):
        if isinstance(o, (datetime.datetime, datetime.time)):
            return o.isoformat()
        return super().default(o)


def serialised(objects) -> str:
    """Objects as JSON lines, exact to the microsecond, referring to users, content types and permissions by
    natural key (so that they survive being rebuilt by migrate) and to everything else by id."""
    return serializers.serialize("jsonl", objects, use_natural_foreign_keys=True, use_natural_primary_keys=False,
                                 cls=ExactEncoder)


def _write_batch(tar, batch: list, number: int) -> int:
    if not batch:
        return number
    text = serialised(batch)
    _add(tar, f"data/{number + 1:04d}.jsonl", text.encode())
    return number + 1


def _write_files(tar, files: list[tuple]) -> list[dict]:
    """Add each document's plaintext, once per (storage, name), and describe it for the manifest."""
    from django.apps import apps

    seen, listed = set(), []
    for label, field_name, name in files:
        storage = apps.get_model(label)._meta.get_field(field_name).storage
        if (id(storage), name) in seen:
            continue
        seen.add((id(storage), name))
        try:
            with storage.open(name, "rb") as handle:
                data = handle.read()
        except FileNotFoundError:
            raise BackupError(f"The document {name!r} ({label}.{field_name}) is missing from the file store: "
                              "the backup was not written. Find or remove it, then back up again.") from None
        member = f"files/{len(listed) + 1:06d}"
        _add(tar, member, data)
        listed.append({"member": member, "model": label, "field": field_name, "name": name, "size": len(data),
                       "sha256": hashlib.sha256(data).hexdigest()})
    return listed


def _add(tar, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = len(data), int(time.time()), 0o600
    tar.addfile(info, io.BytesIO(data))


def _sha256_of(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(CHUNK_READ), b""):
            digest.update(block)
    return digest.hexdigest()

