"""Which spoiler policy applies where: channel override, else parent channel's, else server default,
else `tagged`; DMs are always `tagged`.

The mode is combined with the asking member's progress everywhere: what they have seen is no
spoiler to them. A member who has not set a progress is treated as having watched nothing, and the
mode still decides how everything past their progress is shown (tagged, withheld or open), so
members who have seen less are protected by the same spoiler bars as ever.

When the settings cannot be read (a locked, slow or broken database), the bot fails safe: it
answers as in a `blocked` channel to a member who has watched nothing, never weaker than whatever
a moderator may have set.
"""

from __future__ import annotations

from enum import StrEnum

from bot.adapter.storage import Context
from bot.core import SpoilerMode, SpoilerPolicy

__all__ = ["DEFAULT_MODE", "FAIL_SAFE_MODE", "ModeSource", "mode_in_force", "policy_for"]

DEFAULT_MODE = SpoilerMode.TAGGED
#: The most protective mode, used when the settings in force cannot be read.
FAIL_SAFE_MODE = SpoilerMode.BLOCKED


class ModeSource(StrEnum):
    """Where the spoiler mode in force comes from."""

    CHANNEL = "this channel's setting"
    PARENT = "the parent channel's setting"
    SERVER = "the server default"
    BUILT_IN = "the built-in default"
    DIRECT_MESSAGE = "direct messages always use it"
    UNREADABLE = "a safe fallback: I can't read my settings right now"


def mode_in_force(context: Context, *, in_guild: bool) -> tuple[SpoilerMode, ModeSource]:
    """The mode that applies, and where it comes from."""
    if context.unreadable:
        return FAIL_SAFE_MODE, ModeSource.UNREADABLE
    if not in_guild:
        return DEFAULT_MODE, ModeSource.DIRECT_MESSAGE
    if context.channel_mode is not None:
        return context.channel_mode, ModeSource.CHANNEL
    if context.parent_mode is not None:
        return context.parent_mode, ModeSource.PARENT
    if context.guild_mode is not None:
        return context.guild_mode, ModeSource.SERVER
    return DEFAULT_MODE, ModeSource.BUILT_IN


def policy_for(context: Context, *, in_guild: bool) -> SpoilerPolicy:
    """The policy to render an answer to the member in `context` with."""
    mode, _ = mode_in_force(context, in_guild=in_guild)
    return SpoilerPolicy(mode, context.progress or 0)
