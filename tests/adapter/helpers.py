"""Helpers shared by the adapter's end-to-end tests."""

from __future__ import annotations

import re
from dataclasses import dataclass

import discord
import simcord

from bot.adapter.client import SeasonBot


@dataclass
class World:
    """One server with a few people and channels, the way the tests need them."""

    env: simcord.Env
    bot: SeasonBot
    guild: simcord.GuildHandle
    general: simcord.ChannelHandle
    lounge: simcord.ChannelHandle
    admin: simcord.MemberActor  # Manage Server and Manage Channels
    chanmod: simcord.MemberActor  # Manage Channels only
    alice: simcord.MemberActor  # a plain member
    bob: simcord.MemberActor  # another plain member

    @property
    def me(self) -> discord.ClientUser:
        assert self.bot.user is not None
        return self.bot.user

    @property
    def mention(self) -> str:
        return f"<@{self.me.id}>"


def text_of(message: discord.Message | simcord.ResponseMessage) -> str:
    """Everything a message shows as text: content, embed titles, descriptions, fields, footers."""
    parts = [message.content or ""]
    for embed in message.embeds:
        parts += [embed.title or "", embed.description or "", embed.footer.text or ""]
        for field in embed.fields:
            parts += [field.name or "", field.value or ""]
    return "\n".join(parts)


def buttons_of(message: discord.Message | simcord.ResponseMessage) -> list[dict[str, object]]:
    rows = (
        message.components
        if isinstance(message, simcord.ResponseMessage)
        else [row.to_dict() for row in message.components]  # type: ignore[union-attr]
    )
    return [c for row in rows for c in row.get("components", [])]


SPOILER_BAR = re.compile(r"\|\|.*?\|\|", re.DOTALL)

#: A sentence of Trish's story revealed by the finale (episode 13), on her character card
#: (`/character trish-walker`): the spoiler the lookup tests watch for.
FINALE_SPOILER = "She kills Alisa at Playland"
#: A question for /ask whose answer is all finale spoilers, and a sentence of that answer (checked
#: by `test_the_spoiler_question_holds_the_spoiler`). An episode's plot, because what the core
#: answers to looser questions (e.g. "tell me about trish") changes as its understanding does.
SPOILER_QUESTION = "what happens in episode 13"
SPOILER_ANSWER = "Jessica tries to resist Alisa at first"


def outside_bars(text: str) -> str:
    """What a reader sees without clicking any spoiler bar."""
    return SPOILER_BAR.sub("", text)


def bot_messages(channel: simcord.ChannelHandle, bot: discord.Client) -> list[discord.Message]:
    assert bot.user is not None
    return [m for m in channel.history() if m.author.id == bot.user.id]


def requests_to(env: simcord.Env, method: str, fragment: str) -> list[simcord.HttpLogEntry]:
    return [r for r in env.http_requests if r.method == method and fragment in r.path]
