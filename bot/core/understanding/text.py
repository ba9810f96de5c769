"""Normalising what fans type: Discord markup, Unicode, slang, typos' friends.

Everything here is generic English and TV vocabulary; nothing about any one show.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "CONCEPTS",
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

# Fans' shorthand, expanded before anything else reads the text.
SLANG: dict[str, str] = {
    "u": "you",
    "ur": "your",
    "r": "are",
    "y": "why",
    "wat": "what",
    "wut": "what",
    "wht": "what",
    "whats": "what is",
    "whos": "who is",
    "wheres": "where is",
    "whens": "when is",
    "hows": "how is",
    "whts": "what is",
    "pls": "please",
    "plz": "please",
    "thx": "thanks",
    "ty": "thanks",
    "ppl": "people",
    "eps": "episodes",
    "ep": "episode",
    "epi": "episode",
    "epis": "episodes",
    "epsiode": "episode",
    "episdoe": "episode",
    "espisode": "episode",
    "ost": "soundtrack",
    "bts": "behind the scenes",
    "tho": "though",
    "cuz": "because",
    "bc": "because",
    "abt": "about",
    "dir": "directed",
    "dirs": "directors",
    "prod": "production",
    "rt": "rotten tomatoes",
    "mc": "metacritic",
    "tv": "television",
    "isnt": "is not",
    "didnt": "did not",
    "doesnt": "does not",
    "dont": "do not",
    "wasnt": "was not",
    "im": "i am",
    "ive": "i have",
    "idk": "i do not know",
    "rn": "right now",
    "smth": "something",
    "sth": "something",
    "w": "with",
    "b4": "before",
    "2nd": "second",
    "3rd": "third",
    "1st": "first",
    "yr": "year",
    "mins": "minutes",
    "min": "minutes",
    "sec": "seconds",
    "secs": "seconds",
    "vs": "versus",
    "aka": "aka",
    "wen": "when",
    "bf": "boyfriend",
    "gf": "girlfriend",
    "bff": "best friend",
    "neighbour": "neighbor",
    "neighbours": "neighbors",
    "favourite": "favorite",
    "favourites": "favorites",
    "colour": "color",
    "theatre": "theater",
    "programme": "program",
    "realise": "realize",
    "realised": "realized",
    "criticised": "criticized",
    "wer": "where",
    "hw": "how",
    "ppls": "people",
    "tmrw": "tomorrow",
    "epsidoe": "episode",
    "episdoes": "episodes",
}

NUMBER_WORDS: dict[str, int] = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
}
ORDINALS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "twelveth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
}

STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "and",
        "or",
        "but",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "do",
        "does",
        "did",
        "done",
        "have",
        "has",
        "had",
        "having",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "i",
        "me",
        "my",
        "we",
        "our",
        "you",
        "your",
        "he",
        "him",
        "his",
        "she",
        "her",
        "they",
        "them",
        "their",
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "why",
        "how",
        "can",
        "could",
        "would",
        "should",
        "will",
        "shall",
        "may",
        "might",
        "must",
        "please",
        "tell",
        "know",
        "about",
        "any",
        "some",
        "all",
        "just",
        "really",
        "so",
        "very",
        "too",
        "also",
        "then",
        "than",
        "as",
        "if",
        "into",
        "out",
        "up",
        "down",
        "over",
        "again",
        "more",
        "most",
        "much",
        "many",
        "such",
        "only",
        "own",
        "same",
        "s",
        "t",
        "d",
        "ll",
        "re",
        "ve",
        "m",
        "not",
        "no",
        "yes",
        "hey",
        "hi",
        "hello",
        "thanks",
        "thank",
        "ok",
        "okay",
        "pls",
        "bot",
        "like",
        "get",
        "got",
        "give",
        "let",
        "lets",
        "say",
        "said",
        "one",
        "ones",
    ]
)

# Irregular forms and words that mean the same thing to a fan, mapped onto one concept.
_CONCEPT_GROUPS: dict[str, tuple[str, ...]] = {
    name: tuple(words.split())
    for name, words in {
        "direct": ("direct director helm helmer directing dir"),
        "write": (
            "write writer wrote written writing script scripted pen penned screenwriter teleplay "
            "screenplay"
        ),
        "play": (
            "play player played portray portrayed portrays actor actress act acted acting star "
            "starred starring role cast casting voice voiced"
        ),
        "film": ("film filmed filming shoot shooting shot shoots lens photograph principal"),
        "release": (
            "release released releasing premiere premiered premier air aired airing drop dropped "
            "debut debuted launch launched stream streaming streamed available out came coming "
            "comes come"
        ),
        "episode": ("episode episodes ep chapter installment instalment"),
        "song": (
            "song songs track tracks tune tunes music piece sing tracklist tracklisting playlist "
            "setlist sings sang sung singer singing perform performed performs performer vocals"
        ),
        "soundtrack": ("soundtrack album ost composer compose composed composition"),
        "review": (
            "review reviews reviewed critic critics critical reception received receive consensus "
            "praise praised criticism criticized criticised reviewer"
        ),
        "rating": (
            "rating ratings rated percent percentage approval aggregate aggregator tomatometer "
            "metascore stars grade"
        ),
        "award": (
            "award awards emmy emmys nominate nominated nomination nominations win won prize "
            "accolade accolades"
        ),
        "plot": (
            "plot happen happens happened happening synopsis summary summarize summarise recap "
            "twist twists reveal revealed cliffhanger surprise story storyline about events"
        ),
        "title": ("title titled name named called call"),
        "long": ("long length duration runtime runtimes lengthy"),
        "when": ("when date day year month time"),
        "where": ("where location place locations places city"),
        "how_many": ("many count number total amount"),
        "renew": ("renew renewed renewal cancel cancelled canceled"),
        "return": ("return returned returning returns back reprise reprised reprising comeback"),
        "trailer": ("trailer trailers teaser teasers promo promos preview"),
        "cover": (
            "cover covers artwork art artist artists poster posters illustrate illustrated drew "
            "draw drawn painted paint"
        ),
        "who": ("who whom whose person people guy girl woman man lady"),
        "watch": ("watch watching where"),
        "network": ("network channel platform service netflix"),
        "showrunner": (
            "showrunner showrunners runner creator created boss headwriter ran runs running charge"
        ),
        "season": ("season seasons show shows series programme program thisseason"),
        "finish": (
            "finish finished end ended ending wrap wrapped wrapping conclude concluded complete "
            "completed done over"
        ),
        "order": (
            "order ordered announce announced announcement greenlit greenlight confirm confirmed "
            "pickup commission commissioned"
        ),
        "produce": (
            "produce produced producer producers production company companies studio studios"
        ),
        "list": ("list all every each names lineup"),
        "character": ("character characters role roles"),
        "villain": ("villain villains antagonist bad baddie bbeg enemy"),
        "die": ("die dies died death dead kill killed kills killer murder murdered murders"),
        "power": ("power powers ability abilities superpower superpowers strength strong super"),
        "comic": ("comic comics book books source based adaptation inspired marvel"),
    }.items()
}


# word -> concept, the first group listing a word winning (as the groups are ordered)
_CONCEPT_INDEX: dict[str, str] = {}
for _name, _words in _CONCEPT_GROUPS.items():
    for _word in _words:
        _CONCEPT_INDEX.setdefault(_word, _name)


def _concept_of(word: str) -> str:
    return _CONCEPT_INDEX.get(word, word)


CONCEPTS = frozenset(_CONCEPT_GROUPS)
# Concepts that say what kind of answer is wanted but not what about: alone they match nothing.
QUESTION_CONCEPTS = frozenset(
    {
        "who",
        "when",
        "where",
        "why",
        "how_many",
        "long",
        "plot",
        "list",
        "first",
        "last",
        "title",
        "watch",
    }
)
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


@lru_cache(maxsize=4096)
def normalize(text: str) -> str:
    """The comparable form of a question or an alias: folded words separated by single spaces."""
    text = fold(strip_discord_markup(text))
    text = text.replace("’", "'").replace("‘", "'")
    text = _APOSTROPHE_S.sub(lambda m: m[1] + ("" if m[2] == "s" else m[2]), text)
    text = text.replace("'", "").replace("-", " ").replace("&", " and ")
    text = _NON_WORD.sub(" ", text)
    # Keep "2:49" and "7.00", but not a sentence's final dot.
    text = re.sub(r"(?<!\d)[.:+]|[.:+](?!\d)", " ", text)
    words = [SLANG.get(w, w) for w in text.split()]
    return _SPACES.sub(" ", " ".join(words)).strip()


def tokens(text: str) -> list[str]:
    """The words of normalized text."""
    return text.split()


_SUFFIXES = ("ings", "ing", "edly", "ed", "ers", "er", "ies", "es", "s", "ly")


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """A light stemmer: enough to make 'filming', 'filmed' and 'films' one word, and 'score',
    'scores' and 'scored' another (a final "e" is dropped from every stem, so they meet)."""
    if len(word) <= 3 or not word.isalpha():
        return word
    base = word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            if suffix == "ies":
                return base + "y"
            if len(base) > 3 and base[-1] == base[-2] and base[-1] not in "ls":
                base = base[:-1]  # "shipped" -> "ship"
            break
    if len(base) > 3 and base.endswith("e"):
        base = base[:-1]
    return base


# Everyday English words: when a question uses one that no knowledge item uses, it says little
# (unlike a rare word such as "budget", which signals a question the bot cannot answer).
COMMON_ENGLISH = frozenset(
    (
        "accident actual actually after again alone already although always another answer "
        "answers anyhow anyone anything anyway anywhere apparently around ask asked away back bad "
        "basically because bed before begin beginning best better big bit called came certain "
        "come comes cool count counting definitely detail details different during early else "
        "entire ever everyone everything exact exactly fact facts false far fast feel felt final "
        "find first former found full fun gave get gets give go god goes gone good got great "
        "guess half happen hear heard help honestly huge info information keep kept kind knew "
        "know known large last late later latter let literally little live lives living look "
        "looked looks lot lots made main make makes maybe mean means meant mind name named names "
        "near need needed never new next nice nothing official officially often okay old original "
        "other part parts people perhaps place places possibly previous probably put question "
        "questions quick quickly read real really recent right said same saw say seem seemed "
        "seems seen seriously show showed shown since slow small someone someplace something "
        "sometimes somewhere soon sort start started still stuff suppose supposedly sure take "
        "taken tell thing things think though thought together told took true type until use used "
        "using version versions wait want wanted way went while whole worse worst wrong yet young"
    ).split()
)
