"""Fixtures for the Discord adapter's tests: the real engine (loaded once), a bot on a temporary
database, and a SimCord world with moderators, members and channels.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import discord
import pytest
import simcord

from bot.adapter.app import create_bot
from bot.adapter.client import SeasonBot
from bot.adapter.settings import Settings
from bot.core.engine import Engine
from tests.adapter.helpers import World


@pytest.fixture(scope="session")
def engine() -> Engine:
    """The real question-answering core, loaded once: it is pure and never changes."""
    return Engine.load()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Every end-to-end test runs on SQLite, then on PostgreSQL (skipped without
    TEST_DATABASE_URL, a failure in CI)."""
    if request.param == "postgresql":
        url: str = request.getfixturevalue("postgres_url")
        return url
    return f"sqlite:///{tmp_path / 'bot.sqlite3'}"


@pytest.fixture
def settings(db_url: str) -> Settings:
    return Settings(database_url=db_url)


@pytest.fixture
async def simcord_bot(settings: Settings, engine: Engine) -> AsyncIterator[SeasonBot]:
    bot = create_bot(settings, engine=engine)
    yield bot
    await bot.store.close()


@pytest.fixture
def world(simcord_env: simcord.Env) -> World:
    env = simcord_env
    guild = env.create_guild("Alias Investigations")
    admins = guild.create_role(
        "Admins", permissions=discord.Permissions(manage_guild=True, manage_channels=True)
    )
    chanmods = guild.create_role(
        "Channel mods", permissions=discord.Permissions(manage_channels=True)
    )
    bot = env.bot
    assert isinstance(bot, SeasonBot)
    return World(
        env=env,
        bot=bot,
        guild=guild,
        general=guild.create_text_channel("general"),
        lounge=guild.create_text_channel("lounge"),
        admin=guild.add_member(env.create_user("jeri"), roles=[admins]),
        chanmod=guild.add_member(env.create_user("malcolm"), roles=[chanmods]),
        alice=guild.add_member(env.create_user("alice")),
        bob=guild.add_member(env.create_user("bob")),
    )
