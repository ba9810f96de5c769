"""Normalising what fans type: Discord markup, Unicode, slang, typos' friends.

Everything here is generic English and TV vocabulary; nothing about any one show.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer

from bot.core.understanding.vocabulary import common_words, vocabulary

__all__ = [
    "COMMON_ENGLISH",
    "CONCEPTS",
    "EVERYDAY_ENGLISH",
    "NUMBER_WORDS",
    "ORDINALS",
    "QUESTION_CONCEPTS",
    "STOPWORDS",
    "VOCABULARY_WORDS",
    "concept",
    "fold",
    "normalize",
    "stem",
    "strip_discord_markup",
    "tokens",
]

_MENTION = re.compile(r"<(?:@[!&]?|#)\d+>|<a?:\w+:\d+>|@(?:everyone|here)\b")
_URL = re.compile(r"https?://\S+")
_CODE_BLOCK = re.compile(r"```.*?```", re.S)
_MARKUP = re.compile(r"\|\||\*\*|__|~~|[*_`>#]")
_APOSTROPHE_S = re.compile(r"(\w)['’](s|d|ll|re|ve|m|t)\b")
_NON_WORD = re.compile(r"[^\w:.+]+")
_SPACES = re.compile(r"\s+")

_VOCABULARY = vocabulary()
# Fans' shorthand, expanded before anything else reads the text.
SLANG: dict[str, str] = _VOCABULARY.slang
# shorthand of several words, replaced whole
_PHRASES = sorted((k for k in SLANG if " " in k), key=len, reverse=True)
_SLANG_PHRASES = (
    re.compile(r"\b(?:" + "|".join(re.escape(p) for p in _PHRASES) + r")\b") if _PHRASES else None
)
NUMBER_WORDS: dict[str, int] = _VOCABULARY.number_words
ORDINALS: dict[str, int] = _VOCABULARY.ordinals
STOPWORDS = _VOCABULARY.stopwords
# Irregular forms and words that mean the same thing to a fan, mapped onto one concept.
_CONCEPT_GROUPS: dict[str, tuple[str, ...]] = _VOCABULARY.concepts


# word -> concept, the first group listing a word winning (as the groups are ordered)
_CONCEPT_INDEX: dict[str, str] = {}
for _name, _words in _CONCEPT_GROUPS.items():
    for _word in _words:
        _CONCEPT_INDEX.setdefault(_word, _name)


def _concept_of(word: str) -> str:
    return _CONCEPT_INDEX.get(word, word)


CONCEPTS = frozenset(_CONCEPT_GROUPS)
# Concepts that say what kind of answer is wanted but not what about: alone they match nothing.
QUESTION_CONCEPTS = _VOCABULARY.question_concepts
# Every word that means something to a question: never mistaken for a misspelt name.
VOCABULARY_WORDS = frozenset(w for words in _CONCEPT_GROUPS.values() for w in words) | CONCEPTS


def concept(word: str) -> str:
    """The concept a (stemmed or plain) word stands for, or the stem itself."""
    found = _concept_of(word)
    if found != word or word in CONCEPTS:
        return found
    stemmed = stem(word)
    return _concept_of(stemmed)


def strip_discord_markup(text: str) -> str:
    """Drop mentions, custom emoji, links and markdown so only the words remain."""
    text = _CODE_BLOCK.sub(" ", text)
    text = _MENTION.sub(" ", text)
    text = _URL.sub(" ", text)
    return _MARKUP.sub(" ", text)


def fold(text: str) -> str:
    """Case-folded, accent-free, NFKC text: 'Aïda' -> 'aida', fancy quotes -> plain."""
    text = unicodedata.normalize("NFKC", text).casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_DRAWN_OUT = re.compile(r"([a-z])\1{2,}")
_NUMBER_RANGE = re.compile(r"\b(\d{1,2})\s*[-–]\s*(\d{1,2})\b")


@lru_cache(maxsize=4096)
def normalize(text: str) -> str:
    """The comparable form of a question or an alias: folded words separated by single spaces."""
    text = fold(strip_discord_markup(text))
    text = text.replace("’", "'").replace("‘", "'")
    text = _APOSTROPHE_S.sub(lambda m: m[1] + ("" if m[2] == "s" else m[2]), text)
    text = _NUMBER_RANGE.sub(r"\1 to \2", text)  # "eps 1-5": a range, once the dash is gone
    text = text.replace("'", "").replace("-", " ").replace("&", " and ")
    text = _NON_WORD.sub(" ", text)
    text = _DRAWN_OUT.sub(r"\1", text)  # "soooo", "whyyy": a letter drawn out is one letter
    # Keep "2:49" and "7.00", but not a sentence's final dot.
    text = re.sub(r"(?<!\d)[.:+]|[.:+](?!\d)", " ", text)
    words = [SLANG.get(w, w) for w in text.split()]
    text = _SPACES.sub(" ", " ".join(words)).strip()
    if _SLANG_PHRASES is not None:
        text = _SLANG_PHRASES.sub(lambda m: SLANG[m[0]], text)  # "taken off": removed
    return text


def tokens(text: str) -> list[str]:
    """The words of normalized text."""
    return text.split()


_STEMMER = Stemmer.Stemmer("english")


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """The Snowball (Porter 2) stem of an English word: 'filming', 'filmed', 'films' -> 'film'.
    Short words and anything with digits are kept as they are."""
    if len(word) <= 3 or not word.isalpha():
        return word
    return str(_STEMMER.stemWord(word))


# Everyday English words (from word-frequency data) that are not question vocabulary: when a
# question uses one that no knowledge item uses, it says little (unlike a rare word such as
# "budget", which signals a question the bot cannot answer).
# The top 1,500 are words nearly every conversation uses ("thing", "wait", "make"); "budget" or
# "release" are not among them. (Names are told from words by the full list, in `entities`.)
EVERYDAY_ENGLISH = common_words(top=1500)
COMMON_ENGLISH = EVERYDAY_ENGLISH - VOCABULARY_WORDS
