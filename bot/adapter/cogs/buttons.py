"""The suggestion, "Show me privately" and "Not what I asked" buttons, registered as persistent dynamic items.

They match buttons by custom_id on any message, including ones sent before a restart; see
`bot.adapter.components` for what each does.
"""

from __future__ import annotations

from discord.ext import commands

from bot.adapter.client import SeasonBot
from bot.adapter.cogs import season_bot
from bot.adapter.components import AskButton, FeedbackButton, RevealButton

__all__ = ["ButtonsCog", "setup"]


class ButtonsCog(commands.Cog, name="Buttons"):
    """Registers the bot's persistent buttons while loaded."""

    def __init__(self, bot: SeasonBot) -> None:
        self.bot = bot

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(AskButton, RevealButton, FeedbackButton)

    async def cog_unload(self) -> None:
        self.bot.remove_dynamic_items(AskButton, RevealButton, FeedbackButton)


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(ButtonsCog(season_bot(bot)))
