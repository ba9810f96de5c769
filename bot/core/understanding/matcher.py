"""Turning a question into readings, and scoring every answerable thing against each reading.

A question is normalized, its episode numbers and names are found (`entities`), and the rest is
reduced to concepts (`text.concept`). Every intent and every fact of the knowledge base is a
document of "asks" reduced the same way. A reading is scored against each ask by IDF-weighted
overlap (recall of the question, precision of the ask); the best-scoring document wins.

A name that can mean several things (a shared surname, a title shared by an episode and a song, the show's
own name) gives several readings; when the best two are close and mean different things, the
caller asks which one was meant.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

from rapidfuzz import fuzz, process

from bot.core.knowledge.model import KnowledgeBase
from bot.core.knowledge.richtext import to_plain
from bot.core.understanding.entities import EntityIndex, Kind, Mention, find_episode_numbers
from bot.core.understanding.text import (
    COMMON_ENGLISH,
    CONCEPTS,
    NUMBER_WORDS,
    ORDINALS,
    QUESTION_CONCEPTS,
    STOPWORDS,
    VOCABULARY_WORDS,
    concept,
    normalize,
)
from bot.core.understanding.vocabulary import vocabulary

__all__ = ["Doc", "Matcher", "Reading", "Scored"]

# Question words that carry meaning even though they are stop words elsewhere.
_KEEP = vocabulary().kept_question_words
# Chat filler that says nothing about what is asked.
_FILLER = vocabulary().filler
SLOT_WEIGHT = 2.6  # a question naming an episode or a character is mostly about it
SPECIFIC_WEIGHT = 1.6  # naming the very thing a fact is about
KEYWORD_FACTOR = 0.8  # a fact's keywords count a little less than its asks
BETA2 = 1.0  # F-measure balance between explaining the question and matching the ask
SHOW_NAME_READING = 0.9  # reading the show's name as the show, not as its title character
DECLINE_FACTOR = 0.97  # on a tie, an answer beats "my sources don't say"
UNRELATED_FACT = 0.85
SUGGESTION_MIN = 0.3  # below this a document is not even worth suggesting
EPISODE_COVERAGE = 0.6  # share of what the question describes an episode's synopsis must cover
EPISODE_MARGIN = 0.15  # ...and by how much more than any other episode
COMMON_NAME_SHARE = 0.15
# Found by the words of a description, not by how fans ask: on a tie, an intent or fact wins.
DESCRIBED_KINDS = frozenset({"episode", "character", "review"})
DESCRIBED_FACTOR = 0.92
_PLACEHOLDER = re.compile(r"\{(episode|character|person|track|outlet)\}")
_TRACK_NUMBER = re.compile(r"\b(?:track|song)\s*(?:no\s*|number\s*|#\s*)?0?(\d{1,2})\b")
_SEASON_WORDS = re.compile(
    r"\b(?:season|seasons|series)\s+(\d{1,2}|" + "|".join(NUMBER_WORDS) + r")\b"
    r"|\b(" + "|".join(ORDINALS) + r")\s+(?:season|series)\b|\bs(\d{1,2})\b(?!\s?e\s?\d)"
)


# Nouns that describe someone by their tie to another character.
RELATIONS = vocabulary().relation_nouns
_PERSON_NOUNS = vocabulary().person_nouns
THIS_SEASON = "thisseason"  # stands for any name of the season being asked about


def _season_word(match: re.Match[str], this_season: int, others: list[int]) -> str:
    """'season 2' -> the sentinel; 'season 3' -> noted in `others` and dropped."""
    raw = match[1] or match[2] or match[3]
    number = int(raw) if raw.isdigit() else NUMBER_WORDS.get(raw) or ORDINALS.get(raw, 0)
    if number and number != this_season:
        others.append(number)
        return f" season{number} "  # kept as a word: facts about that season use it too
    return f" {THIS_SEASON} "


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

    def entity(self, kind: Kind) -> str | None:
        for mention in self.mentions:
            if mention.kind is kind:
                return mention.key
        return None

    def all_of(self, kind: Kind) -> list[str]:
        return list(dict.fromkeys(m.key for m in self.mentions if m.kind is kind))

    @property
    def on_topic(self) -> bool:
        return bool(self.mentions or self.episodes or self.bad_episode or self.other_season)


@dataclass(slots=True)
class _Ask:
    concepts: frozenset[str]
    slots: frozenset[str]
    specific: frozenset[str]
    total: float = 0.0  # the ask's own weight, set once the IDF is known


_GENERIC_SLOTS = frozenset({"{episode}", "{character}", "{person}", "{track}", "{outlet}"})
# Question words alone ("who is in it") say too little to stand for an ask on their own.
_SAY_ENOUGH = frozenset({"how_many", "long", "watch"})


def _specific(ask: _Ask) -> bool:
    # "where can I watch it" and "how many episodes" still say what is wanted; "who is in it" does not.
    return bool(ask.slots or ask.specific or ask.concepts - (QUESTION_CONCEPTS - _SAY_ENOUGH))


@dataclass(slots=True)
class Doc:
    """Something the bot can answer: an intent (kind "intent") or a fact (kind "fact")."""

    name: str  # intent name, or fact id
    kind: str
    intent: str  # the intent reported for it ("fact.production" for a fact)
    asks: list[_Ask] = field(default_factory=list)
    keywords: frozenset[str] = frozenset()
    keyword_specific: frozenset[str] = frozenset()
    strict_slots: bool = True
    # everything any ask or keyword uses, for a cheap upper bound before full scoring
    all_terms: frozenset[str] = frozenset()

    @property
    def vocabulary(self) -> set[str]:
        out = set(self.keywords)
        for ask in self.asks:
            out |= ask.concepts
        return out


@dataclass(frozen=True, slots=True)
class Scored:
    doc: Doc
    score: float
    reading: Reading


class KindLike(Protocol):
    """What the matcher needs to know of a kind of question (declared in the answering stage)."""

    @property
    def name(self) -> str: ...
    @property
    def asks(self) -> tuple[str, ...]: ...
    @property
    def answerable(self) -> bool: ...


class Matcher:
    """Scores readings of a question against every intent and fact of one season."""

    def __init__(self, kb: KnowledgeBase, index: EntityIndex, kinds: Sequence[KindLike]) -> None:
        self.kb, self.index = kb, index
        self._declines = frozenset(k.name for k in kinds if not k.answerable)
        self.show_names = {normalize(kb.season.show)}
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
        self.docs: list[Doc] = []
        for spec in kinds:
            doc = Doc(spec.name, "intent", spec.name)
            doc.asks = [a for a in (self._ask(t, strict=True) for t in spec.asks) if _specific(a)]
            self.docs.append(doc)
        for fact in kb.facts:
            doc = Doc(fact.id, "fact", f"fact.{fact.topic}", strict_slots=False)
            asks = (self._ask(t, strict=False) for t in (*fact.asks, fact.title))
            doc.asks = [a for a in asks if _specific(a)]
            keyword_reading = self.read(" ".join(fact.keywords), readings=1, fuzzy=False)[0]
            doc.keywords = keyword_reading.concepts
            doc.keyword_specific = keyword_reading.specific
            self.docs.append(doc)
        # The words of intents and facts decide how telling a word is; the documents below are
        # searched by what they describe and must not shift that.
        primary = list(self.docs)
        described = self._described_docs(kb)
        # Synopses are searched only by `episode_by_events`, when an episode is asked for: in the
        # general ranking, "which episode..." alone would match every one of them.
        self._episode_docs = [d for d in described if d.kind == "episode"]
        self.docs += [d for d in described if d.kind != "episode"]
        self.vocabulary: set[str] = set().union(*(d.vocabulary for d in self.docs))
        # Typos are repaired towards real word forms ("dirctor" -> "director"), not stems.
        self._vocab_by_initial: dict[str, list[str]] = defaultdict(list)
        known_forms = {w for w in self.vocabulary | VOCABULARY_WORDS if "{" not in w}
        for word in sorted(w for w in known_forms if len(w) >= 4 and concept(w) in self.vocabulary):
            self._vocab_by_initial[word[0]].append(word)
        df = Counter(c for d in primary for c in d.vocabulary)
        total = len(primary)
        self.idf = {c: math.log((total + 1) / (n + 0.5)) for c, n in df.items()}
        # A word no document uses is as telling as the rarest word: a question about the budget
        # must not be answered by the document that merely shares its "how much".
        self.unknown_weight = max(self.idf.values(), default=1.0)
        ordered = sorted(self.idf.values())
        self.common_weight = ordered[len(ordered) // 2] if ordered else 1.0
        self.common_concepts = frozenset(concept(w) for w in COMMON_ENGLISH) - CONCEPTS
        self._fix_typo = lru_cache(maxsize=16384)(self._fix_typo_uncached)
        episode_df = Counter(t for d in self._episode_docs for t in d.keywords | d.keyword_specific)
        count = len(self._episode_docs)
        # a word in every synopsis tells episodes apart no better than a word in none
        self._episode_idf = {t: math.log(count / n) for t, n in episode_df.items() if n < count}
        self._prepare()

    def _described_docs(self, kb: KnowledgeBase) -> list[Doc]:
        """Things found by what they describe: "which episode does X happen", "the guy who can
        heal people", "which critic called it slow"."""
        docs: list[Doc] = []

        def described(
            name: str, kind: str, intent: str, asks: tuple[str, ...], text: str, own: str = ""
        ) -> None:
            doc = Doc(name, kind, intent, strict_slots=False)
            doc.asks = [a for a in (self._ask(t, strict=False) for t in asks) if _specific(a)]
            words = self.read(text, readings=1, fuzzy=False)[0]
            doc.keywords = words.concepts
            doc.keyword_specific = words.specific | ({own} if own else set())
            docs.append(doc)

        for episode in kb.episodes:  # searched by their words only (`episode_by_events`)
            described(
                f"episode:{episode.number}",
                "episode",
                "episode.plot",
                (),
                to_plain(episode.synopsis),
            )
        for character in kb.characters:
            described(
                f"character:{character.id}",
                "character",
                "character.info",
                ("who is the character", "what is the name of the guy", "who was it"),
                to_plain(character.description),
            )
        if kb.reception:
            for review in kb.reception.reviews:
                who = review.critic or review.outlet
                asks = (
                    f"{review.outlet} review",
                    f"what did {who} say",
                    "which critic said",
                    f"who gave it {review.rating}" if review.rating else "which critic",
                )
                text = " ".join(
                    filter(
                        None,
                        [to_plain(review.summary), review.quote, review.rating, review.verdict],
                    )
                )
                described(f"review:{review.outlet}", "review", "reception.review", asks, text)
        return docs

    # -- reading ----------------------------------------------------------------------------------

    def _ask(self, text: str, *, strict: bool) -> _Ask:
        slots = frozenset("{" + m + "}" for m in _PLACEHOLDER.findall(text))
        reading = self.read(_PLACEHOLDER.sub(" ", text), readings=1, fuzzy=False)[0]
        if strict:
            return _Ask(reading.concepts, slots, frozenset())
        return _Ask(reading.concepts, reading.slots | slots, reading.specific)

    def read(self, question: str, *, readings: int = 8, fuzzy: bool = True) -> list[Reading]:
        """The readings of one question, most literal first (at most `readings`)."""
        text = normalize(question)
        season = self.kb.season
        # A sentinel word, so "season 2 4 out of 5" cannot re-form as "season 4".
        if self._season_names is not None:
            text = self._season_names.sub(f" {THIS_SEASON} ", text)
        others: list[int] = []
        text = _SEASON_WORDS.sub(lambda m: _season_word(m, season.number, others), text)
        other_season = others[0] if others else None
        refs = find_episode_numbers(
            text, season.episode_count, season.first_overall_episode, season.number
        )
        other_season = next((r.other_season for r in refs if r.other_season), other_season)
        episodes = tuple(dict.fromkeys(r.number for r in refs if r.number is not None))
        bad_episode = any(r.number is None and r.other_season is None for r in refs)
        for ref in sorted(refs, key=lambda r: -r.start):
            text = text[: ref.start] + " " + text[ref.end :]
        tracks: list[str] = []
        if self.kb.soundtrack:
            tracks = [m[1] for m in _TRACK_NUMBER.finditer(text)]
            text = _TRACK_NUMBER.sub(" song ", text)
        words = text.split()
        mentions = self.index.find(words, fuzzy=fuzzy)
        spans = {i for m in mentions for i in range(m.start, m.end)}
        concepts, unknown = self._concepts(words, spans)
        # Each mention with several meanings (a shared alias, a title shared by two things, the
        # show's own name) multiplies the readings; keep the first few.
        groups: dict[tuple[int, int], list[Mention | None]] = {}
        for m in mentions:
            groups.setdefault((m.start, m.end), []).append(m)
        for (start, end), options in groups.items():
            followed_by_season = end < len(words) and words[end] == THIS_SEASON
            if " ".join(words[start:end]) in self.show_names or (
                followed_by_season and any(m.kind is Kind.CHARACTER for m in options if m)
            ):
                options.append(None)  # the show itself ("jj season 2"), not the character
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
                slots = {"{" + m.kind.value + "}" for m in chosen if m is not related}
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
                    weight=SHOW_NAME_READING if show_reading else 1.0,
                )
            )
        if out:
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

    def _related(self, words: list[str], mentions: list[Mention]) -> Mention | None:
        """A character named only as the anchor of a relation: "the hero's neighbor"."""
        for m in mentions:
            if m.kind is Kind.CHARACTER and m.end < len(words) and words[m.end] in RELATIONS:
                return m
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
        unknown: list[str] = []
        vocabulary = getattr(self, "vocabulary", None)
        for i, word in enumerate(words):
            if i in spans or word in _FILLER or (word in STOPWORDS and word not in _KEEP):
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
            return None
        return concept(best[0])

    # -- scoring ----------------------------------------------------------------------------------

    def weight(self, c: str) -> float:
        known = self.idf.get(c)
        if c in self.common_concepts:  # everyday words say little, however rare in the knowledge
            return min(known if known is not None else self.common_weight, self.common_weight)
        return known if known is not None else self.unknown_weight

    def question_weights(self, reading: Reading) -> dict[str, float]:
        """How much each concept of the question counts. One unknown word counts fully (it is
        probably what the question is about); more unknown words add only a little each, so
        chatter around a clear question ("i read somewhere...") does not drown it."""
        weights: dict[str, float] = {}
        unknown_seen = False
        for c in sorted(reading.concepts):
            w = self.weight(c)
            if c not in self.idf and c not in self.common_concepts:
                if unknown_seen:
                    w = self.common_weight
                unknown_seen = True
            weights[c] = w
        return weights

    def _prepare(self) -> None:
        """Weights of every ask, and which documents each concept, slot or name appears in."""
        self.postings: dict[str, list[int]] = defaultdict(list)
        for number, doc in enumerate(self.docs):
            terms: set[str] = set(doc.keywords) | set(doc.keyword_specific)
            for ask in doc.asks:
                ask.total = (
                    sum(self.weight(c) for c in ask.concepts)
                    + SLOT_WEIGHT * len(ask.slots)
                    + SPECIFIC_WEIGHT * len(ask.specific)
                )
                terms |= ask.concepts | ask.slots | ask.specific
            doc.all_terms = frozenset(terms)
            for term in terms:
                # A fact's generic slots are soft: looking facts up by "{character}" would fetch
                # every fact naming anyone. They are found by concepts and by the names they use.
                if doc.kind == "fact" and term in _GENERIC_SLOTS:
                    continue
                self.postings[term].append(number)

    def score(self, reading: Reading, doc: Doc, q_weights: dict[str, float] | None = None) -> float:
        """How well `doc` answers `reading`, 0..1 (F-measure of IDF-weighted overlap)."""
        q_concepts, r_slots, r_specific = reading.concepts, reading.slots, reading.specific
        if q_weights is None:
            q_weights = self.question_weights(reading)
        q_total = sum(q_weights.values()) + SLOT_WEIGHT * len(r_slots)
        if q_total <= 0:
            return 0.0
        weight_of = q_weights.__getitem__
        keyword_hits = (q_concepts & doc.keywords) - self.common_concepts  # keywords must tell
        specific_keyword_hits = r_specific & doc.keyword_specific
        best = 0.0
        keywords_alone_done = False
        for ask in doc.asks:
            if (doc.strict_slots and not ask.slots <= r_slots) or ask.total <= 0:
                continue
            shared = q_concepts & ask.concepts
            slot_hits = len(r_slots & ask.slots)
            specific_in_ask = r_specific & ask.specific
            if not shared and not slot_hits and not specific_in_ask:
                # Matched on keywords alone: the same for every such ask, so worked out once.
                if keywords_alone_done:
                    continue
                keywords_alone_done = True
            hit_ask = (
                sum(map(weight_of, shared))
                + SLOT_WEIGHT * slot_hits
                + SPECIFIC_WEIGHT * len(specific_in_ask)
            )
            extra_specific = len(specific_keyword_hits - ask.specific)
            hit_q = (
                hit_ask
                + KEYWORD_FACTOR * sum(map(weight_of, keyword_hits - shared))
                + SPECIFIC_WEIGHT * extra_specific
            )
            if hit_q <= 0:
                continue
            recall = min(
                1.0, hit_q / (q_total + SPECIFIC_WEIGHT * (len(specific_in_ask) + extra_specific))
            )
            precision = min(1.0, hit_ask / ask.total)
            if precision <= 0:
                precision = 0.35 * recall  # matched on keywords alone
            f = (1 + BETA2) * precision * recall / (BETA2 * precision + recall)
            if f > best:
                best = f
        return best

    @staticmethod
    def _unrelated(reading: Reading, doc: Doc) -> bool:
        """Whether the question names something this fact never mentions: nothing it names at
        all, or not the episode it names (an episode is the most precise thing to name)."""
        if not reading.specific:
            return False
        episodes = {t for t in reading.specific if t.startswith("{episode:")}
        if episodes:
            return not episodes & doc.all_terms
        return not reading.specific & doc.all_terms

    def episode_by_events(self, reading: Reading) -> tuple[Doc, float] | None:
        """The one episode whose synopsis best covers what the question describes ("which
        episode does X die in"), when one clearly does; None when none or several fit."""
        asked = (reading.concepts - QUESTION_CONCEPTS - {"episode", "season"}) | reading.specific
        weights = {t: self._episode_idf.get(t, 0.0) for t in asked}
        total = sum(weights.values())
        if total <= 0:
            return None
        scores = sorted(
            (
                (
                    sum(w for t, w in weights.items() if t in d.keywords or t in d.keyword_specific)
                    / total,
                    d,
                )
                for d in self._episode_docs
            ),
            key=lambda pair: -pair[0],
        )
        best, doc = scores[0]
        second = scores[1][0] if len(scores) > 1 else 0.0
        if best < EPISODE_COVERAGE or best - second < EPISODE_MARGIN:
            return None
        return doc, best

    def _discriminating_terms(self, reading: Reading, q_weights: dict[str, float]) -> list[str]:
        """The terms worth looking documents up by: a document sharing only the lightest
        quarter of the question's weight cannot reach a useful score, so it is never scored."""
        total = sum(q_weights.values()) + SLOT_WEIGHT * len(reading.slots)
        light, skipped = sorted(q_weights, key=q_weights.__getitem__), 0.0
        # A name almost every document mentions (the title character) finds nothing in
        # particular; when the question also has a slot, the intents are found through it.
        common = len(self.docs) * COMMON_NAME_SHARE
        specific = [
            t
            for t in reading.specific
            if not reading.slots or len(self.postings.get(t, ())) <= common
        ]
        terms = list(reading.slots) + specific
        for term in light:
            skipped += q_weights[term]
            if skipped / max(total, 1e-9) >= 0.25:
                terms.append(term)
        return terms

    def _bound(
        self, reading: Reading, doc: Doc, q_weights: dict[str, float], q_total: float
    ) -> float:
        """An upper bound of `score` (F <= 2R/(1+R) with R from everything the doc uses)."""
        terms = doc.all_terms
        hit = sum(w for c, w in q_weights.items() if c in terms)
        hit += SLOT_WEIGHT * len(reading.slots & terms)
        specific = len(reading.specific & terms)
        recall = min(
            1.0, (hit + SPECIFIC_WEIGHT * specific) / (q_total + SPECIFIC_WEIGHT * specific)
        )
        return 2 * recall / (1 + recall) * reading.weight * self._doc_factor(doc)

    def _doc_factor(self, doc: Doc) -> float:
        """What every score of this document is multiplied by, whatever the question."""
        factor = DECLINE_FACTOR if doc.intent in self._declines else 1.0
        return factor * (DESCRIBED_FACTOR if doc.kind in DESCRIBED_KINDS else 1.0)

    def rank(
        self, readings: list[Reading], *, within: float = 0.06, only: str | None = None
    ) -> list[Scored]:
        """The (reading, doc) pairs worth considering, best first: every pair within `within`
        of the best, and at least the best few above 0.2 (for suggestions)."""
        queue: list[tuple[float, int, Reading, dict[str, float]]] = []
        for reading in readings:
            q_weights = self.question_weights(reading)
            q_total = sum(q_weights.values()) + SLOT_WEIGHT * len(reading.slots)
            if q_total <= 0:
                continue
            candidates: set[int] = set()
            for term in self._discriminating_terms(reading, q_weights):
                candidates.update(self.postings.get(term, ()))
            for number in candidates:
                if only is not None and self.docs[number].kind != only:
                    continue
                bound = self._bound(reading, self.docs[number], q_weights, q_total)
                if bound > 0.2:
                    queue.append((bound, number, reading, q_weights))
        queue.sort(key=lambda item: (-item[0], item[1]))
        scored: list[Scored] = []
        best = 0.0
        for bound, number, reading, q_weights in queue:
            if bound < best - within and (len(scored) >= 3 or bound < SUGGESTION_MIN):
                break  # nothing left can matter: neither a rival nor a suggestion
            doc = self.docs[number]
            s = self.score(reading, doc, q_weights) * reading.weight * self._doc_factor(doc)
            if doc.kind == "fact" and self._unrelated(reading, doc):
                s *= UNRELATED_FACT
            if s > 0.2:
                scored.append(Scored(doc, s, reading))
                best = max(best, s)
        scored.sort(key=lambda s: -s.score)
        return scored
