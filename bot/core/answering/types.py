"""The values the core hands out: how a question arrived, what came of it, autocomplete choices.

A leaf of the answering stage: everything above it (the engine, the adapter) speaks in these.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.core.answering.reply import Reply

__all__ = ["Answer", "Choice", "Trigger"]


class Trigger(StrEnum):
    """How a question reached the bot."""

    ASK = "ask"  # asked directly: /ask, a mention, a reply, a DM, the CLI
    AUTO = (
        "auto"  # overheard in an auto-answer channel: answer only clear questions about the season
    )


@dataclass(frozen=True, slots=True)
class Answer:
    """The outcome of one question. `reply` is None when the bot stays silent."""

    reply: Reply | None
    intent: str | None

    @property
    def answered(self) -> bool:
        return self.reply is not None and self.reply.answered


@dataclass(frozen=True, slots=True)
class Choice:
    """An autocomplete choice: `name` is shown (spoiler-free, at most 100 chars), `value` is sent."""

    name: str
    value: str
