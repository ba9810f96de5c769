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
from bot.adapter.storage import Store
from bot.adapter.syncing import sync_if_changed
from bot.core import Reply

__all__ = ["EXTENSIONS", "SeasonBot"]

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

    def __init__(self, settings: Settings, *, engine: AnswerEngine, store: Store) -> None:
        # The bot never joins voice: no start-up warnings about voice libraries it does not need.
        discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
        super().__init__(
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

    async def setup_hook(self) -> None:
        # Runs on every login: everything here is idempotent (a restart may reuse this object).
        await self.store.open()
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
