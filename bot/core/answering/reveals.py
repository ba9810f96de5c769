"""Whether a question, as a fan typed it, gives a reveal away when shown to others.

Used where the bot shows questions back to people who did not ask them (the moderators' list of
unanswered questions): such a question goes behind spoiler bars. It errs on the side of hiding: a
question is a spoiler when it names a twist name (a character's secret name or alias, typos
included), uses a word that only the season's reveals use, or is answered with reveals.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterator

from rapidfuzz import fuzz

from bot.core.answering.types import Answer
from bot.core.knowledge.model import KnowledgeBase
from bot.core.knowledge.richtext import Segment

__all__ = ["RevealFinder"]

_NOT_WORD = re.compile(r"[^a-z0-9]+")
_MIN_WORD = 4  # shorter words are too common to tell anything
_TYPO_SCORE = 80.0  # a single typed word this close to a secret one-word name is that name
_MAX_WORDS = 80  # bounded work for a wall of text


def _words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text.casefold())
    ascii_only = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return [w for w in _NOT_WORD.split(ascii_only) if w]


def _segments(value: object, depth: int = 0) -> Iterator[Segment]:
    """Every text segment held anywhere in the knowledge model."""
    if depth > 8:
        return
    if isinstance(value, Segment):
        yield value
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _segments(item, depth + 1)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _segments(item, depth + 1)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _segments(getattr(value, f.name), depth + 1)


class RevealFinder:
    """Built once per knowledge base; `question_reveals` is pure and cheap."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self._secret_phrases: set[tuple[str, ...]] = set()
        for character in kb.characters:
            if not (character.safe_name and character.name_spoiler_from):
                continue
            public = tuple(_words(character.public_name))
            safe = {public, public[1:] if public[:1] == ("the",) else public}
            for name in (character.name, *character.aliases):
                phrase = tuple(_words(name))
                stripped = phrase[1:] if phrase[:1] == ("the",) else phrase
                if phrase and phrase not in safe and stripped not in safe:
                    self._secret_phrases.add(phrase)
        self._secret_words = {p[0] for p in self._secret_phrases if len(p) == 1}
        public_words: set[str] = set()
        reveal_words: set[str] = set()
        for segment in _segments(kb):
            target = public_words if segment.spoiler_from is None else reveal_words
            target.update(w for w in _words(segment.text) if len(w) >= _MIN_WORD)
        # Names and titles are public too: only what reveals alone use marks a spoiler.
        for character in kb.characters:
            public_words.update(_words(character.public_name))
        for episode in kb.episodes:
            public_words.update(_words(episode.title))
        self._reveal_words = frozenset(
            w for w in reveal_words - public_words if not w.isdigit()
        ) | frozenset(self._secret_words)

    def names_a_twist(self, question: str) -> bool:
        words = _words(question)[:_MAX_WORDS]
        padded = " " + " ".join(words) + " "
        if any(" " + " ".join(p) + " " in padded for p in self._secret_phrases):
            return True
        # "toms" for "tom's": a possessive typed without its apostrophe
        if any(w in self._reveal_words or w[:-1] in self._secret_words for w in words):
            return True
        return any(
            fuzz.ratio(word, secret, score_cutoff=_TYPO_SCORE)
            for word in words
            if len(word) >= _MIN_WORD
            for secret in self._secret_words
            if len(secret) >= _MIN_WORD
        )

    def question_reveals(self, question: str, answer: Answer) -> bool:
        """Whether `question` (answered as `answer`) would spoil someone who has seen nothing."""
        if self.names_a_twist(question):
            return True
        reply = answer.reply
        return reply is not None and bool(reply.spoiler_episodes())
