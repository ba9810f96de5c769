from __future__ import annotations

import pytest
from discord import app_commands

from bot.adapter.errors import GENERIC, apology_for
from bot.core.errors import EpisodeNotFound


async def _callback(interaction: object) -> None:
    """A command."""


COMMAND = app_commands.Command(name="ask", description="A command.", callback=_callback)  # type: ignore[arg-type]


def invoke_error(original: Exception) -> app_commands.CommandInvokeError:
    return app_commands.CommandInvokeError(COMMAND, original)


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (invoke_error(EpisodeNotFound("x")), "couldn't find"),
        (EpisodeNotFound("x"), "couldn't find"),
        (app_commands.NoPrivateMessage(), "only works in a server"),
        (app_commands.MissingPermissions(["manage_guild"]), "Manage Guild"),
        (app_commands.BotMissingPermissions(["send_messages"]), "I need the Send Messages"),
        (app_commands.CheckFailure(), "can't use that here"),
        (invoke_error(RuntimeError("secret detail")), GENERIC),
    ],
)
def test_apologies_are_short_and_never_leak_details(error: Exception, expected: str) -> None:
    message = apology_for(error)
    assert expected in message
    assert "secret" not in message
    assert len(message) < 120
