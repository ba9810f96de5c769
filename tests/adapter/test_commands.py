"""The slash commands as Discord receives them, and when they are synced."""

from __future__ import annotations

from typing import Any

import discord
import pytest
import simcord

from bot.adapter.app import create_bot
from bot.adapter.settings import Settings
from bot.core.engine import Engine
from tests.adapter.helpers import World, requests_to

pytestmark = pytest.mark.e2e

EXPECTED = {
    "ask": ["question"],
    "episode": ["episode"],
    "character": ["name"],
    "cast": [],
    "season": [],
    "help": [],
    "spoilers": ["set", "reset", "status"],
    "autoanswer": ["on", "off"],
    "progress": ["set", "show", "clear"],
    "unanswered": ["list", "export", "clear"],
}


def synced(env: simcord.Env, fragment: str = "/commands") -> list[dict[str, Any]]:
    puts = requests_to(env, "PUT", fragment)
    assert puts, "the commands were never synced"
    body = puts[-1].json
    assert isinstance(body, list)
    return body


def walk(options: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for option in options:
        out.append(option)
        out.extend(walk(option.get("options", [])))
    return out


async def test_every_command_and_option_is_described(world: World) -> None:
    commands = {c["name"]: c for c in synced(world.env)}
    assert set(commands) == set(EXPECTED)
    for name, children in EXPECTED.items():
        command = commands[name]
        assert command["description"].strip(), name
        assert not command["description"].endswith("…"), name
        assert sorted(o["name"] for o in command.get("options", [])) == sorted(children)
        for option in walk(command.get("options", [])):
            assert option["description"].strip(), option
            assert not option["description"].endswith("…"), option  # cut by discord.py
            assert len(option["description"]) <= 100, option


async def test_autocomplete_and_permissions_as_discord_sees_them(world: World) -> None:
    commands = {c["name"]: c for c in synced(world.env)}
    assert commands["episode"]["options"][0]["autocomplete"] is True
    assert commands["character"]["options"][0]["autocomplete"] is True
    autoanswer = commands["autoanswer"]
    assert (
        int(autoanswer["default_member_permissions"])
        == discord.Permissions(manage_channels=True).value
    )
    assert autoanswer["contexts"] == [0]  # servers only
    assert commands["spoilers"].get("default_member_permissions") is None  # status is for all
    unanswered = commands["unanswered"]
    assert (
        int(unanswered["default_member_permissions"])
        == discord.Permissions(manage_guild=True).value
    )
    assert unanswered["contexts"] == [0]
    ask = commands["ask"]["options"][0]
    assert ask["required"]
    assert ask["max_length"] == 300
    progress_set = next(o for o in commands["progress"]["options"] if o["name"] == "set")
    episode = progress_set["options"][0]
    assert (episode["min_value"], episode["max_value"]) == (0, 13)


async def test_commands_are_synced_once_not_on_every_start(
    world: World, settings: Settings, engine: Engine
) -> None:
    assert len(requests_to(world.env, "PUT", "/commands")) == 1
    await world.env.restart_bot()
    fresh = create_bot(settings, engine=engine)
    await world.env.restart_bot(fresh)
    try:
        assert len(requests_to(world.env, "PUT", "/commands")) == 1  # unchanged: not synced again
        result = await world.alice.slash(world.general, "ask", question="who plays trish")
        assert result.response is not None
    finally:
        await fresh.store.close()


DEV_GUILD = 1234567890123456789


@pytest.fixture
def dev_settings(db_url: str) -> Settings:
    return Settings(database_url=db_url, dev_guild_id=DEV_GUILD)


async def test_dev_guild_gets_the_commands_instantly(
    dev_settings: Settings, engine: Engine
) -> None:
    bot = create_bot(dev_settings, engine=engine)
    try:
        async with simcord.run(bot) as env:
            guild = env.create_guild("Dev", id=DEV_GUILD)
            channel = guild.create_text_channel("testing")
            alice = guild.add_member(env.create_user("alice"))
            puts = requests_to(env, "PUT", "/commands")
            assert [r.path for r in puts] == [
                f"/applications/{env.backend.application_id}/guilds/{DEV_GUILD}/commands"
            ]
            result = await alice.slash(channel, "ask", question="who plays trish")
            assert result.response is not None
    finally:
        await bot.store.close()


async def test_syncing_can_be_left_to_the_sync_command(db_url: str, engine: Engine) -> None:
    bot = create_bot(Settings(database_url=db_url, sync_commands_on_start=False), engine=engine)
    try:
        async with simcord.run(bot) as env:
            assert requests_to(env, "PUT", "/commands") == []
    finally:
        await bot.store.close()
