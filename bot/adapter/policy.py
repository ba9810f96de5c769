"""Which spoiler policy applies where: channel override, else parent channel's, else server default,
else `tagged`; DMs are always `tagged` with the member's own progress.

Public messages in a server are read by everyone in the channel, so they are rendered for a reader
who has watched nothing (`watched=0`); a member's progress applies to what only they see: DMs and
private (ephemeral) answers.
"""

from __future__ import annotations

from enum import StrEnum

from bot.adapter.storage import Context
from bot.core.richtext import SpoilerMode, SpoilerPolicy

__all__ = ["DEFAULT_MODE", "ModeSource", "mode_in_force", "policy_for"]

DEFAULT_MODE = SpoilerMode.TAGGED


class ModeSource(StrEnum):
    """Where the spoiler mode in force comes from."""

    CHANNEL = "this channel's setting"
    PARENT = "the parent channel's setting"
    SERVER = "the server default"
    BUILT_IN = "the built-in default"
    DIRECT_MESSAGE = "direct messages always use it"


def mode_in_force(context: Context, *, in_guild: bool) -> tuple[SpoilerMode, ModeSource]:
    """The mode that applies, and where it comes from."""
    if not in_guild:
        return DEFAULT_MODE, ModeSource.DIRECT_MESSAGE
    if context.channel_mode is not None:
        return context.channel_mode, ModeSource.CHANNEL
    if context.parent_mode is not None:
        return context.parent_mode, ModeSource.PARENT
    if context.guild_mode is not None:
        return context.guild_mode, ModeSource.SERVER
    return DEFAULT_MODE, ModeSource.BUILT_IN


def policy_for(context: Context, *, in_guild: bool, private: bool) -> SpoilerPolicy:
    """The policy to render with: `private` is true for what only the member sees."""
    mode, _ = mode_in_force(context, in_guild=in_guild)
    watched = (context.progress or 0) if (private or not in_guild) else 0
    return SpoilerPolicy(mode, watched)
