"""Spoiler modes per server and per channel, /spoilers set|reset|status and who may change them."""

from __future__ import annotations

import pytest

from bot.core.knowledge.richtext import SpoilerMode
from tests.adapter.helpers import FINALE_SPOILER, World, buttons_of, outside_bars, text_of

pytestmark = pytest.mark.e2e


async def trish(world: World, channel: object) -> tuple[str, list[str]]:
    result = await world.alice.slash(channel, "character", name="trish-walker")  # type: ignore[arg-type]
    assert result.response is not None
    assert not result.response.ephemeral
    return text_of(result.response), [str(b["label"]) for b in buttons_of(result.response)]


async def status(world: World, where: object, **options: object) -> str:
    result = await world.alice.slash(where, "spoilers status", **options)  # type: ignore[arg-type]
    assert result.response is not None
    assert result.response.ephemeral
    return result.response.content


async def test_tagged_by_default(world: World) -> None:
    text, buttons = await trish(world, world.general)
    assert FINALE_SPOILER in text
    assert FINALE_SPOILER not in outside_bars(text)
    assert buttons == ["Show me privately"]
    assert "**tagged**" in await status(world, world.general)
    assert "built-in default" in await status(world, world.general)


async def test_server_default_and_channel_override(world: World) -> None:
    result = await world.admin.slash(world.general, "spoilers set", mode="open")
    assert result.response is not None
    assert result.response.ephemeral
    assert "open" in result.response.content
    result = await world.chanmod.slash(
        world.general, "spoilers set", mode="blocked", channel=world.lounge
    )
    assert result.response is not None
    assert result.response.ephemeral

    text, buttons = await trish(world, world.general)  # server default: open
    assert FINALE_SPOILER in outside_bars(text)
    assert buttons == []
    assert "server default" in await status(world, world.general)

    text, buttons = await trish(world, world.lounge)  # channel override: blocked
    assert FINALE_SPOILER not in text
    assert "[spoiler: episode" in text
    assert buttons == ["Show me privately"]
    lounge = await status(world, world.general, channel=world.lounge)
    assert "**blocked**" in lounge
    assert "this channel's setting" in lounge


async def test_reset_falls_back(world: World) -> None:
    await world.admin.slash(world.general, "spoilers set", mode="open")
    await world.admin.slash(world.general, "spoilers set", mode="blocked", channel=world.lounge)
    result = await world.admin.slash(world.general, "spoilers reset", channel=world.lounge)
    assert result.response is not None
    assert "open" in result.response.content
    result = await world.admin.slash(world.general, "spoilers reset")
    assert result.response is not None
    assert "tagged" in result.response.content
    assert "built-in default" in await status(world, world.lounge)


async def assert_unchanged(world: World) -> None:
    context = await world.bot.store.context(
        guild_id=world.guild.id, channel_id=world.lounge.id, parent_id=None, user_id=0
    )
    assert context.guild_mode is None
    assert context.channel_mode is None


@pytest.mark.parametrize("who", ["alice", "chanmod"])
async def test_server_default_needs_manage_server(world: World, who: str) -> None:
    member = getattr(world, who)
    result = await member.slash(world.general, "spoilers set", mode="open")
    assert result.response is not None
    assert result.response.ephemeral
    assert "Manage Server" in result.response.content
    await assert_unchanged(world)
    result = await member.slash(world.general, "spoilers reset")
    assert result.response is not None
    assert "Manage Server" in result.response.content


async def test_channel_override_needs_manage_channels(world: World) -> None:
    result = await world.alice.slash(
        world.general, "spoilers set", mode="open", channel=world.lounge
    )
    assert result.response is not None
    assert result.response.ephemeral
    assert "Manage Channels" in result.response.content
    await assert_unchanged(world)


async def test_spoilers_set_in_dms_is_refused(world: World) -> None:
    result = await world.alice.user.slash("spoilers set", mode="open")
    assert result.response is not None
    assert "server" in result.response.content
    dm_status = await world.alice.user.slash("spoilers status")
    assert dm_status.response is not None
    assert "DMs" in dm_status.response.content


async def test_what_the_asker_has_watched_is_no_spoiler_to_them(world: World) -> None:
    await world.alice.slash(world.general, "progress set", episode=13)
    text, _ = await trish(world, world.general)
    assert FINALE_SPOILER in outside_bars(text)


async def test_without_progress_the_same_answer_stays_tagged(world: World) -> None:
    text, _ = await trish(world, world.general)
    assert FINALE_SPOILER not in outside_bars(text)


async def test_mode_choices_are_the_three_modes(world: World) -> None:
    command = world.env.backend.find_command("spoilers", None, type=1)
    assert command is not None
    set_options = next(o for o in command["options"] if o["name"] == "set")["options"]
    mode = next(o for o in set_options if o["name"] == "mode")
    assert [c["value"] for c in mode["choices"]] == [m.value for m in SpoilerMode]
