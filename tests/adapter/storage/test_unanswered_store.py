"""The unanswered-questions log through the `Store` interface.

Written against the interface only: `BACKENDS` lists how to build each store, so every backend
runs the same tests (PostgreSQL is skipped without TEST_DATABASE_URL, a failure in CI).
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from bot.adapter.storage import CachedStore, SQLiteStore, Store, open_store
from bot.adapter.storage.migrations import SCHEMA_VERSION
from bot.adapter.storage.postgres import PostgresStore

GUILD, OTHER_GUILD = 10, 11
DAY = 86400
#: A real snowflake: past 32 bits, so an INTEGER column would not hold it on PostgreSQL.
BIG_GUILD = 1_256_074_443_980_800_023


#: How to build a store on a database (a file path for SQLite, a URL for PostgreSQL).
BACKENDS: dict[str, Callable[[str], Store]] = {
    "sqlite": lambda path: SQLiteStore(path),
    "sqlite-cached": lambda path: open_store(f"sqlite:///{path}"),
    "postgresql": lambda url: PostgresStore(url),
    "postgresql-cached": lambda url: open_store(url),
}


@pytest.fixture(params=sorted(BACKENDS))
def new_store(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[], Store]:
    """Builds another store (not opened yet) on this test's database."""
    name: str = request.param
    database: str = (
        request.getfixturevalue("postgres_url")
        if name.startswith("postgresql")
        else str(tmp_path / "bot.sqlite3")
    )
    return lambda: BACKENDS[name](database)


@pytest.fixture
async def store(new_store: Callable[[], Store]) -> AsyncIterator[Store]:
    store = new_store()
    await store.open()
    yield store
    await store.close()


async def test_askings_of_one_question_share_an_entry(store: Store) -> None:
    for text in ("Who is Trish's dad?", "who is  trish's DAD", "who is trish's dad"):
        assert await store.record_unanswered(GUILD, text, "not_sure", "")
    await store.record_unanswered(GUILD, "how long is ep 3", "sources_dont_say", "episode.runtime")
    entries = await store.unanswered(GUILD, limit=10)
    assert [(e.question, e.count) for e in entries] == [
        ("who is trish's dad", 3),  # the latest wording, most asked first
        ("how long is ep 3", 1),
    ]
    assert entries[1].reason == "sources_dont_say"
    assert entries[1].closest == "episode.runtime"
    assert await store.count_unanswered(GUILD) == 2


async def test_servers_are_kept_apart(store: Store) -> None:
    await store.record_unanswered(GUILD, "q one", "not_sure", "")
    await store.record_unanswered(OTHER_GUILD, "q two", "not_sure", "")
    assert [e.question for e in await store.unanswered(GUILD, limit=10)] == ["q one"]
    assert await store.count_unanswered(None) == 2
    assert {e.guild_id for e in await store.unanswered(None, limit=10)} == {GUILD, OTHER_GUILD}
    assert await store.clear_unanswered(GUILD) == 1
    assert await store.count_unanswered(GUILD) == 0
    assert await store.count_unanswered(OTHER_GUILD) == 1


async def test_a_once_token_counts_once(store: Store) -> None:
    assert await store.record_unanswered(GUILD, "q", "not_what_i_asked", "x", once="t1")
    assert not await store.record_unanswered(GUILD, "q", "not_what_i_asked", "x", once="t1")
    assert await store.record_unanswered(GUILD, "q", "not_what_i_asked", "x", once="t2")
    [entry] = await store.unanswered(GUILD, limit=10)
    assert entry.count == 2


async def test_resolving_counts_down_and_removes_at_zero(store: Store) -> None:
    await store.record_unanswered(GUILD, "jones", "which_one", "")
    await store.record_unanswered(GUILD, "jones", "which_one", "")
    assert await store.resolve_unanswered(GUILD, "Jones", "which_one", once="m1")
    assert not await store.resolve_unanswered(GUILD, "jones", "which_one", once="m1")
    assert (await store.unanswered(GUILD, limit=10))[0].count == 1
    assert await store.resolve_unanswered(GUILD, "jones", "which_one")
    assert await store.unanswered(GUILD, limit=10) == []
    assert not await store.resolve_unanswered(GUILD, "jones", "which_one")


async def test_paging_is_stable(store: Store) -> None:
    for i in range(7):
        for _ in range(i + 1):
            await store.record_unanswered(GUILD, f"question {i}", "not_sure", "")
    first = await store.unanswered(GUILD, limit=3)
    second = await store.unanswered(GUILD, limit=3, offset=3)
    rest = await store.unanswered(GUILD, limit=3, offset=6)
    assert [e.count for e in first + second + rest] == [7, 6, 5, 4, 3, 2, 1]


async def test_retention_drops_entries_not_asked_lately(store: Store) -> None:
    now = int(time.time())
    await store.record_unanswered(GUILD, "old", "not_sure", "", at=now - 40 * DAY)
    await store.record_unanswered(GUILD, "asked again", "not_sure", "", at=now - 40 * DAY)
    await store.record_unanswered(GUILD, "asked again", "not_sure", "", at=now - DAY)
    await store.record_unanswered(GUILD, "new", "not_sure", "", at=now)
    assert await store.prune_unanswered(30, at=now) == 1
    entries = {e.question: e for e in await store.unanswered(GUILD, limit=10)}
    assert set(entries) == {"asked again", "new"}
    assert entries["asked again"].first_asked == now - 40 * DAY
    assert entries["asked again"].last_asked == now - DAY


async def test_snowflakes_round_trip(store: Store) -> None:
    await store.record_unanswered(BIG_GUILD, "who is kilgrave", "not_sure", "")
    [entry] = await store.unanswered(BIG_GUILD, limit=5)
    assert entry.guild_id == BIG_GUILD
    assert await store.count_unanswered(BIG_GUILD) == 1
    assert await store.clear_unanswered(BIG_GUILD) == 1


async def _columns(store: Store) -> set[str]:
    """The column names of the log's tables, as the database has them."""
    inner = store.inner if isinstance(store, CachedStore) else store
    if isinstance(inner, PostgresStore):
        import asyncpg

        conn = await asyncpg.connect(inner.url)
        try:
            rows = await conn.fetch(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_name IN ('unanswered', 'unanswered_once')"
            )
        finally:
            await conn.close()
        return {str(row[0]) for row in rows}
    assert isinstance(inner, SQLiteStore)

    def read(conn: sqlite3.Connection) -> set[str]:
        names: set[str] = set()
        for table in ("unanswered", "unanswered_once"):
            names |= {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        return names

    return await inner._run(read)


async def test_no_user_ids_are_stored(store: Store) -> None:
    inner = store.inner if isinstance(store, CachedStore) else store
    assert isinstance(inner, SQLiteStore | PostgresStore)
    assert await inner.schema_version() == SCHEMA_VERSION
    await store.record_unanswered(GUILD, "q", "not_what_i_asked", "", once="digest")
    names = await _columns(store)
    assert "question" in names
    assert not any("user" in n or "member" in n for n in names)


async def test_the_log_survives_reopening(new_store: Callable[[], Store]) -> None:
    first = new_store()
    await first.open()
    await first.record_unanswered(GUILD, "still here?", "not_sure", "")
    await first.close()
    second = new_store()
    await second.open()
    try:
        assert [e.question for e in await second.unanswered(GUILD, limit=5)] == ["still here?"]
    finally:
        await second.close()


async def test_concurrent_writers_from_two_connections_lose_nothing(
    new_store: Callable[[], Store],
) -> None:
    first, second = new_store(), new_store()
    await first.open()
    await second.open()
    try:
        clicks = [
            store.record_unanswered(GUILD, "q", "not_what_i_asked", "", once=f"click-{i % 10}")
            for i in range(40)
            for store in (first, second)
        ]
        askings = [
            store.record_unanswered(GUILD, "p", "not_sure", "")
            for _ in range(20)
            for store in (first, second)
        ]
        counted = await asyncio.gather(*clicks, *askings)
        assert sum(counted[: len(clicks)]) == 10  # each token counted once, whoever took it
        entries = {e.question: e.count for e in await first.unanswered(GUILD, limit=5)}
        assert entries == {"q": 10, "p": 40}
        resolved = await asyncio.gather(
            *(s.resolve_unanswered(GUILD, "p", "not_sure") for s in (first, second) * 25)
        )
        assert sum(resolved) == 40
        assert await second.count_unanswered(GUILD) == 1
    finally:
        await first.close()
        await second.close()
