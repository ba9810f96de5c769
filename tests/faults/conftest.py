"""The fault suite: the real bot, driven through SimCord on real database files, while storage,
Discord and input misbehave. Timeouts are shortened so the whole suite runs in seconds; what they
protect is the same.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.adapter import deadline, responder
from bot.adapter.app import create_bot
from bot.adapter.client import SeasonBot
from bot.adapter.settings import Settings
from bot.adapter.storage import CachedStore, SQLiteStore
from bot.core.engine import Engine
from tests.adapter.conftest import engine, world

__all__ = ["engine", "world"]

#: How long a write waits for a lock held by another connection, in these tests.
BUSY_TIMEOUT = 0.5


@pytest.fixture(autouse=True)
def quick_deadlines(monkeypatch: pytest.MonkeyPatch) -> None:
    """Defer after 0.2 s and give up on a settings read after 0.4 s (1.5 s and 4 s for real)."""
    monkeypatch.setattr(deadline, "DEFER_AFTER", 0.2)
    monkeypatch.setattr(responder, "STORE_READ_TIMEOUT", 0.4)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "bot.sqlite3"


@pytest.fixture
def store(db_path: Path) -> CachedStore:
    return CachedStore(SQLiteStore(db_path, busy_timeout=BUSY_TIMEOUT))


@pytest.fixture
async def simcord_bot(
    db_path: Path, store: CachedStore, engine: Engine
) -> AsyncIterator[SeasonBot]:
    bot = create_bot(Settings(database_url=f"sqlite:///{db_path}"), engine=engine, store=store)
    yield bot
    await bot.store.close()


#: The real deadlines, for the tests that check them against Discord's (SimCord's) 3 seconds.
REAL_DEFER_AFTER = deadline.DEFER_AFTER
REAL_STORE_READ_TIMEOUT = responder.STORE_READ_TIMEOUT


class SlowStore:
    """A stand-in at the `Store` interface: every call waits `delay` seconds, then goes through.
    `calls` counts them by method name."""

    def __init__(self, inner: object, delay: float) -> None:
        self.inner = inner
        self.delay = delay
        self.calls: Counter[str] = Counter()

    def __getattr__(self, name: str) -> object:
        method = getattr(self.inner, name)

        async def slowly(*args: object, **kwargs: object) -> object:
            self.calls[name] += 1
            await asyncio.sleep(self.delay)
            return await method(*args, **kwargs)

        return slowly
