"""Whether an answer is of the type its question asks for: an amount for "how much" or "how
many", a year for "what year", a time (a date, a month, a year or an episode) for "when", a job
for "what does he do for a living", a stretch of time for "how long". An answer
without one answers something else (the story of how someone left a firm, not how much they left
with; the part an actor plays, not when they were cast)."""

from __future__ import annotations

import re
from enum import StrEnum

from rapidfuzz import fuzz, process

from bot.core.answering.reply import Reply
from bot.core.knowledge.richtext import to_plain
from bot.core.understanding.text import STOPWORDS, normalize, stem
from bot.core.understanding.vocabulary import vocabulary

__all__ = [
    "Asked",
    "asked_type",
    "crew_role_asked",
    "holds",
    "reply_text",
    "tells_the_kind_asked",
    "tells_the_measure_asked",
    "tells_the_role_asked",
    "tells_what_it_stands_for",
    "text_holds",
]

_SAID = 85.0  # how alike a word of the answer must be to a qualifier typed with a slip
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


_CLOCK = re.compile(r"\b\d{1,3}:[0-5]\d\b")  # a running time: "2:31", "1:02:45"


class Asked(StrEnum):
    AMOUNT = "amount"
    YEAR = "year"
    TIME = "time"  # a date, a year, a month or an episode ("when does she find out")
    OCCUPATION = "occupation"  # a job ("what does he do for a living")
    DURATION = "duration"  # a stretch of time ("how long was she there": 20 days, years)


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
    if any(f" {phrase} " in text for phrase in words.occupation_questions):
        return Asked.OCCUPATION
    if any(f" {phrase} " in text for phrase in words.duration_questions):
        return Asked.DURATION
    return None


def reply_text(reply: Reply) -> str:
    """Everything a reply tells, as plain text: its cards' titles and every text in it."""
    return "\n".join([*(card.title for card in reply.cards), *map(to_plain, reply.texts())])


def holds(reply: Reply, asked: Asked) -> bool:
    """Whether the reply holds an answer of the asked type."""
    return text_holds(reply_text(reply), asked)


_KIND_OF = re.compile(r"\b(?:what|which|whats)\s+(?:kind|type|sort|make)\s+of\s+(?P<thing>[a-z]+)")


def tells_the_kind_asked(question: str, reply: Reply) -> bool:
    """Whether an answer to "what kind (type, sort) of <thing>" says that thing at all (true of
    any answer to another question): "what kind of gun" is not told by "he shot at them"."""
    asked = _KIND_OF.search(normalize(question))
    if asked is None:
        return True
    told = normalize(reply_text(reply))
    return stem(asked["thing"]) in {stem(w) for w in told.split()}


def crew_role_asked(question: str) -> str | None:
    """The crew role a question names beyond those every season credits ("casting director"),
    if it names one."""
    asked = f" {normalize(question)} "
    return next(
        (role for role in (normalize(r) for r in vocabulary().crew_roles) if f" {role} " in asked),
        None,
    )


def tells_the_role_asked(question: str, reply: Reply) -> bool:
    """Whether an answer to a question about a crew role ("who was the casting director") names
    that role (true of any answer to another question): the episodes' directors are no answer."""
    role = crew_role_asked(question)
    return role is None or f" {role} " in f" {normalize(reply_text(reply))} "


_STANDS_FOR = re.compile(
    r"\b(?:what|wat|wht)\s+(?:does|do|did|is)\s+(?P<short>[a-z]{2,6})\s+(?:\w+\s+)?stands?\s+for\b"
)


def tells_what_it_stands_for(question: str, reply: Reply) -> bool:
    """Whether an answer to "what does <letters> stand for" spells them out: words whose
    initials are those letters, in order (true of any answer to another question)."""
    asked = _STANDS_FOR.search(normalize(question))
    if asked is None:
        return True
    letters = asked["short"]
    # "Department of Defense" spells "dd" the way fans write it: small words carry no letter
    words = [w for w in normalize(reply_text(reply)).split() if w not in STOPWORDS]
    initials = "".join(w[0] for w in words)
    return letters in initials and any(
        "".join(w[0] for w in words[at : at + len(letters)]) == letters
        and words[at] != letters  # the letters themselves are no spelling out
        for at in range(len(words) - len(letters) + 1)
    )


def tells_the_measure_asked(question: str, reply: Reply) -> bool:
    """Whether an answer to a question about a qualified measure ("the audience score", "its
    imdb rating") says that qualifier: critics' scores are no audience score (true of any
    answer to a question naming no such measure)."""
    words = normalize(question).split()
    measures = vocabulary().measure_nouns
    qualifiers = {
        stem(words[at - 1])
        for at, word in enumerate(words)
        if at > 0
        and word in measures
        and words[at - 1] not in STOPWORDS
        and not any(c.isdigit() for c in words[at - 1])
        and words[at - 1] not in measures
    }
    if not qualifiers:
        return True
    told = {stem(w) for w in normalize(reply_text(reply)).split()}
    # "metacrtic": a qualifier typed with a slip is still said
    return all(
        q in told or process.extractOne(q, told, scorer=fuzz.ratio, score_cutoff=_SAID) is not None
        for q in qualifiers
    )


def text_holds(text: str, asked: Asked) -> bool:
    """Whether the text holds an answer of the asked type."""
    if asked is Asked.YEAR:
        return bool(_YEAR.search(text))
    if asked is Asked.TIME:
        return bool(_TIME.search(text))
    if asked is Asked.DURATION:
        units = vocabulary().duration_units
        return bool(_CLOCK.search(text)) or any(w in units for w in normalize(text).split())
    if asked is Asked.OCCUPATION:
        jobs = vocabulary().occupation_nouns
        return any(stem(word) in jobs or word in jobs for word in normalize(text).split())
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
