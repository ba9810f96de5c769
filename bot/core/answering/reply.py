"""The neutral reply model: what the core answers, before it becomes Discord JSON.

Titles, field names, footers and suggestion labels are plain `str` on purpose: Discord does not render
spoiler bars there, so nothing that could spoil may go in them. Spoilers live only in `RichText`
(message content, card descriptions and field values).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from bot.core.knowledge.richtext import RichText

__all__ = ["Card", "CardField", "Reply", "ReplyKind"]


class ReplyKind(StrEnum):
    """What kind of reply this is; `answered` is true only for ANSWER."""

    ANSWER = "answer"  # answers from the knowledge base
    CLARIFY = "clarify"  # two readings are close: asks which one was meant
    UNKNOWN = "unknown"  # on topic, but the sources do not say / not understood
    OFF_TOPIC = "off_topic"  # not about the season: says what the bot covers
    NOTICE = "notice"  # help text, settings confirmations and the like


@dataclass(frozen=True, slots=True)
class CardField:
    """One embed field: a spoiler-free name and a value that may hold spoilers."""

    name: str
    value: RichText
    inline: bool = False


@dataclass(frozen=True, slots=True)
class Card:
    """One embed."""

    title: str
    description: RichText = ()
    fields: tuple[CardField, ...] = ()
    footer: str = ""
    color: int | None = None


@dataclass(frozen=True, slots=True)
class Reply:
    """Everything the bot says in one message.

    `suggestions` are follow-up questions the member can pick (rendered as buttons); their labels must
    be spoiler-free. `intent` names what was understood, e.g. "character.actor".
    """

    kind: ReplyKind
    intent: str | None
    content: RichText = ()
    cards: tuple[Card, ...] = ()
    suggestions: tuple[str, ...] = ()
    sources: tuple[str, ...] = field(default=())

    @property
    def answered(self) -> bool:
        return self.kind is ReplyKind.ANSWER

    def texts(self) -> list[RichText]:
        """Everything the reply says that may hold reveals: content, descriptions, field values."""
        texts: list[RichText] = [self.content]
        for card in self.cards:
            texts.append(card.description)
            texts.extend(f.value for f in card.fields)
        return texts

    def spoiler_episodes(self) -> frozenset[int]:
        """Every episode whose reveals this reply holds."""
        found: set[int] = set()
        for text in self.texts():
            found.update(s.spoiler_from for s in text if s.spoiler_from is not None)
        return frozenset(found)
