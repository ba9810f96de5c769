"""Casual questions in messages: a mention, a reply to one of the bot's messages, a DM, or any
message in an auto-answer channel (answered only when the core finds it a clear question about the
season). Other bots, webhooks and the bot itself are ignored; a per-member cooldown stops floods
with one friendly note.
"""

from __future__ import annotations

import logging
import re
import time

import discord
from discord.ext import commands

from bot.adapter.client import SeasonBot
from bot.adapter.cogs import season_bot
from bot.adapter.cooldown import Verdict
from bot.adapter.metrics import record_question
from bot.adapter.outgoing import Outgoing, send_reply
from bot.adapter.responder import Place
from bot.adapter.storage import AskedQuestion
from bot.core import Trigger

__all__ = ["CasualCog", "question_text", "setup"]

_log = logging.getLogger(__name__)

_ANSWERED_TYPES = (discord.MessageType.default, discord.MessageType.reply)
_EVERYONE = re.compile(r"@(everyone|here)\b")


def question_text(content: str, bot_id: int, role_ids: frozenset[int] = frozenset()) -> str:
    """The question in a message: without the bot's mentions, @everyone/@here, extra spaces."""
    text = re.sub(rf"<@!?{bot_id}>", " ", content)
    for role_id in role_ids:
        text = text.replace(f"<@&{role_id}>", " ")
    text = _EVERYONE.sub(" ", text)
    return " ".join(text.split())


class CasualCog(commands.Cog, name="Casual"):
    """Answers questions asked in messages."""

    def __init__(self, bot: SeasonBot) -> None:
        self.bot = bot

    def _own_roles(self, message: discord.Message) -> frozenset[int]:
        """The bot's own managed role, which members often mention instead of the bot."""
        guild = message.guild
        if guild is None or guild.me is None:
            return frozenset()
        return frozenset(role.id for role in guild.me.roles if role.is_bot_managed())

    def _addressed(self, message: discord.Message, me: discord.ClientUser) -> bool:
        """A DM, a mention of the bot (or its role), or a reply to one of its messages."""
        if message.guild is None:
            return True
        if any(user.id == me.id for user in message.mentions):
            return True
        own_roles = self._own_roles(message)
        if own_roles and any(role.id in own_roles for role in message.role_mentions):
            return True
        reference = message.reference
        replied = reference.resolved if reference is not None else None
        return isinstance(replied, discord.Message) and replied.author.id == me.id

    def _can_reply(self, message: discord.Message) -> bool:
        channel = message.channel
        if message.guild is None or isinstance(channel, discord.DMChannel | discord.GroupChannel):
            return True
        me = message.guild.me
        if me is None or not hasattr(channel, "permissions_for"):
            return True
        perms = channel.permissions_for(me)
        send = (
            perms.send_messages_in_threads
            if isinstance(channel, discord.Thread)
            else perms.send_messages
        )
        return perms.view_channel and send and perms.read_message_history

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        me = self.bot.user
        if (
            me is None
            or message.author.bot
            or message.webhook_id is not None
            or message.type not in _ANSWERED_TYPES
        ):
            return
        if not message.content:
            return  # nothing to read: only attachments, or hidden without Message Content
        received = time.perf_counter()
        addressed = self._addressed(message, me)
        if not addressed and message.reference is not None:
            return  # a reply to another member is part of their conversation, not a question for us
        place = Place.of_message(message)
        context = await self.bot.responder.context(place)
        if not addressed and not context.autoanswer:
            return
        text = question_text(message.content, me.id, self._own_roles(message))
        trigger = Trigger.ASK if addressed else Trigger.AUTO
        answered = True
        if text:
            # the member's progress shapes story answers that depend on it ("what happened so far")
            answer = self.bot.engine.ask(text, trigger, context.progress)
            reply, answered = answer.reply, answer.answered
            question = AskedQuestion("ask", text)
        elif addressed:
            reply = self.bot.help_reply()  # just a mention: say what the bot does
            question = AskedQuestion("help", "")
        else:
            return
        if reply is None:
            record_question("ask", trigger.value, "silent")
            return  # chatter in an auto-answer channel
        if not self._can_reply(message):
            _log.info(
                "Cannot reply in channel %s (guild %s): missing permissions",
                place.channel_id,
                place.guild_id,
            )
            return
        verdict = self.bot.cooldown.hit(message.author.id)
        if verdict is Verdict.SILENT:
            return
        if verdict is Verdict.NOTE:
            wait = max(1, round(self.bot.cooldown.retry_after(message.author.id)))
            note = (
                f"You're asking faster than I can keep up! I'll skip your questions for about "
                f"{wait} seconds, then I'm all yours again."
            )
            await send_reply(message, Outgoing.text(note))
            return
        await self.bot.responder.answer_message(
            message, reply, question, context, received=received, trigger=trigger, answered=answered
        )


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(CasualCog(season_bot(bot)))
