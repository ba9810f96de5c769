"""An answer to "how much", "how many" or "what year" must hold an amount or a year."""

from __future__ import annotations

import pytest

from bot.core.answering.fit import Asked, asked_type, holds
from bot.core.answering.reply import Card, Reply, ReplyKind
from bot.core.engine import Engine
from bot.core.knowledge.richtext import plain


def _reply(text: str) -> Reply:
    return Reply(ReplyKind.ANSWER, "x", (), (Card("Title", plain(text)),))


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("how much did the season cost", Asked.AMOUNT),
        ("how many reviews did it get", Asked.AMOUNT),
        ("what year did that happen", Asked.YEAR),
        ("who directed episode 3", None),
    ],
)
def test_the_asked_type_is_read_from_the_question(question: str, asked: Asked | None) -> None:
    assert asked_type(question) is asked


@pytest.mark.parametrize(
    ("text", "asked", "expected"),
    [
        ("She leaves with enough money to start over (episode 13).", Asked.AMOUNT, False),
        ("Released on March 8, 2018, in season 2.", Asked.AMOUNT, False),  # dates, numbering
        ("Rotten Tomatoes: 82% from 89 reviews.", Asked.AMOUNT, True),
        ("It has thirteen episodes.", Asked.AMOUNT, True),
        ("Years earlier, her family dies in an accident.", Asked.YEAR, False),
        ("It came out in 2018.", Asked.YEAR, True),
    ],
)
def test_an_answer_holds_the_asked_type_or_not(text: str, asked: Asked, expected: bool) -> None:
    assert holds(_reply(text), asked) is expected


def test_an_amount_the_answer_does_not_hold_is_declined() -> None:
    engine = Engine.load()
    answer = engine.ask("how much cash did hogarth end up with after leaving her firm")
    assert answer.reply is not None
    assert not answer.reply.answered
    # and a count the answer states is an answer
    assert engine.ask("how many episodes does season 2 have").reply.answered  # type: ignore[union-attr]
