"""Server, channel and member settings survive a restart of the bot."""

from __future__ import annotations

import pytest

from bot.adapter.app import create_bot
from bot.adapter.settings import Settings
from bot.core.engine import Engine
from tests.adapter.helpers import World, text_of

pytestmark = pytest.mark.e2e


async def configure(world: World) -> None:
    await world.admin.slash(world.general, "spoilers set", mode="open")
    await world.chanmod.slash(world.general, "spoilers set", mode="blocked", channel=world.lounge)
    await world.chanmod.slash(world.general, "autoanswer on", channel=world.lounge)
    await world.alice.slash(world.general, "progress set", episode=5)


async def check(world: World) -> None:
    result = await world.bob.slash(world.general, "spoilers status")
    assert result.response is not None
    assert "**open**" in result.response.content
    result = await world.bob.slash(world.general, "spoilers status", channel=world.lounge)
    assert result.response is not None
    assert "**blocked**" in result.response.content
    result = await world.alice.slash(world.general, "progress show")
    assert result.response is not None
    assert "episode 5" in result.response.content
    await world.bob.send(world.lounge, "who plays trish?")
    answer = world.lounge.last_message
    assert answer is not None
    assert answer.author.id == world.me.id
    assert "Rachael Taylor" in text_of(answer)


async def test_settings_survive_restart_bot(world: World) -> None:
    await configure(world)
    await world.env.restart_bot()
    await check(world)


async def test_settings_survive_a_new_process(
    world: World, settings: Settings, engine: Engine
) -> None:
    await configure(world)
    fresh = create_bot(settings, engine=engine)
    await world.env.restart_bot(fresh)
    world.bot = fresh
    try:
        await check(world)
    finally:
        await fresh.store.close()
