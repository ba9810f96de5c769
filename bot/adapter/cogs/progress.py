"""/progress set|show|clear: how far a member has watched, for what only they see.

Progress belongs to the member, across servers and DMs. Public answers in a server are read by the
whole channel, so they never use it; DMs and private answers (suggestion buttons, "Show me
privately") do. `/progress set` accepts 0 to the season's episode count, taken from the knowledge
base when the cog is built.
"""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.adapter.client import SeasonBot
from bot.adapter.cogs import season_bot
from bot.adapter.deadline import in_time
from bot.adapter.outgoing import Outgoing, respond

__all__ = ["ProgressCog", "setup"]

WHAT_IT_DOES = (
    "What happens up to there is no spoiler for you: my answers to you show it plainly, and "
    "anything later stays behind spoiler bars (or hidden, where a channel blocks spoilers)."
)


class ProgressCog(commands.Cog, name="Progress"):
    """A member's own viewing progress."""

    progress = app_commands.Group(name="progress", description="How far you've watched the season")

    def __init__(self, bot: SeasonBot) -> None:
        self.bot = bot
        self.episodes = bot.engine.episode_count
        self.progress.add_command(self._set_command())

    def _set_command(self) -> app_commands.Command[Any, ..., None]:
        """`/progress set episode:(0-N)`, N being this season's episode count."""
        cog = self

        async def set_progress(interaction: discord.Interaction[Any], episode: int) -> None:
            """Tell me the last episode you've watched."""
            await cog.set_progress(interaction, episode)

        # The bounds are only known now, so the option's type is given here, not in the signature.
        set_progress.__annotations__["episode"] = app_commands.Range[int, 0, self.episodes]
        command: app_commands.Command[Any, ..., None] = app_commands.command(name="set")(
            set_progress
        )
        return app_commands.describe(
            episode=f"The last episode you've watched, 0 to {self.episodes} (0: not started yet)"
        )(command)

    async def set_progress(self, interaction: discord.Interaction[Any], episode: int) -> None:
        # A failed write raises `StoreWriteError`: the error handler says "not saved".
        await in_time(
            interaction, self.bot.store.set_progress(interaction.user.id, episode), ephemeral=True
        )
        if episode == 0:
            note = "Got it: you haven't started yet, so I'll hide every spoiler from you."
        elif episode >= self.episodes:
            note = "Got it: you've watched the whole season. " + WHAT_IT_DOES
        else:
            note = f"Got it: you've watched through episode {episode}. " + WHAT_IT_DOES
        await respond(interaction, Outgoing.text(note), ephemeral=True)

    @progress.command(name="show")
    async def show(self, interaction: discord.Interaction[Any]) -> None:
        """Show the progress you've told me."""
        episode = await in_time(
            interaction, self.bot.store.get_progress(interaction.user.id), ephemeral=True
        )
        if episode is None:
            note = (
                "You haven't told me your progress, so I treat you as not having started. "
                "Use /progress set to change that."
            )
        elif episode == 0:
            note = "You haven't started the season yet, you told me."
        else:
            note = f"You've watched through episode {episode} of {self.episodes}."
        await respond(interaction, Outgoing.text(note), ephemeral=True)

    @progress.command(name="clear")
    async def clear(self, interaction: discord.Interaction[Any]) -> None:
        """Forget your progress."""
        had = await in_time(
            interaction, self.bot.store.clear_progress(interaction.user.id), ephemeral=True
        )
        note = (
            "Forgotten: I'll hide every spoiler from you again."
            if had
            else "I had no progress saved for you."
        )
        await respond(interaction, Outgoing.text(note), ephemeral=True)


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(ProgressCog(season_bot(bot)))
