"""The schema, as one ordered list of migrations shared by every backend. A database records how
far it has come (SQLite: `PRAGMA user_version`; PostgreSQL: the `schema_version` table). Append
new steps at the end, never edit a released one.

Each statement is written once, with the few column types that differ between databases as
placeholders: `{id}` a Discord snowflake (64-bit), `{time}` a Unix time in seconds.
"""

from __future__ import annotations

from typing import Literal

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "Dialect", "migrations_for"]

Dialect = Literal["sqlite", "postgresql"]

_MODES = "('tagged', 'open', 'blocked')"

_TYPES: dict[Dialect, dict[str, str]] = {
    "sqlite": {"id": "INTEGER", "time": "REAL"},
    "postgresql": {"id": "BIGINT", "time": "DOUBLE PRECISION"},
}

_TEMPLATES: tuple[tuple[str, ...], ...] = (
    # 1: spoiler modes, auto-answer channels, members' progress.
    (
        f"""CREATE TABLE guild_settings (
            guild_id     {{id}} PRIMARY KEY,
            spoiler_mode TEXT CHECK (spoiler_mode IN {_MODES}),
            updated_at   {{time}} NOT NULL
        )""",
        f"""CREATE TABLE channel_settings (
            channel_id   {{id}} PRIMARY KEY,
            guild_id     {{id}} NOT NULL,
            spoiler_mode TEXT CHECK (spoiler_mode IN {_MODES}),
            autoanswer   INTEGER NOT NULL DEFAULT 0 CHECK (autoanswer IN (0, 1)),
            updated_at   {{time}} NOT NULL
        )""",
        "CREATE INDEX channel_settings_guild ON channel_settings (guild_id)",
        """CREATE TABLE member_progress (
            user_id    {id} PRIMARY KEY,
            episode    INTEGER NOT NULL CHECK (episode >= 0),
            updated_at {time} NOT NULL
        )""",
    ),
    # 2: the questions behind "Show me privately" buttons, and bookkeeping values.
    (
        """CREATE TABLE asked_questions (
            message_id {id} PRIMARY KEY,
            channel_id {id} NOT NULL,
            kind       TEXT NOT NULL,
            query      TEXT NOT NULL,
            created_at {time} NOT NULL
        )""",
        "CREATE INDEX asked_questions_created ON asked_questions (created_at)",
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    ),
    # 3: the unanswered-questions log, on both backends: integer Unix times (UTC; BIGINT, which
    # SQLite stores as INTEGER), no user ids (`once` tokens are digests that let a click count
    # once, then expire).
    (
        """CREATE TABLE unanswered (
            guild_id     {id} NOT NULL,
            question_key TEXT NOT NULL,
            reason       TEXT NOT NULL,
            question     TEXT NOT NULL,
            closest      TEXT NOT NULL DEFAULT '',
            count        INTEGER NOT NULL CHECK (count >= 1),
            first_asked  BIGINT NOT NULL,
            last_asked   BIGINT NOT NULL,
            PRIMARY KEY (guild_id, question_key, reason)
        )""",
        "CREATE INDEX unanswered_last_asked ON unanswered (last_asked)",
        """CREATE TABLE unanswered_once (
            token      TEXT PRIMARY KEY,
            created_at BIGINT NOT NULL
        )""",
        "CREATE INDEX unanswered_once_created ON unanswered_once (created_at)",
    ),
)


def migrations_for(dialect: Dialect) -> tuple[tuple[str, ...], ...]:
    """Every migration's statements, in the SQL of that database."""
    types = _TYPES[dialect]
    return tuple(tuple(sql.format(**types) for sql in step) for step in _TEMPLATES)


#: The SQLite statements (kept under this name: older code and tests build databases with it).
MIGRATIONS = migrations_for("sqlite")
SCHEMA_VERSION = len(_TEMPLATES)
