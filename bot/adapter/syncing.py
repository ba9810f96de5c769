"""Syncing application commands with Discord: deliberately (`python -m bot sync`), or at start-up
only when the commands changed since the last sync this database recorded.

Global commands can take a while to appear in clients and syncs are rate limited, which is why the
bot does not sync blindly on every start; with DEV_GUILD_ID the commands are copied to that one
server instead, where they appear instantly.
"""

from __future__ import annotations

import hashlib
import json
import logging
from typing import TYPE_CHECKING

import discord

if TYPE_CHECKING:
    from bot.adapter.client import SeasonBot

__all__ = ["fingerprint", "sync_commands", "sync_if_changed"]

_log = logging.getLogger(__name__)


def _scope(guild: discord.abc.Snowflake | None) -> str:
    return f"guild:{guild.id}" if guild is not None else "global"


def fingerprint(bot: SeasonBot, guild: discord.abc.Snowflake | None) -> str:
    """A hash of exactly what a sync would send for that scope."""
    tree = bot.tree
    payload = [command.to_dict(tree) for command in tree.get_commands(guild=guild)]
    payload.sort(key=lambda c: (str(c.get("name")), int(c.get("type", 1))))
    blob = json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


def _meta_key(bot: SeasonBot, guild: discord.abc.Snowflake | None) -> str:
    return f"commands-synced:{bot.application_id}:{_scope(guild)}"


async def sync_commands(
    bot: SeasonBot, guild: discord.abc.Snowflake | None
) -> list[discord.app_commands.AppCommand]:
    """Sync now: globally, or (copying the global commands) to one server. Records the sync."""
    if guild is not None:
        bot.tree.copy_global_to(guild=guild)
    synced = await bot.tree.sync(guild=guild)
    await bot.store.set_meta(_meta_key(bot, guild), fingerprint(bot, guild))
    _log.info("Synced %d commands (%s)", len(synced), _scope(guild))
    return synced


async def sync_if_changed(bot: SeasonBot, guild: discord.abc.Snowflake | None) -> bool:
    """Sync only if the commands differ from the last sync recorded; returns whether it synced."""
    if guild is not None:
        bot.tree.copy_global_to(guild=guild)
    current = fingerprint(bot, guild)
    if await bot.store.get_meta(_meta_key(bot, guild)) == current:
        _log.info("Application commands unchanged since the last sync (%s)", _scope(guild))
        return False
    await sync_commands(bot, guild)
    return True
