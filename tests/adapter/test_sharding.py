"""Shards: read from the environment, and a sharded bot answers like an unsharded one."""

from __future__ import annotations

import pytest
from discord.ext import commands

from bot import Settings, create_bot
from bot.adapter.client import SeasonBot
from bot.adapter.settings import SettingsError
from tests.adapter.helpers import World, text_of


@pytest.mark.parametrize(
    ("count", "ids", "expected"),
    [
        ("4", "0,1", (0, 1)),
        ("4", "0-3", (0, 1, 2, 3)),
        ("8", "2-3, 6", (2, 3, 6)),
        ("2", None, None),
    ],
)
def test_from_env_reads_shards(
    count: str, ids: str | None, expected: tuple[int, ...] | None
) -> None:
    env = {"SHARD_COUNT": count} | ({"SHARD_IDS": ids} if ids else {})
    settings = Settings.from_env(env)
    assert settings.shard_count == int(count)
    assert settings.shard_ids == expected


@pytest.mark.parametrize(
    "env",
    [
        {"SHARD_IDS": "0"},
        {"SHARD_COUNT": "2", "SHARD_IDS": "0-2"},
        {"SHARD_COUNT": "2", "SHARD_IDS": "1,1"},
        {"SHARD_COUNT": "0"},
        {"SHARD_COUNT": "two"},
        {"SHARD_COUNT": "4", "SHARD_IDS": "3-1"},
        {"SHARD_COUNT": "4", "SHARD_IDS": "0-" + "9" * 2000},
    ],
)
def test_bad_shard_settings_name_the_variable(env: dict[str, str]) -> None:
    with pytest.raises(SettingsError, match="SHARD_"):
        Settings.from_env(env)


def test_create_bot_is_auto_sharded_with_shard_settings() -> None:
    bot = create_bot(Settings(shard_count=4, shard_ids=[0, 1]))
    assert isinstance(bot, commands.AutoShardedBot)
    assert isinstance(bot, commands.Bot)
    assert bot.shard_count == 4
    assert bot.shard_ids == [0, 1]


def test_auto_runs_every_recommended_shard() -> None:
    bot = create_bot(Settings.from_env({"SHARD_COUNT": "auto"}))
    assert isinstance(bot, commands.AutoShardedBot)
    assert bot.shard_count is None  # discord.py asks Discord how many
    assert bot.shard_ids is None


def test_without_shard_settings_the_bot_is_unsharded_as_before() -> None:
    bot = create_bot(Settings())
    assert isinstance(bot, SeasonBot)
    assert not isinstance(bot, commands.AutoShardedBot)


class TestShardedBotEndToEnd:
    @pytest.fixture
    def settings(self, db_url: str) -> Settings:
        return Settings(database_url=db_url, shard_count=2, shard_ids=[0, 1])

    async def test_a_sharded_bot_answers_and_reports_each_shard(self, world: World) -> None:
        assert isinstance(world.bot, commands.AutoShardedBot)
        await world.alice.send(world.general, f"{world.mention} who plays trish?")
        answer = world.general.last_message
        assert answer is not None
        assert "Rachael Taylor" in text_of(answer)
        states = world.bot.shard_states()
        assert sorted(states) == [0, 1]
        assert all(connected for connected, _ in states.values())
