"""The public way to build the bot: `create_bot(Settings(...))` -> `commands.Bot`.

Constructing the bot needs no token and touches no network; the database is opened (and migrated) in
`setup_hook`, when the bot logs in.
"""

from __future__ import annotations

from bot.adapter.client import SeasonBot
from bot.adapter.responder import AnswerEngine
from bot.adapter.settings import Settings
from bot.adapter.storage import Store, open_store

__all__ = ["create_bot", "load_engine"]


def load_engine(settings: Settings) -> AnswerEngine:
    """The question-answering core for the configured knowledge folder.

    Raises `bot.core.errors.KnowledgeError` if the folder is missing or invalid.
    """
    from bot.core.engine import Engine

    return Engine.load(settings.knowledge_dir)


def create_bot(
    settings: Settings | None = None,
    *,
    engine: AnswerEngine | None = None,
    store: Store | None = None,
) -> SeasonBot:
    """Build the bot. `engine` and `store` default to the real core and the DATABASE_URL store."""
    settings = settings or Settings()
    return SeasonBot(
        settings,
        engine=engine if engine is not None else load_engine(settings),
        store=store if store is not None else open_store(settings.database_url),
    )
