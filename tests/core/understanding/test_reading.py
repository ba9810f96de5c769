"""How a question is read into the terms the matcher weighs."""

from __future__ import annotations

import pytest

from bot.core.engine import Engine
from bot.core.understanding.reading import Reader


@pytest.fixture(scope="module")
def reader() -> Reader:
    return Engine.load()._answerer.reader


def _terms(reader: Reader, question: str) -> frozenset[str]:
    return Reader.terms(reader.read(question, readings=1)[0])


@pytest.mark.parametrize(
    "question", ["who didnt come back for season 2", "which actors are not in s2", "isnt she back"]
)
def test_a_negation_is_part_of_what_is_asked(reader: Reader, question: str) -> None:
    assert "not" in _terms(reader, question)


@pytest.mark.parametrize(
    "question",
    [
        "what happens in ep 5, dont spoil the rest",  # how the answer is wanted
        "recap up to ep 4 and not past it",  # a bound on the answer
        "i dont get why she did it",  # the asker speaking of themselves
    ],
)
def test_a_negation_about_the_answer_or_the_asker_is_not(reader: Reader, question: str) -> None:
    assert "not" not in _terms(reader, question)
