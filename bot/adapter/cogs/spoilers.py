"""/spoilers set|reset|status: how answers show spoilers, per server and per channel.

`set` and `reset` are for moderators: the server default needs Manage Server, a channel override
needs Manage Channels in that channel. Discord cannot give one subcommand default permissions while
`/spoilers status` stays open to everyone, so these are checked here, in code, on every use.
"""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.adapter.client import SeasonBot
from bot.adapter.cogs import ChannelOption, season_bot
from bot.adapter.deadline import in_time
from bot.adapter.outgoing import Outgoing, respond
from bot.adapter.policy import mode_in_force
from bot.adapter.responder import Place
from bot.adapter.storage import Context
from bot.core import SpoilerMode

__all__ = ["MODE_HELP", "SpoilersCog", "setup"]

MODE_HELP = {
    SpoilerMode.TAGGED: "spoilers are hidden behind spoiler bars, click to read",
    SpoilerMode.OPEN: "spoilers are shown as they are",
    SpoilerMode.BLOCKED: "spoilers are left out; a button shows them to whoever asks, privately",
}

MODE_CHOICES = [
    app_commands.Choice(name="tagged: behind spoiler bars", value=SpoilerMode.TAGGED.value),
    app_commands.Choice(name="open: shown as they are", value=SpoilerMode.OPEN.value),
    app_commands.Choice(
        name="blocked: left out, shown privately on request", value=SpoilerMode.BLOCKED.value
    ),
]


async def refuse_unless_allowed(
    interaction: discord.Interaction[Any], channel: ChannelOption | None
) -> bool:
    """Check the member may change settings for the server (Manage Server) or for `channel`
    (Manage Channels there); tell them and return True if not."""
    member = interaction.user
    if interaction.guild is None or not isinstance(member, discord.Member):
        await respond(
            interaction, Outgoing.text("That command only works in a server."), ephemeral=True
        )
        return True
    if channel is None:
        allowed, needed = member.guild_permissions.manage_guild, "Manage Server"
    else:
        allowed, needed = channel.permissions_for(member).manage_channels, "Manage Channels"
    if allowed:
        return False
    where = "the server" if channel is None else channel.mention
    note = f"You need the **{needed}** permission to change that for {where}. Nothing was changed."
    await respond(interaction, Outgoing.text(note), ephemeral=True)
    return True


def describe(mode: SpoilerMode) -> str:
    return f"**{mode.value}**: {MODE_HELP[mode]}"


class SpoilersCog(commands.Cog, name="Spoilers"):
    """Per-server and per-channel spoiler modes."""

    spoilers = app_commands.Group(name="spoilers", description="How my answers show spoilers here")

    def __init__(self, bot: SeasonBot) -> None:
        self.bot = bot

    async def _context(
        self, interaction: discord.Interaction[Any], channel: ChannelOption | None
    ) -> tuple[Context, str]:
        place = Place.of_interaction(interaction)
        label = "this channel"
        if channel is not None:
            parent = channel.parent_id if isinstance(channel, discord.Thread) else None
            place = Place(place.guild_id, channel.id, parent, place.user_id)
            label = channel.mention
        return await in_time(interaction, self.bot.responder.context(place), ephemeral=True), label

    @spoilers.command(name="set")
    @app_commands.describe(
        mode="tagged (the default), open or blocked",
        channel="A channel to set (Manage Channels); empty: the server default (Manage Server)",
    )
    @app_commands.choices(mode=MODE_CHOICES)
    async def set_mode(
        self,
        interaction: discord.Interaction[Any],
        mode: app_commands.Choice[str],
        channel: ChannelOption | None = None,
    ) -> None:
        """Moderators: set the spoiler mode for this server, or for one channel."""
        if await refuse_unless_allowed(interaction, channel):
            return
        assert interaction.guild_id is not None
        chosen = SpoilerMode(mode.value)
        change = self.bot.store.set_spoiler_mode(
            interaction.guild_id, channel.id if channel else None, chosen
        )
        await in_time(interaction, change, ephemeral=True)
        where = "Server default" if channel is None else f"In {channel.mention}"
        note = f"{where}: {describe(chosen)}."
        if channel is None:
            note += " Channels with their own setting keep it."
        await respond(interaction, Outgoing.text(note), ephemeral=True)

    @spoilers.command(name="reset")
    @app_commands.describe(
        channel="A channel to reset (Manage Channels); empty: the server default (Manage Server)",
    )
    async def reset(
        self, interaction: discord.Interaction[Any], channel: ChannelOption | None = None
    ) -> None:
        """Moderators: remove a channel's spoiler mode, or the server default."""
        if await refuse_unless_allowed(interaction, channel):
            return
        assert interaction.guild_id is not None
        change = self.bot.store.set_spoiler_mode(
            interaction.guild_id, channel.id if channel else None, None
        )
        await in_time(interaction, change, ephemeral=True)
        context, label = await self._context(interaction, channel)
        mode, source = mode_in_force(context, in_guild=True)
        what = "the server default" if channel is None else f"the setting of {label}"
        note = f"Removed {what}. {label.capitalize()} now uses {describe(mode)} ({source})."
        await respond(interaction, Outgoing.text(note), ephemeral=True)

    @spoilers.command(name="status")
    @app_commands.describe(channel="The channel to check; leave empty for this one")
    async def status(
        self, interaction: discord.Interaction[Any], channel: ChannelOption | None = None
    ) -> None:
        """The spoiler mode in force here (or in a channel), and where it comes from."""
        context, label = await self._context(interaction, channel)
        in_guild = interaction.guild_id is not None
        mode, source = mode_in_force(context, in_guild=in_guild)
        if in_guild:
            note = f"Spoilers in {label}: {describe(mode)}. This comes from {source}."
        else:
            note = f"In our DMs spoilers are {describe(mode)}: {source}."
        if context.progress:
            note += (
                f"\nYou've watched through episode {context.progress}: what I tell you privately "
                "or in DMs shows spoilers up to there."
            )
        await respond(interaction, Outgoing.text(note), ephemeral=True)


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(SpoilersCog(season_bot(bot)))
