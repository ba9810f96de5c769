"""Reading a question: its episode numbers, the names it uses and the concepts around them.

A question is normalized, its episode numbers and names are found (`entities`), and the rest is
reduced to concepts (`text.concept`). A name that can mean several things (a shared surname, a
title shared by an episode and a song, the show's own name) gives several readings; the matcher
scores each and the caller asks which one was meant when the best two are close.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.core.knowledge.model import KnowledgeBase
from bot.core.knowledge.verbs import verb_vocabulary
from bot.core.understanding.entities import EntityIndex, Kind, Mention, find_episode_numbers
from bot.core.understanding.text import (
    COMMON_ENGLISH,
    NUMBER_WORDS,
    ORDINALS,
    QUESTION_CONCEPTS,
    STOPWORDS,
    VOCABULARY_WORDS,
    concept,
    normalize,
    stem,
)
from bot.core.understanding.vocabulary import vocabulary

__all__ = ["THIS_SEASON", "VERB", "Reader", "Reading", "without_season_words"]

# Question words that carry meaning even though they are stop words elsewhere.
_KEEP = vocabulary().kept_question_words
# A negation is part of what is asked ("who didnt come back"), except when it tells how the
# asker wants the answer ("dont spoil it", "not past ep 9") or of the asker ("i dont get why")
_NOT = "not"
_SPOIL = "spoil"
_BOUNDS = frozenset({"further", "past", "beyond", "after", "more"})
_ASKER = frozenset({"i", "we"})
_IN_THE_SHOW = frozenset({"in", "on"})  # "who was <she> in <the show>": the show, not its hero
_KNOWING = frozenset({"know", "knows", "knew"})
_TIED = concept("related")


def _knows_someone(words: list[str], mentions: Sequence[Mention]) -> bool:
    """ "how does <she> know <him>": a question how one character knows another asks how they
    are tied, though "know" alone is only chat ("anyone know ...")."""
    if words[:1] != ["how"]:
        return False
    characters = [m for m in mentions if m.kind is Kind.CHARACTER]
    return any(
        word in _KNOWING
        and any(m.end <= at for m in characters)
        and any(m.start == at + 1 for m in characters)  # not "know about <him>"
        for at, word in enumerate(words)
    )


# Chat filler that says nothing about what is asked.
_FILLER = vocabulary().filler
_FILLER_CONCEPTS = frozenset(concept(w) for w in _FILLER) - QUESTION_CONCEPTS
SHOW_NAME_READING = 0.9  # reading the show's name as the show, not as its title character
_PLACEHOLDER = re.compile(r"\{(episode|character|person|track|outlet)\}")
_TRACK_NUMBER = re.compile(r"\b(?:track|song)\s*(?:no\s*|number\s*|#\s*)?0?(\d{1,2})\b")
_SEASON_WORDS = re.compile(
    r"\b(?:season|seasons|series)\s+(\d{1,2}|" + "|".join(NUMBER_WORDS) + r")\b"
    r"|\b(" + "|".join(ORDINALS) + r")\s+(?:season|series)\b|\bs(\d{1,2})\b(?!\s?e\s?\d)"
)


# Nouns that describe someone by their tie to another character.
RELATIONS = vocabulary().relation_nouns
_PERSON_NOUNS = vocabulary().person_nouns
_AGE_MODIFIERS = vocabulary().age_modifiers
THIS_SEASON = "thisseason"  # stands for any name of the season being asked about
VERB = "{verb}"  # stands for any verb of the story's events
# Words that point at an episode by position; a typo in one would lose the episode.
_EPISODE_WORDS = ("finale", "premiere", "episode", "penultimate")
_STORY_VERBS = frozenset(
    stem(form) for forms in verb_vocabulary().forms.values() for form in forms if " " not in form
)


# "seaosn 2", "sesaon two": a word one slip from "season" before a number means it
_NEAR_SEASON_WORD = re.compile(
    r"\b(s[a-z]{4,6})(?=\s+(?:\d{1,2}|" + "|".join(NUMBER_WORDS) + r")\b)"
)


def _mend_season_words(text: str) -> str:
    def mend(match: re.Match[str]) -> str:
        word = match[1]
        return "season" if OSA.distance(word, "season", score_cutoff=1) <= 1 else word

    return _NEAR_SEASON_WORD.sub(mend, text)


def without_season_words(text: str) -> str:
    """A normalized text without the words naming a season ("s2", "season two"): they say which
    season is asked about, not what about it."""
    return _SEASON_WORDS.sub(" ", text)


def _season_word(match: re.Match[str], this_season: int, others: list[int]) -> str:
    """'season 2' -> the sentinel; 'season 3' -> noted in `others` and dropped."""
    raw = match[1] or match[2] or match[3]
    number = int(raw) if raw.isdigit() else NUMBER_WORDS.get(raw) or ORDINALS.get(raw, 0)
    if number and number != this_season:
        others.append(number)
        return f" season{number} "  # kept as a word: facts about that season use it too
    return f" {THIS_SEASON} "


def _not_asked(words: list[str], at: int) -> bool:
    """Whether the "not" at `at` says nothing of what is asked (see `_NOT`)."""
    after = words[at + 1 : at + 3]
    if any(w.startswith(_SPOIL) for w in after) or set(after[:1]) & _BOUNDS:
        return True
    return bool(_ASKER & set(words[max(0, at - 2) : at]))


@dataclass(frozen=True, slots=True)
class Reading:
    """One way of understanding a question (or one part of it)."""

    text: str  # normalized
    concepts: frozenset[str]
    slots: frozenset[str]  # generic: "{episode}", "{character}" ...
    specific: frozenset[str]  # "{character:<id>}", "{episode:3}"
    mentions: tuple[Mention, ...]
    episodes: tuple[int, ...]
    bad_episode: bool = False  # an episode number outside the season
    other_season: int | None = None
    unknown: tuple[str, ...] = ()  # words nothing in the knowledge base uses
    weight: float = 1.0  # less than 1 for a less literal reading
    # "the hero's neighbor": the character named and the relation noun that follows it
    relation: tuple[str, str] | None = None
    # ids of mentions whose words are also the show's own name ("when did <the show> come
    # out"): named, but perhaps not asked about
    maybe_the_show: frozenset[str] = frozenset()

    def entity(self, kind: Kind) -> str | None:
        for mention in self.mentions:
            if mention.kind is kind:
                return mention.key
        return None

    def all_of(self, kind: Kind) -> list[str]:
        return list(dict.fromkeys(m.key for m in self.mentions if m.kind is kind))

    @property
    def on_topic(self) -> bool:
        """Whether the question names something of the season, or the season itself ("s2")."""
        return bool(
            self.mentions
            or self.episodes
            or self.bad_episode
            or self.other_season
            or THIS_SEASON in self.text.split()
        )


class Reader:
    """Reads questions of one season: its episode numbers, names and the concepts around them."""

    def __init__(self, kb: KnowledgeBase, index: EntityIndex) -> None:
        self.kb, self.index = kb, index
        self.show_names = {normalize(n) for n in (kb.season.show, *kb.season.show_aliases)}
        season_aliases = sorted(
            {normalize(a) for a in (kb.season.title, *kb.season.aliases)} - {""},
            key=len,
            reverse=True,
        )
        # one alternation, longest names first, instead of a pass per name
        self._season_names = (
            re.compile(r"\b(?:" + "|".join(map(re.escape, season_aliases)) + r")\b")
            if season_aliases
            else None
        )
        self.vocabulary: frozenset[str] | None = None  # set by `learn_vocabulary`
        self._vocab_by_initial: dict[str, list[str]] = defaultdict(list)
        self._fix_typo = lru_cache(maxsize=16384)(self._fix_typo_uncached)

    def _mend(self, word: str) -> str:
        """A word read as what it was meant to be: an episode word with a typo ("finalle"), or
        a name with its possessive typed without the apostrophe ("oscars kid")."""
        if word in self.index.by_text or len(word) < 4 or not word.isalpha():
            return word
        if word.endswith("s") and word[:-1] in self.index.by_text:
            return word[:-1]
        if word in _EPISODE_WORDS or word in STOPWORDS or word in VOCABULARY_WORDS:
            return word
        mended = process.extractOne(word, _EPISODE_WORDS, scorer=fuzz.ratio, score_cutoff=83.0)
        return mended[0] if mended is not None else word

    def learn_vocabulary(self, terms: Iterable[str]) -> None:
        """The concepts examples use: from now on a misspelt question word is repaired towards
        one of their real word forms ("dirctor" -> "director"), never towards a stem."""
        self.vocabulary = frozenset(terms)
        known_forms = {w for w in self.vocabulary | VOCABULARY_WORDS if "{" not in w}
        for word in sorted(w for w in known_forms if len(w) >= 4 and concept(w) in self.vocabulary):
            self._vocab_by_initial[word[0]].append(word)
        self._fix_typo.cache_clear()

    @staticmethod
    def without_chat(reading: Reading) -> Reading | None:
        """The reading without the chat around the question ("quick q", "guys", "tbh"), or None
        when it has none: chat weighs on every match, and a question is matched both ways."""
        chat = reading.concepts & _FILLER_CONCEPTS
        if not chat or chat == reading.concepts:
            return None
        return replace(reading, concepts=reading.concepts - chat)

    @staticmethod
    def terms(reading: Reading) -> frozenset[str]:
        """What a reading offers a classifier: its concepts, slots and the names it uses."""
        return reading.concepts | reading.slots | reading.specific

    def example_terms(self, text: str) -> frozenset[str]:
        """The terms of an example question, its {placeholders} read as slots."""
        slots = frozenset("{" + m + "}" for m in _PLACEHOLDER.findall(text))
        reading = self.read(_PLACEHOLDER.sub(" ", text), readings=1, fuzzy=False)[0]
        return self.terms(reading) | slots

    def read(self, question: str, *, readings: int = 8, fuzzy: bool = True) -> list[Reading]:
        """The readings of one question, most literal first (at most `readings`)."""
        text = normalize(question)
        season = self.kb.season
        # A sentinel word, so "season 2 4 out of 5" cannot re-form as "season 4".
        if self._season_names is not None:
            text = self._season_names.sub(f" {THIS_SEASON} ", text)
        others: list[int] = []
        text = _mend_season_words(text)
        text = _SEASON_WORDS.sub(lambda m: _season_word(m, season.number, others), text)
        text = " ".join(self._mend(word) for word in text.split())
        other_season = others[0] if others else None
        refs = find_episode_numbers(
            text, season.episode_count, season.first_overall_episode, season.number
        )
        other_season = next((r.other_season for r in refs if r.other_season), other_season)
        episodes = tuple(dict.fromkeys(r.number for r in refs if r.number is not None))
        bad_episode = any(r.number is None and r.other_season is None for r in refs)
        for ref in sorted(refs, key=lambda r: -r.start):
            text = text[: ref.start] + " " + text[ref.end :]
        if episodes and other_season is None:
            # "ep 1 of s2": the season only says whose episode it is
            text = " ".join(w for w in text.split() if w != THIS_SEASON)
        tracks: list[str] = []
        if self.kb.soundtrack:
            tracks = [m[1] for m in _TRACK_NUMBER.finditer(text)]
            text = _TRACK_NUMBER.sub(" song ", text)
        words = text.split()
        mentions = self.index.find(words, fuzzy=fuzzy)
        spans = {i for m in mentions for i in range(m.start, m.end)}
        concepts, unknown = self._concepts(words, spans)
        if _knows_someone(words, mentions):
            concepts.add(_TIED)  # "how does <she> know <him>": how they are tied
        # "what happened in the <title> ep": the word "episode" beside a title is part of it
        # (unless it is all the question says besides: "<title> ep?" asks about the episode)
        titled = {
            i
            for m in mentions
            if m.kind is Kind.EPISODE
            for i in (m.start - 1, m.end)
            if 0 <= i < len(words) and words[i] == "episode"
        }
        if titled and concepts - {"episode"}:
            spans |= titled
            concepts, unknown = self._concepts(words, spans)
        # Each mention with several meanings (a shared alias, a title shared by two things, the
        # show's own name) multiplies the readings; keep the first few.
        groups: dict[tuple[int, int], list[Mention | None]] = {}
        show_spans: set[tuple[int, int]] = set()
        show_first: set[tuple[int, int]] = set()
        season_named = False
        for m in mentions:
            groups.setdefault((m.start, m.end), []).append(m)
        for (start, end), options in groups.items():
            followed_by_season = end < len(words) and words[end] == THIS_SEASON
            # "<the show's name>'s mother": a relation is the character's, never the show's
            followed_by_relation = end < len(words) and words[end] in RELATIONS
            if followed_by_relation:
                continue
            # "episode 14 of <the show>": after "of" (not "the mother of"), the show first
            of_the_show = (
                start >= 1
                and words[start - 1] == "of"
                and (start < 2 or words[start - 2] not in RELATIONS)
            ) or (
                # "when was <she> cast in <the show>": the show, closing the question
                start >= 1 and words[start - 1] in _IN_THE_SHOW and end == len(words)
            )
            if (of_the_show or followed_by_season) and " ".join(
                words[start:end]
            ) in self.show_names:
                show_first.add((start, end))  # "<the show> season 2" is the show first
                season_named |= followed_by_season
            if " ".join(words[start:end]) in self.show_names or (
                followed_by_season and any(m.kind is Kind.CHARACTER for m in options if m)
            ):
                options.append(None)  # the show itself ("jj season 2"), not the character
                show_spans.add((start, end))
        track_mentions = tuple(Mention(Kind.TRACK, n, 0, 0, 100.0, True) for n in tracks)
        combos = list(itertools.islice(itertools.product(*groups.values()), readings))
        combos += self._actor_readings(words, mentions)
        related = self._related(words, mentions)
        out = []
        for combo in combos:
            chosen = tuple(m for m in combo if m is not None) + track_mentions
            show_reading = None in combo
            reading_concepts, reading_unknown = concepts, unknown
            if any(
                m.kind is Kind.PERSON and m.start not in {x.start for x in mentions} for m in chosen
            ):  # an actor reading: its phrase is no longer loose words
                covered = {i for m in chosen for i in range(m.start, m.end)}
                reading_concepts, reading_unknown = self._concepts(words, covered | spans)
            slots = {"{" + m.kind.value + "}" for m in chosen}
            specific = {"{" + m.kind.value + ":" + m.key + "}" for m in chosen}
            if episodes:
                slots.add("{episode}")
                specific |= {"{episode:" + str(n) + "}" for n in episodes}
            if related and not show_reading:
                # "the hero's neighbor": the question is about someone else, described by their
                # relation to the named character; the name only narrows down who, so it is no
                # slot to fill (but still a name the answer may mention).
                slots = {"{" + m.kind.value + "}" for m in chosen if m is not related[0]}
                if episodes:
                    slots.add("{episode}")
            out.append(
                Reading(
                    text=text,
                    concepts=frozenset(reading_concepts | ({"season"} if show_reading else set())),
                    slots=frozenset(slots),
                    specific=frozenset(specific),
                    mentions=chosen,
                    episodes=episodes,
                    bad_episode=bad_episode,
                    other_season=other_season,
                    unknown=tuple(reading_unknown),
                    weight=(
                        SHOW_NAME_READING if show_reading != bool(show_first & show_spans) else 1.0
                    ),
                    relation=(
                        (related[0].key, related[1])
                        if related is not None and not show_reading
                        else None
                    ),
                    maybe_the_show=frozenset(
                        m.key for m in chosen if (m.start, m.end) in show_spans
                    ),
                )
            )
        if out:
            if season_named:
                # "<the show> season 2": the show, before its title character
                out.sort(key=lambda r: -r.weight)
            return out
        slots = {"{track}"} if track_mentions else set()
        if episodes:
            slots.add("{episode}")
        specific = {"{episode:" + str(n) + "}" for n in episodes}
        return [
            Reading(
                text,
                frozenset(concepts),
                frozenset(slots),
                frozenset(specific),
                track_mentions,
                episodes,
                bad_episode,
                other_season,
                tuple(unknown),
            )
        ]

    def _related(self, words: list[str], mentions: list[Mention]) -> tuple[Mention, str] | None:
        """A character named only as the anchor of a relation, and the relation's noun: "the
        hero's neighbor", "the hero's little boy"."""
        for m in mentions:
            if m.kind is not Kind.CHARACTER:
                continue
            after = words[m.end : m.end + 2]
            if after[:1] and (after[0] in _AGE_MODIFIERS or after[0] in NUMBER_WORDS):
                after = after[1:]  # "<his> little boy", "<her> younger brother", "<her> two"
            if after[:1] and after[0] in RELATIONS:
                return m, after[0]
            if after[:1] and after[0].endswith("s") and after[0][:-1] in RELATIONS:
                return m, after[0][:-1]  # "<her> moms name": a possessive typed without "'"
        return None

    def _actor_readings(
        self, words: list[str], mentions: list[Mention]
    ) -> list[tuple[Mention | None, ...]]:
        """'the actress who plays X' also means that actress: a reading naming the actor."""
        out: list[tuple[Mention | None, ...]] = []
        for m in mentions:
            if m.kind is not Kind.CHARACTER or m.start < 3:
                continue
            noun, pronoun, verb = words[m.start - 3 : m.start]
            if noun in _PERSON_NOUNS and pronoun in ("who", "that") and concept(verb) == "play":
                character = self.kb.character(m.key)
                actors = character.played_by if character else ()
                others = tuple(o for o in mentions if o is not m)
                for actor in actors:
                    out.append(
                        (*others, Mention(Kind.PERSON, actor, m.start - 3, m.end, m.score, m.exact))
                    )
        return out

    def _concepts(self, words: list[str], spans: set[int]) -> tuple[set[str], list[str]]:
        concepts: set[str] = set()
        if any(i not in spans and stem(w) in _STORY_VERBS for i, w in enumerate(words)):
            # Something happening to someone ("who smashes", "who kidnapped"): one marker links
            # every verb of the story, so a question about an event no example names is still
            # recognised as a question about what someone did.
            concepts.add(VERB)
        unknown: list[str] = []
        vocabulary = self.vocabulary
        for i, word in enumerate(words):
            if i in spans or (word in STOPWORDS and word not in _KEEP):
                continue
            if word == _NOT and _not_asked(words, i):
                continue
            if word == "episode":
                concepts.add("episode")
                continue
            if word.isdigit() and len(word) < 3:
                continue
            c = concept(word)
            if vocabulary is not None and c not in vocabulary:
                fixed = self._fix_typo(word)
                if fixed is None:
                    unknown.append(word)
                    concepts.add(c)
                    continue
                c = fixed
            concepts.add(c)
        return concepts, unknown

    def _fix_typo_uncached(self, word: str) -> str | None:
        """A misspelt question word, if it is close to one the knowledge base uses.

        Typos keep their first letter far more often than not; demanding it keeps real but
        unknown words ("edited") from being read as known ones ("credited")."""
        if len(word) < 4 or not word.isalpha() or word in COMMON_ENGLISH:
            return None
        candidates = self._vocab_by_initial.get(word[0], [])
        if len(word) == 4:  # too short to judge by edits: only a cut-off word ("scor")
            stub = next((c for c in candidates if c.startswith(word) and len(c) == 5), None)
            return concept(stub) if stub else None
        best = process.extractOne(word, candidates, scorer=fuzz.ratio, score_cutoff=86.0)
        if best is None:
            # an inflection no example spells ("direced" for "directed"): by its stem
            stemmed = stem(word)
            if len(stemmed) < 5 or stemmed == word:
                return None
            best = process.extractOne(stemmed, candidates, scorer=fuzz.ratio, score_cutoff=86.0)
            if best is None:
                return None
        return concept(best[0])
