"""Whether an answer is of the type its question asks for: an amount for "how much" or "how
many", a year for "what year", a time (a date, a month, a year or an episode) for "when". An answer
without one answers something else (the story of how someone left a firm, not how much they left
with; the part an actor plays, not when they were cast)."""

from __future__ import annotations

import re
from enum import StrEnum

from bot.core.answering.reply import Reply
from bot.core.knowledge.richtext import to_plain
from bot.core.understanding.text import normalize
from bot.core.understanding.vocabulary import vocabulary

__all__ = ["Asked", "asked_type", "holds", "text_holds"]

_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_MONTHS = (
    "january february march april may june july august september october november december"
).split()
# A number that counts or measures something: not an episode, season or track number, a day of
# a month or a year.
_NUMBER = re.compile(r"(?<![\w.:])(\d+(?:[.,:]\d+)*)")
_NOT_AN_AMOUNT_BEFORE = frozenset(
    {"episode", "episodes", "season", "seasons", "track", "tracks", "ep", "no", "number", *_MONTHS}
)


class Asked(StrEnum):
    AMOUNT = "amount"
    YEAR = "year"
    TIME = "time"  # a date, a year, a month or an episode ("when does she find out")


_TIME = re.compile(
    r"\b(?:1[89]|20)\d\d\b|\b(?:" + "|".join(_MONTHS) + r")\b|\b(?:episode|ep)s?\s*\d",
    re.IGNORECASE,
)


def asked_type(question: str) -> Asked | None:
    """The type of answer a question asks for, when it is one an answer can be checked for."""
    text = f" {normalize(question)} "
    words = vocabulary()
    if any(f" {phrase} " in text for phrase in words.year_questions):
        return Asked.YEAR
    if any(f" {phrase} " in text for phrase in words.amount_questions):
        return Asked.AMOUNT
    if any(f" {phrase} " in text for phrase in words.time_questions):
        return Asked.TIME
    return None


def _text(reply: Reply) -> str:
    return "\n".join([*(card.title for card in reply.cards), *map(to_plain, reply.texts())])


def holds(reply: Reply, asked: Asked) -> bool:
    """Whether the reply holds an answer of the asked type."""
    return text_holds(_text(reply), asked)


def text_holds(text: str, asked: Asked) -> bool:
    """Whether the text holds an answer of the asked type."""
    if asked is Asked.YEAR:
        return bool(_YEAR.search(text))
    if asked is Asked.TIME:
        return bool(_TIME.search(text))
    # "one" is as often a pronoun ("open one of her own") as a count
    number_words = set(vocabulary().number_words) - {"one"}
    if any(word in number_words for word in normalize(text).split()):
        return True
    for match in _NUMBER.finditer(text):
        before = text[: match.start()].split()[-1:]
        if _YEAR.fullmatch(match.group(1)):
            continue
        if before and before[0].strip("(").lower() in _NOT_AN_AMOUNT_BEFORE:
            continue
        return True
    return False
