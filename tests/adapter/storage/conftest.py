"""The store tests run against every backend: `backend` is SQLite, then PostgreSQL (skipped
without TEST_DATABASE_URL, a failure in CI)."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.adapter.storage import SQLiteStore
from bot.adapter.storage.migrations import Dialect
from bot.adapter.storage.postgres import PostgresStore

AnyStore = SQLiteStore | PostgresStore


@dataclass
class Backend:
    """One database, empty at first, and how to reach it around the store."""

    dialect: Dialect
    url: str  # a file path for SQLite

    def new_store(self) -> AnyStore:
        """A store on this database, not opened yet."""
        if self.dialect == "sqlite":
            return SQLiteStore(self.url)
        return PostgresStore(self.url)

    async def execute(self, *statements: str) -> None:
        """Run statements in one transaction on a connection of its own."""
        if self.dialect == "sqlite":
            conn = sqlite3.connect(self.url)
            try:
                with conn:
                    for statement in statements:
                        conn.execute(statement)
            finally:
                conn.close()
            return
        import asyncpg

        pg = await asyncpg.connect(self.url)
        try:
            async with pg.transaction():
                for statement in statements:
                    await pg.execute(statement)
        finally:
            await pg.close()

    async def set_schema_version(self, version: int) -> None:
        if self.dialect == "sqlite":
            await self.execute(f"PRAGMA user_version = {version:d}")
        else:
            await self.execute(
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)",
                "DELETE FROM schema_version",
                f"INSERT INTO schema_version (version) VALUES ({version:d})",
            )


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Backend:
    if request.param == "sqlite":
        return Backend("sqlite", str(tmp_path / "bot.sqlite3"))
    return Backend("postgresql", request.getfixturevalue("postgres_url"))


@pytest.fixture
async def store(backend: Backend) -> AsyncIterator[AnyStore]:
    store = backend.new_store()
    await store.open()
    yield store
    await store.close()
