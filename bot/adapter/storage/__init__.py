"""Where the bot keeps server, channel and member settings: a small `Store` interface and its
SQLite and PostgreSQL implementations. `open_store(url)` picks the implementation from the
database URL.
"""

from __future__ import annotations

from bot.adapter.storage.base import (
    UNANSWERED_REASONS,
    AskedQuestion,
    ChangeFeed,
    Context,
    Store,
    StoreError,
    StoreWriteError,
    UnansweredEntry,
    question_key,
    redact_url,
)
from bot.adapter.storage.cache import CachedStore, check_writable
from bot.adapter.storage.sqlite import SQLiteStore, sqlite_path

__all__ = [
    "UNANSWERED_REASONS",
    "AskedQuestion",
    "CachedStore",
    "ChangeFeed",
    "Context",
    "SQLiteStore",
    "Store",
    "StoreError",
    "StoreWriteError",
    "UnansweredEntry",
    "check_writable",
    "open_store",
    "question_key",
    "redact_url",
]


def open_store(url: str) -> Store:
    """The store for a database URL (not connected yet: call `await store.open()`), with the
    settings cache in front.

    `sqlite:///relative/path`, `sqlite:////absolute/path`, `sqlite:///:memory:`, or
    `postgresql://user:password@host:port/database` (also `postgres://`).
    """
    from bot.adapter.storage.postgres import PostgresStore, is_postgres_url

    if is_postgres_url(url):
        return CachedStore(PostgresStore(url))
    return CachedStore(SQLiteStore(sqlite_path(url)))
