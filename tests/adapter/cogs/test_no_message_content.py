"""Without the privileged Message Content intent: slash commands, mentions and DMs still work, and
auto-answer channels say why they cannot."""

from __future__ import annotations

import discord
import pytest

from bot.adapter.settings import Settings
from tests.adapter.helpers import World, bot_messages, text_of

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.simcord(approved_intents=discord.Intents.default()),  # not approved in the portal
]


@pytest.fixture
def settings(db_url: str) -> Settings:
    return Settings(database_url=db_url, message_content_intent=False)


async def test_everything_but_auto_answer_still_works(world: World) -> None:
    result = await world.alice.slash(world.general, "ask", question="who plays trish")
    assert result.response is not None
    assert "Rachael Taylor" in text_of(result.response)

    await world.alice.send(world.general, f"{world.mention} who plays jessica")
    assert "Krysten Ritter" in text_of(world.general.last_message)  # type: ignore[arg-type]

    await world.alice.send_dm("who plays malcolm")
    dm = world.alice.user.dm_channel.last_message
    assert dm is not None
    assert "Eka Darville" in text_of(dm)


async def test_autoanswer_explains_why_it_cannot_work(world: World) -> None:
    result = await world.admin.slash(world.lounge, "autoanswer on")
    assert result.response is not None
    assert "Message Content" in result.response.content
    await world.alice.send(world.lounge, "who plays trish?")
    assert bot_messages(world.lounge, world.bot) == []  # it cannot read the message
