"""The Discord bot's configuration: one frozen dataclass, read from the environment in one place.

Nothing here reads the environment at import time: `Settings()` has working defaults for everything
(no token needed to build the bot), and `Settings.from_env()` is called from `main()` only.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "DEFAULT_DATABASE_URL",
    "ENVIRONMENT_VARIABLES",
    "LOG_LEVELS",
    "Settings",
    "SettingsError",
]

DEFAULT_DATABASE_URL = "sqlite:///data/bot.sqlite3"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
#: The most shards one process may be told to run, and the longest SHARD_IDS value read.
_MAX_SHARDS = 10_000
_MAX_SHARD_IDS_TEXT = 1_000

#: Every variable `from_env` reads, with what it does (shown by `run --help` and `sync --help`).
ENVIRONMENT_VARIABLES: tuple[tuple[str, str], ...] = (
    ("DISCORD_TOKEN", "the bot's token (required)"),
    (
        "DATABASE_URL",
        f"sqlite:///path or postgresql://user:pass@host:port/db (default {DEFAULT_DATABASE_URL})",
    ),
    ("DEV_GUILD_ID", "a server ID: sync slash commands there only, instantly"),
    ("MESSAGE_CONTENT_INTENT", "1 (default) or 0: the privileged intent auto-answer needs"),
    ("KNOWLEDGE_DIR", "the season folder (default: the season shipped with the bot)"),
    ("SHARD_COUNT", "total gateway shards across all processes, or 'auto' (default: unsharded)"),
    ("SHARD_IDS", "the shards this process runs: '0,1' or '0-3' (needs SHARD_COUNT)"),
    ("HEALTH_PORT", "serve /healthz and /metrics on this port (default: off)"),
    ("HEALTH_HOST", "the address they listen on (default 127.0.0.1)"),
    ("LOG_LEVEL", "DEBUG, INFO (default), WARNING, ERROR or CRITICAL"),
)

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

    # Never in a repr: a PostgreSQL URL holds a password.
    database_url: str = field(default=DEFAULT_DATABASE_URL, repr=False)
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
    # Gateway shards: the total across every process, and those this process runs (None: all).
    # Without a count the bot is unsharded; `auto_shard` runs every shard Discord recommends.
    shard_count: int | None = None
    shard_ids: tuple[int, ...] | None = None
    auto_shard: bool = False
    # The health and metrics HTTP endpoint (see `bot.adapter.health`); None: not served.
    health_port: int | None = None
    health_host: str = "127.0.0.1"
    log_level: str = "INFO"
    # How long an entry of the unanswered-questions log is kept after it was last asked.
    unanswered_retention_days: int = 30

    def __post_init__(self) -> None:
        if self.cooldown_rate < 1:
            raise SettingsError("cooldown_rate must be at least 1")
        if self.cooldown_seconds <= 0:
            raise SettingsError("cooldown_seconds must be positive")
        if self.reveal_retention_days < 1:
            raise SettingsError("reveal_retention_days must be at least 1")
        if self.discord_token is not None:
            _check_token(self.discord_token)
        if self.shard_ids is not None:
            # Accept any sequence (a list, say) but keep the frozen settings hashable.
            object.__setattr__(self, "shard_ids", tuple(self.shard_ids))
        _check_shards(self.shard_count, self.shard_ids)
        if self.health_port is not None and not 1 <= self.health_port <= 65535:
            raise SettingsError("HEALTH_PORT must be a port number, 1 to 65535")
        if self.log_level.upper() not in LOG_LEVELS:
            raise SettingsError(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}")
        object.__setattr__(self, "log_level", self.log_level.upper())

    @property
    def sharded(self) -> bool:
        """Whether the bot runs as an auto-sharded bot (`commands.AutoShardedBot`)."""
        return self.auto_shard or self.shard_count is not None
        if self.unanswered_retention_days < 1:
            raise SettingsError("unanswered_retention_days must be at least 1")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read DISCORD_TOKEN, DATABASE_URL, DEV_GUILD_ID, MESSAGE_CONTENT_INTENT, KNOWLEDGE_DIR,
        SHARD_COUNT, SHARD_IDS, HEALTH_PORT, HEALTH_HOST and LOG_LEVEL, and
        UNANSWERED_RETENTION_DAYS.

        Unset or empty variables keep their defaults. Raises `SettingsError` naming the variable
        when a value is malformed.
        """
        env = os.environ if environ is None else environ

        def get(name: str) -> str | None:
            value = env.get(name, "").strip()
            return value or None

        knowledge = get("KNOWLEDGE_DIR")
        shard_count_text = get("SHARD_COUNT")
        auto_shard = shard_count_text is not None and shard_count_text.lower() == "auto"
        shard_count = None if auto_shard else _shard_count(shard_count_text)
        shard_ids = _shard_ids(get("SHARD_IDS"))
        if shard_ids is not None and shard_count is None:
            raise SettingsError("SHARD_IDS needs SHARD_COUNT (the total across every process)")
        health_port = get("HEALTH_PORT")
        if health_port is not None and not health_port.isdigit():
            raise SettingsError(f"HEALTH_PORT must be a port number, not {health_port[:20]!r}")
        log_level = get("LOG_LEVEL") or "INFO"
        if log_level.upper() not in LOG_LEVELS:
            raise SettingsError(
                f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, not {log_level[:20]!r}"
            )
        return cls(
            database_url=get("DATABASE_URL") or DEFAULT_DATABASE_URL,
            discord_token=get("DISCORD_TOKEN"),
            dev_guild_id=_snowflake("DEV_GUILD_ID", get("DEV_GUILD_ID")),
            message_content_intent=_flag(
                "MESSAGE_CONTENT_INTENT", get("MESSAGE_CONTENT_INTENT"), default=True
            ),
            knowledge_dir=Path(knowledge) if knowledge else None,
            shard_count=shard_count,
            shard_ids=shard_ids,
            auto_shard=auto_shard,
            health_port=int(health_port) if health_port is not None else None,
            health_host=get("HEALTH_HOST") or "127.0.0.1",
            log_level=log_level,
            unanswered_retention_days=_days(
                "UNANSWERED_RETENTION_DAYS", get("UNANSWERED_RETENTION_DAYS"), default=30
            ),
        )


def _check_shards(count: int | None, ids: tuple[int, ...] | None) -> None:
    if count is not None and not 1 <= count <= _MAX_SHARDS:
        raise SettingsError(f"SHARD_COUNT must be 1 to {_MAX_SHARDS}")
    if ids is None:
        return
    if count is None:
        raise SettingsError("SHARD_IDS needs SHARD_COUNT (the total across every process)")
    if not ids:
        raise SettingsError("SHARD_IDS must name at least one shard")
    if len(set(ids)) != len(ids):
        raise SettingsError("SHARD_IDS names a shard twice")
    outside = [i for i in ids if not 0 <= i < count]
    if outside:
        raise SettingsError(
            f"SHARD_IDS must be 0 to {count - 1} (SHARD_COUNT is {count}), not {outside[0]}"
        )


def _shard_count(value: str | None) -> int | None:
    if value is None:
        return None
    if not value.isdigit() or not 1 <= int(value) <= _MAX_SHARDS:
        raise SettingsError(
            f"SHARD_COUNT must be a number of shards (1 to {_MAX_SHARDS}) or 'auto', "
            f"not {value[:20]!r}"
        )
    return int(value)


def _shard_ids(value: str | None) -> tuple[int, ...] | None:
    """ "0,1" -> (0, 1); "0-3" -> (0, 1, 2, 3); "0-1,4" -> (0, 1, 4)."""
    if value is None:
        return None
    if len(value) > _MAX_SHARD_IDS_TEXT:
        raise SettingsError("SHARD_IDS is too long")
    ids: list[int] = []
    for part in value.split(","):
        first, dash, last = part.strip().partition("-")
        first, last = first.strip(), last.strip()
        if not first.isdigit() or (dash and not last.isdigit()):
            raise SettingsError(
                f"SHARD_IDS must be shard numbers like '0,1' or a range like '0-3', "
                f"not {value[:40]!r}"
            )
        start, end = int(first), int(last) if dash else int(first)
        if end < start or end >= _MAX_SHARDS or len(ids) + end - start >= _MAX_SHARDS:
            raise SettingsError(f"SHARD_IDS has an impossible range: {part.strip()[:40]!r}")
        ids.extend(range(start, end + 1))
    return tuple(ids)


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


def _check_token(token: str) -> None:
    """Refuse a token that cannot be one (it would break the HTTP header it is sent in), without
    ever echoing it: tokens are printable ASCII without spaces."""
    if any(char in "\r\n" for char in token):
        problem = "a line break"
    elif any(char.isspace() for char in token):
        problem = "a space or tab"
    elif not token.isascii() or not token.isprintable():
        problem = "a control or non-ASCII character"
    else:
        return
    raise SettingsError(
        f"DISCORD_TOKEN contains {problem}, so it cannot be a token: copy it again from the Bot "
        "page of the Developer Portal (in .env, on one line, without quotes around parts of it)"
    )
