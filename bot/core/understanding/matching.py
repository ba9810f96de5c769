"""Matching a read question to what it asks: a kind of question or a fact (learnt from example
questions), and, when it describes rather than names something, the character, review or episode
it describes (learnt from their descriptions).

The matcher only scores. Deciding what to do with the scores (answer, ask back, decline) is the
answering stage's job, with the threshold and margin from `calibration.yaml`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from statistics import median

from bot.core.errors import KnowledgeInvalid, Problem
from bot.core.knowledge.model import KnowledgeBase
from bot.core.knowledge.richtext import RichText, to_plain
from bot.core.knowledge.yamlreader import load_yaml
from bot.core.understanding.classifier import Classifier, Labelled, Ranked, idf_of, with_shares
from bot.core.understanding.entities import Kind, Mention
from bot.core.understanding.reading import Reader, Reading
from bot.core.understanding.termcache import TermCache
from bot.core.understanding.text import (
    COMMON_ENGLISH,
    CONCEPTS,
    QUESTION_CONCEPTS,
    concept,
    normalize,
    stem,
)
from bot.core.understanding.vocabulary import vocabulary

__all__ = ["ANYONE", "Calibration", "Candidate", "Described", "Matcher", "calibration"]

CALIBRATION_FILE = Path(__file__).resolve().parent / "calibration.yaml"
ASKING_SHARE = 0.01
FOUND_READING = 0.95  # a reading found from a description counts a little less than a name
EVENTS_LIKE = 6  # the story events a question is compared with most closely
EVENTS_LIKED_KEPT = 256  # questions whose likeliest events are remembered
_SENTENCE = re.compile(r"(?<=[.!?;])\s+")
# role nouns that say only that someone is a person ("the guy"), as stems: they describe no one
ANYONE = frozenset(stem(w) for w in vocabulary().person_nouns | {"boy", "girl", "kid", "dude"})


@dataclass(frozen=True, slots=True)
class Calibration:
    """When a score is good enough: fitted on held-out examples by `devtools/calibrate.py`."""

    threshold: float  # below: not sure
    margin: float  # top two different answers closer than this: ambiguous
    # below the threshold, a kind is still sure from this score when the question names
    # exactly what it needs, nothing else, and asks with no word its examples never use
    anchored: float
    describe_min: float  # a description match must reach this...
    describe_margin: float  # ...and beat the next by this


@cache
def calibration(path: Path = CALIBRATION_FILE) -> Calibration:
    data = load_yaml(path.read_text(encoding="utf-8"))
    keys = ("threshold", "margin", "anchored", "describe_min", "describe_margin")
    if not isinstance(data, dict) or not all(
        isinstance(data.get(k), int | float) and 0 <= data[k] <= 1 for k in keys
    ):
        raise KnowledgeInvalid(
            [Problem(path.name, "", f"needs {', '.join(keys)}, each a number from 0 to 1")]
        )
    return Calibration(*(float(data[k]) for k in keys))


# How much the nearest examples' vote tempers likeness in the order of candidates: fitted on the
# held-out examples (0.05 answered 55.4% of them right at 95.2% declined right; 0.25, 54.1%)
VOTE_TEMPER = 0.05
UNTOLD_PREFIX = "gap:"  # the labels of what the sources never say (details fans ask for)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One way to answer: a label (kind name or "fact:<id>") for one reading, with its score."""

    label: str
    score: float  # how much the question looks like this (closest example's similarity)
    reading: Reading
    share: float = 0.0  # how clearly this rather than another label (nearest examples' vote)

    @property
    def rank_value(self) -> float:
        """Candidates are ordered by likeness tempered by the vote: of two labels about as like
        the question, the one more of its nearest examples belong to comes first."""
        return float(self.score * self.share**VOTE_TEMPER)


@dataclass(frozen=True, slots=True)
class Described:
    """The thing a question describes: a character id, a review's outlet or an episode number."""

    key: str
    score: float
    secret: int | None = None  # the episode revealing the description it was found by


def _generic(terms: frozenset[str]) -> frozenset[str]:
    """Terms without the particular names ("{character:some-id}"), keeping the slots."""
    return frozenset(t for t in terms if ":" not in t)


_KNOWN_FROM = frozenset({"from", "in", "on", "of"})


@cache
def _people_nouns() -> frozenset[str]:
    return vocabulary().person_nouns | vocabulary().role_nouns


def _names_as_known_from(words: Sequence[str], title: Sequence[str]) -> bool:
    """Whether the words name a title as where someone is known from: "from <title>", "in
    <title>", or "<title>" before a word for a person ("the <title> actress")."""
    size = len(title)
    if not size:
        return False
    people = _people_nouns()
    for at in range(len(words) - size + 1):
        if list(words[at : at + size]) != list(title):
            continue
        before = words[at - 1] if at else ""
        after = words[at + size] if at + size < len(words) else ""
        if before in _KNOWN_FROM or after in people:
            return True
    return False


def _sentences(text: RichText) -> list[str]:
    return [s for s in _SENTENCE.split(to_plain(text)) if s.strip()]


def _told(key: str, text: RichText) -> list[tuple[str, str]]:
    """(label, sentence) for each sentence of `text`: the label is `key`, with the episode that
    reveals the sentence after a "|" when it is a spoiler."""
    out: list[tuple[str, str]] = []
    for segment in text:
        label = key if segment.spoiler_from is None else f"{key}|{segment.spoiler_from}"
        out += [(label, s) for s in _SENTENCE.split(segment.text) if s.strip()]
    return out


def _identity(description: RichText) -> frozenset[str]:
    """The stems of a description's first sentence, and the role nouns fans use for them."""
    first = _SENTENCE.split(description[0].text)[0] if description else ""
    told = {stem(w) for w in normalize(first).split()}
    synonyms = vocabulary().role_synonyms
    told |= {stem(role) for role, said in synonyms.items() if told & {stem(w) for w in said}}
    return frozenset(told)


def _story_told(kb: KnowledgeBase) -> list[tuple[str, str]]:
    """(label, sentence) describing characters by the story: each event for everyone in it ("the
    nurse they find living rough") and each relation for the one it is about ("the guard"). The
    label carries the reveal when the sentence names someone the season only reveals later."""
    names = {c.id: c.name for c in kb.characters}
    out: list[tuple[str, str]] = []
    for event in kb.events:
        twist = f"|{event.spoiler_from}" if event.spoiler_from > event.episode else ""
        out += [(character + twist, event.text) for character in dict.fromkeys(event.characters)]
    for relation in kb.relations:
        if relation.who in names and relation.of in names:
            label = relation.label.replace("-", " ")
            twist = f"|{relation.spoiler_from}" if relation.spoiler_from > 1 else ""
            out.append(
                (relation.who + twist, f"{names[relation.who]}, {label} of {names[relation.of]}")
            )
    return out


class Matcher:
    """Scores readings against every kind and fact, and finds described things."""

    def __init__(
        self,
        kb: KnowledgeBase,
        reader: Reader,
        kind_examples: Sequence[tuple[str, str]],
        fact_examples: Sequence[tuple[str, str]],
        cache: TermCache | None = None,
    ) -> None:
        """Examples are (label, example question) pairs. Kinds are told apart by what is asked,
        whatever it is asked about ("who plays {character}"), so their classifier sees no names;
        facts are about particular things, so theirs does."""
        self.kb, self.reader = kb, reader
        self._cache = cache or TermCache(None, ())
        kinds = [Labelled(label, self._terms(text)) for label, text in kind_examples]
        labelled = [Labelled(label, self._terms(text)) for label, text in fact_examples]
        facts = [e for e in labelled if not e.label.startswith(UNTOLD_PREFIX)]
        self.kind_classifier = Classifier([Labelled(e.label, _generic(e.terms)) for e in kinds])
        # every word and name some example of a kind or fact asks with: a question using
        # others asks more than that kind or fact tells
        words_of: dict[str, set[str]] = {}
        for example in (*kinds, *facts):
            words_of.setdefault(example.label, set()).update(
                t for t in example.terms if not t.startswith("{") or ":" in t
            )
        self.label_words = {label: frozenset(words) for label, words in words_of.items()}
        self.fact_classifier = Classifier(facts)
        # What the sources never say has a classifier of its own: asking often for a missing
        # detail ("the mongoose's name") must not make its words less telling of what is there.
        self.untold_classifier = Classifier(
            [e for e in labelled if e.label.startswith(UNTOLD_PREFIX)]
        )
        characters = self._labelled(
            [
                *(told for c in kb.characters for told in _told(c.id, c.description)),
                *_story_told(kb),
            ]
        )
        reviews = self._labelled(
            (r.outlet, text)
            for r in (kb.reception.reviews if kb.reception else ())
            for text in (*_sentences(r.summary), r.quote, r.rating, r.verdict, r.critic)
            if text
        )
        episodes = self._labelled(
            told for e in kb.episodes for told in _told(str(e.number), e.synopsis)
        )
        # a word used by one way of asking in a hundred or more is a word of asking
        self._asking_idf = (
            math.log(
                (1 + self.kind_classifier.size) / (1 + ASKING_SHARE * self.kind_classifier.size)
            )
            + 1
        )
        self._characters = Classifier(characters, coverage=True)
        # what each character is first introduced as ("A police detective, ..."), with the words
        # fans use for it ("cop")
        self._role_nouns = vocabulary().role_nouns
        self._identities = {c.id: _identity(c.description) for c in kb.characters}
        self._events_liked: dict[tuple[frozenset[str], int], tuple[tuple[str, float], ...]] = {}
        # how fans ask about each story event: its telling and its example questions
        self._events = Classifier(
            self._labelled(
                (event.id, text)
                for event in kb.events
                for text in (event.text, *kb.event_examples.get(event.id, ()))
            )
        )
        # the titles people are known for, by their first word: (person id, title words)
        self._known_for: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for person in kb.people:
            for title in person.known_for:
                words = tuple(normalize(title).split())
                if words:
                    self._known_for.setdefault(words[0], []).append((person.id, words))
        self._reviews = Classifier(reviews, coverage=True)
        self._episodes = Classifier(episodes, coverage=True)
        # One vocabulary for how telling each word of a question is, over everything the season
        # can be asked about: ways of asking, and what characters, critics and episodes are like.
        everything = [*kinds, *facts, *characters, *reviews, *episodes]
        self.idf = idf_of(everything)
        # a word no example uses is as telling as the rarest one
        self.unknown_idf = max(self.idf.values(), default=1.0)
        reader.learn_vocabulary(self.idf)
        # A word that says little weighs like the middling word of the examples as written (the
        # median over every word used, so frequent question words count as often as they occur)
        used = [self.idf[t] for e in (*kinds, *facts) for t in e.terms]
        self.common_weight = median(used) if used else 1.0
        self.common_concepts = frozenset(concept(w) for w in COMMON_ENGLISH) - CONCEPTS
        self._cache.save()

    def _terms(self, text: str) -> frozenset[str]:
        return self._cache.terms(text, self.reader.example_terms)

    def _labelled(self, pairs: Iterable[tuple[str, str]]) -> list[Labelled]:
        return [Labelled(key, self._terms(text)) for key, text in pairs]

    # -- kinds and facts --------------------------------------------------------------------------

    def weights(self, reading: Reading) -> dict[str, float]:
        """How much each term of a question counts. Known terms weigh their IDF. A word no
        example uses is probably what the question is about ("budget"), so the first such rare
        word weighs like the rarest term; further unknown words, everyday English words and names
        no example uses add little each, so chatter around a clear question does not drown it."""
        weights: dict[str, float] = {}
        unknown_seen = False
        for term in sorted(Reader.terms(reading)):
            known = self.idf.get(term)
            if ":" in term:
                # A name says what the question is about, not what it asks: it may lead to a
                # fact about that thing, but no more than a middling word would.
                weights[term] = min(known or self.common_weight, self.common_weight)
            elif known is not None:
                weights[term] = (
                    min(known, self.common_weight) if term in self.common_concepts else known
                )
            elif term.startswith("{") or term in self.common_concepts or unknown_seen:
                weights[term] = self.common_weight
            else:
                weights[term] = self.unknown_idf
                unknown_seen = True
        return weights

    def rank(self, readings: Sequence[Reading], *, per_reading: int = 6) -> list[Candidate]:
        """The best labels of every reading, best first; a less literal reading counts less."""
        out: list[Candidate] = []
        for reading in readings:
            terms = Reader.terms(reading)
            weights = self.weights(reading)
            # Kinds are told apart by how a question asks, not by what it is about: a word the
            # season uses but no way of asking does ("aquarium", "disney") weighs on a kind no
            # more than a middling word, so it neither rules out the story's kinds nor lets a
            # kind that ignores it beat a fact that answers it. Words nothing uses weigh fully.
            asking = _generic(terms)
            kind_weights = {
                t: min(w, self.common_weight)
                if t not in self.kind_classifier.idf and t in self.idf
                else w
                for t, w in weights.items()
            }
            kinds, kind_neighbours = self.kind_classifier.search(
                asking, weights=kind_weights, top=per_reading
            )
            facts, fact_neighbours = self.fact_classifier.search(
                terms, weights=weights, top=per_reading
            )
            untold, untold_neighbours = self.untold_classifier.search(
                terms, weights=weights, top=per_reading
            )
            # one vote over the nearest examples of all, so shares compare across them
            ranked = with_shares(
                kinds[:per_reading] + facts[:per_reading] + untold[:per_reading],
                kind_neighbours + fact_neighbours + untold_neighbours,
            )
            out.extend(
                Candidate(r.label, r.score * reading.weight, reading, r.share) for r in ranked
            )
        out.sort(key=lambda c: -c.rank_value)
        return out

    def contained(self, candidate: Candidate) -> int:
        """How many terms the largest example of the candidate's label has that the question
        holds whole (0: none), however much else the question says."""
        terms = Reader.terms(candidate.reading)
        if candidate.label in self.kind_classifier.labels:
            return self.kind_classifier.contained(_generic(terms), candidate.label)
        return self._about_things(candidate.label).contained(terms, candidate.label)

    def covered(self, candidate: Candidate) -> bool:
        """Whether one example of the candidate's label holds every term of the question."""
        terms = Reader.terms(candidate.reading)
        if candidate.label in self.kind_classifier.labels:
            return self.kind_classifier.covers(_generic(terms), candidate.label)
        return self._about_things(candidate.label).covers(terms, candidate.label)

    def _about_things(self, label: str) -> Classifier:
        """The classifier of a label that is not a kind: a fact's, or what is never told."""
        return self.untold_classifier if label.startswith(UNTOLD_PREFIX) else self.fact_classifier

    # -- readings found rather than read ---------------------------------------------------------

    def relation_readings(self, first: Reading) -> list[Reading]:
        """The character a relation points at ("the hero's neighbor"), as a reading naming them."""
        return self._relation_readings(first)

    def described_readings(self, first: Reading, wanted: Collection[Kind]) -> list[Reading]:
        """Readings that name what the question only describes, for the kinds of thing `wanted`
        (what the likely answers need and the question does not name): the one character,
        episode or review whose description clearly fits ("the lawyer", "the one with the
        aquarium"). They count a little less than what the question says outright."""
        out: list[Reading] = []
        has = {m.kind for m in first.mentions}
        if Kind.CHARACTER in wanted and Kind.CHARACTER not in has:
            out += self._described(first, Kind.CHARACTER, self.character_described(first))
        if Kind.EPISODE in wanted and Kind.EPISODE not in has and not first.episodes:
            out += self._described(first, Kind.EPISODE, self.episode_described(first))
        if Kind.OUTLET in wanted and Kind.OUTLET not in has:
            out += self._described(first, Kind.OUTLET, self.review_described(first))
        if Kind.PERSON in wanted and Kind.PERSON not in has:
            out += self._described(first, Kind.PERSON, self.person_described(first))
        return out

    def person_described(self, reading: Reading) -> Described | None:
        """ "the guy from <another show>", "the <film> actress": the one person the season's
        sources say is known for a title the question names as where it knows them from."""
        words = reading.text.split()
        found = {
            person
            for word in set(words)
            for person, title in self._known_for.get(word, ())
            if _names_as_known_from(words, title)
        }
        return Described(found.pop(), 1.0) if len(found) == 1 else None

    @staticmethod
    def _described(reading: Reading, kind: Kind, found: Described | None) -> list[Reading]:
        if found is None:
            return []
        mention = Mention(kind, found.key, 0, 0, found.score * 100, False, found.secret)
        episodes = (int(found.key),) if kind is Kind.EPISODE else reading.episodes
        return [
            replace(
                reading,
                mentions=(*reading.mentions, mention),
                slots=reading.slots | {"{" + kind.value + "}"},
                specific=reading.specific | {"{" + kind.value + ":" + found.key + "}"},
                episodes=episodes,
                weight=reading.weight * FOUND_READING,
            )
        ]

    def _relation_readings(self, reading: Reading) -> list[Reading]:
        if reading.relation is None:
            return []
        anchor, noun = reading.relation
        words = vocabulary()
        wanted = {words.relation_synonyms.get(noun, noun)}
        # "kid": a son or a daughter
        wanted |= {label.replace("-", " ") for label in words.relation_labels.get(noun, ())}
        out: list[Reading] = []
        for relation in self.kb.relations:
            label = relation.label.replace("-", " ")
            if relation.of != anchor or not any(
                label == w or label.endswith(" " + w) for w in wanted
            ):
                continue
            # a tie that is itself revealed later ("her mom") makes the whole answer a spoiler
            secret = relation.spoiler_from if relation.spoiler_from > 1 else None
            mention = Mention(Kind.CHARACTER, relation.who, 0, 0, 100.0, False, secret)
            kept = tuple(m for m in reading.mentions if m.key != anchor)
            named = replace(
                reading,
                mentions=(*kept, mention),
                slots=reading.slots | {"{character}"},
                specific=reading.specific | {"{character:" + relation.who + "}"},
                relation=None,
            )
            out.append(named)
            # the relation noun is what "who is <her> mother" asks; beside other words asking
            # ("which actor portrays <her> mother") it is only the one they ask about
            rest = reading.concepts - {concept(noun)}
            if rest - QUESTION_CONCEPTS:
                out.append(replace(named, concepts=rest))
        return out[:4]

    # -- described things -----------------------------------------------------------------------

    def _clear_winner(
        self, classifier: Classifier, reading: Reading, among: Collection[str] | None = None
    ) -> Described | None:
        describing = self._describing(reading)
        # a thing's plain and revealing sentences are labelled apart: the best of each thing counts
        named = {m.key for m in reading.mentions}
        best_of: dict[str, Ranked] = {}
        for ranked in classifier.rank(describing, top=None if among else 8):
            key = ranked.label.partition("|")[0]
            if key not in best_of and key not in named and (among is None or key in among):
                best_of[key] = ranked
        if not best_of:
            return None
        cal = calibration()
        best, *others = best_of.values()
        second = others[0].score if others else 0.0
        if best.score < cal.describe_min or best.score - second < cal.describe_margin:
            return None
        key, _, revealed = best.label.partition("|")
        # found through a revealing sentence: naming what was found would confirm the reveal
        return Described(key, best.score, int(revealed) if revealed else None)

    def events_like(
        self, reading: Reading, top: int = EVENTS_LIKE
    ) -> tuple[tuple[str, float], ...]:
        """The story events the question is most like a way of asking about, as (event id,
        similarity of the closest of its examples), best first."""
        key = (Reader.terms(reading), top)
        found = self._events_liked.get(key)
        if found is None:
            ranked, _ = self._events.search(key[0], top=top)
            found = tuple((r.label, r.score) for r in ranked)
            if len(self._events_liked) >= EVENTS_LIKED_KEPT:
                self._events_liked.clear()  # bounded: questions come from outside
            self._events_liked[key] = found
        return found

    def character_described(
        self, reading: Reading, among: Collection[str] | None = None
    ) -> Described | None:
        """ "the guy who can heal people": the one character (of `among`, when given) whose
        description fits clearly."""
        found = self._clear_winner(self._characters, reading, among)
        if found is not None or among is not None:
            return found
        return self.introduced_as(reading)

    def introduced_as(self, reading: Reading) -> Described | None:
        """ "who plays the lawyer": when only a role describes them and many descriptions use
        the word, the one character the season first introduces as that ("A New York lawyer
        ...") is the one meant."""
        words = reading.text.split()
        roles = {stem(w) for w in words if w in self._role_nouns} - ANYONE
        if not roles or self._describing(reading) - {
            concept(w) for w in words if w in self._role_nouns
        }:
            return None
        named = {m.key for m in reading.mentions}
        fitting = [c for c, told in self._identities.items() if roles <= told and c not in named]
        return Described(fitting[0], 1.0) if len(fitting) == 1 else None

    def introduced_as_words(self, character_id: str) -> frozenset[str]:
        """The stems of what the season first introduces a character as, and the role nouns
        fans use for that ("a police detective": also "cop")."""
        return self._identities.get(character_id, frozenset())

    def _describing(self, reading: Reading) -> set[str]:
        """The question's terms that describe: not those most ways of asking use ("who",
        "plays", "title"), which every description would otherwise have to cover."""
        return {
            t
            for t in Reader.terms(reading) - reading.slots
            if self.kind_classifier.idf.get(t, math.inf) >= self._asking_idf
            and t not in self.common_concepts  # "wait what" describes no one who waits
        }

    def review_described(self, reading: Reading) -> Described | None:
        """ "the critic who called it slow": the one review that fits clearly."""
        return self._clear_winner(self._reviews, reading)

    def episode_described(self, reading: Reading) -> Described | None:
        """ "the one with the aquarium": the one episode whose synopsis fits clearly."""
        return self._clear_winner(self._episodes, reading)
