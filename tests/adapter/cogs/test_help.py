"""/help is generated from the command tree: every registered command is named, grouped."""

from __future__ import annotations

import pytest
from discord import app_commands

from tests.adapter.helpers import World, text_of

pytestmark = pytest.mark.e2e


def registered(world: World) -> list[str]:
    return [
        f"/{command.qualified_name}"
        for command in world.bot.tree.walk_commands()
        if isinstance(command, app_commands.Command)
    ]


async def test_help_names_every_registered_command(world: World) -> None:
    result = await world.alice.slash(world.general, "help")
    assert result.response is not None
    assert result.response.ephemeral
    text = text_of(result.response)
    names = registered(world)
    assert len(names) >= 17
    missing = [name for name in names if f"`{name}" not in text]
    assert missing == []
    assert "/progress set" in text


async def test_help_is_grouped(world: World) -> None:
    result = await world.alice.slash(world.general, "help")
    assert result.response is not None
    [embed] = result.response.embeds
    groups = {field.name: field.value or "" for field in embed.fields}
    assert list(groups) == ["Ask", "Look up", "Your progress", "Spoilers", "For moderators"]
    assert "/progress show" in groups["Your progress"]
    assert "/autoanswer on" in groups["For moderators"]
    assert "/unanswered list" in groups["For moderators"]
    assert "/unanswered" not in groups["Spoilers"]


async def test_a_bare_mention_gets_the_same_help(world: World) -> None:
    await world.alice.send(world.general, world.mention)
    reply = world.general.last_message
    assert reply is not None
    text = text_of(reply)
    assert all(f"`{name}" in text for name in registered(world))


async def test_a_twist_name_prefix_leads_to_the_spoiler_free_label(world: World) -> None:
    choices = await world.alice.autocomplete(world.general, "character", "name", "ali")
    names = [c["name"] for c in choices]
    assert "The mysterious woman" in names
    # Neither what is shown nor what is sent (Discord shows it in "used /character") spoils.
    assert not any("alisa" in f"{c['name']} {c['value']}".casefold() for c in choices)
    value = next(c["value"] for c in choices if c["name"] == "The mysterious woman")
    card = await world.alice.slash(world.general, "character", name=value)
    assert card.response is not None
    assert card.response.embeds[0].title == "The mysterious woman"
