"""Results remembered in the server process while the records they were read from are unchanged.

Some pages summarise all of a partnership's records (the similar-reviews corpus): reading them again on every
request made those pages grow with the partnership. A result is kept under the data version
(casereview.audit.selectors.data_version: the latest audited write, moved in the write's own transaction), so a
write makes the results it could change stale, in every process, at once: with a partnership named, a write in
that partnership or in no partnership; without, any write anywhere. Nothing is remembered inside a
transaction (what it reads may be rolled back). Access is never decided here: callers check it before asking.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from casereview.audit.selectors import data_version

T = TypeVar("T")

# Entries per name: one per partnership in use in this process (each a few megabytes at most).
LIMIT = 32

_lock = threading.Lock()
_entries: dict[str, OrderedDict] = {}
MISSING = object()


def remembered(name: str, key: Hashable, compute: Callable[[], T], *, partnership_id: int | None = None) -> T:
    """compute(), or its result from an earlier call with the same name and key if no record has changed since:
    none of partnership_id's records or of no partnership's when compute reads only those, else none at all.
    The result is shared: callers must not change it."""
    version = data_version(None if partnership_id is None else [partnership_id])
    if version is None:
        return compute()
    held = recall(name, key, version)
    if held is not MISSING:
        return held
    # The version was read before the records: if a write lands meanwhile, the result is kept under the older
    # version and read again on the next request, never the other way round.
    value = compute()
    keep(name, key, version, value)
    return value


def recall(name: str, key: Hashable, version: Hashable):
    """What was kept under name and key at this version, else MISSING."""
    with _lock:
        entries = _entries.get(name)
        held = entries.get(key) if entries is not None else None
        if held is None or held[0] != version:
            return MISSING
        entries.move_to_end(key)
        return held[1]


def keep(name: str, key: Hashable, version: Hashable, value, limit: int = LIMIT) -> None:
    """Keep value under name and key at this version, letting the least recently used of the name go beyond
    limit. The version must have been read before whatever value was made from."""
    with _lock:
        entries = _entries.setdefault(name, OrderedDict())
        entries[key] = (version, value)
        entries.move_to_end(key)
        while len(entries) > limit:
            entries.popitem(last=False)


def forget() -> None:
    """Drop everything remembered (tests that switch databases)."""
    with _lock:
        _entries.clear()
