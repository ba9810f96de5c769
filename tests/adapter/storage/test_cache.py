from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest

from bot.adapter.storage import (
    AskedQuestion,
    CachedStore,
    Context,
    SQLiteStore,
    StoreError,
    StoreWriteError,
    check_writable,
    open_store,
)
from bot.core import SpoilerMode


class CountingStore(SQLiteStore):
    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.reads = 0
        self.gate: asyncio.Event | None = None

    async def context(
        self, *, guild_id: int | None, channel_id: int, parent_id: int | None, user_id: int
    ) -> Context:
        self.reads += 1
        result = await super().context(
            guild_id=guild_id, channel_id=channel_id, parent_id=parent_id, user_id=user_id
        )
        if self.gate is not None:
            await self.gate.wait()
        return result


async def read(store: CachedStore) -> Context:
    return await store.context(guild_id=1, channel_id=2, parent_id=None, user_id=3)


async def test_repeated_reads_come_from_memory_until_a_write(tmp_path: Path) -> None:
    inner = CountingStore(tmp_path / "x.sqlite3")
    store = CachedStore(inner)
    await store.open()
    try:
        assert await read(store) == Context()
        assert await read(store) == Context()
        assert inner.reads == 1
        await store.set_spoiler_mode(1, 2, SpoilerMode.OPEN)
        assert (await read(store)).channel_mode is SpoilerMode.OPEN
        await store.set_progress(3, 4)
        assert (await read(store)).progress == 4
        await store.set_autoanswer(1, 2, True)
        assert (await read(store)).autoanswer
        await store.clear_progress(3)
        assert (await read(store)).progress is None
        assert inner.reads == 5
    finally:
        await store.close()


async def test_a_read_overtaken_by_a_write_is_not_cached(tmp_path: Path) -> None:
    inner = CountingStore(tmp_path / "x.sqlite3")
    store = CachedStore(inner)
    await store.open()
    try:
        inner.gate = asyncio.Event()
        slow = asyncio.create_task(read(store))
        await asyncio.sleep(0.05)  # the read has its (old) answer, and waits
        inner.gate.set()
        await store.set_progress(3, 9)
        assert (await slow).progress is None  # it began before the write
        inner.gate = None
        assert (await read(store)).progress == 9  # ... and was not cached
    finally:
        await store.close()


async def test_bounded_and_passes_everything_else_through(tmp_path: Path) -> None:
    store = CachedStore(SQLiteStore(tmp_path / "x.sqlite3"), size=2)
    await store.open()
    try:
        for channel in range(5):
            await store.context(guild_id=1, channel_id=channel, parent_id=None, user_id=1)
        assert len(store._contexts) == 2
        await store.remember_question(7, 2, AskedQuestion("ask", "q"))
        assert await store.recall_question(7) == AskedQuestion("ask", "q")
        assert await store.prune_questions(30) == 0
        await store.set_meta("k", "v")
        assert await store.get_meta("k") == "v"
        assert await store.get_progress(1) is None
        assert await store.autoanswer_channels(1) == []
    finally:
        await store.close()


def test_open_store_puts_the_cache_in_front_of_sqlite() -> None:
    store = open_store("sqlite:///:memory:")
    assert isinstance(store, CachedStore)
    assert isinstance(store.inner, SQLiteStore)


async def test_concurrent_cold_reads_of_one_key_share_one_backend_read(tmp_path: Path) -> None:
    """Issue 8: 200 cold /ask from 50 members made 200 SQLite reads."""
    inner = CountingStore(tmp_path / "x.sqlite3")
    store = CachedStore(inner)
    await store.open()
    try:
        members = [
            store.context(guild_id=1, channel_id=2, parent_id=None, user_id=user % 50)
            for user in range(200)
        ]
        results = await asyncio.gather(*members)
        assert all(result == Context() for result in results)
        assert inner.reads == 50
    finally:
        await store.close()


async def test_a_caller_giving_up_does_not_cancel_the_shared_read(tmp_path: Path) -> None:
    inner = CountingStore(tmp_path / "x.sqlite3")
    store = CachedStore(inner)
    await store.open()
    try:
        inner.gate = asyncio.Event()
        impatient = asyncio.create_task(read(store))
        patient = asyncio.create_task(read(store))
        await asyncio.sleep(0.05)
        impatient.cancel()
        inner.gate.set()
        assert await patient == Context()
        assert inner.reads == 1
    finally:
        await store.close()


async def test_a_failed_write_is_logged_and_raised_as_not_saved(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    inner = SQLiteStore(tmp_path / "x.sqlite3")
    store = CachedStore(inner)
    await store.open()

    async def refuse(*_args: object) -> None:
        raise StoreError("disk on fire")

    inner.set_progress = refuse  # type: ignore[method-assign]
    try:
        with (
            caplog.at_level(logging.ERROR, logger="bot.adapter.storage"),
            pytest.raises(StoreWriteError, match="disk on fire"),
        ):
            await store.set_progress(3, 4)
        assert any(
            "Not saved" in r.getMessage() and "disk on fire" in r.getMessage()
            for r in caplog.records
        )
        assert (await read(store)).progress is None
    finally:
        await store.close()


async def test_check_writable_refuses_a_read_only_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "x.sqlite3"
    first = open_store(f"sqlite:///{path}")
    await first.open()
    await check_writable(first)
    await first.close()
    _open_read_only(monkeypatch)
    store = open_store(f"sqlite:///{path}")
    await store.open()
    try:
        with pytest.raises(StoreError, match=r"cannot be written .*readonly database") as caught:
            await check_writable(store)
        assert "\n" not in str(caught.value)
    finally:
        await store.close()


def _open_read_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make SQLite open every file read-only, as on a read-only mount: file permissions cannot
    simulate that when the tests run as root, which ignores them."""
    import sqlite3

    from bot.adapter.storage import sqlite as backend

    real_connect = sqlite3.connect

    def connect(path: str, **kwargs: object) -> sqlite3.Connection:
        return real_connect(f"file:{path}?mode=ro", uri=True, **kwargs)  # type: ignore[call-overload,no-any-return]

    monkeypatch.setattr(backend.sqlite3, "connect", connect)
