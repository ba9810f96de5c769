"""Episode numbers are found exactly in every form fans use, and never fuzzily."""

from __future__ import annotations

import pytest

from bot.core.understanding.entities import find_episode_numbers
from bot.core.understanding.text import normalize


def _episodes(text: str) -> list[int | None]:
    return [r.number for r in find_episode_numbers(normalize(text), 13, 14, 2)]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("ep 5", 5),
        ("episode 5", 5),
        ("ep5", 5),
        ("s2e3", 3),
        ("S02E03", 3),
        ("2x03", 3),
        ("e03", 3),
        ("ep three", 3),
        ("episode twelve", 12),
        ("third episode", 3),
        ("the 7th episode", 7),
        ("premiere", 1),
        ("the finale", 13),
        ("last episode", 13),
        ("penultimate episode", 12),
        ("episode 20 overall", 7),
        ("overall episode 14", 1),
        ("episode 26", 13),
        ("episode #4", 4),
        ("episode 10s", 10),  # a possessive typed without its apostrophe ("ep 10s cover")
    ],
)
def test_episode_forms(text: str, number: int) -> None:
    assert _episodes(f"what happens in {text}") == [number]


def test_numbers_outside_the_season_are_flagged_not_guessed() -> None:
    assert _episodes("what happens in episode 40") == [None]


def test_other_seasons_are_not_read_as_this_one() -> None:
    refs = find_episode_numbers(normalize("s1e3"), 13, 14, 2)
    assert refs[0].number is None
    assert refs[0].other_season == 1


def test_two_episodes_in_one_question() -> None:
    assert _episodes("who directed ep 2 and ep 9") == [2, 9]


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("eps 11 and 12", [11, 12]),
        ("covers for eps 11 & 12", [11, 12]),
        ("episodes 3 to 5", [3, 4, 5]),
        ("episode 4, 5 and 6", [4, 5, 6]),
        ("jj 2.08", [8]),
        ("episode 3 and 2:49", [3]),  # a length, not an episode
        ("eps 1-3", [1, 2, 3]),  # a dash between numbers is a range
        ("the first five episodes", [1, 2, 3, 4, 5]),
        ("last 3 eps", [11, 12, 13]),
        ("the first episode", [1]),
    ],
)
def test_lists_ranges_and_dotted_forms(text: str, numbers: list[int]) -> None:
    assert _episodes(text) == numbers
