"""The one path from a question to a sent Discord message, shared by every cog and button.

question -> core reply (Engine) -> spoiler policy for this place and member (Store)
         -> Discord JSON (render_message) -> discord.py send -> remember it for "Show me privately"
            and "Not what I asked" -> a decline goes to the unanswered log (after the answer)
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import discord

from bot.adapter.components import add_feedback_button
from bot.adapter.deadline import in_time
from bot.adapter.metrics import record_question
from bot.adapter.outgoing import Outgoing, respond, send_reply
from bot.adapter.policy import policy_for
from bot.adapter.storage import AskedQuestion, Context, Store, StoreError
from bot.adapter.unanswered import UnansweredLog
from bot.core import (
    Answer,
    Choice,
    LookupFailed,
    Reply,
    ReplyKind,
    Segment,
    SpoilerPolicy,
    Trigger,
    needs_reveal,
    render_message,
)

__all__ = ["AnswerEngine", "Place", "Responder"]

_log = logging.getLogger(__name__)

#: How long a settings read may take before the bot answers with the most protective settings
#: instead. Interactions are deferred long before (see `bot.adapter.deadline`).
STORE_READ_TIMEOUT = 4.0

#: The settings assumed when they cannot be read: `blocked`, nothing watched (see the policy).
FAIL_SAFE = Context(unreadable=True)

FORGOTTEN = (
    "I no longer have the question behind that button. Ask me again and I'll answer it privately."
)

#: Answers to free-text questions carry "Not what I asked"; cards picked from a list do not.
FEEDBACK_KINDS = frozenset({"ask"})
FEEDBACK_THANKS = (
    "Thanks: I've noted that this answer missed your question, so the people who write my "
    "knowledge can fix it."
)
FEEDBACK_AGAIN = "You've already told me about this answer. Thanks, it's noted."
FEEDBACK_FAILED = "Thanks. I couldn't note it just now, sorry: please try again later."
FEEDBACK_FORGOTTEN = (
    "Thanks. I no longer have the question behind that answer, so I couldn't note it: ask me "
    "again in other words, with a name, an episode number or a title."
)
TRY_AGAIN = " Try asking again in other words: a name, an episode number or a title helps."


class AnswerEngine(Protocol):
    """What the adapter needs from `bot.core.engine.Engine` (a fake in unit tests)."""

    @property
    def episode_count(self) -> int: ...

    def ask(
        self, question: str, trigger: Trigger = Trigger.ASK, watched: int | None = None
    ) -> Answer: ...
    def episode_reply(self, episode: str) -> Reply: ...
    def character_reply(self, name: str) -> Reply: ...
    def cast_reply(self) -> Reply: ...
    def season_reply(self) -> Reply: ...
    def help_reply(self) -> Reply: ...
    def episode_choices(self, current: str, limit: int = 25) -> list[Choice]: ...
    def character_choices(self, current: str, limit: int = 25) -> list[Choice]: ...
    def question_reveals(self, question: str) -> bool: ...


@dataclass(frozen=True, slots=True)
class Place:
    """Where a member is speaking: server (None in DMs), channel, the channel's parent, member."""

    guild_id: int | None
    channel_id: int
    parent_id: int | None
    user_id: int

    @property
    def in_guild(self) -> bool:
        return self.guild_id is not None

    @classmethod
    def of_message(cls, message: discord.Message) -> Place:
        channel = message.channel
        parent = channel.parent_id if isinstance(channel, discord.Thread) else None
        guild_id = message.guild.id if message.guild is not None else None
        return cls(guild_id, channel.id, parent, message.author.id)

    @classmethod
    def of_interaction(cls, interaction: discord.Interaction[Any]) -> Place:
        channel = interaction.channel
        parent = channel.parent_id if isinstance(channel, discord.Thread) else None
        channel_id = interaction.channel_id or 0
        return cls(interaction.guild_id, channel_id, parent, interaction.user.id)


class Responder:
    """Answers questions and button clicks; owns no state besides its collaborators."""

    #: Old questions behind reveal buttons are forgotten every this many new ones (and at start).
    PRUNE_EVERY = 500

    def __init__(
        self,
        engine: AnswerEngine,
        store: Store,
        *,
        retention_days: int = 30,
        unanswered_retention_days: int = 30,
    ) -> None:
        self.engine = engine
        self.store = store
        self.retention_days = retention_days
        self.unanswered = UnansweredLog(store, retention_days=unanswered_retention_days)
        #: The help shown for /help and a bare mention; the bot lists its commands in it.
        self.help_reply: Callable[[], Reply] = engine.help_reply
        self._remembered = 0

    # -- settings ----------------------------------------------------------------------------------

    async def context(self, place: Place) -> Context:
        """The settings in force here, or `FAIL_SAFE` if the database is slow or failing."""
        try:
            async with asyncio.timeout(STORE_READ_TIMEOUT):
                return await self.store.context(
                    guild_id=place.guild_id,
                    channel_id=place.channel_id,
                    parent_id=place.parent_id,
                    user_id=place.user_id,
                )
        except StoreError as exc:
            reason = " ".join(str(exc).split()) or type(exc).__name__
        except TimeoutError:
            reason = f"the database did not answer within {STORE_READ_TIMEOUT:g} s"
        _log.error(
            "Answering with the most protective settings (blocked, nothing watched) in %s: "
            "cannot read the settings: %s",
            place,
            reason,
        )
        return FAIL_SAFE

    # -- the core ----------------------------------------------------------------------------------

    def reply_for(self, question: AskedQuestion, trigger: Trigger = Trigger.ASK) -> Reply | None:
        """The core's reply; raises `LookupFailed` for an unknown episode or character."""
        engine = self.engine
        match question.kind:
            case "ask":
                return engine.ask(question.query, trigger).reply
            case "episode":
                return engine.episode_reply(question.query)
            case "character":
                return engine.character_reply(question.query)
            case "cast":
                return engine.cast_reply()
            case "season":
                return engine.season_reply()
            case "help":
                return self.help_reply()
        raise ValueError(f"unknown question kind {question.kind!r}")

    @staticmethod
    def render(
        reply: Reply, policy: SpoilerPolicy, *, feedback: bool = False
    ) -> tuple[Outgoing, bool]:
        """The message for `reply` under `policy`, and whether it carries a reveal button; with
        `feedback`, a "Not what I asked" button too."""
        reveal = needs_reveal(reply, policy)
        outgoing = Outgoing.from_rendered(render_message(reply, policy, reveal_button=reveal))
        if feedback:
            outgoing.view = add_feedback_button(outgoing.view)
        return outgoing, reveal

    @staticmethod
    def _wants_feedback(reply: Reply, question: AskedQuestion, place: Place, private: bool) -> bool:
        """Public answers in a server to what a member asked carry "Not what I asked"."""
        return place.in_guild and not private and reply.answered and question.kind in FEEDBACK_KINDS

    async def _remember(
        self, message_id: int | None, place: Place, question: AskedQuestion
    ) -> None:
        if message_id is None:
            return
        try:
            await self.store.remember_question(message_id, place.channel_id, question)
            self._remembered += 1
            if self._remembered % self.PRUNE_EVERY == 0:
                await self.store.prune_questions(self.retention_days)
        except StoreError as exc:
            _log.error("Could not keep the question behind message %s: %s", message_id, exc)

    # -- answering ---------------------------------------------------------------------------------

    async def answer_interaction(
        self,
        interaction: discord.Interaction[Any],
        question: AskedQuestion,
        *,
        reply: Reply | None = None,
        private: bool = False,
    ) -> None:
        """Answer a slash command publicly (or privately), with a reveal button when needed."""
        start = time.perf_counter()
        place = Place.of_interaction(interaction)
        context = await in_time(interaction, self.context(place), ephemeral=private)
        outcome = "answered"
        if reply is None and question.kind == "ask":
            answer = self.engine.ask(question.query, Trigger.ASK, context.progress)
            reply, outcome = answer.reply, "answered" if answer.answered else "declined"
        elif reply is None:
            reply = self.reply_for(question)
        if reply is None:
            await respond(interaction, Outgoing.text("I have no answer to that."), ephemeral=True)
            record_question(question.kind, "ask", "declined", time.perf_counter() - start)
            return
        policy = policy_for(context, in_guild=place.in_guild)
        feedback = self._wants_feedback(reply, question, place, private)
        outgoing, reveal = self.render(reply, policy, feedback=feedback)
        message_id = await respond(interaction, outgoing, ephemeral=private)
        record_question(question.kind, "ask", outcome, time.perf_counter() - start)
        # After the answer went out: nothing below can delay it.
        clarify = reply.kind is ReplyKind.CLARIFY and bool(reply.suggestions)
        if reveal or feedback or (clarify and not private):
            await self._remember(message_id, place, question)
        if question.kind == "ask" and not private:
            await self.unanswered.record_decline(place.guild_id, question.query, reply)

    async def answer_message(
        self,
        message: discord.Message,
        reply: Reply,
        question: AskedQuestion,
        context: Context,
        *,
        received: float | None = None,
        trigger: Trigger = Trigger.ASK,
        answered: bool = True,
    ) -> discord.Message | None:
        """Reply to a member's message (mention, reply, DM, auto-answer channel).

        `received` (a `time.perf_counter()` reading), `trigger` and `answered` feed the metrics.
        """
        place = Place.of_message(message)
        policy = policy_for(context, in_guild=place.in_guild)
        feedback = self._wants_feedback(reply, question, place, False)
        outgoing, reveal = self.render(reply, policy, feedback=feedback)
        sent = await send_reply(message, outgoing)
        if received is not None:
            outcome = "answered" if answered else "declined"
            record_question(question.kind, trigger.value, outcome, time.perf_counter() - received)
        clarify = reply.kind is ReplyKind.CLARIFY and bool(reply.suggestions)
        if sent is not None and (reveal or feedback or clarify):
            await self._remember(sent.id, place, question)
        if sent is not None and question.kind == "ask":
            await self.unanswered.record_decline(place.guild_id, question.query, reply)
        return sent

    async def _recall(self, message: discord.Message | None) -> AskedQuestion | None:
        if message is None:
            return None
        try:
            async with asyncio.timeout(STORE_READ_TIMEOUT):
                return await self.store.recall_question(message.id)
        except (StoreError, TimeoutError) as exc:
            _log.error("Cannot recall the question behind message %s: %s", message.id, exc)
            return None

    async def answer_suggestion(self, interaction: discord.Interaction[Any], question: str) -> None:
        """A suggestion button was clicked: answer that question privately to the clicker. On a
        "which one?", the member has resolved it: it leaves the unanswered log."""
        await self.answer_interaction(interaction, AskedQuestion("ask", question), private=True)
        message = interaction.message
        asked = await self._recall(message)
        if message is None or asked is None or asked.kind != "ask":
            return
        original = self.engine.ask(asked.query).reply
        if original is not None and original.kind is ReplyKind.CLARIFY:
            await self.unanswered.resolve_clarification(
                interaction.guild_id, asked.query, message.id
            )

    async def feedback(self, interaction: discord.Interaction[Any]) -> None:
        """ "Not what I asked": note the question in the log (once per member and message) and
        offer, privately, the suggestions the bot has."""
        # Up to three database calls before the answer: deferred if they are slow.
        outgoing = await in_time(interaction, self._feedback_answer(interaction), ephemeral=True)
        await respond(interaction, outgoing, ephemeral=True)

    async def _feedback_answer(self, interaction: discord.Interaction[Any]) -> Outgoing:
        message = interaction.message
        asked = await self._recall(message)
        if message is None or asked is None:
            return Outgoing.text(FEEDBACK_FORGOTTEN)
        try:
            reply = self.reply_for(asked)
        except LookupFailed:
            reply = None
        question = asked.query if asked.kind == "ask" else f"/{asked.kind} {asked.query}"
        closest = (reply.intent or "") if reply is not None else ""
        counted = await self.unanswered.record_feedback(
            interaction.guild_id, question, closest, message.id, interaction.user.id
        )
        note = {True: FEEDBACK_THANKS, False: FEEDBACK_AGAIN, None: FEEDBACK_FAILED}[counted]
        suggestions = reply.suggestions if reply is not None else ()
        note += " Did you mean one of these?" if suggestions else TRY_AGAIN
        answer = Reply(ReplyKind.NOTICE, "feedback", (Segment(note),), (), suggestions)
        context = await self.context(Place.of_interaction(interaction))
        policy = policy_for(context, in_guild=interaction.guild_id is not None)
        outgoing, _ = self.render(answer, policy)
        return outgoing

    async def reveal(self, interaction: discord.Interaction[Any]) -> None:
        """The "Show me privately" button: the same answer, spoilers shown, to the clicker only."""
        place = Place.of_interaction(interaction)
        found = await in_time(
            interaction, self._recall_with_context(interaction, place), ephemeral=True
        )
        if found is None:
            await respond(interaction, Outgoing.text(FORGOTTEN), ephemeral=True)
            return
        asked, context = found
        reply = self.reply_for(asked)
        if reply is None:
            await respond(interaction, Outgoing.text(FORGOTTEN), ephemeral=True)
            return
        policy = policy_for(context, in_guild=place.in_guild).revealing()
        outgoing, _ = self.render(reply, policy)
        await respond(interaction, outgoing, ephemeral=True)

    async def _recall_with_context(
        self, interaction: discord.Interaction[Any], place: Place
    ) -> tuple[AskedQuestion, Context] | None:
        """The question behind a reveal button and the clicker's settings, or None if forgotten."""
        message = interaction.message
        if message is None:
            return None
        try:
            async with asyncio.timeout(STORE_READ_TIMEOUT):
                asked = await self.store.recall_question(message.id)
        except StoreError as exc:
            _log.error("Cannot recall the question behind message %s: %s", message.id, exc)
            return None
        except TimeoutError:
            _log.error(
                "Cannot recall the question behind message %s: the database did not answer "
                "within %g s",
                message.id,
                STORE_READ_TIMEOUT,
            )
            return None
        if asked is None:
            return None
        return asked, await self.context(place)
