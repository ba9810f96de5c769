"""`python -m bot run` / `sync` as functions: exit codes, clear messages, clean SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

import discord
import pytest

from bot.adapter import runner
from bot.adapter.client import SeasonBot
from bot.adapter.errors import SeasonTree
from bot.adapter.runner import EXIT_CONFIG, EXIT_OK, run, sync
from bot.adapter.settings import Settings

REPO = Path(__file__).resolve().parents[2]


def settings(tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "database_url": f"sqlite:///{tmp_path / 'bot.sqlite3'}",
        "discord_token": "not-a-real-token",
        "sync_commands_on_start": False,
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


def test_missing_token_exits_2_with_a_clear_message_and_no_traceback() -> None:
    env = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN"}
    for command in ("run", "sync"):
        code = f"from bot.adapter.runner import {command}; raise SystemExit({command}())"
        done = subprocess.run(
            [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True
        )
        assert done.returncode == 2
        assert "DISCORD_TOKEN is not set" in done.stderr
        assert "Traceback" not in done.stderr + done.stdout


def test_a_malformed_variable_exits_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DEV_GUILD_ID", "my server")
    assert run() == EXIT_CONFIG
    assert "DEV_GUILD_ID" in capsys.readouterr().err


def test_a_rejected_token_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    async def reject(self: SeasonBot, token: str) -> None:
        raise discord.LoginFailure("Improper token has been passed.")

    monkeypatch.setattr(SeasonBot, "login", reject)
    assert run(settings(tmp_path)) == EXIT_CONFIG
    assert "rejected DISCORD_TOKEN" in capsys.readouterr().err
    assert sync(settings(tmp_path)) == EXIT_CONFIG


def test_a_refused_privileged_intent_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    async def login(self: SeasonBot, token: str) -> None:
        return None

    async def connect(self: SeasonBot, *, reconnect: bool = True) -> None:
        raise discord.PrivilegedIntentsRequired(None)

    monkeypatch.setattr(SeasonBot, "login", login)
    monkeypatch.setattr(SeasonBot, "connect", connect)
    assert run(settings(tmp_path)) == EXIT_CONFIG
    assert "MESSAGE_CONTENT_INTENT=0" in capsys.readouterr().err


def test_sigterm_stops_cleanly_after_printing_the_invite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    async def login(self: SeasonBot, token: str) -> None:
        self._connection.application_id = 4242
        await self.setup_hook()

    async def connect(self: SeasonBot, *, reconnect: bool = True) -> None:
        self.dispatch("ready")
        await asyncio.sleep(0.05)
        os.kill(os.getpid(), signal.SIGTERM)
        while not self.is_closed():
            await asyncio.sleep(0.01)

    monkeypatch.setattr(SeasonBot, "login", login)
    monkeypatch.setattr(SeasonBot, "connect", connect)
    assert run(settings(tmp_path)) == EXIT_OK
    out = capsys.readouterr().out
    assert "client_id=4242" in out
    assert "scope=bot+applications.commands" in out
    assert (tmp_path / "bot.sqlite3").exists()


def test_sync_syncs_deliberately(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    calls: list[object] = []

    async def login(self: SeasonBot, token: str) -> None:
        self._connection.application_id = 4242
        await self.setup_hook()

    async def fake_sync(
        self: SeasonTree, *, guild: discord.abc.Snowflake | None = None
    ) -> list[object]:
        calls.append(guild)
        return []

    monkeypatch.setattr(SeasonBot, "login", login)
    monkeypatch.setattr(SeasonTree, "sync", fake_sync)
    assert sync(settings(tmp_path), guild_id=99) == EXIT_OK
    assert [getattr(g, "id", None) for g in calls] == [99]
    assert "Synced 0 commands to server 99" in capsys.readouterr().out
    assert sync(settings(tmp_path)) == EXIT_OK
    assert calls[-1] is None  # global


def test_exit_codes_are_documented() -> None:
    assert runner.__doc__ is not None
    assert "0 clean stop" in runner.__doc__
    assert "2 Discord refused" in runner.__doc__


@pytest.mark.parametrize("command", ["run", "sync"])
def test_a_token_with_a_newline_exits_2_with_one_clear_line(tmp_path: Path, command: str) -> None:
    """Issue 8, defect 9: a DISCORD_TOKEN with a newline ended in an aiohttp traceback, exit 1."""
    env = {
        **os.environ,
        "DISCORD_TOKEN": "MTIzNDU2.first-half\nsecond-half",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.sqlite3'}",
    }
    done = subprocess.run(
        [sys.executable, "-m", "bot", command],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == EXIT_CONFIG
    assert done.stderr.count("\n") == 1
    assert "DISCORD_TOKEN contains a line break" in done.stderr
    assert "second-half" not in done.stderr + done.stdout
    assert "Traceback" not in done.stderr


def test_a_read_only_database_exits_2_before_going_online(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 8, defect 8: a read-only database file was not detected at start-up."""
    from bot.adapter.storage import SQLiteStore
    from tests.adapter.storage.test_cache import _open_read_only

    async def create_database() -> None:
        store = SQLiteStore(tmp_path / "bot.sqlite3")
        await store.open()
        await store.close()

    asyncio.run(create_database())

    async def never(self: SeasonBot, token: str) -> None:
        raise AssertionError("logged in with an unusable database")

    monkeypatch.setattr(SeasonBot, "login", never)
    _open_read_only(monkeypatch)
    for command in (run, sync):
        assert command(settings(tmp_path)) == EXIT_CONFIG
        err = capsys.readouterr().err
        assert err.count("\n") == 1
        assert "cannot be written" in err
        assert "readonly database" in err
        assert "Traceback" not in err
