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
        (
            "characters:\n  - {id: ada-x, name: Ada X, pronoun: it, billing: mentioned,"
            " description: d, source: a}\n",
            "'it' is not one of he, she, they",
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


def _alias_bomb(levels: int) -> str:
    """A YAML value of a few hundred bytes that expands to 10**levels strings."""
    parts = ['&l0 "lol"']
    for level in range(1, levels + 1):
        parts.append(f"&l{level} [" + ", ".join([f"*l{level - 1}"] * 10) + "]")
    return "[" + ", ".join(parts) + "]"


def test_a_yaml_alias_bomb_is_refused_with_a_short_problem(tmp_path: Path) -> None:
    """Issue 8, defect 3: an alias bomb in an episode's release_date printed a 312 MB problem
    line at 8 levels and ran out of memory at 9."""
    folder = _copy_mini(tmp_path)
    episodes = (folder / "episodes.yaml").read_text()
    bombed = episodes.replace("release_date: 2021-06-04", f"release_date: {_alias_bomb(9)}", 1)
    (folder / "episodes.yaml").write_text(bombed)
    problems = _problems(folder)
    assert any("episodes.yaml" in p and "alias" in p for p in problems), problems
    assert all(len(p) < 700 for p in problems)


def test_problems_quote_only_a_short_excerpt_of_a_huge_value(tmp_path: Path) -> None:
    folder = _copy_mini(tmp_path)
    episodes = (folder / "episodes.yaml").read_text()
    huge = "x" * 200_000
    (folder / "episodes.yaml").write_text(
        episodes.replace("release_date: 2021-06-04", f"release_date: [{huge}, {huge}]", 1)
    )
    problems = _problems(folder)
    date_problem = next(p for p in problems if "release_date" in p)
    assert "expected a date" in date_problem
    assert len(date_problem) < 700


def test_a_knowledge_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    folder = _copy_mini(tmp_path)
    (folder / "trivia.yaml").write_text("facts: []\n" + "# padding\n" * 200_000)
    assert any(p.startswith("trivia.yaml:") and "larger than" in p for p in _problems(folder))


def test_an_empty_knowledge_file_is_a_problem(tmp_path: Path) -> None:
    """Issue 8, defect 4: `: > awards.yaml` was accepted silently ("My sources list no awards")."""
    folder = _copy_mini(tmp_path)
    (folder / "awards.yaml").write_text("")
    (folder / "notes.yaml").write_text("# only a comment\n")
    problems = _problems(folder)
    assert any(p.startswith("awards.yaml:") and "is empty" in p for p in problems), problems
    assert any(p.startswith("notes.yaml:") and "is empty" in p for p in problems), problems


def test_problem_key_paths_index_entries_within_their_own_file(tmp_path: Path) -> None:
    """Issue 8, defect 5: the first fact of story.yaml was reported as `story.yaml: facts[77]`."""
    folder = _copy_mini(tmp_path)
    good = "  - {id: fact-%d, topic: trivia, title: T, text: x, asks: [a], source: a}\n"
    (folder / "a-trivia.yaml").write_text("facts:\n" + "".join(good % i for i in range(5)))
    (folder / "b-story.yaml").write_text(
        "facts:\n"
        "  - {id: story-one, topic: gossip, title: T, text: x, asks: [a], source: a}\n"
        "  - {id: fact-2, topic: trivia, title: T, text: x, asks: [a], source: a}\n"
        "  - {id: story-three, topic: trivia, title: T, text: x, asks: [a], source: zz}\n"
    )
    problems = _problems(folder)
    assert "b-story.yaml: facts[0].topic: 'gossip' is not one of" in "\n".join(problems)
    assert any(p.startswith("b-story.yaml: facts[2].source: unknown source") for p in problems)
    duplicate = next(p for p in problems if "duplicate id" in p)
    assert duplicate.startswith("b-story.yaml: facts[1]: duplicate id 'fact-2'")
    assert "a-trivia.yaml: facts[2]" in duplicate


def test_a_season_that_moved_says_where_and_since_when(tmp_path: Path) -> None:
    folder = _copy_mini(tmp_path)
    season = folder / "season.yaml"
    text = season.read_text(encoding="utf-8")
    moved = "  network: Seaview+\n  moved: {network: Harborflix, since: 2021-05-04, source: a}\n"
    season.write_text(text.replace("  network: Seaview+\n", moved), encoding="utf-8")
    kb = load_knowledge(folder)
    assert kb.season.moved is not None
    assert kb.season.moved.network == "Harborflix"
    assert kb.season.moved.left is None
    # a move without its day is a problem named by its key
    season.write_text(
        text.replace(
            "  network: Seaview+\n", "  network: Seaview+\n  moved: {network: X, source: a}\n"
        ),
        encoding="utf-8",
    )
    assert any("moved" in p and "since" in p for p in _problems(folder))
