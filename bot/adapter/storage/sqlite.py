"""The SQLite store: the stdlib `sqlite3` driven from one worker thread, off the event loop.

One thread owns the one connection, so calls are serialised without locks; every write is its own
`BEGIN IMMEDIATE` transaction, so it is atomic and safe against another process (e.g. `python -m bot
sync` while the bot runs) thanks to WAL mode and a busy timeout. The schema is migrated on `open()`.

Before each write the file is checked to still be the one opened, and writable: SQLite keeps
writing happily into a deleted file (its open handle survives), and everything would be lost at
the next start. Such a write is refused instead; reads keep using the open file.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from bot.adapter.metrics import timed_store_call
from bot.adapter.storage.base import (
    AskedQuestion,
    Context,
    StoreError,
    UnansweredEntry,
    question_key,
    redact_url,
)
from bot.adapter.storage.migrations import MIGRATIONS, SCHEMA_VERSION
from bot.core import SpoilerMode

__all__ = ["SQLiteStore", "sqlite_path"]

_log = logging.getLogger(__name__)
_T = TypeVar("_T")
MEMORY = ":memory:"


def sqlite_path(url: str) -> str:
    """The file path in a `sqlite:///...` URL (three slashes: relative, four: absolute)."""
    scheme, sep, rest = url.partition("://")
    if not sep or scheme.lower() not in {"sqlite", "sqlite3"}:
        raise StoreError(
            f"unsupported DATABASE_URL {redact_url(url)!r}: use sqlite:///relative/path.sqlite3, "
            "sqlite:////absolute/path.sqlite3 or postgresql://user:password@host:port/database"
        )
    if rest in {"", "/", f"/{MEMORY}"}:
        return MEMORY
    if not rest.startswith("/"):
        raise StoreError(f"DATABASE_URL {url!r} needs three slashes: sqlite:///{rest}")
    path = rest[1:].partition("?")[0]
    if not path:
        raise StoreError(f"DATABASE_URL {url!r} has no file path")
    return path


def _mode(value: object) -> SpoilerMode | None:
    return SpoilerMode(value) if isinstance(value, str) else None


class SQLiteStore:
    """`Store` on a SQLite file (or `:memory:`)."""

    def __init__(self, path: str | Path, *, busy_timeout: float = 10.0) -> None:
        self.path = str(path)
        # How long a write waits for another connection's lock before failing.
        self.busy_timeout = busy_timeout
        self._conn: sqlite3.Connection | None = None
        self._executor: ThreadPoolExecutor | None = None
        self._open_lock = asyncio.Lock()
        # (device, inode) of the file and of its write-ahead log when opened; see `_check_file`.
        self._identity: tuple[tuple[int, int] | None, tuple[int, int] | None] = (None, None)

    def __repr__(self) -> str:
        return f"SQLiteStore({self.path!r})"

    # -- plumbing ----------------------------------------------------------------------------------

    async def _run(self, func: Callable[[sqlite3.Connection], _T]) -> _T:
        if self._executor is None or self._conn is None:
            raise StoreError("the store is not open: call `await store.open()` first")
        conn = self._conn
        loop = asyncio.get_running_loop()
        # The method that called: "SQLiteStore.context.<locals>.read" -> "context".
        operation = func.__qualname__.split(".")[1] if "." in func.__qualname__ else "call"
        async with timed_store_call("sqlite", operation):
            try:
                return await loop.run_in_executor(self._executor, func, conn)
            except sqlite3.Error as exc:
                raise StoreError(f"database error on {self.path}: {exc}") from exc

    async def _run_write(self, func: Callable[[sqlite3.Connection], _T]) -> _T:
        def checked(conn: sqlite3.Connection) -> _T:
            self._check_file()
            return func(conn)

        return await self._run(checked)

    def _file_identity(self, path: str) -> tuple[int, int] | None:
        try:
            stat = os.stat(path)
        except FileNotFoundError:
            return None
        return stat.st_dev, stat.st_ino

    def _check_file(self) -> None:
        """Refuse to write when the file opened is gone, replaced or read-only (worker thread)."""
        if self.path == MEMORY:
            return
        opened, opened_log = self._identity
        now = self._file_identity(self.path)
        if now is None:
            problem = "was deleted"
        elif opened is not None and now != opened:
            problem = "was replaced by another file"
        elif opened_log is not None and self._file_identity(self.path + "-wal") != opened_log:
            problem = "lost its write-ahead log (-wal file)"
        elif not os.access(self.path, os.W_OK):
            problem = "became read-only"
        else:
            return
        raise StoreError(
            f"the database file {self.path} {problem} while the bot was running: changes cannot "
            "be saved; restore the file, or restart the bot to start a new database"
        )

    @staticmethod
    @contextmanager
    def _write(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
        """One atomic write transaction, taken with the write lock up front."""
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    # -- lifecycle ---------------------------------------------------------------------------------

    async def open(self) -> None:
        async with self._open_lock:
            if self._conn is not None:
                return
            executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sqlite-store")
            loop = asyncio.get_running_loop()
            try:
                conn = await loop.run_in_executor(executor, self._connect)
            except BaseException:
                executor.shutdown(wait=False)
                raise
            self._executor, self._conn = executor, conn

    def _connect(self) -> sqlite3.Connection:
        if self.path != MEMORY:
            try:
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the folder for {self.path}: {exc}") from exc
        try:
            conn = sqlite3.connect(
                self.path,
                timeout=self.busy_timeout,
                isolation_level=None,
                check_same_thread=False,
            )
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the database {self.path}: {exc}") from exc
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout * 1000):d}")
            if self.path != MEMORY:
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")
            self._migrate(conn)
            if self.path != MEMORY:
                wal = self.path + "-wal"
                self._identity = (self._file_identity(self.path), self._file_identity(wal))
        except sqlite3.Error as exc:
            conn.close()
            raise StoreError(f"cannot prepare the database {self.path}: {exc}") from exc
        except StoreError:
            conn.close()
            raise
        return conn

    def _migrate(self, conn: sqlite3.Connection) -> None:
        with self._write(conn):
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"{self.path} has schema version {version}, newer than this bot knows "
                    f"({SCHEMA_VERSION}): upgrade the bot or use another DATABASE_URL"
                )
            for number in range(version + 1, SCHEMA_VERSION + 1):
                for statement in MIGRATIONS[number - 1]:
                    conn.execute(statement)
                # The schema and its version change in the same transaction.
                conn.execute(f"PRAGMA user_version = {number:d}")
                _log.info("Migrated %s to schema version %d", self.path, number)

    async def schema_version(self) -> int:
        return await self._run(lambda c: int(c.execute("PRAGMA user_version").fetchone()[0]))

    async def close(self) -> None:
        async with self._open_lock:
            conn, executor = self._conn, self._executor
            self._conn = self._executor = None
            if conn is None or executor is None:
                return
            loop = asyncio.get_running_loop()
            try:
                await loop.run_in_executor(executor, conn.close)
            finally:
                executor.shutdown(wait=False)

    # -- reads -------------------------------------------------------------------------------------

    async def context(
        self, *, guild_id: int | None, channel_id: int, parent_id: int | None, user_id: int
    ) -> Context:
        def read(conn: sqlite3.Connection) -> Context:
            channel = conn.execute(
                "SELECT spoiler_mode, autoanswer FROM channel_settings WHERE channel_id = ?",
                (channel_id,),
            ).fetchone()
            parent = (
                conn.execute(
                    "SELECT spoiler_mode, autoanswer FROM channel_settings WHERE channel_id = ?",
                    (parent_id,),
                ).fetchone()
                if parent_id is not None
                else None
            )
            guild = (
                conn.execute(
                    "SELECT spoiler_mode FROM guild_settings WHERE guild_id = ?", (guild_id,)
                ).fetchone()
                if guild_id is not None
                else None
            )
            progress = conn.execute(
                "SELECT episode FROM member_progress WHERE user_id = ?", (user_id,)
            ).fetchone()
            return Context(
                channel_mode=_mode(channel[0]) if channel else None,
                parent_mode=_mode(parent[0]) if parent else None,
                guild_mode=_mode(guild[0]) if guild else None,
                autoanswer=bool(channel and channel[1]) or bool(parent and parent[1]),
                progress=int(progress[0]) if progress else None,
            )

        return await self._run(read)

    async def autoanswer_channels(self, guild_id: int) -> list[int]:
        def read(conn: sqlite3.Connection) -> list[int]:
            rows = conn.execute(
                "SELECT channel_id FROM channel_settings WHERE guild_id = ? AND autoanswer = 1 "
                "ORDER BY channel_id",
                (guild_id,),
            ).fetchall()
            return [int(row[0]) for row in rows]

        return await self._run(read)

    async def get_progress(self, user_id: int) -> int | None:
        def read(conn: sqlite3.Connection) -> int | None:
            row = conn.execute(
                "SELECT episode FROM member_progress WHERE user_id = ?", (user_id,)
            ).fetchone()
            return int(row[0]) if row else None

        return await self._run(read)

    async def recall_question(self, message_id: int) -> AskedQuestion | None:
        def read(conn: sqlite3.Connection) -> AskedQuestion | None:
            row = conn.execute(
                "SELECT kind, query FROM asked_questions WHERE message_id = ?", (message_id,)
            ).fetchone()
            return AskedQuestion(str(row[0]), str(row[1])) if row else None

        return await self._run(read)

    async def get_meta(self, key: str) -> str | None:
        def read(conn: sqlite3.Connection) -> str | None:
            row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
            return str(row[0]) if row else None

        return await self._run(read)

    # -- writes ------------------------------------------------------------------------------------

    async def set_spoiler_mode(
        self, guild_id: int, channel_id: int | None, mode: SpoilerMode | None
    ) -> None:
        value = mode.value if mode is not None else None
        now = time.time()

        def write(conn: sqlite3.Connection) -> None:
            with self._write(conn):
                if channel_id is None:
                    conn.execute(
                        "INSERT INTO guild_settings (guild_id, spoiler_mode, updated_at) "
                        "VALUES (?, ?, ?) ON CONFLICT (guild_id) DO UPDATE SET "
                        "spoiler_mode = excluded.spoiler_mode, updated_at = excluded.updated_at",
                        (guild_id, value, now),
                    )
                else:
                    conn.execute(
                        "INSERT INTO channel_settings (channel_id, guild_id, spoiler_mode, "
                        "updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (channel_id) DO UPDATE SET "
                        "spoiler_mode = excluded.spoiler_mode, updated_at = excluded.updated_at",
                        (channel_id, guild_id, value, now),
                    )

        await self._run_write(write)

    async def set_autoanswer(self, guild_id: int, channel_id: int, enabled: bool) -> bool:
        now = time.time()

        def write(conn: sqlite3.Connection) -> bool:
            with self._write(conn):
                row = conn.execute(
                    "SELECT autoanswer FROM channel_settings WHERE channel_id = ?", (channel_id,)
                ).fetchone()
                if bool(row and row[0]) == enabled:
                    return False
                conn.execute(
                    "INSERT INTO channel_settings (channel_id, guild_id, autoanswer, updated_at) "
                    "VALUES (?, ?, ?, ?) ON CONFLICT (channel_id) DO UPDATE SET "
                    "autoanswer = excluded.autoanswer, updated_at = excluded.updated_at",
                    (channel_id, guild_id, int(enabled), now),
                )
                return True

        return await self._run_write(write)

    async def set_progress(self, user_id: int, episode: int) -> None:
        if episode < 0:
            raise ValueError("episode must not be negative")
        now = time.time()

        def write(conn: sqlite3.Connection) -> None:
            with self._write(conn):
                conn.execute(
                    "INSERT INTO member_progress (user_id, episode, updated_at) VALUES (?, ?, ?) "
                    "ON CONFLICT (user_id) DO UPDATE SET episode = excluded.episode, "
                    "updated_at = excluded.updated_at",
                    (user_id, episode, now),
                )

        await self._run_write(write)

    async def clear_progress(self, user_id: int) -> bool:
        def write(conn: sqlite3.Connection) -> bool:
            with self._write(conn):
                cursor = conn.execute("DELETE FROM member_progress WHERE user_id = ?", (user_id,))
                return cursor.rowcount > 0

        return await self._run_write(write)

    async def remember_question(
        self, message_id: int, channel_id: int, question: AskedQuestion
    ) -> None:
        now = time.time()

        def write(conn: sqlite3.Connection) -> None:
            with self._write(conn):
                conn.execute(
                    "INSERT OR REPLACE INTO asked_questions "
                    "(message_id, channel_id, kind, query, created_at) VALUES (?, ?, ?, ?, ?)",
                    (message_id, channel_id, question.kind, question.query, now),
                )

        await self._run_write(write)

    async def prune_questions(self, older_than_days: int) -> int:
        cutoff = time.time() - older_than_days * 86400

        def write(conn: sqlite3.Connection) -> int:
            with self._write(conn):
                cursor = conn.execute("DELETE FROM asked_questions WHERE created_at < ?", (cutoff,))
                return cursor.rowcount

        return await self._run_write(write)

    async def set_meta(self, key: str, value: str) -> None:
        def write(conn: sqlite3.Connection) -> None:
            with self._write(conn):
                conn.execute(
                    "INSERT INTO meta (key, value) VALUES (?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (key, value),
                )

        await self._run_write(write)

    # -- the unanswered-questions log ------------------------------------------------------------

    @staticmethod
    def _claim(conn: sqlite3.Connection, once: str | None, now: int) -> bool:
        """Take a one-time token inside the caller's transaction; False if it was taken before."""
        if once is None:
            return True
        cursor = conn.execute(
            "INSERT INTO unanswered_once (token, created_at) VALUES (?, ?) "
            "ON CONFLICT (token) DO NOTHING",
            (once, now),
        )
        return cursor.rowcount > 0

    async def record_unanswered(
        self,
        guild_id: int,
        question: str,
        reason: str,
        closest: str,
        *,
        once: str | None = None,
        at: int | None = None,
    ) -> bool:
        now = int(time.time()) if at is None else at
        key = question_key(question)

        def write(conn: sqlite3.Connection) -> bool:
            with self._write(conn):
                if not key or not self._claim(conn, once, now):
                    return False
                conn.execute(
                    "INSERT INTO unanswered (guild_id, question_key, reason, question, closest, "
                    "count, first_asked, last_asked) VALUES (?, ?, ?, ?, ?, 1, ?, ?) "
                    "ON CONFLICT (guild_id, question_key, reason) DO UPDATE SET "
                    "count = unanswered.count + 1, question = excluded.question, "
                    "closest = excluded.closest, "
                    # CASE, not MAX(): the same SQL runs on PostgreSQL
                    "last_asked = CASE WHEN excluded.last_asked > unanswered.last_asked "
                    "THEN excluded.last_asked ELSE unanswered.last_asked END",
                    (guild_id, key, reason, question, closest, now, now),
                )
                return True

        return await self._run_write(write)

    async def resolve_unanswered(
        self, guild_id: int, question: str, reason: str, *, once: str | None = None
    ) -> bool:
        now = int(time.time())
        key = question_key(question)

        def write(conn: sqlite3.Connection) -> bool:
            with self._write(conn):
                where = "guild_id = ? AND question_key = ? AND reason = ?"
                found = conn.execute(
                    f"SELECT count FROM unanswered WHERE {where}", (guild_id, key, reason)
                ).fetchone()
                if found is None or not self._claim(conn, once, now):
                    return False
                if int(found[0]) <= 1:
                    conn.execute(f"DELETE FROM unanswered WHERE {where}", (guild_id, key, reason))
                else:
                    conn.execute(
                        f"UPDATE unanswered SET count = count - 1 WHERE {where}",
                        (guild_id, key, reason),
                    )
                return True

        return await self._run_write(write)

    async def unanswered(
        self, guild_id: int | None, *, limit: int, offset: int = 0
    ) -> list[UnansweredEntry]:
        limit, offset = max(0, limit), max(0, offset)

        def read(conn: sqlite3.Connection) -> list[UnansweredEntry]:
            columns = "guild_id, question, reason, closest, count, first_asked, last_asked"
            order = "ORDER BY count DESC, last_asked DESC, question_key, reason LIMIT ? OFFSET ?"
            if guild_id is None:
                rows = conn.execute(
                    f"SELECT {columns} FROM unanswered ORDER BY guild_id, "
                    + order.removeprefix("ORDER BY "),
                    (limit, offset),
                ).fetchall()
            else:
                rows = conn.execute(
                    f"SELECT {columns} FROM unanswered WHERE guild_id = ? {order}",
                    (guild_id, limit, offset),
                ).fetchall()
            return [
                UnansweredEntry(
                    int(r[0]), str(r[1]), str(r[2]), str(r[3]), int(r[4]), int(r[5]), int(r[6])
                )
                for r in rows
            ]

        return await self._run(read)

    async def count_unanswered(self, guild_id: int | None) -> int:
        def read(conn: sqlite3.Connection) -> int:
            if guild_id is None:
                row = conn.execute("SELECT COUNT(*) FROM unanswered").fetchone()
            else:
                row = conn.execute(
                    "SELECT COUNT(*) FROM unanswered WHERE guild_id = ?", (guild_id,)
                ).fetchone()
            return int(row[0])

        return await self._run(read)

    async def clear_unanswered(self, guild_id: int) -> int:
        def write(conn: sqlite3.Connection) -> int:
            with self._write(conn):
                cursor = conn.execute("DELETE FROM unanswered WHERE guild_id = ?", (guild_id,))
                return cursor.rowcount

        return await self._run_write(write)

    async def prune_unanswered(self, older_than_days: int, *, at: int | None = None) -> int:
        now = int(time.time()) if at is None else at
        cutoff = now - older_than_days * 86400

        def write(conn: sqlite3.Connection) -> int:
            with self._write(conn):
                cursor = conn.execute("DELETE FROM unanswered WHERE last_asked < ?", (cutoff,))
                conn.execute("DELETE FROM unanswered_once WHERE created_at < ?", (cutoff,))
                return cursor.rowcount

        return await self._run_write(write)
