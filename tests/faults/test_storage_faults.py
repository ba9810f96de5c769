"""The database misbehaving under the running bot: deleted, locked, read-only, corrupt, slow.

Whatever happens, members are never told a change was saved when it was not, answers never show
more than what a moderator allowed, and every interaction gets an answer.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bot.adapter.errors import NOT_SAVED
from bot.adapter.storage import StoreError
from tests.adapter.helpers import (
    SPOILER_ANSWER,
    SPOILER_QUESTION,
    World,
    requests_to,
    text_of,
)
from tests.adapter.storage.test_cache import _open_read_only

pytestmark = pytest.mark.e2e


async def block_general(world: World) -> None:
    result = await world.admin.slash(world.general, "spoilers set", mode="blocked")
    assert result.response is not None
    assert "blocked" in result.response.content


async def ask(world: World, question: str = SPOILER_QUESTION) -> str:
    result = await world.bob.slash(world.general, "ask", question=question)
    assert result.response is not None
    return text_of(result.response)


async def set_progress(world: World, episode: int) -> str:
    result = await world.alice.slash(world.general, "progress set", episode=episode)
    assert result.response is not None
    assert result.response.ephemeral
    return result.response.content


def deferred(world: World) -> bool:
    """Whether the last interaction was first answered with "thinking…" (a type 5 callback)."""
    callbacks = requests_to(world.env, "POST", "/callback")
    return bool(callbacks) and callbacks[-1].json is not None and callbacks[-1].json["type"] == 5


def only_database_failures(world: World) -> None:
    """Reading `env.errors` acknowledges them: each must be a database failure the one error
    handler turned into a message for the member, nothing else."""
    for error in world.env.errors:
        assert isinstance(getattr(error, "original", error), StoreError), error


@contextmanager
def write_lock(path: Path) -> Iterator[None]:
    """Another process holding the database's write lock."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


async def test_a_deleted_database_file_is_never_confirmed_as_saved(
    world: World, db_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Issue 8, defect 6: 11 writes after deleting the file were confirmed ("Got it"), nothing
    was logged, and every row was gone after a restart."""
    await block_general(world)
    assert "Got it" in await set_progress(world, 3)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    with caplog.at_level(logging.ERROR):
        for episode in (4, 5, 6):
            reply = await set_progress(world, episode)
            assert "Got it" not in reply
            assert reply == NOT_SAVED
    assert any("was deleted" in r.getMessage() for r in caplog.records)
    result = await world.admin.slash(world.general, "spoilers set", mode="open")
    assert result.response is not None
    assert result.response.content == NOT_SAVED
    # What the moderator set before still holds: blocked, nothing of the reveal shown.
    assert SPOILER_ANSWER not in await ask(world)
    only_database_failures(world)


async def test_a_locked_database_saves_nothing_and_keeps_spoilers_blocked(
    world: World, db_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Issue 8, defect 7: another process holding the write lock. SimCord lets time move only
    once the bot's database thread is idle, so deferring during the lock, and reads queued behind
    a stuck write, are checked on a real event loop in test_deadlines.py."""
    await block_general(world)
    with write_lock(db_path), caplog.at_level(logging.ERROR):
        assert await set_progress(world, 5) == NOT_SAVED
        assert SPOILER_ANSWER not in await ask(world)
    assert any("database is locked" in r.getMessage() for r in caplog.records)
    progress = await world.alice.slash(world.general, "progress show")
    assert progress.response is not None
    assert "haven't told me" in progress.response.content  # the failed write left nothing
    assert "Got it" in await set_progress(world, 5)  # and the lock gone, writes work again
    only_database_failures(world)


async def test_a_database_that_turns_read_only_saves_nothing_and_says_so(
    world: World, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file becomes read-only under the running bot (a read-only remount: as root, file
    permissions cannot express it, so SQLite is reopened read-only)."""
    await block_general(world)
    inner = world.bot.store.inner  # type: ignore[attr-defined]
    await inner.close()
    _open_read_only(monkeypatch)
    await inner.open()
    assert await set_progress(world, 4) == NOT_SAVED
    for name, options in [
        ("spoilers set", {"mode": "open"}),
        ("spoilers reset", {}),
        ("autoanswer on", {}),
    ]:
        result = await world.admin.slash(world.general, name, **options)
        assert result.response is not None
        assert result.response.ephemeral
        assert result.response.content == NOT_SAVED, name
    assert SPOILER_ANSWER not in await ask(world)
    only_database_failures(world)


async def test_a_corrupted_database_answers_with_the_most_protective_settings(
    world: World, db_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The file overwritten with garbage while the bot runs: a channel set to `open` gets no
    reveal at all from a cold read (fail safe), and no write is confirmed."""
    result = await world.admin.slash(world.general, "spoilers set", mode="open")
    assert result.response is not None
    assert "open" in result.response.content
    for suffix in ("", "-wal", "-shm"):
        with Path(f"{db_path}{suffix}").open("r+b") as file:
            size = file.seek(0, 2)
            file.seek(0)
            file.write(b"this is not a database. " * (size // 24 + 1))
    with caplog.at_level(logging.ERROR):
        assert SPOILER_ANSWER not in await ask(world)  # bob's first read: cold
        assert await set_progress(world, 4) == NOT_SAVED
    assert any("most protective" in r.getMessage() for r in caplog.records)
    only_database_failures(world)


def test_a_corrupted_database_file_stops_the_start_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.adapter.runner import EXIT_CONFIG, run
    from bot.adapter.settings import Settings

    path = tmp_path / "bot.sqlite3"
    path.write_bytes(b"garbage " * 1000)
    settings = Settings(database_url=f"sqlite:///{path}", discord_token="not-a-real-token")
    assert run(settings) == EXIT_CONFIG
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "not a database" in err
