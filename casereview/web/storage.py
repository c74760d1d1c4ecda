"""Uploaded files encrypted at rest: what is on disk under MEDIA_ROOT is a Fernet token, never the document.

Every file the service stores (agency return attachments, meeting papers, action evidence, and any FileField
added later) goes through the default storage, which is `EncryptedFileSystemStorage`:

- saving encrypts the whole file with the current key (AES-128-CBC with an HMAC-SHA256, the Fernet format);
- opening reads the token, checks its HMAC and decrypts it, and hands back the plaintext in memory (uploads are
  at most 10MB, so a file is held whole while it is encrypted or decrypted);
- the keys come from the FILE_ENCRYPTION_KEYS setting (read from the environment variable of that name,
  comma-separated, the current key first). Every listed key can decrypt; only the first encrypts. In
  development and tests, with the variable unset, a fixed development key is used; in production
  (CASEREVIEW_PRODUCTION) the settings refuse to start without it and this storage refuses the development key.

The encryption lives in `EncryptionMixin`; `EncryptedStorage` puts it around any other storage (for example
django-storages' S3Storage, switched on by FILE_STORAGE=s3 in the settings), so object storage in production
holds only the same Fernet tokens, and the key commands work on it unchanged.

`size()` decrypts the file to count the plaintext bytes; pages should show the `size` each file's record keeps.
A file that no listed key opens, or that is not encrypted at all, raises `FileDecryptionError` naming the file
(and logs it on the "casereview.storage" logger), never the ciphertext or a key.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage
from django.core.signals import setting_changed
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property
from django.utils.module_loading import import_string

logger = logging.getLogger("casereview.storage")

# Every Fernet token starts with the version byte 0x80 and a 64-bit timestamp whose top bytes are zero until
# the year 2106; url-safe base64 turns that into "gAAAAA".
TOKEN_PREFIX = b"gAAAAA"
# Public by design: it is in the source code. Development and tests only; production refuses it.
DEVELOPMENT_KEY = "ZGV2ZWxvcG1lbnQtb25seS1rZXktbm90LWZvci11c2U="
GENERATE_HINT = (
    'generate one with: python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"'
)


class FileDecryptionError(Exception):
    """A stored file could not be decrypted with any listed key, or was never encrypted."""

    def __init__(self, name: str, reason: str):
        self.name = name
        self.reason = reason
        super().__init__(f"Cannot open the stored file {name!r}: {reason}")


def parse_keys(value, *, production: bool = False) -> list[str]:
    """Turn "key1,key2" (or a list) into a list of keys, refusing anything that is not a Fernet key, and in
    production the public development key. The error names the key's position, never the key."""
    if isinstance(value, str):
        value = value.split(",")
    keys = [str(k).strip() for k in value or [] if str(k).strip()]
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key)
        except (ValueError, TypeError):
            raise ImproperlyConfigured(
                f"FILE_ENCRYPTION_KEYS: key {position} of {len(keys)} is not a Fernet key "
                f"(32 url-safe base64-encoded bytes); {GENERATE_HINT}"
            ) from None
    if production and DEVELOPMENT_KEY in keys:
        raise ImproperlyConfigured(
            f"CASEREVIEW_PRODUCTION is set: FILE_ENCRYPTION_KEYS lists the public development key; {GENERATE_HINT}"
        )
    return keys


class EncryptionMixin:
    """Fernet encryption for a Django storage: encrypt on save, decrypt on open, rotate and encrypt in place.

    The class it is mixed into supplies the raw bytes: `read_raw(name)`, `write_raw(name, data)` (replace a
    stored file's bytes) and `_save_raw(name, content)` (store new bytes, returning the name used). Keeping
    the key handling here means the local-disk storage and the wrapper around any other storage (object
    storage in production) encrypt, decrypt and rotate in exactly the same way."""

    _keys_option = None

    def _forget_keys(self) -> None:
        for name in ("keys", "_multi", "_current"):
            self.__dict__.pop(name, None)

    @cached_property
    def keys(self) -> list[str]:
        configured = self._keys_option
        if configured is None:
            configured = getattr(settings, "FILE_ENCRYPTION_KEYS", None)
        production = getattr(settings, "PRODUCTION", False)
        keys = parse_keys(configured, production=production)
        if not keys:
            if production:
                raise ImproperlyConfigured(
                    f"CASEREVIEW_PRODUCTION is set: FILE_ENCRYPTION_KEYS is empty; {GENERATE_HINT}")
            return [DEVELOPMENT_KEY]
        return keys

    @cached_property
    def _multi(self) -> MultiFernet:
        return MultiFernet([Fernet(k) for k in self.keys])

    @cached_property
    def _current(self) -> Fernet:
        return Fernet(self.keys[0])

    # --- encryption ---------------------------------------------------------------------------------------

    def encrypt(self, data: bytes) -> bytes:
        """Encrypt with the current (first) key."""
        return self._current.encrypt(data)

    def decrypt(self, token: bytes, name: str) -> bytes:
        """Decrypt a stored token with any listed key; FileDecryptionError (logged) names the file if none can."""
        if not token.startswith(TOKEN_PREFIX):
            reason = ("it is not encrypted (it was stored before encryption was turned on, or was put there by "
                      "hand): run `manage.py encrypt_existing_files`")
        else:
            try:
                return self._multi.decrypt(token)
            except InvalidToken:
                reason = ("none of the keys in FILE_ENCRYPTION_KEYS opens it (was it encrypted under a key that "
                          "has since been removed? put that key back, after the current one, and run "
                          "`manage.py rotate_file_key`)")
        raise self._failure(name, reason)

    @staticmethod
    def _failure(name: str, reason: str) -> FileDecryptionError:
        error = FileDecryptionError(name, reason)
        logger.error("%s", error)
        return error

    # --- Storage API --------------------------------------------------------------------------------------

    def _open(self, name, mode="rb"):
        if any(flag in mode for flag in "wax+"):
            raise ValueError("Encrypted files are opened for reading only: save a new file instead.")
        plaintext = self.decrypt(self.read_raw(name), name)
        return ContentFile(plaintext if "b" in mode else plaintext.decode("utf-8"), name=name)

    def _save(self, name, content):
        chunks = [c.encode("utf-8") if isinstance(c, str) else c for c in content.chunks()]
        return self._save_raw(name, ContentFile(self.encrypt(b"".join(chunks))))

    def size(self, name) -> int:
        """The plaintext size (decrypts the file: prefer the `size` a file's record keeps)."""
        return len(self.decrypt(self.read_raw(name), name))

    # --- the key commands ---------------------------------------------------------------------------------

    def rotate(self, name, *, dry_run: bool = False) -> str:
        """Re-encrypt one file under the current key: "current" (left alone), "rotated" or "plaintext" (left
        alone: see encrypt_existing_files). FileDecryptionError if no listed key opens it."""
        raw = self.read_raw(name)
        if not raw.startswith(TOKEN_PREFIX):
            return "plaintext"
        try:
            self._current.decrypt(raw)
            return "current"
        except InvalidToken:
            pass
        try:
            rotated = self._multi.rotate(raw)
        except InvalidToken:
            raise self._failure(name, "none of the keys in FILE_ENCRYPTION_KEYS opens it") from None
        if not dry_run:
            self.write_raw(name, rotated)
        return "rotated"

    def encrypt_in_place(self, name, *, dry_run: bool = False) -> str:
        """Encrypt a file stored before encryption: "encrypted", "already" (a token a listed key opens) or
        "unreadable" (looks like a token but no listed key opens it; left alone)."""
        raw = self.read_raw(name)
        if raw.startswith(TOKEN_PREFIX):
            try:
                self._multi.decrypt(raw)
                return "already"
            except InvalidToken:
                return "unreadable"
        if not dry_run:
            self.write_raw(name, self.encrypt(raw))
        return "encrypted"


@deconstructible(path="casereview.web.storage.EncryptedFileSystemStorage")
class EncryptedFileSystemStorage(EncryptionMixin, FileSystemStorage):
    """FileSystemStorage that encrypts on save and decrypts on open (see the module's docstring)."""

    def __init__(self, keys=None, **kwargs):
        super().__init__(**kwargs)
        self._keys_option = keys

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting in ("FILE_ENCRYPTION_KEYS", "PRODUCTION"):
            self._forget_keys()

    def _save_raw(self, name, content):
        return FileSystemStorage._save(self, name, content)

    def read_raw(self, name) -> bytes:
        """The bytes on disk, as they are (ciphertext)."""
        with open(self.path(name), "rb") as handle:
            return handle.read()

    def write_raw(self, name, data: bytes) -> None:
        """Replace a stored file's bytes atomically: readers see the old file or the new one, never half."""
        path = self.path(name)
        mode = os.stat(path).st_mode & 0o777
        descriptor, temporary = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".rekey-")
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temporary, mode)
            os.replace(temporary, path)
        except BaseException:
            if os.path.exists(temporary):
                os.unlink(temporary)
            raise


@deconstructible(path="casereview.web.storage.EncryptedStorage")
class EncryptedStorage(EncryptionMixin, Storage):
    """Encryption at rest around any other Django storage (e.g. django-storages' S3Storage in production).

    `inner` is a storage instance or the dotted path of a storage class, built with `inner_options`. What the
    inner storage holds is only ever Fernet tokens; names, existence, listing, deletion and URLs are its own.
    Server-side encryption of the bucket is a second layer, not a replacement: our keys never leave the
    service, so a leaked bucket or a misconfigured bucket policy exposes ciphertext only."""

    def __init__(self, inner=None, inner_options=None, keys=None):
        if inner is None:
            raise ImproperlyConfigured("EncryptedStorage needs an inner storage (an instance or a dotted path)")
        self._inner_spec, self._inner_options = inner, dict(inner_options or {})
        if isinstance(inner, str):
            try:
                backend = import_string(inner)
            except ImportError as error:
                raise ImproperlyConfigured(
                    f"The storage {inner!r} cannot be imported ({error}); for object storage install "
                    "django-storages[s3] (see docs/secure-documents.md)") from error
            inner = backend(**self._inner_options)
        self.inner = inner
        self._keys_option = keys
        setting_changed.connect(self._setting_changed)

    def _setting_changed(self, *, setting, **kwargs):
        if setting in ("FILE_ENCRYPTION_KEYS", "PRODUCTION"):
            self._forget_keys()

    def _save_raw(self, name, content):
        return self.inner.save(name, content)

    def read_raw(self, name) -> bytes:
        """The stored bytes, as they are (ciphertext)."""
        with self.inner.open(name, "rb") as handle:
            return handle.read()

    def write_raw(self, name, data: bytes) -> None:
        """Replace a stored file's bytes under the same name. Object stores replace an object in one step;
        the inner storage's own `_save` is used because `save` would pick a new name for an existing one."""
        saved = self.inner._save(name, ContentFile(data))
        if saved != name:
            raise RuntimeError(f"The inner storage stored {name!r} as {saved!r}; the record would point at "
                               "the old bytes")

    def delete(self, name):
        return self.inner.delete(name)

    def exists(self, name):
        return self.inner.exists(name)

    def listdir(self, path):
        return self.inner.listdir(path)

    def url(self, name):
        return self.inner.url(name)

    def get_available_name(self, name, max_length=None):
        return self.inner.get_available_name(name, max_length=max_length)

    def get_valid_name(self, name):
        return self.inner.get_valid_name(name)

    def get_created_time(self, name):
        return self.inner.get_created_time(name)

    def get_modified_time(self, name):
        return self.inner.get_modified_time(name)

    def get_accessed_time(self, name):
        return self.inner.get_accessed_time(name)


@dataclass(frozen=True)
class StoredFile:
    """One file a record points to: which model and field, the storage and the stored name."""

    label: str
    storage: EncryptionMixin
    name: str


def stored_files() -> Iterator[StoredFile]:
    """Every file any model's FileField points to in an encrypted storage, each (storage, name) once."""
    from django.apps import apps
    from django.db.models import FileField

    seen = set()
    for model in apps.get_models():
        for file_field in model._meta.get_fields():
            if not isinstance(file_field, FileField) or not isinstance(file_field.storage, EncryptionMixin):
                continue
            column = file_field.name
            names = (model._default_manager.exclude(**{column: ""}).exclude(**{f"{column}__isnull": True})
                     .order_by("pk").values_list(column, flat=True))
            for name in names.iterator():
                key = (id(file_field.storage), name)
                if key in seen:
                    continue
                seen.add(key)
                yield StoredFile(f"{model._meta.label}.{file_field.name}", file_field.storage, name)


@dataclass
class Sweep:
    """What one pass over every stored file found: a count per outcome, and the files needing attention."""

    counts: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def add(self, outcome: str, problem: str = "") -> None:
        self.counts[outcome] = self.counts.get(outcome, 0) + 1
        if problem:
            self.problems.append(problem)


def files_sweep(operation: str, *, dry_run: bool = False) -> Sweep:
    """Run `rotate` or `encrypt_in_place` on every stored file; a missing or unreadable file is counted and
    named, and the sweep goes on."""
    sweep = Sweep()
    for stored in stored_files():
        try:
            outcome = getattr(stored.storage, operation)(stored.name, dry_run=dry_run)
        except FileNotFoundError:
            sweep.add("missing", f"{stored.name} ({stored.label}): the record points to a file that is not there")
            continue
        except FileDecryptionError as error:
            sweep.add("unreadable", f"{stored.name} ({stored.label}): {error.reason}")
            continue
        if outcome == "unreadable":
            sweep.add(outcome, f"{stored.name} ({stored.label}): it looks encrypted but no listed key opens it")
        elif outcome == "plaintext":
            sweep.add(outcome, f"{stored.name} ({stored.label}): it is not encrypted; run "
                               "`manage.py encrypt_existing_files`")
        else:
            sweep.add(outcome)
    return sweep


def sweep_audit(sweep: Sweep, *, job: str) -> None:
    """Record a sweep that changed files in the audit trail, as the system job that ran it."""
    from django.db import transaction

    from casereview.audit.services import audit_record
    from casereview.audit.vocabulary import Verb

    with transaction.atomic():
        audit_record(actor=None, verb=Verb.UPDATED, system=job,
                     changes={f"files {outcome}": count for outcome, count in sorted(sweep.counts.items())})
