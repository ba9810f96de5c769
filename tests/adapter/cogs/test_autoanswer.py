"""/autoanswer on|off and auto-answer channels: clear questions answered, chatter left alone."""

from __future__ import annotations

import pytest
import simcord

from tests.adapter.helpers import World, bot_messages, text_of

pytestmark = pytest.mark.e2e


async def test_moderator_turns_it_on_and_off(world: World) -> None:
    result = await world.chanmod.slash(world.general, "autoanswer on", channel=world.lounge)
    assert result.response is not None
    assert result.response.ephemeral
    assert "now on" in result.response.content

    await world.alice.send(world.lounge, "who plays trish?")
    answer = world.lounge.last_message
    assert answer is not None
    assert answer.author.id == world.me.id
    assert "Rachael Taylor" in text_of(answer)

    before = len(bot_messages(world.lounge, world.bot))
    for chatter in ("lol same", "see you all tonight", "is anyone watching tonight"):
        await world.alice.send(world.lounge, chatter)
    assert len(bot_messages(world.lounge, world.bot)) == before  # silence on chatter

    await world.alice.send(world.general, "who plays trish?")  # not an auto-answer channel
    assert bot_messages(world.general, world.bot) == []

    result = await world.chanmod.slash(world.lounge, "autoanswer off")  # this channel
    assert result.response is not None
    assert "now off" in result.response.content
    await world.alice.send(world.lounge, "who plays jessica?")
    assert len(bot_messages(world.lounge, world.bot)) == before


async def test_already_on_says_so(world: World) -> None:
    await world.admin.slash(world.lounge, "autoanswer on")
    result = await world.admin.slash(world.lounge, "autoanswer on")
    assert result.response is not None
    assert "already on" in result.response.content


async def test_members_cannot_see_the_command(world: World) -> None:
    with pytest.raises(simcord.SetupError, match="not visible"):
        await world.alice.slash(world.general, "autoanswer on")
    assert await world.bot.store.autoanswer_channels(world.guild.id) == []


async def test_re_granted_command_is_still_checked_in_code(world: World) -> None:
    # A server owner lets everyone use /autoanswer; Manage Channels is still required.
    command = world.env.backend.find_command("autoanswer", None, type=1)
    assert command is not None
    world.guild.set_command_permissions(int(command["id"]), {world.alice: True})
    result = await world.alice.slash(world.general, "autoanswer on", channel=world.lounge)
    assert result.response is not None
    assert result.response.ephemeral
    assert "Manage Channels" in result.response.content
    assert await world.bot.store.autoanswer_channels(world.guild.id) == []
    result = await world.alice.slash(world.general, "autoanswer off", channel=world.lounge)
    assert result.response is not None
    assert "Manage Channels" in result.response.content


async def test_autoanswer_is_not_offered_in_direct_messages(world: World) -> None:
    assert "autoanswer on" not in world.alice.user.available_commands()
    assert "ask" in world.alice.user.available_commands()


async def test_everyone_in_an_auto_answer_channel_answers_without_pinging(world: World) -> None:
    await world.admin.slash(world.lounge, "autoanswer on")
    await world.admin.send(world.lounge, "@everyone who plays trish")
    answer = world.lounge.last_message
    assert answer is not None
    assert answer.author.id == world.me.id
    assert "Rachael Taylor" in text_of(answer)
    assert not answer.mention_everyone
    assert not answer.mentions


async def test_questions_to_other_members_are_left_to_them(world: World) -> None:
    await world.chanmod.slash(world.general, "autoanswer on", channel=world.lounge)
    before = len(bot_messages(world.lounge, world.bot))
    await world.alice.send(world.lounge, f"<@{world.bob.id}> who plays trish?")
    asked = await world.alice.send(world.lounge, "have you seen episode 3?")
    await world.bob.send(world.lounge, "who directed episode 3?", reply_to=asked)
    assert len(bot_messages(world.lounge, world.bot)) == before
    await world.alice.send(world.lounge, "who directed episode 3?")  # asked of the channel
    assert len(bot_messages(world.lounge, world.bot)) == before + 1
