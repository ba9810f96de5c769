"""/progress set|show|clear, and how progress shapes what a member sees privately."""

from __future__ import annotations

import pytest
import simcord

from tests.adapter.helpers import (
    SPOILER_ANSWER,
    SPOILER_QUESTION,
    World,
    outside_bars,
    text_of,
)

pytestmark = pytest.mark.e2e


async def private(world: World, name: str, **options: object) -> str:
    result = await world.alice.slash(world.general, name, **options)
    assert result.response is not None
    assert result.response.ephemeral
    return result.response.content


async def test_set_show_clear(world: World) -> None:
    assert "haven't told me" in await private(world, "progress show")
    assert "episode 5" in await private(world, "progress set", episode=5)
    assert "episode 5 of 13" in await private(world, "progress show")
    assert "haven't started" in await private(world, "progress set", episode=0)
    assert "whole season" in await private(world, "progress set", episode=13)
    assert "Forgotten" in await private(world, "progress clear")
    assert "no progress" in await private(world, "progress clear")
    assert await world.bot.store.get_progress(world.alice.id) is None


async def test_progress_is_per_member(world: World) -> None:
    await world.alice.slash(world.general, "progress set", episode=7)
    result = await world.bob.slash(world.general, "progress show")
    assert result.response is not None
    assert "haven't told me" in result.response.content


@pytest.mark.parametrize("episode", [-1, 14])
async def test_out_of_range_episodes_cannot_be_sent(world: World, episode: int) -> None:
    with pytest.raises(simcord.OptionError):
        await world.alice.slash(world.general, "progress set", episode=episode)


async def test_direct_messages_use_the_members_progress(world: World) -> None:
    await world.alice.send_dm(SPOILER_QUESTION)
    first = world.alice.user.dm_channel.last_message
    assert first is not None
    assert SPOILER_ANSWER in text_of(first)
    assert SPOILER_ANSWER not in outside_bars(text_of(first))  # tagged: not watched yet

    await world.alice.user.slash("progress set", episode=13)
    await world.alice.send_dm(SPOILER_QUESTION)
    second = world.alice.user.dm_channel.last_message
    assert second is not None
    assert second.id != first.id
    assert SPOILER_ANSWER in outside_bars(text_of(second))  # watched it all: shown plainly
