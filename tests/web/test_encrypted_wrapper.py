"""The encryption-at-rest wrapper around any storage (the object-storage option for production), checked with
Django's InMemoryStorage as the inner storage, so no network and no bucket: the inner storage only ever holds
Fernet tokens, reads come back as the plaintext, and key rotation and encrypting old files work as on disk."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import InMemoryStorage, storages

from casereview.web.storage import TOKEN_PREFIX, EncryptedStorage, FileDecryptionError

SECRET = b"Planted phrase: Child R at 3 Imaginary Lane (fictional)"
KEY_A, KEY_B = Fernet.generate_key().decode(), Fernet.generate_key().decode()


def _raw(inner, name) -> bytes:
    with inner.open(name, "rb") as handle:
        return handle.read()


@pytest.fixture
def inner():
    return InMemoryStorage()


def test_saving_stores_only_a_token_and_opening_gives_the_plaintext(inner):
    storage = EncryptedStorage(inner=inner, keys=[KEY_A])
    name = storage.save("papers/brief.txt", ContentFile(SECRET))
    raw = _raw(inner, name)
    assert raw.startswith(TOKEN_PREFIX) and SECRET not in raw
    with storage.open(name) as handle:
        assert handle.read() == SECRET
    assert storage.size(name) == len(SECRET)


def test_names_existence_and_deletion_are_the_inner_storages(inner):
    storage = EncryptedStorage(inner=inner, keys=[KEY_A])
    first = storage.save("a.txt", ContentFile(b"one"))
    second = storage.save("a.txt", ContentFile(b"two"))  # an existing name is never overwritten by a save
    assert first == "a.txt" and second != first and inner.exists(second)
    storage.delete(first)
    assert not storage.exists(first) and storage.exists(second)
    assert storage.listdir("") == inner.listdir("")


def test_rotation_re_encrypts_under_the_current_key(inner):
    old = EncryptedStorage(inner=inner, keys=[KEY_A])
    name = old.save("r.txt", ContentFile(SECRET))
    rotating = EncryptedStorage(inner=inner, keys=[KEY_B, KEY_A])
    assert rotating.rotate(name, dry_run=True) == "rotated"
    assert Fernet(KEY_A).decrypt(_raw(inner, name)) == SECRET  # a dry run changes nothing
    assert rotating.rotate(name) == "rotated" and rotating.rotate(name) == "current"
    only_new = EncryptedStorage(inner=inner, keys=[KEY_B])
    with only_new.open(name) as handle:
        assert handle.read() == SECRET


def test_a_file_stored_before_encryption_is_reported_then_encrypted(inner):
    inner.save("old.txt", ContentFile(SECRET))
    storage = EncryptedStorage(inner=inner, keys=[KEY_A])
    with pytest.raises(FileDecryptionError, match="not encrypted"):
        storage.open("old.txt")
    assert storage.encrypt_in_place("old.txt") == "encrypted"
    assert storage.encrypt_in_place("old.txt") == "already"
    with storage.open("old.txt") as handle:
        assert handle.read() == SECRET


def test_the_inner_storage_can_be_named_by_its_dotted_path_as_settings_do(settings):
    """The settings switch names the inner backend by path with its options, as STORAGES does."""
    settings.STORAGES = {**settings.STORAGES, "wrapped": {
        "BACKEND": "casereview.web.storage.EncryptedStorage",
        "OPTIONS": {"inner": "django.core.files.storage.InMemoryStorage", "inner_options": {"location": "x"},
                    "keys": [KEY_A]}}}
    storage = storages["wrapped"]
    assert isinstance(storage.inner, InMemoryStorage)
    name = storage.save("w.txt", ContentFile(SECRET))
    assert storage.open(name).read() == SECRET and SECRET not in _raw(storage.inner, name)


def test_keys_follow_the_setting_and_an_inner_storage_is_required(settings, inner):
    settings.FILE_ENCRYPTION_KEYS = [KEY_A]
    storage = EncryptedStorage(inner=inner)
    name = storage.save("k.txt", ContentFile(SECRET))
    settings.FILE_ENCRYPTION_KEYS = [KEY_B]
    with pytest.raises(FileDecryptionError, match="none of the keys"):
        storage.open(name)
    with pytest.raises(ImproperlyConfigured):
        EncryptedStorage()
