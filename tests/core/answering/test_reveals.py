"""Twist names in autocomplete and in questions shown back: led to, never spelled out."""

from __future__ import annotations

import pytest

from bot.core.engine import Engine
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def shipped() -> Engine:
    return Engine.load()


@pytest.fixture(scope="module")
def made_up() -> Engine:
    """A tiny made-up season: the same code, nothing of the shipped show."""
    return Engine.load(FIXTURES / "knowledge" / "harbor-lights-s1")


def secret_characters(engine: Engine) -> list[tuple[str, str]]:
    found = [(c.name, c.public_name) for c in engine.kb.characters if c.name_spoiler_from]
    assert found, "the season has a character whose name is a twist"
    return found


@pytest.mark.parametrize("which", ["shipped", "made_up"])
def test_a_twist_name_prefix_offers_the_spoiler_free_label(
    which: str, request: pytest.FixtureRequest
) -> None:
    engine: Engine = request.getfixturevalue(which)
    for name, label in secret_characters(engine):
        for typed in (name[:3], name[:5], name):
            choices = engine.character_choices(typed.lower())
            assert label in [c.name for c in choices], typed
            for choice in choices:  # neither the shown name nor the sent value spells it
                assert name.casefold() not in f"{choice.name} {choice.value}".casefold()
            picked = next(c for c in choices if c.name == label)
            card = engine.character_reply(picked.value)
            assert card.cards[0].title == label


def test_two_letters_or_a_shared_surname_do_not_lead_to_the_twist(shipped: Engine) -> None:
    for name, label in secret_characters(shipped):
        assert label not in [c.name for c in shipped.character_choices(name[:2].lower())]
        surname = name.split()[-1]
        assert label not in [c.name for c in shipped.character_choices(surname)]


@pytest.mark.parametrize("which", ["shipped", "made_up"])
def test_questions_naming_a_twist_reveal(which: str, request: pytest.FixtureRequest) -> None:
    engine: Engine = request.getfixturevalue(which)
    for name, _ in secret_characters(engine):
        first = name.split()[0]
        assert engine.question_reveals(f"what is {first}'s favourite colour")
        assert engine.question_reveals(f"what is {first.lower()}s favourite colour")  # typo
        assert engine.question_reveals(f"Is {name.upper()} real?")


def test_questions_answered_with_reveals_reveal(shipped: Engine) -> None:
    reply = shipped.ask("what happens in episode 7").reply
    assert reply is not None
    assert reply.spoiler_episodes()
    assert shipped.question_reveals("what happens in episode 7")


@pytest.mark.parametrize(
    "question", ["who plays trish", "how long are the episodes", "who directed episode 3"]
)
def test_harmless_questions_stay_readable(shipped: Engine, question: str) -> None:
    assert not shipped.question_reveals(question)
