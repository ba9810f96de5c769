"""The "Show me privately" reveal button and suggestion buttons, including after a restart."""

from __future__ import annotations

import pytest

from bot.adapter.app import create_bot
from bot.adapter.responder import FORGOTTEN
from bot.adapter.settings import Settings
from bot.core.engine import Engine
from tests.adapter.helpers import (
    FINALE_SPOILER,
    SPOILER_ANSWER,
    SPOILER_QUESTION,
    World,
    buttons_of,
    outside_bars,
    text_of,
)

pytestmark = pytest.mark.e2e


async def test_reveal_shows_the_spoilers_to_the_clicker_only(world: World) -> None:
    asked = await world.alice.slash(world.general, "ask", question=SPOILER_QUESTION)
    public = asked.response
    assert public is not None
    for member in (world.alice, world.bob):  # anyone may click it, each sees it alone
        revealed = await member.click(public, label="Show me privately")
        message = revealed.response
        assert message is not None
        assert message.ephemeral
        assert SPOILER_ANSWER in outside_bars(text_of(message))
        assert "Show me privately" not in [b["label"] for b in buttons_of(message)]
    assert SPOILER_ANSWER not in outside_bars(text_of(public))  # the public answer is unchanged


async def test_reveal_in_a_blocked_channel_and_on_a_casual_answer(world: World) -> None:
    await world.admin.slash(world.lounge, "spoilers set", mode="blocked", channel=world.lounge)
    await world.alice.send(world.lounge, f"{world.mention} {SPOILER_QUESTION}")
    answer = world.lounge.last_message
    assert answer is not None
    assert SPOILER_ANSWER not in text_of(answer)
    revealed = await world.bob.click(answer, custom_id="reveal")
    assert revealed.response is not None
    assert revealed.response.ephemeral
    assert SPOILER_ANSWER in text_of(revealed.response)


async def test_reveal_works_after_a_restart(
    world: World, settings: Settings, engine: Engine
) -> None:
    asked = await world.alice.slash(world.general, "character", name="trish-walker")
    public = asked.response
    assert public is not None
    fresh = create_bot(settings, engine=engine)
    await world.env.restart_bot(fresh)  # a new process: nothing in memory survives
    try:
        revealed = await world.bob.click(public, label="Show me privately")
        assert revealed.response is not None
        assert revealed.response.ephemeral
        assert FINALE_SPOILER in outside_bars(text_of(revealed.response))
    finally:
        await fresh.store.close()


async def test_a_forgotten_question_is_explained(world: World) -> None:
    asked = await world.alice.slash(world.general, "ask", question=SPOILER_QUESTION)
    assert asked.response is not None
    await world.bot.store.prune_questions(older_than_days=-1)  # forget everything
    revealed = await world.alice.click(asked.response, label="Show me privately")
    assert revealed.response is not None
    assert revealed.response.content == FORGOTTEN


def ambiguous_question(engine: Engine) -> str:
    """A question the core answers with suggestions (which depend on the knowledge base)."""
    for question in ("jones", "walker", "alisa", "who is jones"):
        reply = engine.ask(question).reply
        if reply is not None and reply.suggestions:
            return question
    raise AssertionError("the core offers no suggestions for any ambiguous question tried")


async def test_suggestion_buttons_ask_privately(world: World, engine: Engine) -> None:
    asked = await world.alice.slash(world.general, "ask", question=ambiguous_question(engine))
    assert asked.response is not None
    suggestions = [b for b in buttons_of(asked.response) if str(b["custom_id"]).startswith("ask:")]
    assert suggestions, "the core offers choices for an ambiguous question"
    clicked = await world.bob.click(asked.response, custom_id=str(suggestions[0]["custom_id"]))
    assert clicked.response is not None
    assert clicked.response.ephemeral
    assert text_of(clicked.response).strip()


async def test_suggestions_use_the_clickers_progress(world: World, engine: Engine) -> None:
    await world.bob.slash(world.general, "progress set", episode=13)
    asked = await world.alice.slash(world.general, "ask", question=ambiguous_question(engine))
    assert asked.response is not None
    first = next(b for b in buttons_of(asked.response) if str(b["custom_id"]).startswith("ask:"))
    clicked = await world.bob.click(asked.response, custom_id=str(first["custom_id"]))
    assert clicked.response is not None
    assert "||" not in text_of(clicked.response)  # bob has seen it all: nothing to hide


async def test_old_questions_are_pruned_as_new_ones_come(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    pruned: list[int] = []
    store = world.bot.store

    async def prune(older_than_days: int) -> int:
        pruned.append(older_than_days)
        return 0

    monkeypatch.setattr(store, "prune_questions", prune)
    monkeypatch.setattr(world.bot.responder, "PRUNE_EVERY", 2)
    for member in (world.alice, world.bob, world.admin, world.chanmod):
        await member.slash(world.general, "ask", question=SPOILER_QUESTION)
    assert pruned == [world.bot.settings.reveal_retention_days] * 2
