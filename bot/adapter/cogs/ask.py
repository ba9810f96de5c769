"""/ask: any question about the season, answered by the core."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.adapter.client import SeasonBot
from bot.adapter.cogs import season_bot, slowed_down
from bot.adapter.storage import AskedQuestion

__all__ = ["AskCog", "setup"]


class AskCog(commands.Cog, name="Ask"):
    """Free-text questions as a slash command."""

    def __init__(self, bot: SeasonBot) -> None:
        self.bot = bot

    @app_commands.command(name="ask")
    @app_commands.describe(
        question="Your question about the season, e.g. “who directed episode 3?”"
    )
    async def ask(
        self, interaction: discord.Interaction[Any], question: app_commands.Range[str, 1, 300]
    ) -> None:
        """Ask anything about the season: cast, characters, episodes, crew, reception."""
        if await slowed_down(self.bot, interaction):
            return
        await self.bot.responder.answer_interaction(interaction, AskedQuestion("ask", question))


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(AskCog(season_bot(bot)))
