"""The shipped season settles the snags in its sources and keeps to its own words."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from bot.core.engine import Engine
from bot.core.knowledge.model import KnowledgeBase, WriterCredit
from bot.core.knowledge.richtext import to_plain
from tests.conftest import KNOWLEDGE_ROOT

SEASON_DIR = KNOWLEDGE_ROOT / "jessica-jones-s2"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return Engine.load(SEASON_DIR).kb


def test_release_date_and_numbering(kb: KnowledgeBase) -> None:
    assert kb.season.release_date == dt.date(2018, 3, 8)
    assert [e.overall for e in kb.episodes] == list(range(14, 27))


def test_episode_13_has_story_and_teleplay_credits(kb: KnowledgeBase) -> None:
    finale = kb.episodes[-1]
    credits = {(w.name, w.credit) for w in finale.writers}
    assert credits == {
        ("Jesse Harris", WriterCredit.STORY),
        ("Melissa Rosenberg", WriterCredit.TELEPLAY),
    }


def test_the_villain_is_spelled_kilgrave(kb: KnowledgeBase) -> None:
    texts = [to_plain(e.synopsis) for e in kb.episodes] + [to_plain(f.text) for f in kb.facts]
    texts += [to_plain(c.description) for c in kb.characters]
    assert not any("Killgrave" in t for t in texts)


def test_soundtrack_has_no_track_10_and_a_real_total(kb: KnowledgeBase) -> None:
    assert kb.soundtrack is not None
    numbers = [t.number for t in kb.soundtrack.tracks]
    assert 10 not in numbers
    assert len(numbers) == 19
    assert kb.soundtrack.total_seconds == 53 * 60 + 49
    assert "51:75" not in to_plain(kb.soundtrack.notes).replace('"51:75"', "")


def test_season_one_only_cast_is_not_billed_this_season(kb: KnowledgeBase) -> None:
    for name in ("Mike Colter", "Erin Moriarty"):
        person = kb.person_named(name)
        if person is not None:
            assert kb.characters_played_by(person.id) == () or all(
                c.billing.value == "mentioned" for c in kb.characters_played_by(person.id)
            )


def test_a_twist_identity_has_a_safe_name(kb: KnowledgeBase) -> None:
    secret = [c for c in kb.characters if c.name_spoiler_from]
    assert secret, "the season has at least one role whose identity is a twist"
    for character in secret:
        assert character.safe_name
        assert character.safe_name != character.name


def _own_text(data: object, key: str = "") -> list[str]:
    """Every string we wrote, leaving out quotes, titles and names carried over on purpose."""
    carried = {
        "quote",
        "title",
        "name",
        "file",
        "category",
        "aliases",
        "shared_aliases",
        "asks",
        "keywords",
        "known_for",
        "consensus",
    }
    if key in carried:
        return []
    if isinstance(data, str):
        return [re.sub(r'"[^"]*"|“[^”]*”', " ", data)]  # attributed quotations are allowed
    if isinstance(data, dict):
        return [t for k, v in data.items() for t in _own_text(v, str(k))]
    if isinstance(data, list):
        return [t for v in data for t in _own_text(v, key)]
    return []


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.casefold())


@pytest.mark.shared
def test_no_sentence_is_copied_from_the_sources(seeds_dir: Path) -> None:
    run = 8
    source_runs: set[tuple[str, ...]] = set()
    for path in seeds_dir.glob("*.txt"):
        words = _words(path.read_text(encoding="utf-8"))
        source_runs.update(tuple(words[i : i + run]) for i in range(len(words) - run + 1))
    copied = []
    for path in sorted(SEASON_DIR.glob("*.yaml")):
        for text in _own_text(yaml.safe_load(path.read_text(encoding="utf-8"))):
            words = _words(text)
            for i in range(len(words) - run + 1):
                if tuple(words[i : i + run]) in source_runs:
                    copied.append(f"{path.name}: ...{' '.join(words[i : i + run])}...")
                    break
    assert copied == []


@pytest.mark.shared
def test_every_source_id_names_a_real_seed_file(kb: KnowledgeBase, seeds_dir: Path) -> None:
    for source in kb.sources.values():
        assert (seeds_dir / source.file).is_file(), source
