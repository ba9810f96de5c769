"""Questions in messages: mentions, replies, DMs; silence on chatter and other bots; cooldown."""

from __future__ import annotations

import discord
import pytest

from bot.adapter.cogs.casual import question_text
from tests.adapter.helpers import World, bot_messages, requests_to, text_of

pytestmark = pytest.mark.e2e


def test_question_text_drops_the_bot_and_everyone() -> None:
    assert question_text("<@42> @everyone  who plays\ntrish", 42) == "who plays trish"
    assert question_text("<@!42> hi <@7>", 42) == "hi <@7>"
    assert question_text("<@&9> who is malcolm", 42, frozenset({9})) == "who is malcolm"


async def test_a_mention_gets_a_reply_that_pings_nobody(world: World) -> None:
    asked = await world.alice.send(world.general, f"{world.mention} who plays trish?")
    reply = world.general.last_message
    assert reply is not None
    assert reply.author.id == world.me.id
    assert reply.reference is not None
    assert reply.reference.message_id == asked.id
    assert "Rachael Taylor" in text_of(reply)
    assert not reply.mentions
    assert not reply.mention_everyone
    body = requests_to(world.env, "POST", f"/channels/{world.general.id}/messages")[-1].json
    assert body["allowed_mentions"] == {"parse": [], "replied_user": False}


async def test_everyone_who_plays_trish_answers_without_pinging(world: World) -> None:
    await world.admin.send(world.general, f"{world.mention} @everyone who plays trish")
    reply = world.general.last_message
    assert reply is not None
    assert reply.author.id == world.me.id
    assert "Rachael Taylor" in text_of(reply)
    assert not reply.mention_everyone
    assert not reply.mentions
    assert not reply.role_mentions
    for request in requests_to(world.env, "POST", "/messages"):
        assert request.json["allowed_mentions"]["parse"] == []


async def test_a_reply_to_the_bot_is_a_question(world: World) -> None:
    await world.alice.send(world.general, f"{world.mention} who plays trish")
    answer = world.general.last_message
    assert answer is not None
    await world.bob.send(world.general, "and who plays jessica?", reply_to=answer)
    reply = world.general.last_message
    assert reply is not None
    assert reply.author.id == world.me.id
    assert "Krysten Ritter" in text_of(reply)


async def test_a_direct_message_is_a_question(world: World) -> None:
    await world.alice.send_dm("who directed episode 5?")
    reply = world.alice.user.dm_channel.last_message
    assert reply is not None
    assert reply.author.id == world.me.id
    assert "episode 5" in text_of(reply).lower()


async def test_a_bare_mention_gets_help(world: World) -> None:
    await world.alice.send(world.general, world.mention)
    reply = world.general.last_message
    assert reply is not None
    assert reply.author.id == world.me.id
    assert text_of(reply).strip()


async def test_chatter_without_a_mention_is_ignored(world: World) -> None:
    await world.alice.send(world.general, "who plays trish")  # not addressed, no auto-answer
    await world.alice.send(world.general, "lol same, see you tonight")
    assert bot_messages(world.general, world.bot) == []


async def test_other_bots_and_webhooks_are_ignored(world: World) -> None:
    other = world.guild.add_member(world.env.create_user("otherbot", bot=True))
    await other.send(world.general, f"{world.mention} who plays trish")
    hook = world.guild.create_webhook(world.general, "News")
    await hook.send(f"{world.mention} who plays trish")
    assert bot_messages(world.general, world.bot) == []


async def test_a_flood_gets_one_friendly_note(world: World) -> None:
    rate = world.bot.settings.cooldown_rate
    for _ in range(rate + 3):
        await world.alice.send(world.general, f"{world.mention} who plays trish")
    replies = bot_messages(world.general, world.bot)
    assert len(replies) == rate + 1
    notes = [m for m in replies if "faster than I can keep up" in m.content]
    assert len(notes) == 1
    await world.bob.send(world.general, f"{world.mention} who plays trish")
    assert len(bot_messages(world.general, world.bot)) == rate + 2  # others are not slowed
    await world.env.advance_time(world.bot.settings.cooldown_seconds)
    await world.alice.send(world.general, f"{world.mention} who plays malcolm")
    assert "Eka Darville" in text_of(world.general.last_message)  # type: ignore[arg-type]


async def test_no_reply_attempted_where_the_bot_cannot_write(world: World) -> None:
    muted = world.guild.create_text_channel(
        "announcements",
        overwrites={world.guild.default_role: discord.PermissionOverwrite(send_messages=False)},
    )
    author = world.guild.add_member(world.env.create_user("editor"), roles=[])
    # The editor may write there thanks to a member overwrite; the bot may not.
    muted2 = world.guild.create_text_channel(
        "news",
        overwrites={
            world.guild.default_role: discord.PermissionOverwrite(send_messages=False),
            author: discord.PermissionOverwrite(send_messages=True),
        },
    )
    assert muted.id != muted2.id
    await author.send(muted2, f"{world.mention} who plays trish")
    assert bot_messages(muted2, world.bot) == []
    assert not requests_to(world.env, "POST", f"/channels/{muted2.id}/messages")
    assert not world.env.errors
