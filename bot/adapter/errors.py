"""The bot's one error handler: log with context, tell the member something short and private.

`SeasonTree.on_error` handles slash commands and autocomplete; button callbacks hand their errors to
`report_interaction_error`; the bot's `on_error` (events) and `on_command_error` log. A failure to
send the apology itself is logged too and never raised.
"""

from __future__ import annotations

import logging
from typing import Any

import discord
from discord import app_commands

from bot.adapter.storage import StoreError, StoreWriteError
from bot.core import LookupFailed

__all__ = [
    "GENERIC",
    "NOT_SAVED",
    "NO_SETTINGS",
    "SeasonTree",
    "apology_for",
    "report_interaction_error",
]

_log = logging.getLogger(__name__)

GENERIC = "Something went wrong on my side. It's been logged; please try again in a moment."
NOT_SAVED = (
    "**Not saved**: my database isn't working right now, so nothing was changed. "
    "It's been logged; please try again later."
)
NO_SETTINGS = "I can't read my settings right now. It's been logged; please try again later."


def apology_for(error: BaseException) -> str:
    """A short message for the member; expected problems get a specific one."""
    original = getattr(error, "original", None) or error.__cause__ or error
    if isinstance(original, LookupFailed):
        return "I couldn't find that in the season. Try picking one from the suggestions."
    if isinstance(original, StoreWriteError):
        return NOT_SAVED
    if isinstance(original, StoreError):
        return NO_SETTINGS
    if isinstance(error, app_commands.CommandOnCooldown):
        return f"Slow down a little: try again in {error.retry_after:.0f} seconds."
    if isinstance(error, app_commands.NoPrivateMessage):
        return "That command only works in a server."
    if isinstance(error, app_commands.MissingPermissions):
        needed = ", ".join(p.replace("_", " ").title() for p in error.missing_permissions)
        return f"You need the {needed} permission to do that."
    if isinstance(error, app_commands.BotMissingPermissions):
        needed = ", ".join(p.replace("_", " ").title() for p in error.missing_permissions)
        return f"I need the {needed} permission here to do that."
    if isinstance(error, app_commands.TransformerError):
        return "I couldn't understand one of the options. Please pick it from the list."
    if isinstance(error, app_commands.CheckFailure):
        return "You can't use that here."
    return GENERIC


def _where(interaction: discord.Interaction[Any]) -> str:
    if interaction.command is not None:
        what = f"/{interaction.command.qualified_name}"
    else:
        data: dict[str, Any] = dict(interaction.data or {})
        what = f"component {data.get('custom_id')!r}" if data.get("custom_id") else "interaction"
    return (
        f"{what} (interaction {interaction.id}, user {interaction.user.id}, "
        f"guild {interaction.guild_id}, channel {interaction.channel_id})"
    )


async def report_interaction_error(
    interaction: discord.Interaction[Any], error: BaseException
) -> None:
    """Log `error` with its context and tell the member, privately, in a sentence."""
    message = apology_for(error)
    if message == GENERIC:
        _log.error("Error in %s", _where(interaction), exc_info=error)
    elif message in (NOT_SAVED, NO_SETTINGS):
        original = getattr(error, "original", None) or error.__cause__ or error
        _log.error("Database failure in %s: %s", _where(interaction), original)
    else:
        _log.info("Refused %s: %s", _where(interaction), error)
    if interaction.type is discord.InteractionType.autocomplete:
        return  # nothing can be shown to the member while they type
    try:
        if interaction.response.is_done():
            await interaction.followup.send(message, ephemeral=True)
        else:
            await interaction.response.send_message(message, ephemeral=True)
    except discord.HTTPException as exc:
        _log.warning(
            "Could not tell the member about the error in %s: %s", _where(interaction), exc
        )


class SeasonTree(app_commands.CommandTree[Any]):
    """The command tree, with the one error handler."""

    async def on_error(
        self, interaction: discord.Interaction[Any], error: app_commands.AppCommandError, /
    ) -> None:
        await report_interaction_error(interaction, error)
