from __future__ import annotations

from bot.adapter.policy import ModeSource, mode_in_force, policy_for
from bot.adapter.storage import Context
from bot.core.knowledge.richtext import SpoilerMode, SpoilerPolicy

T, OPEN, B = SpoilerMode.TAGGED, SpoilerMode.OPEN, SpoilerMode.BLOCKED


def test_channel_beats_parent_beats_server_beats_built_in() -> None:
    assert mode_in_force(Context(T, OPEN, B), in_guild=True) == (T, ModeSource.CHANNEL)
    assert mode_in_force(Context(None, OPEN, B), in_guild=True) == (OPEN, ModeSource.PARENT)
    assert mode_in_force(Context(None, None, B), in_guild=True) == (B, ModeSource.SERVER)
    assert mode_in_force(Context(), in_guild=True) == (T, ModeSource.BUILT_IN)


def test_direct_messages_are_always_tagged() -> None:
    in_dm = mode_in_force(Context(OPEN, OPEN, OPEN), in_guild=False)
    assert in_dm == (T, ModeSource.DIRECT_MESSAGE)


def test_the_mode_in_force_is_combined_with_the_members_progress() -> None:
    context = Context(channel_mode=B, progress=7)
    assert policy_for(context, in_guild=True) == SpoilerPolicy(B, 7)
    assert policy_for(context, in_guild=False) == SpoilerPolicy(T, 7)
    assert policy_for(Context(), in_guild=False) == SpoilerPolicy(T, 0)
