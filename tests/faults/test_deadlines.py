"""Answering in time while the database is slow or locked, on a real event loop.

SimCord moves its clock only once the bot's work has settled, so it cannot show a defer racing a
database call that is still running. These tests use the real `Responder`, the real progress cog
and a real SQLite file, with the Discord side replaced by a stand-in interaction that records
when each response was made, in wall-clock time.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import discord
import pytest

from bot.adapter import deadline, responder
from bot.adapter.deadline import in_time
from bot.adapter.responder import FAIL_SAFE, Place, Responder
from bot.adapter.storage import AskedQuestion, CachedStore, SQLiteStore, StoreWriteError
from bot.core.engine import Engine
from tests.faults.conftest import REAL_DEFER_AFTER, REAL_STORE_READ_TIMEOUT, SlowStore

#: Discord drops an interaction whose first response comes later than this.
DISCORD_DEADLINE = 3.0


class StandInInteraction:
    """The parts of `discord.Interaction` the bot uses to respond, recording when it did."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.events: list[tuple[str, float, dict[str, Any]]] = []
        self.type = discord.InteractionType.application_command
        self.id = 1
        self.user = SimpleNamespace(id=2)
        self.guild_id = 3
        self.channel_id = 4
        self.channel = None
        self.command = SimpleNamespace(qualified_name="test")
        self.data: dict[str, Any] = {}
        self.message = None
        done = False
        interaction = self

        def record(kind: str, **kwargs: Any) -> None:
            interaction.events.append((kind, time.monotonic() - interaction.started, kwargs))

        class Response:
            def is_done(self) -> bool:
                return done

            async def defer(self, **kwargs: Any) -> None:
                nonlocal done
                done = True
                record("defer", **kwargs)

            async def send_message(self, **kwargs: Any) -> Any:
                nonlocal done
                done = True
                record("send_message", **kwargs)
                return SimpleNamespace(message_id=10)

        class Followup:
            async def send(self, **kwargs: Any) -> Any:
                record("followup", **kwargs)
                return SimpleNamespace(id=11)

        self.response = Response()
        self.followup = Followup()

    def first_response_after(self) -> float:
        return self.events[0][1]


@pytest.fixture(autouse=True)
def real_deadlines(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(deadline, "DEFER_AFTER", REAL_DEFER_AFTER)
    monkeypatch.setattr(responder, "STORE_READ_TIMEOUT", REAL_STORE_READ_TIMEOUT)


@pytest.fixture
def engine() -> Engine:
    return Engine.load()


async def test_a_write_waiting_on_a_lock_is_deferred_in_time_then_reported_not_saved(
    tmp_path: Path,
) -> None:
    """Issue 8, defect 7: /progress set answered after 10 s during a lock (Discord allows 3)."""
    path = tmp_path / "bot.sqlite3"
    store = CachedStore(SQLiteStore(path, busy_timeout=2.5))
    await store.open()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    interaction = StandInInteraction()
    try:
        with pytest.raises(StoreWriteError, match="locked"):
            await in_time(interaction, store.set_progress(2, 5), ephemeral=True)  # type: ignore[arg-type]
    finally:
        other.execute("ROLLBACK")
        other.close()
        await store.close()
    kind, when, options = interaction.events[0]
    assert kind == "defer"
    assert when < DISCORD_DEADLINE
    assert options == {"ephemeral": True, "thinking": True}


async def test_a_slow_settings_read_defers_then_answers(engine: Engine, tmp_path: Path) -> None:
    store = CachedStore(SQLiteStore(tmp_path / "bot.sqlite3"))
    await store.open()
    store.inner = SlowStore(store.inner, 2.0)  # type: ignore[assignment]
    interaction = StandInInteraction()
    try:
        await Responder(engine, store).answer_interaction(
            interaction,  # type: ignore[arg-type]
            AskedQuestion("ask", "who plays jessica"),
        )
    finally:
        await store.close()
    assert [kind for kind, _, _ in interaction.events] == ["defer", "followup"]
    assert interaction.first_response_after() < DISCORD_DEADLINE
    assert interaction.events[0][2]["ephemeral"] is False  # the answer is public
    answer = interaction.events[1][2]
    assert "Krysten Ritter" in str([e.to_dict() for e in answer["embeds"]])


async def test_reads_queued_behind_a_stuck_write_fail_safe(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    engine: Engine,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A write waiting on another process's lock holds SQLite's one worker thread; settings
    reads queued behind it give up after STORE_READ_TIMEOUT and answer as `blocked`."""
    monkeypatch.setattr(responder, "STORE_READ_TIMEOUT", 0.3)
    path = tmp_path / "bot.sqlite3"
    store = CachedStore(SQLiteStore(path, busy_timeout=1.5))
    await store.open()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        write = asyncio.create_task(store.set_progress(2, 5))
        await asyncio.sleep(0.05)
        started = time.monotonic()
        with caplog.at_level(logging.ERROR, logger="bot.adapter"):
            context = await Responder(engine, store).context(Place(3, 4, None, 2))
        assert time.monotonic() - started < 1.0
        assert context == FAIL_SAFE
        # The reason is logged (it used to read "cannot read them ()").
        assert any("did not answer within 0.3 s" in r.getMessage() for r in caplog.records)
        with pytest.raises(StoreWriteError):
            await write
    finally:
        other.execute("ROLLBACK")
        other.close()
        await store.close()


async def test_not_what_i_asked_on_a_slow_database_is_deferred_then_noted(
    engine: Engine, tmp_path: Path
) -> None:
    """The click reads the question behind the message, writes the log and reads the settings
    before it answers: on a slow database that is past Discord's 3 s, so it defers first."""
    store = CachedStore(SQLiteStore(tmp_path / "bot.sqlite3"))
    await store.open()
    await store.remember_question(10, 4, AskedQuestion("ask", "who plays jessica"))
    await store.set_meta("unanswered_salt", "0" * 32)
    store.inner = SlowStore(store.inner, 0.9)  # type: ignore[assignment]
    interaction = StandInInteraction()
    interaction.type = discord.InteractionType.component
    interaction.message = SimpleNamespace(id=10)  # type: ignore[assignment]
    try:
        await Responder(engine, store).feedback(interaction)  # type: ignore[arg-type]
        assert await store.count_unanswered(3) == 1  # noted, though slowly
    finally:
        await store.close()
    assert [kind for kind, _, _ in interaction.events] == ["defer", "followup"]
    assert interaction.first_response_after() < DISCORD_DEADLINE
    assert interaction.events[0][2]["ephemeral"] is True
    assert "noted" in str(interaction.events[1][2])
