"""The SQLite schema, as an ordered list of migrations; `PRAGMA user_version` records how far a
database has come. Append new steps at the end, never edit a released one.
"""

from __future__ import annotations

__all__ = ["MIGRATIONS", "SCHEMA_VERSION"]

_MODES = "('tagged', 'open', 'blocked')"

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 1: spoiler modes, auto-answer channels, members' progress.
    (
        f"""CREATE TABLE guild_settings (
            guild_id     INTEGER PRIMARY KEY,
            spoiler_mode TEXT CHECK (spoiler_mode IN {_MODES}),
            updated_at   REAL NOT NULL
        )""",
        f"""CREATE TABLE channel_settings (
            channel_id   INTEGER PRIMARY KEY,
            guild_id     INTEGER NOT NULL,
            spoiler_mode TEXT CHECK (spoiler_mode IN {_MODES}),
            autoanswer   INTEGER NOT NULL DEFAULT 0 CHECK (autoanswer IN (0, 1)),
            updated_at   REAL NOT NULL
        )""",
        "CREATE INDEX channel_settings_guild ON channel_settings (guild_id)",
        """CREATE TABLE member_progress (
            user_id    INTEGER PRIMARY KEY,
            episode    INTEGER NOT NULL CHECK (episode >= 0),
            updated_at REAL NOT NULL
        )""",
    ),
    # 2: the questions behind "Show me privately" buttons, and bookkeeping values.
    (
        """CREATE TABLE asked_questions (
            message_id INTEGER PRIMARY KEY,
            channel_id INTEGER NOT NULL,
            kind       TEXT NOT NULL,
            query      TEXT NOT NULL,
            created_at REAL NOT NULL
        )""",
        "CREATE INDEX asked_questions_created ON asked_questions (created_at)",
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    ),
    # 3: the unanswered-questions log. Plain SQL that PostgreSQL runs too: integer Unix times
    # (UTC), no user ids (`once` tokens are digests that let a click count once, then expire).
    (
        """CREATE TABLE unanswered (
            guild_id     BIGINT NOT NULL,
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

SCHEMA_VERSION = len(MIGRATIONS)
