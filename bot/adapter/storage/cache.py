"""What the bot puts in front of any `Store`: a read-through settings cache that shares in-flight
reads, and one place where failed writes are logged and reported as not saved.

Settings are read on every question and every message in a server but change rarely.
`CachedStore` keeps recent `context()` results in memory and forgets them all whenever a setting
or a member's progress changes through it, or, when the store behind it is a `ChangeFeed`
(PostgreSQL), through another process. A read that was in flight while a change happened is not
cached (a generation counter tells), and nothing is cached while the feed is down. Concurrent cold
reads of the same key wait for one read of the backend instead of making one each.

A write that fails, in any backend, is logged as an error with its reason and raised as
`StoreWriteError`, which the bot turns into "not saved" for the member.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable
from typing import TypeVar

from bot.adapter.storage.base import (
    AskedQuestion,
    ChangeFeed,
    Context,
    Store,
    StoreError,
    StoreWriteError,
    UnansweredEntry,
)
from bot.core import SpoilerMode

__all__ = ["CachedStore", "check_writable"]

_log = logging.getLogger(__name__)
_T = TypeVar("_T")
_Key = tuple[int | None, int, int | None, int]

#: The bookkeeping key written at start-up to prove the store accepts writes.
HEALTH_KEY = "health.started_at"


async def check_writable(store: Store) -> None:
    """Raise `StoreError` unless `store` accepts a write: run at start-up, before going online."""
    try:
        await store.set_meta(HEALTH_KEY, f"{time.time():.0f}")
    except StoreError as exc:
        reason = exc.__cause__ if isinstance(exc, StoreWriteError) and exc.__cause__ else exc
        raise StoreError(
            f"the database cannot be written ({_one_line(reason)}): check DATABASE_URL and the "
            "file's permissions"
        ) from exc


def _retrieve(read: asyncio.Future[Context]) -> None:
    """Mark a shared read's failure as seen: every waiter may have given up on it already."""
    if not read.cancelled():
        read.exception()


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__


class CachedStore:
    """`Store` that serves repeated `context()` reads from memory (at most `size` entries)."""

    def __init__(self, inner: Store, size: int = 10_000) -> None:
        self.inner = inner
        self.size = size
        self._contexts: OrderedDict[_Key, Context] = OrderedDict()
        self._generation = 0
        self._feed = inner if isinstance(inner, ChangeFeed) else None
        if self._feed is not None:
            self._feed.add_change_listener(self._changed)
        # The read of each key now in flight, and the generation it started in.
        self._inflight: dict[_Key, tuple[int, asyncio.Future[Context]]] = {}

    def __repr__(self) -> str:
        return f"CachedStore({self.inner!r})"

    def _changed(self) -> None:
        self._generation += 1
        self._contexts.clear()

    async def open(self) -> None:
        await self.inner.open()

    async def close(self) -> None:
        self._changed()
        await self.inner.close()

    async def context(
        self, *, guild_id: int | None, channel_id: int, parent_id: int | None, user_id: int
    ) -> Context:
        key = (guild_id, channel_id, parent_id, user_id)
        cached = self._contexts.get(key)
        if cached is not None:
            self._contexts.move_to_end(key)
            return cached
        inflight = self._inflight.get(key)
        if inflight is None or inflight[0] != self._generation:
            read = asyncio.ensure_future(self._read(key))
            read.add_done_callback(_retrieve)
            inflight = self._inflight[key] = (self._generation, read)
        # A caller that gives up (a timeout) must not cancel the read others are waiting for.
        return await asyncio.shield(inflight[1])

    async def _read(self, key: _Key) -> Context:
        generation = self._generation
        try:
            context = await self.inner.context(
                guild_id=key[0], channel_id=key[1], parent_id=key[2], user_id=key[3]
            )
        finally:
            current = self._inflight.get(key)
            if current is not None and current[0] == generation:
                del self._inflight[key]
        if generation == self._generation and (self._feed is None or self._feed.changes_live):
            self._contexts[key] = context
            if len(self._contexts) > self.size:
                self._contexts.popitem(last=False)
        return context

    # -- writes: forget every cached context, before and after; report failures -----------------

    async def _write(self, what: str, write: Awaitable[_T]) -> _T:
        self._changed()
        try:
            return await write
        except StoreError as exc:
            _log.error("Not saved (%s): %s", what, _one_line(exc))
            raise StoreWriteError(f"not saved: {_one_line(exc)}") from exc
        finally:
            self._changed()

    async def set_spoiler_mode(
        self, guild_id: int, channel_id: int | None, mode: SpoilerMode | None
    ) -> None:
        what = f"spoiler mode of guild {guild_id} channel {channel_id}"
        await self._write(what, self.inner.set_spoiler_mode(guild_id, channel_id, mode))

    async def set_autoanswer(self, guild_id: int, channel_id: int, enabled: bool) -> bool:
        what = f"auto-answer of guild {guild_id} channel {channel_id}"
        return await self._write(what, self.inner.set_autoanswer(guild_id, channel_id, enabled))

    async def set_progress(self, user_id: int, episode: int) -> None:
        await self._write(f"progress of user {user_id}", self.inner.set_progress(user_id, episode))

    async def clear_progress(self, user_id: int) -> bool:
        return await self._write(f"progress of user {user_id}", self.inner.clear_progress(user_id))

    async def remember_question(
        self, message_id: int, channel_id: int, question: AskedQuestion
    ) -> None:
        try:
            await self.inner.remember_question(message_id, channel_id, question)
        except StoreError as exc:
            raise StoreWriteError(f"not saved: {_one_line(exc)}") from exc

    async def set_meta(self, key: str, value: str) -> None:
        try:
            await self.inner.set_meta(key, value)
        except StoreError as exc:
            raise StoreWriteError(f"not saved: {_one_line(exc)}") from exc

    # -- everything else goes straight through -------------------------------------------------

    async def autoanswer_channels(self, guild_id: int) -> list[int]:
        return await self.inner.autoanswer_channels(guild_id)

    async def get_progress(self, user_id: int) -> int | None:
        return await self.inner.get_progress(user_id)

    async def recall_question(self, message_id: int) -> AskedQuestion | None:
        return await self.inner.recall_question(message_id)

    async def prune_questions(self, older_than_days: int) -> int:
        return await self.inner.prune_questions(older_than_days)

    async def record_unanswered(
        self,
        guild_id: int,
        question: str,
        reason: str,
        closest: str,
        *,
        once: str | None = None,
        at: int | None = None,
    ) -> bool:
        return await self.inner.record_unanswered(
            guild_id, question, reason, closest, once=once, at=at
        )

    async def resolve_unanswered(
        self, guild_id: int, question: str, reason: str, *, once: str | None = None
    ) -> bool:
        return await self.inner.resolve_unanswered(guild_id, question, reason, once=once)

    async def unanswered(
        self, guild_id: int | None, *, limit: int, offset: int = 0
    ) -> list[UnansweredEntry]:
        return await self.inner.unanswered(guild_id, limit=limit, offset=offset)

    async def count_unanswered(self, guild_id: int | None) -> int:
        return await self.inner.count_unanswered(guild_id)

    async def clear_unanswered(self, guild_id: int) -> int:
        return await self.inner.clear_unanswered(guild_id)

    async def prune_unanswered(self, older_than_days: int, *, at: int | None = None) -> int:
        return await self.inner.prune_unanswered(older_than_days, at=at)

    async def get_meta(self, key: str) -> str | None:
        return await self.inner.get_meta(key)
