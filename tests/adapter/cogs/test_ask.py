"""/ask, end to end against SimCord."""

from __future__ import annotations

import pytest

from bot.core.engine import Engine
from tests.adapter.helpers import (
    SPOILER_ANSWER,
    SPOILER_QUESTION,
    World,
    buttons_of,
    outside_bars,
    text_of,
)

pytestmark = pytest.mark.e2e


def test_the_spoiler_question_holds_the_spoiler(engine: Engine) -> None:
    # A precondition of the spoiler tests, which depend on the knowledge base.
    assert SPOILER_ANSWER in str(engine.ask(SPOILER_QUESTION).reply)


async def test_ask_answers_in_public_with_spoilers_tagged(world: World) -> None:
    result = await world.alice.slash(world.general, "ask", question=SPOILER_QUESTION)
    assert result.acknowledged
    assert not result.deferred
    message = result.response
    assert message is not None
    assert not message.ephemeral
    text = text_of(message)
    assert "AKA Playland" in outside_bars(text)  # the episode's title is no spoiler
    assert SPOILER_ANSWER in text  # behind bars ...
    assert SPOILER_ANSWER not in outside_bars(text)  # ... and only there
    labels = [b["label"] for b in buttons_of(message)]
    assert labels == ["Show me privately", "Not what I asked"]


async def test_off_topic_and_unknown_questions_get_a_short_reply(world: World) -> None:
    for question in ("what's a good pizza topping", "hello"):
        result = await world.alice.slash(world.general, "ask", question=question)
        assert result.response is not None
        assert text_of(result.response).strip()


async def test_everyone_in_a_question_never_pings(world: World) -> None:
    result = await world.alice.slash(world.general, "ask", question="@everyone who plays trish")
    message = result.response
    assert message is not None
    assert "Rachael Taylor" in text_of(message)
    assert not message.message.mention_everyone
    assert not message.message.mentions
    assert not message.message.role_mentions
    callback = [r for r in world.env.http_requests if r.path.endswith("/callback")][-1]
    assert callback.json["data"]["allowed_mentions"] == {"parse": []}


async def test_asking_too_fast_gets_a_private_note(world: World) -> None:
    rate = world.bot.settings.cooldown_rate
    for _ in range(rate):
        result = await world.alice.slash(world.general, "ask", question="who plays trish")
        assert result.response is not None
        assert not result.response.ephemeral
    refused = await world.alice.slash(world.general, "ask", question="who plays trish")
    assert refused.response is not None
    assert refused.response.ephemeral
    assert "faster" in refused.response.content
    other = await world.bob.slash(world.general, "ask", question="who plays trish")
    assert other.response is not None
    assert not other.response.ephemeral
    await world.env.advance_time(world.bot.settings.cooldown_seconds)
    again = await world.alice.slash(world.general, "ask", question="who plays trish")
    assert again.response is not None
    assert not again.response.ephemeral


async def test_ask_works_in_direct_messages(world: World) -> None:
    result = await world.alice.user.slash("ask", question="who directed episode 5")
    assert result.response is not None
    assert "episode 5" in text_of(result.response).lower()
