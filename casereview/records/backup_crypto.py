"""The backup file's encryption: a header, then Fernet tokens each holding one chunk of the stream.

A backup is streamed, so it is encrypted in chunks (1 MiB of plaintext each) rather than as one token. Each
token's plaintext starts with its sequence number and a "last" flag, so a reordered, dropped or truncated
chunk is detected, not only an edited one (Fernet authenticates each token with HMAC-SHA256).

The key comes from the environment variable BACKUP_KEY (a Fernet key). Without it a public development key is
used, but only when settings.DEBUG is on; otherwise the commands refuse.
"""

from __future__ import annotations

import os
import struct

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings

MAGIC = b"CASEREVIEW-BACKUP-1\n"
CHUNK = 1024 * 1024
# Public by design, like the file storage's development key: development only, refused without DEBUG.
DEVELOPMENT_BACKUP_KEY = "ZGV2ZWxvcG1lbnQtb25seS1iYWNrdXAta2V5LTAwMDA="
GENERATE_HINT = ('generate one with: python -c "from cryptography.fernet import Fernet; '
                 'print(Fernet.generate_key().decode())"')
_LENGTH = struct.Struct(">I")
_PREFIX = struct.Struct(">QB")


class BackupError(Exception):
    """A backup that cannot be written or read; the message says what to do."""


def backup_fernet() -> Fernet:
    """The Fernet for BACKUP_KEY, or the development key when DEBUG is on; BackupError otherwise."""
    value = os.environ.get("BACKUP_KEY", "").strip()
    if not value:
        if settings.DEBUG and not getattr(settings, "PRODUCTION", False):
            return Fernet(DEVELOPMENT_BACKUP_KEY)
        raise BackupError(f"Set the environment variable BACKUP_KEY to the backup key; {GENERATE_HINT}. "
                          "Keep it apart from the backups: without it a backup cannot be restored.")
    if getattr(settings, "PRODUCTION", False) and value == DEVELOPMENT_BACKUP_KEY:
        raise BackupError(f"CASEREVIEW_PRODUCTION is set: BACKUP_KEY is the public development key; {GENERATE_HINT}")
    try:
        return Fernet(value)
    except (ValueError, TypeError):
        raise BackupError(f"BACKUP_KEY is not a Fernet key (32 url-safe base64-encoded bytes); {GENERATE_HINT}") \
            from None


class EncryptingWriter:
    """A write-only file object that encrypts what is written to `raw`, chunk by chunk."""

    def __init__(self, raw, fernet: Fernet):
        self._raw, self._fernet, self._buffer, self._seq = raw, fernet, bytearray(), 0
        raw.write(MAGIC)

    def write(self, data) -> int:
        self._buffer += data
        while len(self._buffer) >= CHUNK:
            self._emit(bytes(self._buffer[:CHUNK]), last=False)
            del self._buffer[:CHUNK]
        return len(data)

    def close(self) -> None:
        """Write the final chunk (marked last); the backup is incomplete without it."""
        self._emit(bytes(self._buffer), last=True)
        self._buffer.clear()

    def _emit(self, data: bytes, *, last: bool) -> None:
        token = self._fernet.encrypt(_PREFIX.pack(self._seq, int(last)) + data)
        self._raw.write(_LENGTH.pack(len(token)) + token)
        self._seq += 1


class DecryptingReader:
    """A read-only file object giving back the plaintext of a backup written by EncryptingWriter."""

    def __init__(self, raw, fernet: Fernet):
        self._raw, self._fernet, self._buffer, self._seq, self._done = raw, fernet, bytearray(), 0, False
        if raw.read(len(MAGIC)) != MAGIC:
            raise BackupError("This is not a casereview backup file (its header is wrong).")

    def read(self, size: int = -1) -> bytes:
        while (size < 0 or len(self._buffer) < size) and not self._done:
            self._next_chunk()
        if size < 0:
            size = len(self._buffer)
        data = bytes(self._buffer[:size])
        del self._buffer[:size]
        return data

    def _next_chunk(self) -> None:
        header = self._raw.read(_LENGTH.size)
        if len(header) < _LENGTH.size:
            raise BackupError("The backup file is truncated: it ends before its last chunk.")
        token = self._raw.read(_LENGTH.unpack(header)[0])
        try:
            plaintext = self._fernet.decrypt(token)
        except InvalidToken:
            raise BackupError("The backup cannot be decrypted with this BACKUP_KEY: the key is wrong, or the file "
                              "is damaged.") from None
        seq, last = _PREFIX.unpack(plaintext[:_PREFIX.size])
        if seq != self._seq:
            raise BackupError("The backup file's chunks are out of order or missing: the file is damaged.")
        self._seq += 1
        self._buffer += plaintext[_PREFIX.size:]
        if last:
            self._done = True
            if self._raw.read(1):
                raise BackupError("The backup file has data after its last chunk: the file is damaged.")
