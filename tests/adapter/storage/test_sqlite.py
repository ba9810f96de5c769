from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.adapter.storage import AskedQuestion, Context, SQLiteStore, StoreError, open_store
from bot.adapter.storage.migrations import MIGRATIONS, SCHEMA_VERSION
from bot.adapter.storage.sqlite import MEMORY, sqlite_path
from bot.core.richtext import SpoilerMode

GUILD, CHANNEL, THREAD, USER = 10, 20, 30, 40


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


@pytest.mark.parametrize("url", ["postgres://db/bot", "data/bot.sqlite3", "sqlite://data/x.db"])
def test_unsupported_urls_are_explained(url: str) -> None:
    with pytest.raises(StoreError, match="DATABASE_URL"):
        open_store(url)


async def test_open_creates_the_folder_and_migrates(store: SQLiteStore, tmp_path: Path) -> None:
    assert (tmp_path / "nested" / "bot.sqlite3").exists()
    assert await store.schema_version() == SCHEMA_VERSION
    await store.open()  # idempotent
    assert await store.schema_version() == SCHEMA_VERSION


async def test_using_a_closed_store_is_a_clear_error(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "x.sqlite3")
    with pytest.raises(StoreError, match="not open"):
        await store.get_progress(USER)
    await store.close()  # idempotent, even unopened


async def test_upgrades_an_old_database_keeping_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    for statement in MIGRATIONS[0]:
        conn.execute(statement)
    conn.execute("INSERT INTO member_progress VALUES (?, 5, 0)", (USER,))
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    store = SQLiteStore(path)
    await store.open()
    try:
        assert await store.schema_version() == SCHEMA_VERSION
        assert await store.get_progress(USER) == 5
        await store.remember_question(1, CHANNEL, AskedQuestion("ask", "who plays trish"))
        assert await store.recall_question(1) == AskedQuestion("ask", "who plays trish")
    finally:
        await store.close()


async def test_refuses_a_database_from_a_newer_bot(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        await SQLiteStore(path).open()


async def test_spoiler_modes_round_trip(store: SQLiteStore) -> None:
    context = await store.context(guild_id=GUILD, channel_id=CHANNEL, parent_id=None, user_id=USER)
    assert context == Context()
    await store.set_spoiler_mode(GUILD, None, SpoilerMode.OPEN)
    await store.set_spoiler_mode(GUILD, CHANNEL, SpoilerMode.BLOCKED)
    context = await store.context(
        guild_id=GUILD, channel_id=THREAD, parent_id=CHANNEL, user_id=USER
    )
    assert context.guild_mode is SpoilerMode.OPEN
    assert context.parent_mode is SpoilerMode.BLOCKED
    assert context.channel_mode is None
    await store.set_spoiler_mode(GUILD, CHANNEL, None)
    context = await store.context(guild_id=GUILD, channel_id=CHANNEL, parent_id=None, user_id=USER)
    assert context.channel_mode is None
    assert context.guild_mode is SpoilerMode.OPEN


async def test_autoanswer_reports_changes_and_covers_threads(store: SQLiteStore) -> None:
    assert await store.set_autoanswer(GUILD, CHANNEL, True) is True
    assert await store.set_autoanswer(GUILD, CHANNEL, True) is False
    assert await store.autoanswer_channels(GUILD) == [CHANNEL]
    in_thread = await store.context(guild_id=GUILD, channel_id=THREAD, parent_id=CHANNEL, user_id=1)
    assert in_thread.autoanswer
    await store.set_spoiler_mode(GUILD, CHANNEL, SpoilerMode.OPEN)  # keeps auto-answer
    assert await store.autoanswer_channels(GUILD) == [CHANNEL]
    assert await store.set_autoanswer(GUILD, CHANNEL, False) is True
    assert await store.autoanswer_channels(GUILD) == []


async def test_progress_round_trip(store: SQLiteStore) -> None:
    assert await store.get_progress(USER) is None
    await store.set_progress(USER, 0)
    assert await store.get_progress(USER) == 0
    await store.set_progress(USER, 13)
    context = await store.context(guild_id=None, channel_id=CHANNEL, parent_id=None, user_id=USER)
    assert context.progress == 13
    assert await store.clear_progress(USER) is True
    assert await store.clear_progress(USER) is False
    with pytest.raises(ValueError, match="negative"):
        await store.set_progress(USER, -1)


async def test_questions_are_kept_and_pruned(store: SQLiteStore) -> None:
    await store.remember_question(1, CHANNEL, AskedQuestion("episode", "3"))
    assert await store.recall_question(1) == AskedQuestion("episode", "3")
    assert await store.recall_question(2) is None
    assert await store.prune_questions(older_than_days=1) == 0
    await store._run(lambda c: c.execute("UPDATE asked_questions SET created_at = 0"))
    assert await store.prune_questions(older_than_days=1) == 1
    assert await store.recall_question(1) is None


async def test_meta_round_trip(store: SQLiteStore) -> None:
    assert await store.get_meta("k") is None
    await store.set_meta("k", "v1")
    await store.set_meta("k", "v2")
    assert await store.get_meta("k") == "v2"


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


async def test_concurrent_writes_from_many_tasks_and_two_connections(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite3"
    first, second = SQLiteStore(path), SQLiteStore(path)
    await first.open()
    await second.open()
    try:
        await asyncio.gather(
            *(first.set_progress(user, user % 14) for user in range(100)),
            *(second.set_autoanswer(GUILD, channel, True) for channel in range(100)),
            *(second.set_spoiler_mode(GUILD, channel, SpoilerMode.OPEN) for channel in range(50)),
            *(first.set_autoanswer(GUILD, channel, True) for channel in range(100)),
        )
        assert [await second.get_progress(user) for user in range(100)] == [
            user % 14 for user in range(100)
        ]
        assert await first.autoanswer_channels(GUILD) == list(range(100))
    finally:
        await first.close()
        await second.close()


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
