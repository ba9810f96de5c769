"""/autoanswer on|off: in chosen channels, answer clear questions about the season unmentioned.

Moderators only: the group carries Manage Channels as its default member permissions, and since a
server owner can re-grant the command to anyone, Manage Channels in the target channel is also
checked here. Reading messages that do not mention the bot needs the privileged Message Content
intent; without it the setting is kept and the moderator is told why it cannot work yet.
"""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.adapter.client import SeasonBot
from bot.adapter.cogs import ChannelOption, season_bot
from bot.adapter.cogs.spoilers import refuse_unless_allowed
from bot.adapter.deadline import in_time
from bot.adapter.outgoing import Outgoing, respond

__all__ = ["NO_INTENT", "AutoAnswerCog", "setup"]

NO_INTENT = (
    "It can't work yet, though: I'm running without the **Message Content** intent, so I can't "
    "read messages that don't mention me. Enable it for the bot in the Discord Developer Portal "
    "and restart me with MESSAGE_CONTENT_INTENT=1. Mentions, replies, DMs and slash commands "
    "work without it."
)


def _target(
    interaction: discord.Interaction[Any], channel: ChannelOption | None
) -> ChannelOption | None:
    if channel is not None:
        return channel
    current = interaction.channel
    if isinstance(current, discord.TextChannel | discord.VoiceChannel | discord.Thread):
        return current
    return None


class AutoAnswerCog(commands.Cog, name="AutoAnswer"):
    """Channels where questions are answered without a mention."""

    autoanswer = app_commands.Group(
        name="autoanswer",
        description="Moderators: answer questions in a channel without a mention",
        guild_only=True,
        allowed_contexts=app_commands.AppCommandContext(guild=True),
        default_permissions=discord.Permissions(manage_channels=True),
    )

    def __init__(self, bot: SeasonBot) -> None:
        self.bot = bot

    async def _switch(
        self, interaction: discord.Interaction[Any], channel: ChannelOption | None, enabled: bool
    ) -> None:
        target = _target(interaction, channel)
        if target is None:
            note = "Pick a text channel with the channel option."
            await respond(interaction, Outgoing.text(note), ephemeral=True)
            return
        if await refuse_unless_allowed(interaction, target):
            return
        assert interaction.guild is not None
        change = self.bot.store.set_autoanswer(interaction.guild.id, target.id, enabled)
        changed = await in_time(interaction, change, ephemeral=True)
        state = "on" if enabled else "off"
        note = f"Auto-answer is {'now' if changed else 'already'} {state} in {target.mention}."
        if enabled:
            note += " I'll answer clear questions about the season there, no mention needed."
            problems = self._problems(interaction.guild, target)
            if problems:
                note += "\n" + problems
        await respond(interaction, Outgoing.text(note), ephemeral=True)

    def _problems(self, guild: discord.Guild, target: ChannelOption) -> str:
        if not self.bot.intents.message_content:
            return NO_INTENT
        me = guild.me
        perms = target.permissions_for(me)
        send = (
            perms.send_messages_in_threads
            if isinstance(target, discord.Thread)
            else perms.send_messages
        )
        if not (perms.view_channel and send and perms.read_message_history):
            return (
                "I can't answer there yet: I need View Channel, Send Messages and Read Message "
                f"History in {target.mention}."
            )
        return ""

    @autoanswer.command(name="on")
    @app_commands.describe(channel="The channel to answer in; leave empty for this one")
    async def on(
        self, interaction: discord.Interaction[Any], channel: ChannelOption | None = None
    ) -> None:
        """Answer clear questions about the season in a channel without being mentioned."""
        await self._switch(interaction, channel, True)

    @autoanswer.command(name="off")
    @app_commands.describe(channel="The channel to stop answering in; leave empty for this one")
    async def off(
        self, interaction: discord.Interaction[Any], channel: ChannelOption | None = None
    ) -> None:
        """Stop answering questions in a channel unless I'm mentioned."""
        await self._switch(interaction, channel, False)


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(AutoAnswerCog(season_bot(bot)))
