"""`.env` in the working directory: read when present, the environment winning."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from bot.envfile import EnvFileError, environment, read_env_file


def test_env_file_fills_in_what_the_environment_lacks(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(
        "# a comment\nDISCORD_TOKEN=from-file\nDEV_GUILD_ID=42\nPASSWORD='a$b'\n", "utf-8"
    )
    env = environment(tmp_path, {"DEV_GUILD_ID": "7"})
    assert env["DISCORD_TOKEN"] == "from-file"
    assert env["DEV_GUILD_ID"] == "7"  # the environment wins
    assert env["PASSWORD"] == "a$b"  # no ${VAR} expansion


def test_no_env_file_is_fine(tmp_path: Path) -> None:
    assert read_env_file(tmp_path / ".env") == {}


def test_an_oversized_env_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("X=" + "y" * 70_000, "utf-8")
    with pytest.raises(EnvFileError, match="larger"):
        read_env_file(tmp_path / ".env")


def test_run_says_when_env_file_has_no_token(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.adapter.runner import EXIT_CONFIG, run

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    (tmp_path / ".env").write_text("DISCORD_TOKEN=\n", "utf-8")
    assert run() == EXIT_CONFIG
    assert ".env was read, but it sets no DISCORD_TOKEN" in capsys.readouterr().err


def test_a_bad_database_url_never_shows_its_password(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.adapter.runner import EXIT_CONFIG, run

    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text(
        "DISCORD_TOKEN=x\nDATABASE_URL=mysql://bot:hunter2@db/bot\n", "utf-8"
    )
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert run() == EXIT_CONFIG
    err = capsys.readouterr().err
    assert "DATABASE_URL" in err
    assert "hunter2" not in err


def test_no_colour_when_not_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.adapter.runner import wants_colour

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert wants_colour(io.StringIO()) is False
    assert wants_colour(Terminal()) is True
    monkeypatch.setenv("NO_COLOR", "1")
    assert wants_colour(Terminal()) is False


def test_run_and_sync_help_list_their_variables(capsys: pytest.CaptureFixture[str]) -> None:
    from bot.cli import main

    for command in ("run", "sync"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        out = capsys.readouterr().out
        for name in ("DISCORD_TOKEN", "DATABASE_URL", "DEV_GUILD_ID", "LOG_LEVEL"):
            assert name in out
    with pytest.raises(SystemExit):
        main(["run", "--help"])
    assert "SHARD_IDS" in capsys.readouterr().out
