"""Loading and validating knowledge folders: every problem reported at once, with file and path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.core.errors import KnowledgeInvalid, KnowledgeNotFound
from bot.core.knowledge.loader import load_knowledge
from tests.conftest import FIXTURES, KNOWLEDGE_ROOT

MINI = FIXTURES / "knowledge" / "harbor-lights-s1"


def _copy_mini(tmp_path: Path) -> Path:
    target = tmp_path / "harbor-lights-s1"
    shutil.copytree(MINI, target)
    return target


def _problems(folder: Path) -> list[str]:
    with pytest.raises(KnowledgeInvalid) as caught:
        load_knowledge(folder)
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize("season", sorted(p.name for p in KNOWLEDGE_ROOT.iterdir() if p.is_dir()))
def test_every_shipped_season_is_valid(season: str) -> None:
    # KnowledgeInvalid lists every problem of every file at once when this fails.
    kb = load_knowledge(KNOWLEDGE_ROOT / season)
    assert kb.season.id == season
    assert len(kb.episodes) == kb.season.episode_count


def test_a_knowledge_root_with_one_season_loads_that_season() -> None:
    assert load_knowledge(KNOWLEDGE_ROOT).season.id == "jessica-jones-s2"


def test_a_root_with_several_seasons_asks_which(tmp_path: Path) -> None:
    _copy_mini(tmp_path)
    shutil.copytree(MINI, tmp_path / "other-s1")
    with pytest.raises(KnowledgeNotFound, match="several seasons"):
        load_knowledge(tmp_path)


def test_a_missing_folder_is_reported(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeNotFound):
        load_knowledge(tmp_path / "nope")


def test_the_tiny_second_season_loads() -> None:
    kb = load_knowledge(MINI)
    assert kb.season.show == "Harbor Lights"
    assert [e.title for e in kb.episodes] == ["The Beacon", "Low Tide", "Fog Bank"]
    keeper = kb.character("tom-quinn")
    assert keeper is not None
    assert keeper.public_name == "The keeper"
    assert keeper.display_name(watched=1) == "The keeper"
    assert keeper.display_name(watched=2) == "Tom Quinn"


def test_all_problems_are_reported_together_with_file_and_key_path(tmp_path: Path) -> None:
    folder = _copy_mini(tmp_path)
    episodes = (folder / "episodes.yaml").read_text()
    episodes = episodes.replace(
        "directors: [Cleo Park]\n    writers: [{name: Nia Vale, credit: written}]",
        "directers: [Cleo Park]\n    writers: [{name: Nia Val, credit: written}]",
        1,
    )
    episodes = episodes.replace("spoiler_from: 3}", "spoiler_from: 9}")
    episodes = episodes.replace("overall: 2", "overall: 7")
    (folder / "episodes.yaml").write_text(episodes)
    cast = (folder / "cast.yaml").read_text()
    cast = cast.replace("played_by: [ben-stone]", "played_by: [ben-stoned]")
    cast = cast.replace("aliases: [Mara, the captain]", "aliases: [Mara, the captain, Stone]")
    (folder / "cast.yaml").write_text(cast)
    problems = _problems(folder)
    text = "\n".join(problems)
    assert "episodes.yaml: episodes[0].directers: unknown key 'directers'" in text
    assert "episodes.yaml: episodes[0].directors: is required" in text
    assert "episodes.yaml: episodes[0].writers[0].name: no person named 'Nia Val'" in text
    assert "spoiler_from 9 is not an episode (1..3)" in text
    assert "episodes[number=2].overall: is 7, expected 2" in text
    assert "cast.yaml: characters[1].played_by: no person with id 'ben-stoned'" in text
    assert "'stone'" in text
    assert "list it in shared_aliases" in text
    assert len(problems) >= 7


def test_yaml_syntax_errors_name_the_file(tmp_path: Path) -> None:
    folder = _copy_mini(tmp_path)
    (folder / "broken.yaml").write_text("facts: [unclosed\n")
    assert any(p.startswith("broken.yaml:") and "not valid YAML" in p for p in _problems(folder))


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        (
            "facts:\n  - {id: Bad Id, topic: trivia, title: T, text: x, asks: [a], source: a}\n",
            "ids are lower-case words joined by dashes",
        ),
        (
            "facts:\n  - {id: x1, topic: gossip, title: T, text: x, asks: [a], source: a}\n",
            "'gossip' is not one of",
        ),
        (
            "facts:\n  - {id: x2, topic: trivia, title: T, text: x, asks: [a], source: zz}\n",
            "unknown source 'zz'",
        ),
        (
            "facts:\n  - {id: x3, topic: trivia, title: T, text: 'a || b', asks: [a], source: a}\n",
            "must not contain '||'",
        ),
        (
            "facts:\n  - {id: filming-location, topic: trivia, title: T, text: x, asks: [a], source: a}\n",
            "duplicate id 'filming-location'",
        ),
        (
            "awards:\n  - {year: 2021, award: A, category: C, nominee: Nobody, result: won, source: a}\n",
            "no person named 'Nobody'",
        ),
        (
            "soundtrack:\n  title: T\n  composer: Nia Vale\n  labels: [L]\n  release_date: 2021-13-01\n"
            "  tracks:\n    - {number: 1, title: A, length: '3:75'}\n  source: a\n",
            "value YAML cannot read",
        ),
        (
            "soundtrack:\n  title: T\n  composer: Nia Vale\n  labels: [L]\n  release_date: 2021-12-01\n"
            "  tracks:\n    - {number: 1, title: A, length: '3:75'}\n  source: a\n",
            "not a length like 3:27",
        ),
        ("season: {id: again}\n", "already given in season.yaml"),
        ("villains: []\n", "unknown top-level key"),
    ],
)
def test_each_kind_of_problem_is_caught(tmp_path: Path, yaml_text: str, expected: str) -> None:
    folder = _copy_mini(tmp_path)
    (folder / "zz-extra.yaml").write_text(yaml_text)
    assert any(expected in p for p in _problems(folder)), _problems(folder)


def test_a_secret_name_needs_a_safe_name(tmp_path: Path) -> None:
    folder = _copy_mini(tmp_path)
    cast = (folder / "cast.yaml").read_text().replace("    safe_name: The keeper\n", "")
    cast = cast.replace(
        "aliases: [Tom, the keeper, lighthouse keeper]", "aliases: [Tom, lighthouse keeper]"
    )
    (folder / "cast.yaml").write_text(cast)
    assert any("needs safe_name" in p for p in _problems(folder))
