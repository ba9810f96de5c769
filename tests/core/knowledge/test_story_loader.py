"""The story part of a season (events, relations, fates): loaded, and every mistake reported at once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.core.errors import KnowledgeInvalid
from bot.core.knowledge.loader import load_knowledge
from bot.core.knowledge.verbs import verb_vocabulary
from tests.conftest import FIXTURES, KNOWLEDGE_ROOT

_REL = "relations:\n  - "
_FATE = "fates:\n  - "
MINI = FIXTURES / "knowledge" / "harbor-lights-s1"


def _problems_with(tmp_path: Path, story: str) -> list[str]:
    folder = tmp_path / "harbor-lights-s1"
    shutil.copytree(MINI, folder)
    (folder / "story.yaml").write_text(story)
    with pytest.raises(KnowledgeInvalid) as caught:
        load_knowledge(folder)
    return [str(p) for p in caught.value.problems]


def _event(**fields: object) -> str:
    base: dict[str, object] = {
        "id": "e1",
        "episode": 1,
        "spoiler_from": 1,
        "who": "[mara-quinn]",
        "did": "find",
        "text": "Mara finds a note.",
        "source": "a",
    }
    base.update(fields)
    body = ", ".join(f"{k}: {v}" for k, v in base.items())
    return f"events:\n  - {{{body}}}\n"


def test_the_fixture_season_loads_its_story() -> None:
    kb = load_knowledge(MINI)
    assert [e.id for e in kb.events][:2] == ["mara-sees-the-light", "keeper-rescues-mara"]
    assert kb.relations[0].label == "father"
    assert kb.relations[0].since == 1
    assert kb.fates[0].fate == "leaves"


def test_a_relation_may_say_how_the_tie_came_about(tmp_path: Path) -> None:
    folder = tmp_path / "harbor-lights-s1"
    shutil.copytree(MINI, folder)
    story = (folder / "story.yaml").read_text()
    story = story.replace(
        "is: father, of: mara-quinn,", "is: father, of: mara-quinn, how: by adoption,"
    )
    (folder / "story.yaml").write_text(story)
    relation = load_knowledge(folder).relations[0]
    assert (relation.label, relation.how) == ("father", "by adoption")
    assert load_knowledge(MINI).relations[0].how is None


def test_the_shipped_story_uses_known_verbs_only() -> None:
    kb = load_knowledge(KNOWLEDGE_ROOT / "jessica-jones-s2")
    verbs = verb_vocabulary()
    assert len(kb.events) > 200
    assert all(e.did in verbs for e in kb.events)
    assert all(e.spoiler_from >= e.episode for e in kb.events)


@pytest.mark.parametrize(
    ("story", "expected"),
    [
        (
            _event(who="[nobody-here]"),
            "story.yaml: events[0].who[0]: no character with id 'nobody-here'",
        ),
        (_event(whom="[ghost]"), "events[0].whom[0]: no character with id 'ghost'"),
        (
            _event(episode=7, spoiler_from=7),
            "events[0].episode: episode 7 is not an episode (1..3)",
        ),
        (_event(spoiler_from=9), "spoiler_from 9 is not an episode (1..3)"),
        (_event(did="teleport"), "events[0].did: unknown verb 'teleport'"),
        (
            _event(episode=3, spoiler_from=2),
            "events[0].spoiler_from: spoiler_from 2 is before the episode 3",
        ),
        (_event(source="zz"), "unknown source 'zz'"),
        (_event(id="Bad Id"), "events[0].id: ids are lower-case words joined by dashes"),
        (_event(text="'a || b'"), "text must not contain '||'"),
        (_event(mood="grim"), "events[0].mood: unknown key 'mood'"),
        (_event(backstory="maybe"), "events[0].backstory: expected true or false"),
        (_event(flashback="maybe"), "events[0].flashback: expected true or false"),
        (_event() + _event().replace("events:\n", ""), "duplicate event id 'e1'"),
        (
            _REL
            + "{who: tom-quinn, is: father, of: nobody, from: 1, spoiler_from: 2, source: a}\n",
            "relations[0].of: no character with id 'nobody'",
        ),
        (
            _REL
            + "{who: tom-quinn, is: Father Of, of: mara-quinn, from: 1, spoiler_from: 2, source: a}\n",
            "relations[0].is: a relation is lower-case words joined by dashes",
        ),
        (
            _REL
            + "{who: tom-quinn, is: father, of: tom-quinn, from: 1, spoiler_from: 2, source: a}\n",
            "a character cannot be related to themselves",
        ),
        (
            _REL
            + "{who: tom-quinn, is: father, of: mara-quinn, from: 3, spoiler_from: 2, source: a}\n",
            "relations[0].spoiler_from: spoiler_from 2 is before the episode it is true from, 3",
        ),
        (
            _REL
            + "{who: tom-quinn, is: father, of: mara-quinn, from: 5, spoiler_from: 5, source: a}\n",
            "relations[0].from: episode 5 is not an episode (1..3)",
        ),
        (
            _FATE
            + "{who: tom-quinn, fate: vanishes, episode: 3, spoiler_from: 3, text: x, source: a}\n",
            "fates[0].fate: 'vanishes' is not one of",
        ),
        (
            _FATE
            + "{who: tom-quinn, fate: dies, episode: 3, by: [nemo], spoiler_from: 3, text: x, source: a}\n",
            "fates[0].by[0]: no character with id 'nemo'",
        ),
        (
            _FATE
            + "{who: tom-quinn, fate: dies, episode: 3, spoiler_from: 2, text: x, source: a}\n",
            "fates[0].spoiler_from: spoiler_from 2 is before the episode 3",
        ),
        (
            _FATE + "{who: tom-quinn, fate: dies, episode: 3, spoiler_from: 3, source: a}\n",
            "fates[0].text: is required",
        ),
    ],
)
def test_each_story_mistake_is_reported_with_file_and_path(story: str, expected: str) -> None:
    problems = _problems_with_tmp(story)
    assert any(expected in p for p in problems), problems


def test_every_story_problem_is_reported_together(tmp_path: Path) -> None:
    story = _event(who="[ghost]", did="teleport", episode=3, spoiler_from=2)
    problems = _problems_with(tmp_path, story)
    text = "\n".join(problems)
    for expected in (
        "no character with id 'ghost'",
        "unknown verb 'teleport'",
        "is before the episode 3",
    ):
        assert expected in text
    assert all(p.startswith("story.yaml: events[0]") for p in problems)


_TMP: list[Path] = []


@pytest.fixture(autouse=True)
def _tmp(tmp_path: Path) -> None:
    _TMP[:] = [tmp_path]


def _problems_with_tmp(story: str) -> list[str]:
    return _problems_with(_TMP[0], story)


def test_event_examples_must_name_known_events(tmp_path: Path) -> None:
    story = _event() + "event_examples:\n  e1: [what does mara find]\n  e9: [who is e9]\n"
    problems = _problems_with(tmp_path, story)
    assert any("event_examples.e9: no event has the id 'e9'" in p for p in problems), problems


def test_event_examples_load_beside_their_events(tmp_path: Path) -> None:
    folder = tmp_path / "harbor-lights-s1"
    shutil.copytree(MINI, folder)
    (folder / "story.yaml").write_text(
        _event() + "event_examples:\n  e1: [what does mara find, mara found what??]\n"
    )
    kb = load_knowledge(folder)
    assert kb.event_examples == {"e1": ("what does mara find", "mara found what??")}


def test_every_shipped_event_has_example_questions() -> None:
    kb = load_knowledge(KNOWLEDGE_ROOT / "jessica-jones-s2")
    assert {e.id for e in kb.events} == set(kb.event_examples)
    assert all(len(asked) >= 2 for asked in kb.event_examples.values())


def test_kin_verbs_are_verbs_of_the_vocabulary() -> None:
    verbs = verb_vocabulary()
    assert verbs.kin, "verbs.yaml lists which verbs are kin"
    for verb, kins in verbs.kin.items():
        assert verb in verbs
        assert all(k in verbs for k in kins), verb
    assert verbs.with_kin({"die"}) >= {"die", "kill"}


@pytest.mark.parametrize(
    ("gaps", "expected"),
    [
        ("gaps:\n  - {id: boat-name, says: the boat's name}\n", "gaps[0].asks: is required"),
        ("gaps:\n  - {id: Boat Name, says: x, asks: [q]}\n", "gaps[0].id: ids are lower-case"),
        (
            "gaps:\n  - {id: b, says: x, about: [nemo], asks: [q]}\n",
            "gaps[0].about[0]: no character",
        ),
        (
            "gaps:\n  - {id: b, says: x, spoiler_from: 9, asks: [q]}\n",
            "gaps[0].spoiler_from: spoiler_from 9 is not an episode",
        ),
        (
            "gaps:\n  - {id: b, says: x, asks: [q]}\n  - {id: b, says: y, asks: [r]}\n",
            "duplicate gap id",
        ),
        ("gaps:\n  - {id: b, says: x, asks: [q], colour: red}\n", "gaps[0].colour"),
    ],
)
def test_each_gap_mistake_is_reported_with_file_and_path(gaps: str, expected: str) -> None:
    problems = _problems_with_tmp(gaps)
    assert any(expected in p for p in problems), problems


def test_gaps_load_with_what_they_say(tmp_path: Path) -> None:
    folder = tmp_path / "harbor-lights-s1"
    shutil.copytree(MINI, folder)
    (folder / "story.yaml").write_text(
        "gaps:\n  - {id: boat-name, says: the name of Tom's boat, about: [tom-quinn],"
        " spoiler_from: 2, asks: [whats toms boat called]}\n"
    )
    (gap,) = load_knowledge(folder).gaps
    assert (gap.id, gap.says, gap.about, gap.spoiler_from) == (
        "boat-name",
        "the name of Tom's boat",
        ("tom-quinn",),
        2,
    )
    assert gap.asks == ("whats toms boat called",)
