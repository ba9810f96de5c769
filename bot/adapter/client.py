"""`SeasonBot`: the `commands.Bot` subclass, with its dependencies injected (see `bot.adapter.app`).

Cogs are loaded as extensions in `setup_hook`, one per feature. Application commands are synced at
start-up only when they changed since the last sync this database recorded (or never, if disabled);
`python -m bot sync` syncs deliberately.
"""

from __future__ import annotations

import logging
from typing import Any

import discord
from discord.ext import commands

from bot.adapter.cooldown import Cooldown
from bot.adapter.errors import GENERIC, SeasonTree
from bot.adapter.helptext import help_reply
from bot.adapter.intents import intents_for
from bot.adapter.outgoing import NO_MENTIONS, Outgoing, send_reply
from bot.adapter.responder import AnswerEngine, Responder
from bot.adapter.settings import Settings
from bot.adapter.storage import Store, check_writable
from bot.adapter.syncing import sync_if_changed
from bot.core import Reply

__all__ = ["EXTENSIONS", "SeasonBot", "ShardedSeasonBot"]

_log = logging.getLogger(__name__)

EXTENSIONS = (
    "bot.adapter.cogs.ask",
    "bot.adapter.cogs.lookup",
    "bot.adapter.cogs.spoilers",
    "bot.adapter.cogs.autoanswer",
    "bot.adapter.cogs.progress",
    "bot.adapter.cogs.unanswered",
    "bot.adapter.cogs.casual",
    "bot.adapter.cogs.buttons",
)


class SeasonBot(commands.Bot):
    """The Discord bot for one season. Build it with `create_bot(settings)`."""

    def __init__(
        self, settings: Settings, *, engine: AnswerEngine, store: Store, **options: Any
    ) -> None:
        # The bot never joins voice: no start-up warnings about voice libraries it does not need.
        discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
        super().__init__(
            **options,
            # No prefix commands: messages that mention the bot are questions (see on_message).
            command_prefix=commands.when_mentioned,
            help_command=None,
            intents=intents_for(settings.message_content_intent),
            allowed_mentions=NO_MENTIONS,
            tree_cls=SeasonTree,
        )
        self.settings = settings
        self.engine = engine
        self.store = store
        self.responder = Responder(
            engine,
            store,
            retention_days=settings.reveal_retention_days,
            unanswered_retention_days=settings.unanswered_retention_days,
        )
        self.cooldown = Cooldown(settings.cooldown_rate, settings.cooldown_seconds)

    async def prepare_store(self) -> None:
        """Open the database and prove it takes writes; `StoreError` says why it cannot."""
        await self.store.open()
        await check_writable(self.store)

    async def setup_hook(self) -> None:
        # Runs on every login: everything here is idempotent (a restart may reuse this object).
        await self.prepare_store()
        for extension in EXTENSIONS:
            if extension not in self.extensions:
                await self.load_extension(extension)
        self.responder.help_reply = self.help_reply
        pruned = await self.store.prune_questions(self.settings.reveal_retention_days)
        if pruned:
            _log.info("Forgot %d old questions behind reveal buttons", pruned)
        dropped = await self.responder.unanswered.prune()
        if dropped:
            _log.info("Dropped %d old entries of the unanswered log", dropped)
        if self.settings.sync_commands_on_start:
            await sync_if_changed(self, self.dev_guild)

    def help_reply(self) -> Reply:
        """The core's help with every command of this bot's tree listed, grouped."""
        return help_reply(self.engine.help_reply(), self.tree)

    @property
    def dev_guild(self) -> discord.Object | None:
        guild_id = self.settings.dev_guild_id
        return discord.Object(guild_id) if guild_id else None

    async def close(self) -> None:
        try:
            await super().close()
        finally:
            await self.store.close()

    def shard_states(self) -> dict[int, tuple[bool, float | None]]:
        """Per shard: whether its gateway connection is up, and its heartbeat latency (seconds).

        An unsharded bot reports its one connection as shard 0.
        """
        latency = self.latency
        up = self.is_ready() and not self.is_closed() and self.ws is not None
        return {0: (up, latency if up and latency == latency else None)}

    async def on_ready(self) -> None:
        user = self.user
        _log.info(
            "Ready as %s (id %s) in %d servers", user, user.id if user else None, len(self.guilds)
        )

    async def on_message(self, message: discord.Message, /) -> None:
        """No prefix commands: questions in messages are handled by the casual-questions cog."""

    async def on_error(self, event_method: str, /, *args: Any, **kwargs: Any) -> None:
        """Events (a message handler, say): log with context; apologise if the bot was asked."""
        message = args[0] if args and isinstance(args[0], discord.Message) else None
        if message is None:
            _log.exception("Unhandled error in %s", event_method)
            return
        _log.exception(
            "Unhandled error in %s for message %s (user %s, guild %s, channel %s)",
            event_method,
            message.id,
            message.author.id,
            message.guild.id if message.guild else None,
            message.channel.id,
        )
        me = self.user
        asked = message.guild is None or (me is not None and me in message.mentions)
        if asked and not message.author.bot:
            await send_reply(message, Outgoing.text(GENERIC))

    async def on_command_error(
        self, context: commands.Context[Any], exception: commands.CommandError, /
    ) -> None:
        if isinstance(exception, commands.CommandNotFound):
            return
        _log.error(
            "Error in prefix command %s (user %s, channel %s)",
            context.command,
            context.author.id,
            context.channel.id,
            exc_info=exception,
        )


class ShardedSeasonBot(SeasonBot, commands.AutoShardedBot):
    """The same bot, running several gateway shards (`SHARD_COUNT` / `SHARD_IDS`)."""

    def __init__(self, settings: Settings, *, engine: AnswerEngine, store: Store) -> None:
        shard_ids = list(settings.shard_ids) if settings.shard_ids is not None else None
        super().__init__(
            settings,
            engine=engine,
            store=store,
            shard_count=settings.shard_count,
            shard_ids=shard_ids,
        )

    def shard_states(self) -> dict[int, tuple[bool, float | None]]:
        states: dict[int, tuple[bool, float | None]] = {}
        ids = self.shard_ids if self.shard_ids is not None else list(self.shards)
        for shard_id in ids:
            shard = self.get_shard(shard_id)
            if shard is None:
                states[shard_id] = (False, None)
                continue
            up = not shard.is_closed() and self.is_ready()
            latency = shard.latency
            states[shard_id] = (up, latency if up and latency == latency else None)
        return states
