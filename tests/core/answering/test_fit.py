"""An answer to "how much", "how many", "what year" or "what does he do for a living" must hold an
amount, a year or a job."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.core.answering.fit import (
    Asked,
    asked_type,
    holds,
    tells_the_kind_asked,
    tells_the_measure_asked,
    tells_what_it_stands_for,
    text_holds,
)
from bot.core.answering.reply import Card, Reply, ReplyKind
from bot.core.engine import Engine
from bot.core.knowledge.richtext import plain, to_plain


def _reply(text: str) -> Reply:
    return Reply(ReplyKind.ANSWER, "x", (), (Card("Title", plain(text)),))


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("how much did the season cost", Asked.AMOUNT),
        ("how many reviews did it get", Asked.AMOUNT),
        ("what year did that happen", Asked.YEAR),
        ("when was she cast", Asked.TIME),
        ("what does her boyfriend do for a living", Asked.OCCUPATION),
        ("whats his job", Asked.OCCUPATION),
        ("how long was she kept there", Asked.DURATION),
        ("how long ago was it set", Asked.AMOUNT),
        ("what job offer does he turn down", None),
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
        ("She plays the mysterious woman.", Asked.TIME, False),
        ("He proposes to her (episode 5).", Asked.OCCUPATION, False),
        ("The new superintendent of her building.", Asked.OCCUPATION, True),
        ("A New York lawyer who sometimes hires her.", Asked.OCCUPATION, True),
        ("She was cast in April 2017.", Asked.TIME, True),
        ("Trish quits on air (episode 9).", Asked.TIME, True),
        ("She was back in hospital within 20 days.", Asked.DURATION, True),
        ("Track 4, 2:31 long.", Asked.DURATION, True),
        ("She is taken to the clinic (episode 3).", Asked.DURATION, False),
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


def test_a_when_question_is_answered_with_a_time_not_another_fact_about_the_same_person() -> None:
    engine = Engine.load()
    reply = engine.ask("so when did janet mcteer get cast").reply
    assert reply is not None
    assert reply.answered
    told = [to_plain(reply.content)] + [to_plain(c.description) for c in reply.cards]
    assert "April 2017" in " ".join(told)


def test_an_address_or_a_number_asks_for_a_number() -> None:
    assert asked_type("what's jessica's apartment number") is Asked.AMOUNT
    assert asked_type("whats her address") is Asked.AMOUNT
    assert not text_holds("Jessica's apartment is in Hell's Kitchen.", Asked.AMOUNT)


def test_what_kind_of_thing_is_told_only_by_an_answer_saying_that_thing() -> None:
    question = "what kind of gun did he use"
    assert not tells_the_kind_asked(question, _reply("He shoots at them from across the street."))
    assert tells_the_kind_asked(question, _reply("He fires a hunting rifle, a gun he kept."))
    assert tells_the_kind_asked("who shot her", _reply("Cheng did."))


@pytest.mark.parametrize(
    ("check", "question", "text", "told"),
    [
        # "what does <letters> stand for": told only by words those letters begin
        (
            tells_what_it_stands_for,
            "what does mcu stand for",
            "The Marvel Cinematic Universe.",
            True,
        ),
        (tells_what_it_stands_for, "what does igh even stand for", "IGH is a company.", False),
        (tells_what_it_stands_for, "wat does igh stand for", "People in great hurry.", False),
        (tells_what_it_stands_for, "who directed episode 3", "Someone directed it.", True),
        # a measure with a qualifier: told only by an answer saying it (a slip allowed)
        (
            tells_the_measure_asked,
            "the rotten tomatoes audience score",
            "Rotten Tomatoes: 82%.",
            False,
        ),
        (tells_the_measure_asked, "imdb rating for s2?", "Rotten Tomatoes: 82% approval.", False),
        (tells_the_measure_asked, "whats the metacrtic score", "Metacritic: 70/100.", True),
        (tells_the_measure_asked, "whats the rotten tomatoes score", "Rotten Tomatoes: 82%.", True),
        (tells_the_measure_asked, "what grade did it get", "It was graded B.", True),
    ],
)
def test_an_answer_tells_what_the_question_spells_out(
    check: Callable[[str, Reply], bool], question: str, text: str, told: bool
) -> None:
    assert check(question, _reply(text)) is told
