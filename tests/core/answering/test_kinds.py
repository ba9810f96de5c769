"""The registry of question kinds: validated on load, every problem named by file and key."""

from __future__ import annotations

from typing import Any

import pytest

from bot.core.answering.dispatch import BUILDERS
from bot.core.answering.kinds import Does, load_kinds, parse_kinds
from bot.core.errors import KnowledgeInvalid

FIVE = ["a", "b", "c", "d", "e"]


def _roles() -> dict[str, Any]:
    return {
        "off_topic": {"does": "off_topic"},
        "chatter": {"does": "chatter"},
        "clarify": {"does": "clarify"},
        "unknown": {"does": "not_sure"},
    }


def _examples() -> dict[str, Any]:
    return {"off_topic": FIVE, "chatter": FIVE}


def _problems(kinds: dict[str, Any], examples: dict[str, Any]) -> list[str]:
    with pytest.raises(KnowledgeInvalid) as caught:
        parse_kinds({"kinds": {**_roles(), **kinds}}, {**_examples(), **examples}, BUILDERS)
    return [str(p) for p in caught.value.problems]


def test_the_shipped_registry_loads_and_every_answering_kind_has_a_builder() -> None:
    kinds = load_kinds(frozenset(BUILDERS))
    answering = [k for k in kinds if k.does is Does.ANSWER]
    assert len(answering) >= 30
    assert all(k.build in BUILDERS for k in answering)
    assert sum(len(k.examples) for k in kinds) >= 2000


def test_every_problem_is_reported_with_its_file_and_key() -> None:
    problems = _problems(
        {
            "episode.director": {"needs": ["episode"], "build": "no_such_builder", "colour": 1},
            "Bad Name": {"build": "episode"},
            "episode.runtime": {"does": "decline", "build": "episode"},
            "cast.list": {"build": "cast_list", "question": "Who plays {character}?"},
        },
        {"episode.director": ["who directed {epsiode}", *FIVE], "not.declared": FIVE},
    )
    text = "\n".join(problems)
    assert "kinds.yaml: kinds.episode.director.build: names no builder" in text
    assert "kinds.yaml: kinds.episode.director.colour: unknown key" in text
    assert "kinds.yaml: kinds.Bad Name: a kind name is lower-case words" in text
    assert "kinds.yaml: kinds.episode.runtime.build: only kinds that answer have a builder" in text
    assert "kinds.yaml: kinds.cast.list.question: uses" in text
    assert "examples.yaml: episode.director[0]: unknown placeholder(s) ['epsiode']" in text
    assert "examples.yaml: not.declared: is not a declared kind" in text
    assert "examples.yaml: cast.list: give at least 5 example questions" in text


def test_each_fallback_role_is_played_by_exactly_one_kind() -> None:
    with pytest.raises(KnowledgeInvalid) as caught:
        parse_kinds({"kinds": {"x": {"does": "chatter"}}}, {"x": FIVE}, BUILDERS)
    text = "\n".join(str(p) for p in caught.value.problems)
    assert "exactly one kind must do off_topic (found 0)" in text


def test_a_verb_of_the_making_typed_with_a_slip_still_blocks_a_story_cue() -> None:
    """ "who directd <an episode>" asks about the making, as "who directed" does."""
    who_did = next(k for k in load_kinds(BUILDERS) if k.aspect == "who_did")
    assert who_did.cued_at(["who", "directed", "the", "finale"]) is None
    assert who_did.cued_at(["who", "directd", "the", "finale"]) is None
    assert who_did.cued_at(["who", "kills", "her"]) == 0


def test_a_real_word_is_no_slip_for_a_verb_of_the_making() -> None:
    """ "who starts ..." asks who starts something, not who stars in it."""
    who_did = next(k for k in load_kinds(BUILDERS) if k.aspect == "who_did")
    assert who_did.cued_at(["who", "starts", "seeing", "things"]) == 0


def test_which_and_a_role_asks_who() -> None:
    """ "which cop believes her" asks who does, as "who" would; "which actor plays <her>" and
    "which doctor who episode" do not."""
    registry = load_kinds(BUILDERS)
    assert [k.aspect for k in registry.cued("which cop believes her")][:1] == ["who_did"]
    assert "who_did" not in {k.aspect for k in registry.cued("which actor plays her")}
    assert "who_did" not in {k.aspect for k in registry.cued("which doctor who episode is best")}


def test_a_cue_s_star_stands_for_any_one_word_and_a_literal_cue_wins_a_tie() -> None:
    """ "what secret does <he> find out" is cued like "what does <he> find out"; "what episode
    does" stays the episode's cue."""
    registry = load_kinds(BUILDERS)
    what_did = next(k for k in registry if k.aspect == "what_did")
    assert what_did.cued_at("what secret does he find out".split()) == 0
    assert what_did.cued_at("what the does he".split()) is None  # a small word is no "*"
    cued = registry.cued("what episode does she quit")
    assert cued[0].aspect == "episode"
