"""A read-through cache in front of any `Store`, so answering a question never waits on a thread.

Settings are read on every question and every message in a server but change rarely, and only
through this bot process. `CachedStore` keeps recent `context()` results in memory and forgets
them all whenever a setting or a member's progress changes. A read that was in flight while a
write happened is not cached (a generation counter tells), so the cache never holds stale data.
"""

from __future__ import annotations

from collections import OrderedDict

from bot.adapter.storage.base import AskedQuestion, Context, Store, UnansweredEntry
from bot.core import SpoilerMode

__all__ = ["CachedStore"]

_Key = tuple[int | None, int, int | None, int]


class CachedStore:
    """`Store` that serves repeated `context()` reads from memory (at most `size` entries)."""

    def __init__(self, inner: Store, size: int = 10_000) -> None:
        self.inner = inner
        self.size = size
        self._contexts: OrderedDict[_Key, Context] = OrderedDict()
        self._generation = 0

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
        generation = self._generation
        context = await self.inner.context(
            guild_id=guild_id, channel_id=channel_id, parent_id=parent_id, user_id=user_id
        )
        if generation == self._generation:
            self._contexts[key] = context
            if len(self._contexts) > self.size:
                self._contexts.popitem(last=False)
        return context

    # -- writes: forget every cached context, before and after ---------------------------------

    async def set_spoiler_mode(
        self, guild_id: int, channel_id: int | None, mode: SpoilerMode | None
    ) -> None:
        self._changed()
        try:
            await self.inner.set_spoiler_mode(guild_id, channel_id, mode)
        finally:
            self._changed()

    async def set_autoanswer(self, guild_id: int, channel_id: int, enabled: bool) -> bool:
        self._changed()
        try:
            return await self.inner.set_autoanswer(guild_id, channel_id, enabled)
        finally:
            self._changed()

    async def set_progress(self, user_id: int, episode: int) -> None:
        self._changed()
        try:
            await self.inner.set_progress(user_id, episode)
        finally:
            self._changed()

    async def clear_progress(self, user_id: int) -> bool:
        self._changed()
        try:
            return await self.inner.clear_progress(user_id)
        finally:
            self._changed()

    # -- everything else goes straight through -------------------------------------------------

    async def autoanswer_channels(self, guild_id: int) -> list[int]:
        return await self.inner.autoanswer_channels(guild_id)

    async def get_progress(self, user_id: int) -> int | None:
        return await self.inner.get_progress(user_id)

    async def remember_question(
        self, message_id: int, channel_id: int, question: AskedQuestion
    ) -> None:
        await self.inner.remember_question(message_id, channel_id, question)

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

    async def set_meta(self, key: str, value: str) -> None:
        await self.inner.set_meta(key, value)
