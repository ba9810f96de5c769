"""Where the bot keeps server, channel and member settings: a small `Store` interface and its
SQLite implementation. `open_store(url)` picks the implementation from the database URL.
"""

from __future__ import annotations

from bot.adapter.storage.base import AskedQuestion, Context, Store, StoreError, StoreWriteError
from bot.adapter.storage.cache import CachedStore, check_writable
from bot.adapter.storage.sqlite import SQLiteStore, sqlite_path

__all__ = [
    "AskedQuestion",
    "CachedStore",
    "Context",
    "SQLiteStore",
    "Store",
    "StoreError",
    "StoreWriteError",
    "check_writable",
    "open_store",
]


def open_store(url: str) -> Store:
    """The store for a database URL (not connected yet: call `await store.open()`), with the
    settings cache in front.

    Only `sqlite:///relative/path`, `sqlite:////absolute/path` and `sqlite:///:memory:` exist today.
    """
    return CachedStore(SQLiteStore(sqlite_path(url)))
