"""What every `Store` backend does alike (run against SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio

import pytest

from bot.adapter.storage import AskedQuestion, Context, StoreError
from bot.adapter.storage.migrations import SCHEMA_VERSION, migrations_for
from bot.core import SpoilerMode
from tests.adapter.storage.conftest import AnyStore, Backend

GUILD, CHANNEL, THREAD, USER = 10, 20, 30, 40
#: A real snowflake: 64-bit ids must round-trip on every backend.
SNOWFLAKE = 1_234_567_890_123_456_789


async def test_open_migrates_and_is_idempotent(store: AnyStore) -> None:
    assert await store.schema_version() == SCHEMA_VERSION
    await store.open()
    assert await store.schema_version() == SCHEMA_VERSION


async def test_using_a_closed_store_is_a_clear_error(backend: Backend) -> None:
    store = backend.new_store()
    with pytest.raises(StoreError, match="not open"):
        await store.get_progress(USER)
    await store.close()  # idempotent, even unopened


async def test_upgrades_an_old_database_keeping_its_data(backend: Backend) -> None:
    await backend.execute(
        *migrations_for(backend.dialect)[0],
        f"INSERT INTO member_progress VALUES ({USER}, 5, 0)",
    )
    await backend.set_schema_version(1)
    store = backend.new_store()
    await store.open()
    try:
        assert await store.schema_version() == SCHEMA_VERSION
        assert await store.get_progress(USER) == 5
        await store.remember_question(1, CHANNEL, AskedQuestion("ask", "who plays trish"))
        assert await store.recall_question(1) == AskedQuestion("ask", "who plays trish")
    finally:
        await store.close()


async def test_refuses_a_database_from_a_newer_bot(backend: Backend) -> None:
    await backend.set_schema_version(SCHEMA_VERSION + 1)
    store = backend.new_store()
    with pytest.raises(StoreError, match="newer"):
        await store.open()
    await store.close()


async def test_spoiler_modes_round_trip(store: AnyStore) -> None:
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


async def test_snowflakes_round_trip(store: AnyStore) -> None:
    await store.set_spoiler_mode(SNOWFLAKE, SNOWFLAKE + 1, SpoilerMode.OPEN)
    await store.set_autoanswer(SNOWFLAKE, SNOWFLAKE + 1, True)
    await store.set_progress(SNOWFLAKE + 2, 7)
    context = await store.context(
        guild_id=SNOWFLAKE, channel_id=SNOWFLAKE + 1, parent_id=None, user_id=SNOWFLAKE + 2
    )
    assert context == Context(channel_mode=SpoilerMode.OPEN, autoanswer=True, progress=7)
    assert await store.autoanswer_channels(SNOWFLAKE) == [SNOWFLAKE + 1]


async def test_autoanswer_reports_changes_and_covers_threads(store: AnyStore) -> None:
    assert await store.set_autoanswer(GUILD, CHANNEL, False) is False  # was never on
    assert await store.set_autoanswer(GUILD, CHANNEL, True) is True
    assert await store.set_autoanswer(GUILD, CHANNEL, True) is False
    assert await store.autoanswer_channels(GUILD) == [CHANNEL]
    in_thread = await store.context(guild_id=GUILD, channel_id=THREAD, parent_id=CHANNEL, user_id=1)
    assert in_thread.autoanswer
    await store.set_spoiler_mode(GUILD, CHANNEL, SpoilerMode.OPEN)  # keeps auto-answer
    assert await store.autoanswer_channels(GUILD) == [CHANNEL]
    assert await store.set_autoanswer(GUILD, CHANNEL, False) is True
    assert await store.autoanswer_channels(GUILD) == []


async def test_progress_round_trip(store: AnyStore) -> None:
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


async def test_questions_are_kept_and_pruned(store: AnyStore, backend: Backend) -> None:
    await store.remember_question(1, CHANNEL, AskedQuestion("episode", "3"))
    assert await store.recall_question(1) == AskedQuestion("episode", "3")
    assert await store.recall_question(2) is None
    assert await store.prune_questions(older_than_days=1) == 0
    await backend.execute("UPDATE asked_questions SET created_at = 0")
    assert await store.prune_questions(older_than_days=1) == 1
    assert await store.recall_question(1) is None


async def test_meta_round_trip(store: AnyStore) -> None:
    assert await store.get_meta("k") is None
    await store.set_meta("k", "v1")
    await store.set_meta("k", "v2")
    assert await store.get_meta("k") == "v2"


async def test_concurrent_writes_from_many_tasks_and_two_connections(backend: Backend) -> None:
    first, second = backend.new_store(), backend.new_store()
    await first.open()
    await second.open()
    try:
        results = await asyncio.gather(
            *(first.set_progress(user, user % 14) for user in range(100)),
            *(second.set_autoanswer(GUILD, channel, True) for channel in range(100)),
            *(second.set_spoiler_mode(GUILD, channel, SpoilerMode.OPEN) for channel in range(50)),
            *(first.set_autoanswer(GUILD, channel, True) for channel in range(100)),
        )
        # Each channel was switched on exactly once, whoever got there first.
        assert sum(1 for r in results if r is True) == 100
        assert [await second.get_progress(user) for user in range(100)] == [
            user % 14 for user in range(100)
        ]
        assert await first.autoanswer_channels(GUILD) == list(range(100))
    finally:
        await first.close()
        await second.close()
