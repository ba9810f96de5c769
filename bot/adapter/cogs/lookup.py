"""/episode, /character, /cast, /season and /help: structured look-ups, with autocomplete."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.adapter.client import SeasonBot
from bot.adapter.cogs import season_bot, slowed_down
from bot.adapter.outgoing import Outgoing, quote, respond
from bot.adapter.storage import AskedQuestion
from bot.core import CharacterNotFound, Choice, EpisodeNotFound

__all__ = ["LookupCog", "setup"]

#: Discord shows at most 25 autocomplete choices, each name and value at most 100 characters.
MAX_CHOICES = 25


def _choices(found: list[Choice]) -> list[app_commands.Choice[str]]:
    return [
        app_commands.Choice(name=c.name[:100], value=c.value[:100]) for c in found[:MAX_CHOICES]
    ]


class LookupCog(commands.Cog, name="Lookup"):
    """Cards for one episode or character, the cast, the season, and help."""

    def __init__(self, bot: SeasonBot) -> None:
        self.bot = bot

    @app_commands.command(name="episode")
    @app_commands.describe(episode="The episode's number or title: start typing and pick one")
    async def episode(
        self, interaction: discord.Interaction[Any], episode: app_commands.Range[str, 1, 100]
    ) -> None:
        """One episode: title, numbers, director, writers, release date and synopsis."""
        try:
            reply = self.bot.engine.episode_reply(episode)
        except EpisodeNotFound:
            note = (
                f"I couldn't find an episode matching “{quote(episode)}”. "
                "Type its number or pick a title from the list."
            )
            await respond(interaction, Outgoing.text(note), ephemeral=True)
            return
        if await slowed_down(self.bot, interaction):
            return
        await self.bot.responder.answer_interaction(
            interaction, AskedQuestion("episode", episode), reply=reply
        )

    @episode.autocomplete("episode")
    async def episode_autocomplete(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        return _choices(self.bot.engine.episode_choices(current, MAX_CHOICES))

    @app_commands.command(name="character")
    @app_commands.describe(name="The character's name: start typing and pick one")
    async def character(
        self, interaction: discord.Interaction[Any], name: app_commands.Range[str, 1, 100]
    ) -> None:
        """One character: who plays them, and their story this season."""
        try:
            reply = self.bot.engine.character_reply(name)
        except CharacterNotFound:
            note = (
                f"I couldn't find a character called “{quote(name)}”. "
                "Pick one from the list as you type."
            )
            await respond(interaction, Outgoing.text(note), ephemeral=True)
            return
        if await slowed_down(self.bot, interaction):
            return
        await self.bot.responder.answer_interaction(
            interaction, AskedQuestion("character", name), reply=reply
        )

    @character.autocomplete("name")
    async def character_autocomplete(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        return _choices(self.bot.engine.character_choices(current, MAX_CHOICES))

    @app_commands.command(name="cast")
    async def cast(self, interaction: discord.Interaction[Any]) -> None:
        """The cast of the season, main cast first."""
        if await slowed_down(self.bot, interaction):
            return
        await self.bot.responder.answer_interaction(interaction, AskedQuestion("cast", ""))

    @app_commands.command(name="season")
    async def season(self, interaction: discord.Interaction[Any]) -> None:
        """The season at a glance: release, episode list, showrunner and reception."""
        if await slowed_down(self.bot, interaction):
            return
        await self.bot.responder.answer_interaction(interaction, AskedQuestion("season", ""))

    @app_commands.command(name="help")
    async def help(self, interaction: discord.Interaction[Any]) -> None:
        """Every command you can use, what I can answer, and how spoilers work here."""
        await self.bot.responder.answer_interaction(
            interaction, AskedQuestion("help", ""), reply=self.bot.help_reply(), private=True
        )


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(LookupCog(season_bot(bot)))
