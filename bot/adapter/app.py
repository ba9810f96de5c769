"""The public way to build the bot: `create_bot(Settings(...))` -> `commands.Bot`.

Constructing the bot needs no token and touches no network; the database is opened (and migrated) in
`setup_hook`, when the bot logs in.
"""

from __future__ import annotations

import functools
from pathlib import Path

from bot.adapter.client import SeasonBot, ShardedSeasonBot
from bot.adapter.responder import AnswerEngine
from bot.adapter.settings import Settings
from bot.adapter.storage import Store, open_store

__all__ = ["create_bot", "load_engine"]


def load_engine(settings: Settings) -> AnswerEngine:
    """The question-answering core for the configured knowledge folder.

    A loaded engine is immutable, so bots built in one process share it until a knowledge file
    changes. Raises `bot.core.errors.KnowledgeError` if the folder is missing or invalid.
    """
    from bot.core import default_knowledge_dir

    directory = Path(settings.knowledge_dir or default_knowledge_dir()).resolve()
    return _load_engine(directory, _stamp(directory))


def _stamp(directory: Path) -> tuple[tuple[str, int, int], ...]:
    """What changes when any knowledge file does: names, sizes and modification times."""
    if not directory.is_dir():
        return ()
    files = sorted(p for p in directory.rglob("*") if p.suffix in {".yaml", ".yml"})
    return tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in files)


@functools.lru_cache(maxsize=4)
def _load_engine(directory: Path, stamp: tuple[tuple[str, int, int], ...]) -> AnswerEngine:
    from bot.core import Engine

    return Engine.load(directory)


def create_bot(
    settings: Settings | None = None,
    *,
    engine: AnswerEngine | None = None,
    store: Store | None = None,
) -> SeasonBot:
    """Build the bot. `engine` and `store` default to the real core and the DATABASE_URL store.

    With `shard_count` (or `auto_shard`) set, the bot is a `commands.AutoShardedBot` running
    `shard_ids` of `shard_count` shards (all of them if `shard_ids` is None).
    """
    settings = settings or Settings()
    bot_class = ShardedSeasonBot if settings.sharded else SeasonBot
    return bot_class(
        settings,
        engine=engine if engine is not None else load_engine(settings),
        store=store if store is not None else open_store(settings.database_url),
    )
