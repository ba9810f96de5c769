"""The generic vocabulary questions are read with, loaded from `vocabulary.yaml` beside this file,
and word commonness from `data/common_words.txt` (generated from word-frequency data).

Both are package data: generic English and TV words only, validated on load.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from bot.core.errors import KnowledgeInvalid, Problem
from bot.core.knowledge.yamlreader import load_yaml

__all__ = ["Vocabulary", "common_words", "vocabulary"]

HERE = Path(__file__).resolve().parent
VOCABULARY_FILE = HERE / "vocabulary.yaml"
COMMON_WORDS_FILE = HERE / "data" / "common_words.txt"


@dataclass(frozen=True, slots=True)
class Vocabulary:
    slang: dict[str, str]
    number_words: dict[str, int]
    ordinals: dict[str, int]
    stopwords: frozenset[str]
    kept_question_words: frozenset[str]
    filler: frozenset[str]
    concepts: dict[str, tuple[str, ...]]
    question_concepts: frozenset[str]
    relation_nouns: frozenset[str]
    relation_synonyms: dict[str, str]
    relation_labels: dict[str, tuple[str, ...]]  # a fan's word -> the relation labels it means
    person_nouns: frozenset[str]
    # person nouns that say how the one described is referred to: "the guy" is no "she"
    nouns_by_pronoun: dict[str, frozenset[str]]
    role_nouns: frozenset[str]
    role_synonyms: dict[str, tuple[str, ...]]  # a role noun -> words a description may use
    age_modifiers: frozenset[str]
    scene_nouns: frozenset[str]
    asking_verbs: frozenset[str]
    talking_to_others: tuple[str, ...]  # phrases
    asking_the_room: tuple[str, ...]  # phrases
    room_askers: tuple[str, ...]  # phrases: "can someone" ...
    telling_verbs: tuple[str, ...]  # phrases: ... "list": the room asked to tell a fact
    opinion_words: frozenset[str]
    opinion_verbs: frozenset[str]
    view_holders: frozenset[str]
    vocatives: frozenset[str]
    trailing_laughter: frozenset[str]
    whole_story_words: frozenset[str]
    flashback_words: frozenset[str]  # "the flashback episode": the one showing years before
    suggestion_openers: tuple[str, ...]  # phrases
    interjections: tuple[str, ...]  # phrases
    chat_openers: frozenset[str]
    naming_words: frozenset[str]
    named_nouns: frozenset[str]
    amount_questions: tuple[str, ...]  # phrases
    year_questions: tuple[str, ...]  # phrases
    time_questions: tuple[str, ...]  # phrases
    occupation_questions: tuple[str, ...]  # phrases
    occupation_nouns: frozenset[str]
    duration_questions: tuple[str, ...]  # phrases
    crew_roles: tuple[str, ...]  # phrases
    thwarted_words: frozenset[str]
    duration_units: frozenset[str]
    fate_words: frozenset[str]
    episode_end_words: frozenset[str]
    episode_start_words: frozenset[str]
    list_last_words: frozenset[str]  # "the last track", "the closing song"
    list_first_words: frozenset[str]  # "the opening track" ("first" is an ordinal)
    listing_words: frozenset[str]  # the words for an item of a list ("track", "song")
    other_work_words: frozenset[str]  # asking for someone's other work ("what else", "known for")
    making_concepts: frozenset[str]  # the show's making ("direct"): no story question's words
    other_work_alone: frozenset[str]  # of those, the ones asking it with no title named ("else")
    source_material_words: frozenset[str]  # the books a show is adapted from ("comics")
    measure_nouns: frozenset[str]


def _words(raw: Any, key: str, problems: list[Problem]) -> frozenset[str]:
    if not isinstance(raw, str) or not raw.split():
        problems.append(Problem(VOCABULARY_FILE.name, key, "must be words separated by spaces"))
        return frozenset()
    return frozenset(raw.split())


def _phrases(raw: Any, key: str, problems: list[Problem]) -> tuple[str, ...]:
    if not isinstance(raw, str) or not raw.strip():
        problems.append(Problem(VOCABULARY_FILE.name, key, "must be phrases, one per line"))
        return ()
    return tuple(line.strip() for line in raw.splitlines() if line.strip())


def _mapping(raw: Any, key: str, value_type: type, problems: list[Problem]) -> dict[str, Any]:
    if not isinstance(raw, dict) or not all(
        isinstance(k, str) and isinstance(v, value_type) for k, v in raw.items()
    ):
        problems.append(
            Problem(VOCABULARY_FILE.name, key, f"must map words to {value_type.__name__}s")
        )
        return {}
    return dict(raw)


def parse_vocabulary(data: Any) -> Vocabulary:
    """A validated `Vocabulary`; raises `KnowledgeInvalid` listing every problem."""
    problems: list[Problem] = []
    if not isinstance(data, dict):
        raise KnowledgeInvalid([Problem(VOCABULARY_FILE.name, "", "must be a mapping")])
    groups = _mapping(data.get("concepts"), "concepts", str, problems)
    vocabulary = Vocabulary(
        slang=_mapping(data.get("slang"), "slang", str, problems),
        number_words=_mapping(data.get("number_words"), "number_words", int, problems),
        ordinals=_mapping(data.get("ordinals"), "ordinals", int, problems),
        stopwords=_words(data.get("stopwords"), "stopwords", problems),
        kept_question_words=_words(
            data.get("kept_question_words"), "kept_question_words", problems
        ),
        filler=_words(data.get("filler"), "filler", problems),
        concepts={name: tuple(words.split()) for name, words in groups.items()},
        question_concepts=_words(data.get("question_concepts"), "question_concepts", problems),
        relation_nouns=_words(data.get("relation_nouns"), "relation_nouns", problems),
        relation_synonyms=_mapping(
            data.get("relation_synonyms"), "relation_synonyms", str, problems
        ),
        relation_labels={
            word: tuple(labels.split())
            for word, labels in _mapping(
                data.get("relation_labels"), "relation_labels", str, problems
            ).items()
        },
        person_nouns=_words(data.get("person_nouns"), "person_nouns", problems),
        nouns_by_pronoun=_nouns_by_pronoun(data.get("nouns_by_pronoun"), problems),
        role_nouns=_words(data.get("role_nouns"), "role_nouns", problems),
        role_synonyms={
            word: tuple(words.split())
            for word, words in _mapping(
                data.get("role_synonyms"), "role_synonyms", str, problems
            ).items()
        },
        age_modifiers=_words(data.get("age_modifiers"), "age_modifiers", problems),
        scene_nouns=_words(data.get("scene_nouns"), "scene_nouns", problems),
        asking_verbs=_words(data.get("asking_verbs"), "asking_verbs", problems),
        talking_to_others=_phrases(data.get("talking_to_others"), "talking_to_others", problems),
        asking_the_room=_phrases(data.get("asking_the_room"), "asking_the_room", problems),
        room_askers=_phrases(data.get("room_askers"), "room_askers", problems),
        telling_verbs=_phrases(data.get("telling_verbs"), "telling_verbs", problems),
        opinion_words=_words(data.get("opinion_words"), "opinion_words", problems),
        opinion_verbs=_words(data.get("opinion_verbs"), "opinion_verbs", problems),
        view_holders=_words(data.get("view_holders"), "view_holders", problems),
        vocatives=_words(data.get("vocatives"), "vocatives", problems),
        trailing_laughter=_words(data.get("trailing_laughter"), "trailing_laughter", problems),
        whole_story_words=_words(data.get("whole_story_words"), "whole_story_words", problems),
        flashback_words=_words(data.get("flashback_words"), "flashback_words", problems),
        suggestion_openers=_phrases(data.get("suggestion_openers"), "suggestion_openers", problems),
        interjections=_phrases(data.get("interjections"), "interjections", problems),
        chat_openers=_words(data.get("chat_openers"), "chat_openers", problems),
        naming_words=_words(data.get("naming_words"), "naming_words", problems),
        named_nouns=_words(data.get("named_nouns"), "named_nouns", problems),
        amount_questions=_phrases(data.get("amount_questions"), "amount_questions", problems),
        year_questions=_phrases(data.get("year_questions"), "year_questions", problems),
        time_questions=_phrases(data.get("time_questions"), "time_questions", problems),
        occupation_questions=_phrases(
            data.get("occupation_questions"), "occupation_questions", problems
        ),
        occupation_nouns=_words(data.get("occupation_nouns"), "occupation_nouns", problems),
        duration_questions=_phrases(data.get("duration_questions"), "duration_questions", problems),
        crew_roles=_phrases(data.get("crew_roles"), "crew_roles", problems),
        duration_units=_words(data.get("duration_units"), "duration_units", problems),
        thwarted_words=_words(data.get("thwarted_words"), "thwarted_words", problems),
        fate_words=_words(data.get("fate_words"), "fate_words", problems),
        episode_end_words=_words(data.get("episode_end_words"), "episode_end_words", problems),
        episode_start_words=_words(
            data.get("episode_start_words"), "episode_start_words", problems
        ),
        list_last_words=_words(data.get("list_last_words"), "list_last_words", problems),
        list_first_words=_words(data.get("list_first_words"), "list_first_words", problems),
        listing_words=_words(data.get("listing_words"), "listing_words", problems),
        other_work_words=_words(data.get("other_work_words"), "other_work_words", problems),
        other_work_alone=_words(data.get("other_work_alone"), "other_work_alone", problems),
        making_concepts=_words(data.get("making_concepts"), "making_concepts", problems),
        source_material_words=_words(
            data.get("source_material_words"), "source_material_words", problems
        ),
        measure_nouns=_words(data.get("measure_nouns"), "measure_nouns", problems),
    )
    unknown = (
        vocabulary.question_concepts
        - set(vocabulary.concepts)
        - {
            "why",
            "first",
            "last",
        }
    )
    if unknown:
        problems.append(
            Problem(
                VOCABULARY_FILE.name,
                "question_concepts",
                f"names no concept group: {', '.join(sorted(unknown))}",
            )
        )
    unmade = vocabulary.making_concepts - set(vocabulary.concepts)
    if unmade:
        problems.append(
            Problem(
                VOCABULARY_FILE.name,
                "making_concepts",
                f"names no concept group: {', '.join(sorted(unmade))}",
            )
        )
    unroled = set(vocabulary.role_synonyms) - vocabulary.role_nouns
    if unroled:
        problems.append(
            Problem(
                VOCABULARY_FILE.name,
                "role_synonyms",
                f"names no role noun: {', '.join(sorted(unroled))}",
            )
        )
    if problems:
        raise KnowledgeInvalid(problems)
    return vocabulary


@cache
def vocabulary() -> Vocabulary:
    """The shipped vocabulary (read once per process)."""
    return parse_vocabulary(load_yaml(VOCABULARY_FILE.read_text(encoding="utf-8")))


@cache
def common_words(top: int | None = None) -> frozenset[str]:
    """Everyday English words: the `top` most frequent (all of the file's by default)."""
    lines = COMMON_WORDS_FILE.read_text(encoding="utf-8").splitlines()
    words = [w for w in lines if w and not w.startswith("#")]
    return frozenset(words[:top] if top is not None else words)


def _nouns_by_pronoun(value: object, problems: list[Problem]) -> dict[str, frozenset[str]]:
    """`nouns_by_pronoun`: a pronoun (he, she) and the nouns that refer to someone so."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        problems.append(
            Problem(VOCABULARY_FILE.name, "nouns_by_pronoun", "must map a pronoun to words")
        )
        return {}
    return {
        str(pronoun): _words(words, f"nouns_by_pronoun.{pronoun}", problems)
        for pronoun, words in value.items()
    }
