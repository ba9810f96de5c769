"""Finding the things a question is about: episodes, characters, people, tracks, critics.

Episode numbers are matched exactly ("ep 5", "s2e3", "2x03", "e03", "episode three", "third
episode", "premiere", "finale", "episode 20 overall"), never fuzzily. Names and titles are matched
fuzzily with rapidfuzz, always with a `score_cutoff`, with stricter cut-offs for short words.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.core.knowledge.model import KnowledgeBase
from bot.core.knowledge.richtext import to_plain
from bot.core.understanding.text import (
    COMMON_ENGLISH,
    NUMBER_WORDS,
    ORDINALS,
    STOPWORDS,
    VOCABULARY_WORDS,
    normalize,
)
from bot.core.understanding.vocabulary import common_words

__all__ = ["EntityIndex", "Kind", "Mention", "find_episode_numbers"]

# Words too common to be read as a name when misspelt; exact matches still count.
COMMON_WORDS = STOPWORDS | common_words()


# Words too ordinary to name an episode on their own, even when a title uses them.
_ORDINARY = (
    COMMON_WORDS | VOCABULARY_WORDS | COMMON_ENGLISH | frozenset(NUMBER_WORDS) | frozenset(ORDINALS)
)
# Words that say "an episode" without a number: "the lighthouse one", "the storm ep".
_EPISODE_CUE = frozenset({"episode", "episodes", "one", "chapter"})


class Kind(StrEnum):
    EPISODE = "episode"
    CHARACTER = "character"
    PERSON = "person"
    TRACK = "track"
    OUTLET = "outlet"


@dataclass(frozen=True, slots=True)
class Mention:
    """Something the question mentions: `key` is an episode number, track number, or id."""

    kind: Kind
    key: str
    start: int  # token span in the normalized question
    end: int
    score: float
    exact: bool
    # The episode that reveals this name means this entry ("the hero's mom" for a character
    # whose identity is a twist): an answer reached through it is a spoiler as a whole.
    secret: int | None = None


_EP_WORD = r"(?:episode|episodes|chapter)"
_NUM_WORDS = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_ORD_WORDS = "|".join(sorted(ORDINALS, key=len, reverse=True))
# a season named between a position and the episode word: "the first s2 ep", "last season 2 episode"
_IN_SEASON = r"(?:(?:s\d{1,2}|season\s+\d{1,2}|thisseason)\s+)?"
_EPISODE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # before "last episode", which is the end of "second to last episode"
    (
        re.compile(rf"\b(?:penultimate|second\s+to\s+last|next\s+to\s+last)\s+(?:{_EP_WORD})?"),
        "penultimate",
    ),
    (re.compile(r"\bs\s?0?(\d{1,2})\s?e\s?0?(\d{1,3})\b"), "season-episode"),
    (re.compile(r"\b(\d{1,2})x0?(\d{1,3})\b"), "season-episode"),
    (re.compile(r"\b(\d)\.(\d{2})\b"), "season-episode"),  # "2.08"
    (
        re.compile(
            rf"\b(?:overall\s+{_EP_WORD}|{_EP_WORD}\s+(?:no\s+|number\s+|#\s*)?(\d{{1,3}})\s+overall)\b(?:\s+(?:no\s+|number\s+)?(\d{{1,3}}))?"
        ),
        "overall",
    ),
    # "episode 10s cover": a possessive typed without its apostrophe
    (re.compile(rf"\b{_EP_WORD}\s+(?:no\s+|number\s+|#\s*)?(\d{{1,3}})s?\b"), "number"),
    (re.compile(rf"\b{_EP_WORD}\s+({_NUM_WORDS})\b"), "word"),
    (re.compile(rf"\b({_ORD_WORDS})\s+{_IN_SEASON}(?:{_EP_WORD})\b"), "ordinal"),
    (re.compile(rf"\b(?:the\s+)?({_ORD_WORDS})\s+one\b"), "ordinal-one"),
    (re.compile(r"\b(?:ep|eps|epi|episode|e)\.?0?(\d{1,3})\b"), "number"),
    (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)\s+(?:{_EP_WORD}|one)\b"), "number"),
    (re.compile(rf"\b{_EP_WORD}\s+(?:no\s+|number\s+)?(\d{{1,3}})(?:st|nd|rd|th)?\b"), "number"),
    (re.compile(r"#(\d{1,2})\b"), "number"),
    (re.compile(rf"\b(?:last|final)\s+{_IN_SEASON}{_EP_WORD}\b|\bfinale\b"), "last"),
    # "the premiere" is an episode; "when did it premiere" is not
    (
        re.compile(
            rf"\b(?:the|season|series|thisseason|in|of)\s+premiere\b|\bpremiere\s+{_EP_WORD}\b"
            rf"|\bpilot\b|\bopener\b|\bopening\s+{_EP_WORD}\b"
        ),
        "first",
    ),
)


_FIRST_OR_LAST = re.compile(
    rf"\b(first|last|final)\s+(\d{{1,2}}|{_NUM_WORDS})\s+(?:{_EP_WORD}|eps)\b"
)


@dataclass(frozen=True, slots=True)
class EpisodeRef:
    number: int | None  # None: a number outside the season (e.g. "episode 40")
    start: int  # character span in the normalized question
    end: int
    other_season: int | None = None  # "s1e3": a different season of the show


def find_episode_numbers(
    text: str, count: int, first_overall: int, season: int
) -> list[EpisodeRef]:
    """Every episode reference in normalized `text`, in order; numbers exactly, never fuzzily."""
    found: list[EpisodeRef] = []
    taken: list[tuple[int, int]] = []
    for match in _FIRST_OR_LAST.finditer(text):
        # "the first five episodes", "last 3 eps": that many from the start or the end
        size = int(match[2]) if match[2].isdigit() else NUMBER_WORDS[match[2]]
        if not 1 < size <= count:
            continue
        first = 1 if match[1] == "first" else count - size + 1
        found += [EpisodeRef(n, match.start(), match.end()) for n in range(first, first + size)]
        taken.append(match.span())
    for pattern, how in _EPISODE_PATTERNS:
        for match in pattern.finditer(text):
            span = match.span()
            if any(span[0] < end and start < span[1] for start, end in taken):
                continue
            ref = _episode_ref(match, how, count, first_overall, season)
            if ref is None:
                continue
            taken.append(span)
            found.append(ref)
    found += _more_episodes(text, found, count)
    return sorted(found, key=lambda r: r.start)


# Normalized text has no commas or "&" left: "4, 5 & 6" reads "4 5 and 6".
_MORE = re.compile(
    r"\s*(?:(and|or|plus)|(to|through|thru))?\s*(?:episode\s+)?(\d{1,2})\b(?![:.]\d)"
)


def _more_episodes(text: str, found: list[EpisodeRef], count: int) -> list[EpisodeRef]:
    """'eps 11 and 12', 'episodes 3, 4 & 5', 'episodes 3 to 5': the numbers after the first."""
    more: list[EpisodeRef] = []
    spans = [(ref.start, ref.end) for ref in found]
    for ref in list(found):
        if ref.number is None:
            continue
        position, last = ref.end, ref.number
        while match := _MORE.match(text, position):
            number = int(match[3])
            at = match.start(3)
            if not 1 <= number <= count or any(a <= at < b for a, b in spans):
                break  # out of the season, or already found as a reference of its own
            if match[2] and number > last:  # a range
                more += [EpisodeRef(n, match.start(), match.end()) for n in range(last + 1, number)]
            more.append(EpisodeRef(number, match.start(), match.end()))
            position, last = match.end(), number
    return more


def _episode_ref(
    match: re.Match[str], how: str, count: int, first_overall: int, season: int
) -> EpisodeRef | None:
    start, end = match.span()
    if how == "season-episode":
        season_no, number = int(match[1]), int(match[2])
        if season_no != season:
            return EpisodeRef(None, start, end, other_season=season_no)
        return EpisodeRef(number if 1 <= number <= count else None, start, end)
    if how == "overall":
        raw = match[1] or match[2]
        if raw is None:
            return None
        number = int(raw) - first_overall + 1
        return EpisodeRef(number if 1 <= number <= count else None, start, end)
    if how == "number":
        number = int(match[1])
        if 1 <= number <= count:
            return EpisodeRef(number, start, end)
        # "episode 20" of a season numbered 14-26 overall means overall episode 20
        overall = number - first_overall + 1
        return EpisodeRef(
            overall if 1 <= overall <= count and first_overall > 1 else None, start, end
        )
    if how == "word":
        number = NUMBER_WORDS[match[1]]
        return EpisodeRef(number if number <= count else None, start, end)
    if how in ("ordinal", "ordinal-one"):
        number = ORDINALS[match[1]]
        return EpisodeRef(number if number <= count else None, start, end)
    if how == "last":
        return EpisodeRef(count, start, end)
    if how == "first":
        return EpisodeRef(1, start, end)
    if how == "penultimate":
        return EpisodeRef(count - 1 if count > 1 else None, start, end)
    return None


@dataclass(frozen=True, slots=True)
class _Alias:
    text: str  # normalized
    kind: Kind
    key: str
    weak: bool  # derived automatically (a first or last name), not written in the knowledge
    secret: int | None = None  # see Mention.secret


class EntityIndex:
    """Every name, alias and title in the knowledge base, ready for exact and fuzzy look-up."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.by_text: dict[str, list[_Alias]] = defaultdict(list)
        self._add_written_aliases(kb)
        self._add_derived_aliases(kb)
        self._titles = self._title_aliases(kb)
        # one-word titles shorter than six letters are too easily found by accident
        self._title_keys = [t for t in self._titles if len(t.split()) > 1 or len(t.strip()) >= 6]
        self._title_words = self._distinctive_title_words(kb)
        self.keys_by_size: dict[int, list[str]] = defaultdict(list)
        for key in self.by_text:
            self.keys_by_size[len(key.split())].append(key)
        self.max_words = max(self.keys_by_size, default=1)
        self._fuzzy_keys_by_size = {
            size: [k for k in keys if len(k) >= 5] for size, keys in self.keys_by_size.items()
        }
        self._words_told: frozenset[str] | None = None
        # The same words come back in question after question: remember each look-up.
        self._lookup = lru_cache(maxsize=32768)(self._lookup_uncached)

    # -- building ------------------------------------------------------------------------------

    def _add(
        self, text: str, kind: Kind, key: str, *, weak: bool = False, secret: int | None = None
    ) -> None:
        norm = normalize(text)
        if not norm or norm in STOPWORDS:
            return
        if norm.startswith("the ") and len(norm.split()) > 2:
            # "The Washington Post" -> "washington post"
            self._add(norm[4:], kind, key, weak=weak, secret=secret)
        entries = self.by_text[norm]
        if any(e.kind == kind and e.key == key for e in entries):
            return
        entries.append(_Alias(norm, kind, key, weak, secret))

    def _add_written_aliases(self, kb: KnowledgeBase) -> None:
        for character in kb.characters:
            if character.safe_name:
                self._add(character.safe_name, Kind.CHARACTER, character.id)
            # Every other name of a character whose identity is a twist gives the twist away.
            secret = character.name_spoiler_from if character.safe_name else None
            for name in (character.name, *character.aliases, *character.shared_aliases):
                self._add(name, Kind.CHARACTER, character.id, secret=secret)
                # a name with a quoted nickname inside is also asked for without it
                unquoted = re.sub(r'"[^"]*"\s*', "", name)
                if unquoted != name:
                    self._add(unquoted, Kind.CHARACTER, character.id, secret=secret)
        for person in kb.people:
            for name in (person.name, *person.aliases, *person.shared_aliases):
                self._add(name, Kind.PERSON, person.id)
        if kb.reception:
            for review in kb.reception.reviews:
                self._add(review.outlet, Kind.OUTLET, review.outlet)
            for aggregator in kb.reception.aggregators:
                self._add(aggregator.name, Kind.OUTLET, aggregator.name)

    def _add_derived_aliases(self, kb: KnowledgeBase) -> None:
        """First and last names, where only one entry could mean them."""
        owners: dict[str, set[tuple[Kind, str]]] = defaultdict(set)
        secrets = {c.id: c.name_spoiler_from for c in kb.characters if c.safe_name}
        named = [(Kind.CHARACTER, c.id, re.sub(r'"[^"]*"\s*', "", c.name)) for c in kb.characters]
        named += [(Kind.PERSON, p.id, p.name) for p in kb.people]
        for kind, key, name in named:
            words = normalize(name).split()
            if len(words) < 2:
                continue
            for word in (words[0], words[-1]):
                if len(word) >= 4 and word not in COMMON_WORDS:
                    owners[word].add((kind, key))
        for word, who in owners.items():
            if word in self.by_text:
                continue  # the knowledge already says who this name means
            # A name only one entry has means it; a name several share ("david") means any of
            # them, and the question is asked back.
            for kind, key in sorted(who):
                secret = secrets.get(key) if kind is Kind.CHARACTER else None
                self._add(word, kind, key, weak=True, secret=secret)

    def _title_aliases(self, kb: KnowledgeBase) -> dict[str, tuple[Kind, str]]:
        titles: dict[str, tuple[Kind, str]] = {}
        for episode in kb.episodes:
            # Long titles are remembered by halves: "Shark in the Bathtub" of "..., Monster in the Bed"
            halves = [h for h in re.split(r"[,:;]", episode.short_title) if len(h.split()) >= 3]
            for title in {episode.title, episode.short_title, *(halves if len(halves) > 1 else [])}:
                titles[normalize(title)] = (Kind.EPISODE, str(episode.number))
        if kb.soundtrack:
            for track in kb.soundtrack.tracks:
                key = normalize(track.title)
                # A track sharing an episode's title keeps both readings (told apart by cues).
                titles.setdefault(key + " ", (Kind.TRACK, str(track.number)))
        return titles

    def _distinctive_title_words(self, kb: KnowledgeBase) -> dict[str, str]:
        """Words that name one episode ("lighthouse"), for "the lighthouse one"."""
        owners: dict[str, set[str]] = defaultdict(set)
        for episode in kb.episodes:
            for word in normalize(episode.short_title).split():
                if len(word) >= 4 and word not in _ORDINARY:
                    owners[word].add(str(episode.number))
        return {
            w: next(iter(eps))
            for w, eps in owners.items()
            if len(eps) == 1 and w not in self.by_text
        }

    # -- looking up ----------------------------------------------------------------------------

    def find(self, words: list[str], *, fuzzy: bool = True) -> list[Mention]:
        """Names and titles mentioned in the normalized words, longest and best first.

        `fuzzy=False` matches exact names only: for text we wrote ourselves, such as asks.
        """
        mentions = self._find_titles(words, fuzzy=fuzzy)
        taken = {i for m in mentions for i in range(m.start, m.end)}
        limit = min(len(words), 60)  # a wall of text is not a question about 400 names
        for size in range(min(self.max_words, 4), 0, -1):
            for start in range(0, limit - size + 1):
                span = range(start, start + size)
                if any(i in taken for i in span):
                    continue
                gram = " ".join(words[start : start + size])
                found = self._lookup(gram, size, fuzzy=fuzzy)
                if not found:
                    continue
                mentions.extend(found_m._replace_span(start, start + size) for found_m in found)
                taken.update(span)
        if fuzzy and _EPISODE_CUE.intersection(words[:limit]):
            mentions += self._title_word_mentions(words[:limit], taken)
        return sorted(mentions, key=lambda m: m.start)

    def _title_word_mentions(self, words: list[str], taken: set[int]) -> list[Mention]:
        """ "the lighthouse one", "the storm episode": one word of a title, said with "episode"."""
        found: list[Mention] = []
        for i, word in enumerate(words):
            key = self._title_words.get(word)
            if key is not None and i not in taken:
                found.append(Mention(Kind.EPISODE, key, i, i + 1, 90.0, False))
                taken.add(i)
        return found

    def _lookup_uncached(self, gram: str, size: int, *, fuzzy: bool) -> tuple[_FoundMention, ...]:
        exact = self.by_text.get(gram)
        if exact:
            return tuple(_FoundMention(a.kind, a.key, 100.0, True, a.secret) for a in exact)
        if not fuzzy or not self._could_be_name(gram, size):
            return ()
        cutoff = 88.0 if len(gram) <= 5 else 84.0 if len(gram) <= 8 else 82.0
        # Names of four letters or fewer are matched exactly only: "hands" is not "Hans".
        keys = self._fuzzy_keys_by_size.get(size, [])
        best = process.extractOne(gram, keys, scorer=fuzz.ratio, score_cutoff=cutoff)
        if best is None and size == 1:
            best = self._one_slip_from(gram, keys)
        if best is None:
            return ()
        text, score, _ = best
        if text in COMMON_WORDS or _a_real_word_for_another(gram, text):
            return ()
        return tuple(
            _FoundMention(a.kind, a.key, float(score), False, a.secret) for a in self.by_text[text]
        )

    def _one_slip_from(self, gram: str, keys: list[str]) -> tuple[str, float, int] | None:
        """A one-word name one slip away (a letter wrong, missing, added or two swapped) that
        starts with the same letter: "smoth" for "smith", where a ratio of five letters is too
        low to trust in general. A word the season's own texts use ("alias") is no slip."""
        if len(gram) < 5 or gram in self._season_words():
            return None
        alike = [k for k in keys if len(k) >= 5 and k[0] == gram[0]]
        found = process.extractOne(gram, alike, scorer=OSA.distance, score_cutoff=1)
        if found is None:
            return None
        text, _, index = found
        return text, fuzz.ratio(gram, text), int(index)

    def _season_words(self) -> frozenset[str]:
        """Every word the season's facts and episode titles use (made on first need)."""
        if self._words_told is None:
            texts = [f"{f.title} {to_plain(f.text)}" for f in self.kb.facts]
            texts += [e.title for e in self.kb.episodes]
            self._words_told = frozenset(normalize(" ".join(texts)).split())
        return self._words_told

    @staticmethod
    def _could_be_name(gram: str, size: int) -> bool:
        """Whether a misspelt gram is worth a fuzzy look-up: not a plain word of questions."""
        parts = gram.split()
        if size == 1:
            # four-letter words are too often real words one letter from a name ("cost")
            return (
                len(gram) >= 5
                and not gram.isdigit()
                and gram not in COMMON_WORDS
                and gram not in VOCABULARY_WORDS
            )
        # a name of several words neither starts nor ends with a stop word, has no numbers,
        # and is not made only of the ordinary words questions are made of
        if parts[0] in STOPWORDS or parts[-1] in STOPWORDS:
            return False
        if not all(p.isalpha() for p in parts):
            return False
        return any(
            len(p) >= 4 and p not in VOCABULARY_WORDS and p not in COMMON_WORDS for p in parts
        )

    def _find_titles(self, words: list[str], *, fuzzy: bool = True) -> list[Mention]:
        """Episode and track titles, fuzzily, by sliding a window of the title's length."""
        out: list[Mention] = []
        limit = min(len(words), 60)
        text = " ".join(words[:limit])
        # One pass in C over every title finds the few worth a closer look; exact titles
        # (in text we wrote ourselves) are simply looked for.
        if fuzzy:
            near = [
                t
                for t, _, _ in process.extract(
                    text, self._title_keys, scorer=fuzz.partial_ratio, score_cutoff=82.0, limit=None
                )
            ]
        else:
            padded = f" {text} "
            near = [t for t in self._title_keys if f" {t.strip()} " in padded]
        for title in near:
            kind, key = self._titles[title]
            title = title.strip()
            size = len(title.split())
            cutoff = (90.0 if len(title) < 10 else 85.0) if fuzzy else 100.0
            # fans split and join words ("bath tub"), so try windows one word shorter and longer
            best: tuple[float, int, int] | None = None
            for width in {size, max(size - 1, 1), size + 1}:
                for start in range(0, max(limit - width + 1, 0)):
                    window = " ".join(words[start : start + width])
                    score = fuzz.ratio(window, title, score_cutoff=cutoff)
                    if score and (best is None or score > best[0]):
                        best = (score, start, width)
            if best is not None:
                score, start, width = best
                out.append(Mention(kind, key, start, start + width, score, score >= 99.5))
        return _drop_overlaps(out)


@dataclass(frozen=True, slots=True)
class _FoundMention:
    kind: Kind
    key: str
    score: float
    exact: bool
    secret: int | None = None

    def _replace_span(self, start: int, end: int) -> Mention:
        return Mention(self.kind, self.key, start, end, self.score, self.exact, self.secret)


def _drop_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Keep the longest, best mentions; a shorter one inside a longer one is dropped, while two
    readings of the very same span (an episode and a track of one title) are both kept."""
    ordered = sorted(mentions, key=lambda m: (-(m.end - m.start), -m.score))
    kept: list[Mention] = []
    for m in ordered:
        clash = [k for k in kept if m.start < k.end and k.start < m.end]
        if not clash or all(
            (k.start, k.end) == (m.start, m.end) and k.kind != m.kind for k in clash
        ):
            kept.append(m)
    return kept


def _a_real_word_for_another(gram: str, name: str) -> bool:
    """Whether a gram differs from a name of as many words by an everyday word where the name
    has another ("<her> after" is no slip for "<her> father"): a real word is no typo."""
    typed, meant = gram.split(), name.split()
    return len(typed) == len(meant) > 1 and any(
        t != m and t in COMMON_WORDS for t, m in zip(typed, meant, strict=True)
    )
