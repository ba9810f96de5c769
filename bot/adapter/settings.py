"""The Discord bot's configuration: one frozen dataclass, read from the environment in one place.

Nothing here reads the environment at import time: `Settings()` has working defaults for everything
(no token needed to build the bot), and `Settings.from_env()` is called from `main()` only.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["DEFAULT_DATABASE_URL", "Settings", "SettingsError"]

DEFAULT_DATABASE_URL = "sqlite:///data/bot.sqlite3"

_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})


class SettingsError(ValueError):
    """An environment variable holds a value the bot cannot use; the message names it."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the bot needs to run, with defaults that work out of the box.

    `discord_token` is only needed to connect to Discord (`python -m bot run` / `sync`); it is
    never shown in a repr or a log line.
    """

    database_url: str = DEFAULT_DATABASE_URL
    discord_token: str | None = field(default=None, repr=False)
    # Commands are synced to this server only (instantly) instead of globally.
    dev_guild_id: int | None = None
    # The privileged Message Content intent: needed for auto-answer channels only.
    message_content_intent: bool = True
    # A season folder or a knowledge root holding one season; None: the checkout's knowledge/.
    knowledge_dir: Path | None = None
    # Per-member flood control for questions: at most `cooldown_rate` per `cooldown_seconds`.
    cooldown_rate: int = 5
    cooldown_seconds: float = 30.0
    # Sync application commands at start-up when they differ from the last sync this database saw.
    sync_commands_on_start: bool = True
    # How long the question behind a "Show me privately" button is kept.
    reveal_retention_days: int = 30
    # How long an entry of the unanswered-questions log is kept after it was last asked.
    unanswered_retention_days: int = 30

    def __post_init__(self) -> None:
        if self.cooldown_rate < 1:
            raise SettingsError("cooldown_rate must be at least 1")
        if self.cooldown_seconds <= 0:
            raise SettingsError("cooldown_seconds must be positive")
        if self.reveal_retention_days < 1:
            raise SettingsError("reveal_retention_days must be at least 1")
        if self.unanswered_retention_days < 1:
            raise SettingsError("unanswered_retention_days must be at least 1")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read DISCORD_TOKEN, DATABASE_URL, DEV_GUILD_ID, MESSAGE_CONTENT_INTENT, KNOWLEDGE_DIR,
        UNANSWERED_RETENTION_DAYS.

        Unset or empty variables keep their defaults. Raises `SettingsError` naming the variable
        when a value is malformed.
        """
        env = os.environ if environ is None else environ

        def get(name: str) -> str | None:
            value = env.get(name, "").strip()
            return value or None

        knowledge = get("KNOWLEDGE_DIR")
        return cls(
            database_url=get("DATABASE_URL") or DEFAULT_DATABASE_URL,
            discord_token=get("DISCORD_TOKEN"),
            dev_guild_id=_snowflake("DEV_GUILD_ID", get("DEV_GUILD_ID")),
            message_content_intent=_flag(
                "MESSAGE_CONTENT_INTENT", get("MESSAGE_CONTENT_INTENT"), default=True
            ),
            knowledge_dir=Path(knowledge) if knowledge else None,
            unanswered_retention_days=_days(
                "UNANSWERED_RETENTION_DAYS", get("UNANSWERED_RETENTION_DAYS"), default=30
            ),
        )


def _snowflake(name: str, value: str | None) -> int | None:
    if value is None:
        return None
    if not value.isdigit() or int(value) <= 0:
        raise SettingsError(f"{name} must be a server ID (a positive number), not {value!r}")
    return int(value)


def _days(name: str, value: str | None, *, default: int) -> int:
    if value is None:
        return default
    if not value.isdigit() or not 1 <= int(value) <= 3650:
        raise SettingsError(f"{name} must be a number of days from 1 to 3650, not {value!r}")
    return int(value)


def _flag(name: str, value: str | None, *, default: bool) -> bool:
    if value is None:
        return default
    lowered = value.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise SettingsError(f"{name} must be 1/0, true/false, yes/no or on/off, not {value!r}")
