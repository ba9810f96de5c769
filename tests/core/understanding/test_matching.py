"""The matcher's finding of what a question only describes."""

from __future__ import annotations

import pytest

from bot.core.understanding.matching import _names_as_known_from


@pytest.mark.parametrize(
    ("question", "title", "known_from"),
    [
        ("the guy from power who does he play", "power", True),
        ("who does the matrix actress play", "the matrix", True),
        ("was she in the matrix", "the matrix", True),
        # the same word, not named as where someone is known from
        ("who has the power to heal", "power", False),
        ("power of the matrix", "the matrix", True),
        ("the guy from", "power", False),
    ],
)
def test_a_title_is_named_as_where_someone_is_known_from(
    question: str, title: str, known_from: bool
) -> None:
    assert _names_as_known_from(question.split(), title.split()) is known_from
