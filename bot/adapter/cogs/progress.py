"""/progress set|show|clear: how far a member has watched, for what only they see.

Progress belongs to the member, across servers and DMs. Public answers in a server are read by the
whole channel, so they never use it; DMs and private answers (suggestion buttons, "Show me
privately") do.
"""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.adapter.client import SeasonBot
from bot.adapter.cogs import season_bot
from bot.adapter.outgoing import Outgoing, respond

__all__ = ["SEASON_EPISODES", "ProgressCog", "setup"]

SEASON_EPISODES = 13

WHAT_IT_DOES = (
    "In DMs and in answers only you can see, I show spoilers up to there and hide the rest. "
    "Answers in server channels stay spoiler-safe for everyone."
)


class ProgressCog(commands.Cog, name="Progress"):
    """A member's own viewing progress."""

    progress = app_commands.Group(name="progress", description="How far you've watched the season")

    def __init__(self, bot: SeasonBot) -> None:
        self.bot = bot

    @progress.command(name="set")
    @app_commands.describe(episode="The last episode you've watched (0 if you haven't started)")
    async def set_progress(
        self,
        interaction: discord.Interaction[Any],
        episode: app_commands.Range[int, 0, SEASON_EPISODES],
    ) -> None:
        """Tell me the last episode you've watched."""
        await self.bot.store.set_progress(interaction.user.id, episode)
        if episode == 0:
            note = "Got it: you haven't started yet, so I'll hide every spoiler from you."
        elif episode == SEASON_EPISODES:
            note = "Got it: you've watched the whole season. " + WHAT_IT_DOES
        else:
            note = f"Got it: you've watched through episode {episode}. " + WHAT_IT_DOES
        await respond(interaction, Outgoing.text(note), ephemeral=True)

    @progress.command(name="show")
    async def show(self, interaction: discord.Interaction[Any]) -> None:
        """Show the progress you've told me."""
        episode = await self.bot.store.get_progress(interaction.user.id)
        if episode is None:
            note = (
                "You haven't told me your progress, so I treat you as not having started. "
                "Use /progress set to change that."
            )
        elif episode == 0:
            note = "You haven't started the season yet, you told me."
        else:
            note = f"You've watched through episode {episode} of {SEASON_EPISODES}."
        await respond(interaction, Outgoing.text(note), ephemeral=True)

    @progress.command(name="clear")
    async def clear(self, interaction: discord.Interaction[Any]) -> None:
        """Forget your progress."""
        had = await self.bot.store.clear_progress(interaction.user.id)
        note = (
            "Forgotten: I'll hide every spoiler from you again."
            if had
            else "I had no progress saved for you."
        )
        await respond(interaction, Outgoing.text(note), ephemeral=True)


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(ProgressCog(season_bot(bot)))
