"""What only the SQLite store does: URLs, files, its worker thread and transactions."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.adapter.storage import SQLiteStore, StoreError, open_store
from bot.adapter.storage.migrations import SCHEMA_VERSION
from bot.adapter.storage.sqlite import MEMORY, sqlite_path
from bot.core import SpoilerMode

GUILD, CHANNEL, USER = 10, 20, 40


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[SQLiteStore]:
    store = SQLiteStore(tmp_path / "nested" / "bot.sqlite3")
    await store.open()
    yield store
    await store.close()


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("sqlite:///data/bot.sqlite3", "data/bot.sqlite3"),
        ("sqlite:////data/bot.sqlite3", "/data/bot.sqlite3"),
        ("sqlite:///:memory:", MEMORY),
        ("sqlite://", MEMORY),
    ],
)
def test_sqlite_urls(url: str, path: str) -> None:
    assert sqlite_path(url) == path


@pytest.mark.parametrize("url", ["mysql://db/bot", "data/bot.sqlite3", "sqlite://data/x.db"])
def test_unsupported_urls_are_explained(url: str) -> None:
    with pytest.raises(StoreError, match="DATABASE_URL"):
        open_store(url)


def test_an_unsupported_url_never_shows_its_password() -> None:
    with pytest.raises(StoreError) as caught:
        open_store("mysql://bot:hunter2@db.example/bot")
    assert "hunter2" not in str(caught.value)
    assert "bot:***@db.example" in str(caught.value)


async def test_open_creates_the_folder(store: SQLiteStore, tmp_path: Path) -> None:
    assert (tmp_path / "nested" / "bot.sqlite3").exists()
    assert await store.schema_version() == SCHEMA_VERSION


async def test_runs_off_the_event_loop_thread(store: SQLiteStore) -> None:
    loop_thread = threading.get_ident()
    worker = await store._run(lambda _conn: threading.get_ident())
    assert worker != loop_thread


async def test_a_failed_write_leaves_nothing_behind(store: SQLiteStore) -> None:
    def half_then_fail(conn: sqlite3.Connection) -> None:
        with store._write(conn):
            conn.execute("INSERT INTO member_progress VALUES (?, 3, 0)", (USER,))
            raise RuntimeError("crash mid-write")

    with pytest.raises(RuntimeError):
        await store._run(half_then_fail)
    assert await store.get_progress(USER) is None


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["set", "clear"]), st.integers(1, 4), st.integers(0, 13)),
        max_size=30,
    )
)
def test_progress_behaves_like_a_dict(operations: list[tuple[str, int, int]]) -> None:
    async def check() -> None:
        store = SQLiteStore(MEMORY)
        await store.open()
        model: dict[int, int] = {}
        try:
            for op, user, episode in operations:
                if op == "set":
                    await store.set_progress(user, episode)
                    model[user] = episode
                else:
                    assert await store.clear_progress(user) == (user in model)
                    model.pop(user, None)
            for user in range(1, 5):
                assert await store.get_progress(user) == model.get(user)
        finally:
            await store.close()

    asyncio.run(check())


@pytest.mark.parametrize("suffixes", [("",), ("", "-wal", "-shm"), ("-wal",)])
async def test_writes_to_a_deleted_database_file_are_refused_and_reads_go_on(
    tmp_path: Path, suffixes: tuple[str, ...]
) -> None:
    """Issue 8, defect 6: after the file (and its -wal/-shm) was deleted, writes were confirmed
    but lost at the next start."""
    path = tmp_path / "bot.sqlite3"
    store = SQLiteStore(path)
    await store.open()
    try:
        await store.set_spoiler_mode(GUILD, CHANNEL, SpoilerMode.BLOCKED)
        for suffix in suffixes:
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        with pytest.raises(StoreError, match="while the bot was running"):
            await store.set_progress(USER, 3)
        with pytest.raises(StoreError):
            await store.set_spoiler_mode(GUILD, CHANNEL, SpoilerMode.OPEN)
        context = await store.context(
            guild_id=GUILD, channel_id=CHANNEL, parent_id=None, user_id=USER
        )
        assert context.channel_mode is SpoilerMode.BLOCKED  # what the moderator set still holds
    finally:
        await store.close()


async def test_writes_to_a_replaced_database_file_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    store = SQLiteStore(path)
    await store.open()
    try:
        path.rename(tmp_path / "moved.sqlite3")
        path.write_bytes(b"")
        with pytest.raises(StoreError, match="replaced"):
            await store.set_progress(USER, 3)
    finally:
        await store.close()
