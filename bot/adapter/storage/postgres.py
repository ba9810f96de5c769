"""The PostgreSQL store: asyncpg with a connection pool, for several bot processes on one database.

Every write is one transaction (one statement where possible, so concurrent writers from any
process cannot interleave inside it). Writes that change settings also `NOTIFY` the other
processes, in the same transaction (PostgreSQL delivers it only on commit); each store `LISTEN`s on
its own connection and tells its cache to forget what it holds. While that connection is down the
store says so (`changes_live` is false), so nothing is cached until it is back.

The unanswered-questions log is no setting and no cache holds it, so its writes announce nothing.

Migrations are the shared list in `migrations.py`, applied under an advisory lock so processes
starting together do not race; the version is kept in the `schema_version` table.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import asyncpg

from bot.adapter.metrics import timed_store_call
from bot.adapter.storage.base import (
    AskedQuestion,
    Context,
    StoreError,
    UnansweredEntry,
    question_key,
    redact_url,
)
from bot.adapter.storage.migrations import SCHEMA_VERSION, migrations_for
from bot.core import SpoilerMode

__all__ = ["CHANGES_CHANNEL", "PostgresStore", "is_postgres_url"]

_log = logging.getLogger(__name__)

#: The LISTEN/NOTIFY channel on which settings changes are announced.
CHANGES_CHANNEL = "jj_settings_changed"
#: Any fixed number: the advisory lock held while migrating.
_MIGRATION_LOCK = 0x4A4A5345
_SCHEMES = ("postgresql://", "postgres://")
_CONNECT_TIMEOUT = 10.0
_COMMAND_TIMEOUT = 10.0
_RECONNECT_DELAYS = (0.5, 1.0, 2.0, 5.0, 10.0, 30.0)
# What a lost or refused connection raises, besides asyncpg's own errors.
_CONNECTION_ERRORS = (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError)


def is_postgres_url(url: str) -> bool:
    return url.lower().startswith(_SCHEMES)


def _mode(value: object) -> SpoilerMode | None:
    return SpoilerMode(value) if isinstance(value, str) else None


def _count(status: str) -> int:
    """The row count in a command status such as "DELETE 3"."""
    last = status.rpartition(" ")[2]
    return int(last) if last.isdigit() else 0


class PostgresStore:
    """`Store` on a PostgreSQL database, with a pool of at most `max_connections`."""

    backend = "postgresql"

    def __init__(self, url: str, *, min_connections: int = 1, max_connections: int = 10) -> None:
        if not is_postgres_url(url):
            raise StoreError(f"not a PostgreSQL URL: {redact_url(url)}")
        self.url = url
        self.min_connections = min_connections
        self.max_connections = max_connections
        self._pool: asyncpg.Pool | None = None
        self._listener: asyncpg.Connection | None = None
        self._reconnect: asyncio.Task[None] | None = None
        self._callbacks: list[Callable[[], None]] = []
        self._open_lock = asyncio.Lock()
        self._closing = False

    def __repr__(self) -> str:
        return f"PostgresStore({redact_url(self.url)!r})"

    # -- plumbing ----------------------------------------------------------------------------------

    def _fail(self, what: str, exc: BaseException) -> StoreError:
        return StoreError(f"{what} {redact_url(self.url)}: {type(exc).__name__}: {exc}")

    @asynccontextmanager
    async def _connection(self, operation: str) -> AsyncIterator[asyncpg.Connection]:
        """A pooled connection for one call, timed, with database errors as `StoreError`."""
        pool = self._pool
        if pool is None:
            raise StoreError("the store is not open: call `await store.open()` first")
        async with timed_store_call(self.backend, operation):
            try:
                async with pool.acquire(timeout=_CONNECT_TIMEOUT) as conn:
                    yield conn
            except _CONNECTION_ERRORS as exc:
                raise self._fail("database error on", exc) from exc

    @asynccontextmanager
    async def _transaction(self, operation: str) -> AsyncIterator[asyncpg.Connection]:
        async with self._connection(operation) as conn, conn.transaction():
            yield conn

    async def _announce(self, conn: asyncpg.Connection) -> None:
        """Tell every listening store that settings changed (sent when the transaction commits)."""
        await conn.execute("SELECT pg_notify($1, '')", CHANGES_CHANNEL)

    # -- lifecycle ---------------------------------------------------------------------------------

    async def open(self) -> None:
        async with self._open_lock:
            if self._pool is not None:
                return
            self._closing = False
            try:
                pool = await asyncpg.create_pool(
                    self.url,
                    min_size=self.min_connections,
                    max_size=self.max_connections,
                    timeout=_CONNECT_TIMEOUT,
                    command_timeout=_COMMAND_TIMEOUT,
                )
            except (*_CONNECTION_ERRORS, ValueError) as exc:
                raise self._fail("cannot connect to the database", exc) from exc
            try:
                async with pool.acquire() as conn:
                    await self._migrate(conn)
            except _CONNECTION_ERRORS as exc:
                await pool.close()
                raise self._fail("cannot prepare the database", exc) from exc
            except BaseException:
                await pool.close()
                raise
            self._pool = pool
            await self._listen()

    async def _migrate(self, conn: asyncpg.Connection) -> None:
        statements = migrations_for("postgresql")
        async with conn.transaction():
            await conn.execute("SELECT pg_advisory_xact_lock($1)", _MIGRATION_LOCK)
            await conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"
            )
            version = await conn.fetchval("SELECT max(version) FROM schema_version") or 0
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"{redact_url(self.url)} has schema version {version}, newer than this bot "
                    f"knows ({SCHEMA_VERSION}): upgrade the bot or use another DATABASE_URL"
                )
            for number in range(version + 1, SCHEMA_VERSION + 1):
                for statement in statements[number - 1]:
                    await conn.execute(statement)
                await conn.execute("DELETE FROM schema_version")
                await conn.execute("INSERT INTO schema_version (version) VALUES ($1)", number)
                _log.info("Migrated %s to schema version %d", redact_url(self.url), number)

    async def schema_version(self) -> int:
        async with self._connection("schema_version") as conn:
            return int(await conn.fetchval("SELECT max(version) FROM schema_version") or 0)

    async def close(self) -> None:
        async with self._open_lock:
            self._closing = True
            reconnect, self._reconnect = self._reconnect, None
            if reconnect is not None:
                reconnect.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await reconnect
            listener, self._listener = self._listener, None
            if listener is not None and not listener.is_closed():
                with contextlib.suppress(*_CONNECTION_ERRORS):
                    await listener.close(timeout=5)
            pool, self._pool = self._pool, None
            if pool is not None:
                try:
                    await asyncio.wait_for(pool.close(), timeout=10)
                except TimeoutError:
                    pool.terminate()

    # -- hearing about changes made elsewhere (`ChangeFeed`) --------------------------------------

    @property
    def changes_live(self) -> bool:
        listener = self._listener
        return listener is not None and not listener.is_closed()

    def add_change_listener(self, callback: Callable[[], None]) -> None:
        self._callbacks.append(callback)

    def _changed(self, *_: object) -> None:
        for callback in self._callbacks:
            callback()

    async def _listen(self) -> None:
        """Open the listening connection, or start trying to in the background."""
        try:
            conn = await asyncpg.connect(self.url, timeout=_CONNECT_TIMEOUT)
            await conn.add_listener(CHANGES_CHANNEL, self._changed)
        except _CONNECTION_ERRORS as exc:
            _log.warning("Cannot listen for settings changes (%s); retrying", type(exc).__name__)
            self._schedule_reconnect()
            return
        conn.add_termination_listener(self._lost)
        self._listener = conn
        # Whatever changed while nobody listened is unknown: forget everything.
        self._changed()

    def _lost(self, _conn: object) -> None:
        if self._closing:
            return
        _log.warning("Lost the connection that hears settings changes; reconnecting")
        self._listener = None
        self._changed()
        self._schedule_reconnect()

    def _schedule_reconnect(self) -> None:
        if self._closing or (self._reconnect is not None and not self._reconnect.done()):
            return
        self._reconnect = asyncio.get_running_loop().create_task(self._reconnect_loop())

    async def _reconnect_loop(self) -> None:
        attempt = 0
        while not self._closing and not self.changes_live:
            await asyncio.sleep(_RECONNECT_DELAYS[min(attempt, len(_RECONNECT_DELAYS) - 1)])
            attempt += 1
            try:
                conn = await asyncpg.connect(self.url, timeout=_CONNECT_TIMEOUT)
                await conn.add_listener(CHANGES_CHANNEL, self._changed)
            except _CONNECTION_ERRORS:
                continue
            if self._closing:
                await conn.close()
                return
            conn.add_termination_listener(self._lost)
            self._listener = conn
            self._changed()
            _log.info("Hearing settings changes again")

    # -- reads -------------------------------------------------------------------------------------

    async def context(
        self, *, guild_id: int | None, channel_id: int, parent_id: int | None, user_id: int
    ) -> Context:
        async with self._connection("context") as conn:
            row = await conn.fetchrow(
                """SELECT
                    (SELECT spoiler_mode FROM channel_settings WHERE channel_id = $1),
                    (SELECT autoanswer FROM channel_settings WHERE channel_id = $1),
                    (SELECT spoiler_mode FROM channel_settings WHERE channel_id = $2),
                    (SELECT autoanswer FROM channel_settings WHERE channel_id = $2),
                    (SELECT spoiler_mode FROM guild_settings WHERE guild_id = $3),
                    (SELECT episode FROM member_progress WHERE user_id = $4)""",
                channel_id,
                parent_id,
                guild_id,
                user_id,
            )
        assert row is not None  # a SELECT without FROM always has one row
        return Context(
            channel_mode=_mode(row[0]),
            parent_mode=_mode(row[2]),
            guild_mode=_mode(row[4]),
            autoanswer=bool(row[1]) or bool(row[3]),
            progress=int(row[5]) if row[5] is not None else None,
        )

    async def autoanswer_channels(self, guild_id: int) -> list[int]:
        async with self._connection("autoanswer_channels") as conn:
            rows = await conn.fetch(
                "SELECT channel_id FROM channel_settings WHERE guild_id = $1 AND autoanswer = 1 "
                "ORDER BY channel_id",
                guild_id,
            )
        return [int(row[0]) for row in rows]

    async def get_progress(self, user_id: int) -> int | None:
        async with self._connection("get_progress") as conn:
            value = await conn.fetchval(
                "SELECT episode FROM member_progress WHERE user_id = $1", user_id
            )
        return int(value) if value is not None else None

    async def recall_question(self, message_id: int) -> AskedQuestion | None:
        async with self._connection("recall_question") as conn:
            row = await conn.fetchrow(
                "SELECT kind, query FROM asked_questions WHERE message_id = $1", message_id
            )
        return AskedQuestion(str(row[0]), str(row[1])) if row is not None else None

    async def get_meta(self, key: str) -> str | None:
        async with self._connection("get_meta") as conn:
            value = await conn.fetchval("SELECT value FROM meta WHERE key = $1", key)
        return str(value) if value is not None else None

    # -- writes ------------------------------------------------------------------------------------

    async def set_spoiler_mode(
        self, guild_id: int, channel_id: int | None, mode: SpoilerMode | None
    ) -> None:
        value = mode.value if mode is not None else None
        async with self._transaction("set_spoiler_mode") as conn:
            if channel_id is None:
                await conn.execute(
                    "INSERT INTO guild_settings (guild_id, spoiler_mode, updated_at) "
                    "VALUES ($1, $2, $3) ON CONFLICT (guild_id) DO UPDATE SET "
                    "spoiler_mode = excluded.spoiler_mode, updated_at = excluded.updated_at",
                    guild_id,
                    value,
                    time.time(),
                )
            else:
                await conn.execute(
                    "INSERT INTO channel_settings (channel_id, guild_id, spoiler_mode, "
                    "updated_at) VALUES ($1, $2, $3, $4) ON CONFLICT (channel_id) DO UPDATE SET "
                    "spoiler_mode = excluded.spoiler_mode, updated_at = excluded.updated_at",
                    channel_id,
                    guild_id,
                    value,
                    time.time(),
                )
            await self._announce(conn)

    async def set_autoanswer(self, guild_id: int, channel_id: int, enabled: bool) -> bool:
        async with self._transaction("set_autoanswer") as conn:
            if enabled:
                # One statement: inserted, or switched on; nothing returned if it already was.
                changed = await conn.fetchval(
                    "INSERT INTO channel_settings (channel_id, guild_id, autoanswer, updated_at) "
                    "VALUES ($1, $2, 1, $3) ON CONFLICT (channel_id) DO UPDATE SET "
                    "autoanswer = 1, updated_at = excluded.updated_at "
                    "WHERE channel_settings.autoanswer = 0 RETURNING 1",
                    channel_id,
                    guild_id,
                    time.time(),
                )
            else:
                changed = await conn.fetchval(
                    "UPDATE channel_settings SET autoanswer = 0, updated_at = $2 "
                    "WHERE channel_id = $1 AND autoanswer = 1 RETURNING 1",
                    channel_id,
                    time.time(),
                )
            if changed is not None:
                await self._announce(conn)
            return changed is not None

    async def set_progress(self, user_id: int, episode: int) -> None:
        if episode < 0:
            raise ValueError("episode must not be negative")
        async with self._transaction("set_progress") as conn:
            await conn.execute(
                "INSERT INTO member_progress (user_id, episode, updated_at) VALUES ($1, $2, $3) "
                "ON CONFLICT (user_id) DO UPDATE SET episode = excluded.episode, "
                "updated_at = excluded.updated_at",
                user_id,
                episode,
                time.time(),
            )
            await self._announce(conn)

    async def clear_progress(self, user_id: int) -> bool:
        async with self._transaction("clear_progress") as conn:
            status = await conn.execute("DELETE FROM member_progress WHERE user_id = $1", user_id)
            removed = _count(status) > 0
            if removed:
                await self._announce(conn)
            return removed

    async def remember_question(
        self, message_id: int, channel_id: int, question: AskedQuestion
    ) -> None:
        async with self._connection("remember_question") as conn:
            await conn.execute(
                "INSERT INTO asked_questions (message_id, channel_id, kind, query, created_at) "
                "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (message_id) DO UPDATE SET "
                "channel_id = excluded.channel_id, kind = excluded.kind, "
                "query = excluded.query, created_at = excluded.created_at",
                message_id,
                channel_id,
                question.kind,
                question.query,
                time.time(),
            )

    async def prune_questions(self, older_than_days: int) -> int:
        cutoff = time.time() - older_than_days * 86400
        async with self._connection("prune_questions") as conn:
            status = await conn.execute("DELETE FROM asked_questions WHERE created_at < $1", cutoff)
        return _count(status)

    async def set_meta(self, key: str, value: str) -> None:
        async with self._connection("set_meta") as conn:
            await conn.execute(
                "INSERT INTO meta (key, value) VALUES ($1, $2) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                key,
                value,
            )

    # -- the unanswered-questions log ------------------------------------------------------------

    @staticmethod
    async def _claim(conn: asyncpg.Connection, once: str | None, now: int) -> bool:
        """Take a one-time token inside the caller's transaction; False if it was taken before
        (a concurrent taker waits for the first one's transaction, then finds it taken)."""
        if once is None:
            return True
        taken = await conn.fetchval(
            "INSERT INTO unanswered_once (token, created_at) VALUES ($1, $2) "
            "ON CONFLICT (token) DO NOTHING RETURNING 1",
            once,
            now,
        )
        return taken is not None

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
        if not key:
            return False
        async with self._transaction("record_unanswered") as conn:
            if not await self._claim(conn, once, now):
                return False
            await conn.execute(
                "INSERT INTO unanswered (guild_id, question_key, reason, question, closest, "
                "count, first_asked, last_asked) VALUES ($1, $2, $3, $4, $5, 1, $6, $6) "
                "ON CONFLICT (guild_id, question_key, reason) DO UPDATE SET "
                "count = unanswered.count + 1, question = excluded.question, "
                "closest = excluded.closest, "
                "last_asked = GREATEST(unanswered.last_asked, excluded.last_asked)",
                guild_id,
                key,
                reason,
                question,
                closest,
                now,
            )
            return True

    async def resolve_unanswered(
        self, guild_id: int, question: str, reason: str, *, once: str | None = None
    ) -> bool:
        now = int(time.time())
        key = question_key(question)
        where = "guild_id = $1 AND question_key = $2 AND reason = $3"
        async with self._transaction("resolve_unanswered") as conn:
            # Locked until commit, so concurrent resolvers count down one after the other.
            count = await conn.fetchval(
                f"SELECT count FROM unanswered WHERE {where} FOR UPDATE", guild_id, key, reason
            )
            if count is None or not await self._claim(conn, once, now):
                return False
            if int(count) <= 1:
                await conn.execute(f"DELETE FROM unanswered WHERE {where}", guild_id, key, reason)
            else:
                await conn.execute(
                    f"UPDATE unanswered SET count = count - 1 WHERE {where}", guild_id, key, reason
                )
            return True

    async def unanswered(
        self, guild_id: int | None, *, limit: int, offset: int = 0
    ) -> list[UnansweredEntry]:
        limit, offset = max(0, limit), max(0, offset)
        columns = "guild_id, question, reason, closest, count, first_asked, last_asked"
        order = "count DESC, last_asked DESC, question_key, reason"
        async with self._connection("unanswered") as conn:
            if guild_id is None:
                rows = await conn.fetch(
                    f"SELECT {columns} FROM unanswered ORDER BY guild_id, {order} "
                    "LIMIT $1 OFFSET $2",
                    limit,
                    offset,
                )
            else:
                rows = await conn.fetch(
                    f"SELECT {columns} FROM unanswered WHERE guild_id = $1 ORDER BY {order} "
                    "LIMIT $2 OFFSET $3",
                    guild_id,
                    limit,
                    offset,
                )
        return [
            UnansweredEntry(
                int(r[0]), str(r[1]), str(r[2]), str(r[3]), int(r[4]), int(r[5]), int(r[6])
            )
            for r in rows
        ]

    async def count_unanswered(self, guild_id: int | None) -> int:
        async with self._connection("count_unanswered") as conn:
            if guild_id is None:
                value = await conn.fetchval("SELECT count(*) FROM unanswered")
            else:
                value = await conn.fetchval(
                    "SELECT count(*) FROM unanswered WHERE guild_id = $1", guild_id
                )
        return int(value or 0)

    async def clear_unanswered(self, guild_id: int) -> int:
        async with self._connection("clear_unanswered") as conn:
            status = await conn.execute("DELETE FROM unanswered WHERE guild_id = $1", guild_id)
        return _count(status)

    async def prune_unanswered(self, older_than_days: int, *, at: int | None = None) -> int:
        now = int(time.time()) if at is None else at
        cutoff = now - older_than_days * 86400
        async with self._transaction("prune_unanswered") as conn:
            status = await conn.execute("DELETE FROM unanswered WHERE last_asked < $1", cutoff)
            await conn.execute("DELETE FROM unanswered_once WHERE created_at < $1", cutoff)
        return _count(status)

    async def execute(self, sql: str, *args: Any) -> str:
        """Run one statement (for tests and maintenance); returns the command status."""
        async with self._connection("execute") as conn:
            return str(await conn.execute(sql, *args))
