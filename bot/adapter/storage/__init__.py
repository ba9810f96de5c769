"""Where the bot keeps server, channel and member settings: a small `Store` interface and its
SQLite implementation. `open_store(url)` picks the implementation from the database URL.
"""

from __future__ import annotations

from bot.adapter.storage.base import (
    UNANSWERED_REASONS,
    AskedQuestion,
    Context,
    Store,
    StoreError,
    UnansweredEntry,
    question_key,
)
from bot.adapter.storage.cache import CachedStore
from bot.adapter.storage.sqlite import SQLiteStore, sqlite_path

__all__ = [
    "UNANSWERED_REASONS",
    "AskedQuestion",
    "CachedStore",
    "Context",
    "SQLiteStore",
    "Store",
    "StoreError",
    "UnansweredEntry",
    "open_store",
    "question_key",
]


def open_store(url: str) -> Store:
    """The store for a database URL (not connected yet: call `await store.open()`), with the
    settings cache in front.

    Only `sqlite:///relative/path`, `sqlite:////absolute/path` and `sqlite:///:memory:` exist today.
    """
    return CachedStore(SQLiteStore(sqlite_path(url)))
