"""What only the PostgreSQL store does: several processes on one database, and its URLs."""

from __future__ import annotations

import asyncio
import time

import pytest

from bot.adapter.storage import CachedStore, Context, StoreError, open_store
from bot.adapter.storage.postgres import PostgresStore
from bot.core import SpoilerMode


async def read(store: CachedStore) -> Context:
    return await store.context(guild_id=1, channel_id=2, parent_id=None, user_id=3)


async def eventually(check: object, store: CachedStore, within: float = 1.0) -> float:
    """Seconds until `check(context)` holds on `store`; fails after `within` seconds."""
    assert callable(check)
    start = time.perf_counter()
    while True:
        if check(await read(store)):
            return time.perf_counter() - start
        if time.perf_counter() - start > within:
            pytest.fail(f"the change was not seen within {within} s")
        await asyncio.sleep(0.005)


def test_open_store_picks_postgres_by_url() -> None:
    for url in ("postgresql://bot:pw@db:5432/bot", "postgres://bot:pw@db/bot"):
        store = open_store(url)
        assert isinstance(store, CachedStore)
        assert isinstance(store.inner, PostgresStore)
        assert "pw" not in repr(store)


async def test_a_change_in_one_process_reaches_the_others_cache(postgres_url: str) -> None:
    first, second = (
        CachedStore(PostgresStore(postgres_url)),
        CachedStore(PostgresStore(postgres_url)),
    )
    await first.open()
    await second.open()
    try:
        assert await read(second) == Context()  # now cached in the second "process"
        assert await read(second) == Context()
        await first.set_spoiler_mode(1, 2, SpoilerMode.BLOCKED)
        await eventually(lambda c: c.channel_mode is SpoilerMode.BLOCKED, second)
        await first.set_progress(3, 6)
        await eventually(lambda c: c.progress == 6, second)
        await first.set_autoanswer(1, 2, True)
        await eventually(lambda c: c.autoanswer, second)
        await first.clear_progress(3)
        await eventually(lambda c: c.progress is None, second)
    finally:
        await first.close()
        await second.close()


async def test_nothing_is_cached_while_changes_cannot_be_heard(postgres_url: str) -> None:
    inner = PostgresStore(postgres_url)
    other = PostgresStore(postgres_url)
    store = CachedStore(inner)
    await store.open()
    await other.open()
    try:
        assert inner.changes_live
        listener = inner._listener
        assert listener is not None
        # The listening connection is killed, as a network drop or a server restart would.
        await other.execute("SELECT pg_terminate_backend($1)", listener.get_server_pid())
        while inner.changes_live:
            await asyncio.sleep(0.01)
        await read(store)
        await other.set_progress(3, 9)  # unheard: only a fresh read can see it
        assert (await read(store)).progress == 9
        # ... and it hears changes again once reconnected.
        deadline = time.perf_counter() + 5
        while not inner.changes_live:
            assert time.perf_counter() < deadline, "did not reconnect"
            await asyncio.sleep(0.05)
        await read(store)
        await other.set_progress(3, 10)
        await eventually(lambda c: c.progress == 10, store)
    finally:
        await store.close()
        await other.close()


async def test_an_unreachable_server_is_a_clear_error_without_the_password() -> None:
    store = PostgresStore("postgresql://bot:hunter2@127.0.0.1:1/bot")
    with pytest.raises(StoreError) as caught:
        await store.open()
    message = str(caught.value)
    assert "hunter2" not in message
    assert "postgresql://bot:***@127.0.0.1:1/bot" in message


async def test_a_wrong_password_is_refused_without_echoing_it(postgres_url: str) -> None:
    user_and_rest = postgres_url.split("://", 1)[1]
    host = user_and_rest.rsplit("@", 1)[1]
    store = PostgresStore(f"postgresql://jj:not-the-password@{host}")
    with pytest.raises(StoreError) as caught:
        await store.open()
    assert "not-the-password" not in str(caught.value)
