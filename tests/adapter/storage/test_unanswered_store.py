"""The unanswered-questions log through the `Store` interface.

Written against the interface only: `BACKENDS` lists how to build each store, so another backend
(PostgreSQL) runs the same tests by adding a line there.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from bot.adapter.storage import SQLiteStore, Store, open_store
from bot.adapter.storage.migrations import SCHEMA_VERSION

GUILD, OTHER_GUILD = 10, 11
DAY = 86400

BACKENDS: dict[str, Callable[[Path], Store]] = {
    "sqlite": lambda tmp: SQLiteStore(tmp / "bot.sqlite3"),
    "sqlite-cached": lambda tmp: open_store(f"sqlite:///{tmp / 'cached.sqlite3'}"),
}


@pytest.fixture(params=sorted(BACKENDS))
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Store]:
    store = BACKENDS[request.param](tmp_path)
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


async def test_no_user_ids_are_stored(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "bot.sqlite3")
    await store.open()
    try:
        assert await store.schema_version() == SCHEMA_VERSION
        await store.record_unanswered(GUILD, "q", "not_what_i_asked", "", once="digest")

        def columns(conn: object) -> set[str]:
            import sqlite3

            assert isinstance(conn, sqlite3.Connection)
            names: set[str] = set()
            for table in ("unanswered", "unanswered_once"):
                names |= {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
            return names

        names = await store._run(columns)
        assert not any("user" in n or "member" in n for n in names)
    finally:
        await store.close()


async def test_the_log_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    first = SQLiteStore(path)
    await first.open()
    await first.record_unanswered(GUILD, "still here?", "not_sure", "")
    await first.close()
    second = SQLiteStore(path)
    await second.open()
    try:
        assert [e.question for e in await second.unanswered(GUILD, limit=5)] == ["still here?"]
    finally:
        await second.close()
