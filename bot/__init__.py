"""A Discord bot that answers fans' questions about one TV season, spoiler-aware.

Public contract: ``from bot import Settings, create_bot``; ``create_bot(Settings(...))`` returns the
``commands.Bot``. Both are imported lazily so that the offline ``python -m bot ask`` never pays for
importing discord.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.adapter.app import create_bot
    from bot.adapter.settings import Settings

__all__ = ["Settings", "create_bot"]


def __getattr__(name: str) -> Any:
    if name == "Settings":
        from bot.adapter.settings import Settings

        return Settings
    if name == "create_bot":
        from bot.adapter.app import create_bot

        return create_bot
    raise AttributeError(f"module 'bot' has no attribute {name!r}")
