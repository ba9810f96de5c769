"""Answering interactions in time: Discord drops an interaction not answered within 3 seconds.

Work that may be slow (it waits on the database) runs through `in_time`: when it has not finished
after `DEFER_AFTER` seconds, the interaction is deferred ("thinking…", private where the reply
will be), and the reply that follows completes it (see `bot.adapter.outgoing.respond`).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from typing import Any, TypeVar

import discord

__all__ = ["DEFER_AFTER", "in_time"]

_log = logging.getLogger(__name__)
_T = TypeVar("_T")

#: Seconds of work after which the interaction is deferred: well inside Discord's 3 s, leaving
#: room for the defer request itself to travel.
DEFER_AFTER = 1.5


async def in_time(
    interaction: discord.Interaction[Any], work: Awaitable[_T], *, ephemeral: bool
) -> _T:
    """The result of `work`, deferring `interaction` first if the work takes a while."""
    task = asyncio.ensure_future(work)
    try:
        return await asyncio.wait_for(asyncio.shield(task), DEFER_AFTER)
    except TimeoutError:
        await _defer(interaction, ephemeral=ephemeral)
        return await task
    finally:
        if not task.done():  # the handler itself was cancelled: so is its work
            task.cancel()


async def _defer(interaction: discord.Interaction[Any], *, ephemeral: bool) -> None:
    if interaction.response.is_done() or interaction.type is discord.InteractionType.autocomplete:
        return
    try:
        await interaction.response.defer(ephemeral=ephemeral, thinking=True)
    except discord.HTTPException as exc:
        _log.warning("Could not defer interaction %s: %s %s", interaction.id, exc.status, exc)
