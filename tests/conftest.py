"""Fixtures shared by every test package."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
KNOWLEDGE_ROOT = REPO_ROOT / "knowledge"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# ../shared/ lives beside the checkout in development and CI, never in a user's clone.
SHARED_DIR = Path(os.environ.get("JJ_SHARED_DIR", REPO_ROOT.parent / "shared"))


def require_shared(*parts: str) -> Path:
    """The path under ../shared/, or skip (fail when JJ_REQUIRE_SHARED=1, as .ci/run sets)."""
    path = SHARED_DIR.joinpath(*parts)
    if not path.exists():
        reason = f"{path} is absent: ../shared/ only exists beside the development checkout"
        if os.environ.get("JJ_REQUIRE_SHARED") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return require_shared("seeds")


@pytest.fixture(scope="session")
def discord_openapi_path() -> Path:
    return require_shared("discord-api-spec", "openapi.json")


# -- PostgreSQL -------------------------------------------------------------------------------------

#: The server the PostgreSQL tests use (each test gets its own fresh database on it).
POSTGRES_ENV = "TEST_DATABASE_URL"


def require_postgres() -> str:
    """The test server's URL, or skip (fail when JJ_REQUIRE_POSTGRES=1, as .ci/run sets)."""
    url = os.environ.get(POSTGRES_ENV, "").strip()
    if not url:
        reason = (
            f"{POSTGRES_ENV} is not set: these tests need a PostgreSQL server. Start a throwaway "
            "one with `.ci/postgres.sh start $(mktemp -d)` and export the URL it prints as "
            f"{POSTGRES_ENV}"
        )
        if os.environ.get("JJ_REQUIRE_POSTGRES") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return url


def with_database(url: str, database: str) -> str:
    """The same server URL, naming another database."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{database}"))


@pytest.fixture
async def postgres_url() -> AsyncIterator[str]:
    """A fresh, empty database on the test server, dropped afterwards."""
    import asyncpg

    server = require_postgres()
    name = f"jj_test_{uuid.uuid4().hex[:16]}"
    admin = await asyncpg.connect(server)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    try:
        yield with_database(server, name)
    finally:
        admin = await asyncpg.connect(server)
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await admin.close()
