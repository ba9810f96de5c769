"""Discord misbehaving: 5xx, 403 and 429 on every kind of send, DMs closed, permissions lost.

The bot never crashes, never retries into a loop, and answers the next request normally. SimCord
raises an injected 429 as it is, where discord.py's real HTTP client would first wait and retry.
"""

from __future__ import annotations

import logging

import discord
import pytest
from simcord.backend.models.channel import Overwrite, OverwriteType

from tests.adapter.helpers import SPOILER_QUESTION, World, bot_messages, text_of

pytestmark = pytest.mark.e2e

FAILURES = [(500, 0), (502, 0), (503, 0), (403, 50013), (429, 0)]
FAILURE_IDS = ["500", "502", "503", "403", "429"]


@pytest.mark.parametrize(("status", "code"), FAILURES, ids=FAILURE_IDS)
async def test_a_failed_reply_to_a_mention_is_survived(
    world: World, status: int, code: int
) -> None:
    world.env.inject_error("POST", "/channels/*/messages", status=status, code=code)
    await world.alice.send(world.general, f"{world.mention} who plays trish")
    assert bot_messages(world.general, world.bot) == []
    await world.alice.send(world.general, f"{world.mention} who plays jessica")
    assert "Krysten Ritter" in text_of(world.general.last_message)  # type: ignore[arg-type]
    assert not world.env.errors


@pytest.mark.parametrize(("status", "code"), FAILURES, ids=FAILURE_IDS)
@pytest.mark.parametrize(
    ("command", "options"),
    [
        ("ask", {"question": "who plays trish"}),
        ("episode", {"episode": "1"}),
        ("help", {}),
        ("progress show", {}),
        ("spoilers status", {}),
    ],
    ids=["ask", "episode", "help-private", "progress-private", "spoilers-private"],
)
async def test_a_failed_interaction_response_is_survived(
    world: World, status: int, code: int, command: str, options: dict[str, str]
) -> None:
    world.env.inject_error("POST", "/interactions/*/callback", status=status, code=code)
    failed = await world.alice.slash(world.general, command, **options)
    assert failed.response is None
    again = await world.alice.slash(world.general, command, **options)
    assert again.response is not None
    assert not world.env.errors


@pytest.mark.parametrize(("status", "code"), FAILURES, ids=FAILURE_IDS)
async def test_a_failed_reveal_is_survived(world: World, status: int, code: int) -> None:
    public = await world.alice.slash(world.general, "ask", question=SPOILER_QUESTION)
    assert public.response is not None
    world.env.inject_error("POST", "/interactions/*/callback", status=status, code=code)
    failed = await world.bob.click(public.response, label="Show me privately")
    assert failed.response is None
    revealed = await world.bob.click(public.response, label="Show me privately")
    assert revealed.response is not None
    assert revealed.response.ephemeral
    assert not world.env.errors


@pytest.mark.parametrize(("status", "code"), FAILURES, ids=FAILURE_IDS)
async def test_a_failed_autocomplete_is_survived(world: World, status: int, code: int) -> None:
    world.env.inject_error("POST", "/interactions/*/callback", status=status, code=code)
    await world.alice.autocomplete(world.general, "episode", "episode", "3")
    choices = await world.alice.autocomplete(world.general, "episode", "episode", "3")
    assert choices
    assert not world.env.errors


async def test_closed_dms_are_survived(world: World, caplog: pytest.LogCaptureFixture) -> None:
    """The member's DMs are closed to the bot (50007) when it answers there."""
    world.env.inject_error(
        "POST",
        "/channels/*/messages",
        status=403,
        code=50007,
        message="Cannot send messages to this user",
    )
    with caplog.at_level(logging.WARNING, logger="bot.adapter"):
        await world.alice.send_dm("who directed episode 5?")
    assert any("50007" in r.getMessage() or "403" in r.getMessage() for r in caplog.records)
    await world.alice.send_dm("who directed episode 5?")
    reply = world.alice.user.dm_channel.last_message
    assert reply is not None
    assert reply.author.id == world.me.id
    assert not world.env.errors


async def test_permissions_lost_while_running_mean_silence_not_errors(world: World) -> None:
    await world.alice.send(world.general, f"{world.mention} who plays trish")
    assert len(bot_messages(world.general, world.bot)) == 1
    # A moderator takes Send Messages from the bot in #general.
    world.env.backend.set_overwrite(
        world.general.id,
        Overwrite(
            target_id=world.me.id,
            type=OverwriteType.MEMBER,
            deny=discord.Permissions(send_messages=True).value,
        ),
    )
    await world.env.settle()
    await world.alice.send(world.general, f"{world.mention} who plays jessica")
    assert len(bot_messages(world.general, world.bot)) == 1  # silent, no error
    result = await world.alice.slash(world.general, "ask", question="who plays jessica")
    assert result.response is not None  # interactions need no channel permission
    assert "Krysten Ritter" in text_of(result.response)
    assert not world.env.errors
