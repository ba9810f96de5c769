"""One cog per feature, each loaded as an extension by `SeasonBot.setup_hook`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord

if TYPE_CHECKING:
    from bot.adapter.client import SeasonBot

__all__ = ["ChannelOption", "season_bot"]

#: Channels a setting can be given for (a channel's setting also covers its threads).
ChannelOption = discord.TextChannel | discord.VoiceChannel | discord.Thread


def season_bot(bot: Any) -> SeasonBot:
    """The bot an extension is loaded into, checked to be a `SeasonBot`."""
    from bot.adapter.client import SeasonBot

    if not isinstance(bot, SeasonBot):
        raise TypeError("these cogs need the SeasonBot built by create_bot()")
    return bot


async def slowed_down(bot: SeasonBot, interaction: discord.Interaction[Any]) -> bool:
    """Apply the per-member cooldown to a command that answers publicly; True if refused."""
    from bot.adapter.cooldown import Verdict
    from bot.adapter.outgoing import Outgoing, respond

    if bot.cooldown.hit(interaction.user.id) is Verdict.ALLOW:
        return False
    wait = max(1, round(bot.cooldown.retry_after(interaction.user.id)))
    note = f"You're asking faster than I can keep up. Try again in {wait} seconds."
    await respond(interaction, Outgoing.text(note), ephemeral=True)
    return True
