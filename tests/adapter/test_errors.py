"""Failed sends never crash the bot; unexpected errors get a short private reply and a log line."""

from __future__ import annotations

import logging

import pytest

from bot.adapter.errors import GENERIC
from tests.adapter.helpers import World, bot_messages, text_of

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(
    ("status", "code"), [(500, 0), (502, 0), (403, 50013)], ids=["500", "502", "403"]
)
async def test_a_failed_reply_is_survived(world: World, status: int, code: int) -> None:
    world.env.inject_error("POST", "/channels/*/messages", status=status, code=code)
    await world.alice.send(world.general, f"{world.mention} who plays trish")
    assert bot_messages(world.general, world.bot) == []
    await world.alice.send(world.general, f"{world.mention} who plays jessica")
    assert "Krysten Ritter" in text_of(world.general.last_message)  # type: ignore[arg-type]
    assert not world.env.errors


async def test_a_failed_interaction_response_is_survived(world: World) -> None:
    world.env.inject_error("POST", "/interactions/*/callback", status=500)
    failed = await world.alice.slash(world.general, "ask", question="who plays trish")
    assert failed.response is None
    result = await world.alice.slash(world.general, "ask", question="who plays jessica")
    assert result.response is not None
    assert "Krysten Ritter" in text_of(result.response)
    assert not world.env.errors


def _broken(*_args: object, **_kwargs: object) -> None:
    """Stands in for the engine to make answering fail."""
    raise RuntimeError("boom")


async def test_an_unexpected_error_gets_a_short_private_reply(
    world: World, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(world.bot.engine, "ask", _broken)
    with caplog.at_level(logging.ERROR, logger="bot.adapter"):
        result = await world.alice.slash(world.general, "ask", question="who plays trish")
    assert result.response is not None
    assert result.response.ephemeral
    assert result.response.content == GENERIC
    assert "boom" not in result.response.content
    assert any("/ask" in r.getMessage() and r.exc_info for r in caplog.records)
    errors = world.env.errors  # seen by the tree's error handler: acknowledge it
    assert [type(e.__cause__ or e).__name__ for e in errors] == ["RuntimeError"]

    monkeypatch.undo()
    result = await world.alice.slash(world.general, "ask", question="who plays trish")
    assert result.response is not None
    assert not result.response.ephemeral


async def test_an_error_in_a_message_handler_is_logged_and_survived(
    world: World, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(world.bot.engine, "ask", _broken)
    with caplog.at_level(logging.ERROR, logger="bot.adapter"):
        await world.alice.send(world.general, f"{world.mention} who plays trish")
    assert any("on_message" in r.getMessage() for r in caplog.records)
    assert len(world.env.errors) == 1
    reply = world.general.last_message
    assert reply is not None
    assert reply.author.id == world.me.id
    assert reply.content == GENERIC
    monkeypatch.undo()
    await world.alice.send(world.general, f"{world.mention} who plays trish")
    assert "Rachael Taylor" in text_of(world.general.last_message)  # type: ignore[arg-type]


async def test_a_broken_database_answers_with_the_most_protective_settings(
    world: World, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from bot.adapter.storage import StoreError

    async def broken(**_kwargs: object) -> None:
        raise StoreError("disk on fire")

    monkeypatch.setattr(world.bot.store, "context", broken)
    with caplog.at_level(logging.ERROR, logger="bot.adapter"):
        result = await world.alice.slash(world.general, "ask", question="who plays trish")
    assert result.response is not None
    assert "Rachael Taylor" in text_of(result.response)
    assert any(
        "most protective" in r.getMessage() and "disk on fire" in r.getMessage()
        for r in caplog.records
    )
