"""/episode, /character, /cast, /season, /help and their autocomplete, end to end."""

from __future__ import annotations

import pytest

from bot.core.engine import Engine
from tests.adapter.helpers import FINALE_SPOILER, World, outside_bars, text_of

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("episode", ["3", "AKA Sole Survivor", "sole survivor"])
async def test_episode_by_number_or_title(world: World, episode: str) -> None:
    result = await world.alice.slash(world.general, "episode", episode=episode)
    message = result.response
    assert message is not None
    assert not message.ephemeral
    assert message.embeds[0].title is not None
    assert "Sole Survivor" in message.embeds[0].title
    assert "Episode 3" in message.embeds[0].title


async def test_episode_card_has_credits_and_date(world: World, engine: Engine) -> None:
    result = await world.alice.slash(world.general, "episode", episode="5")
    assert result.response is not None
    text = text_of(result.response)
    episode = engine.kb.episodes[4]
    assert episode.title in text
    assert episode.directors[0] in text
    assert episode.writers[0].name in text
    assert str(episode.release_date.year) in text


async def test_episode_autocomplete_by_number_and_title(world: World) -> None:
    by_number = await world.alice.autocomplete(world.general, "episode", "episode", "3")
    assert {"name": "3. AKA Sole Survivor", "value": "3"} in by_number
    by_title = await world.alice.autocomplete(world.general, "episode", "episode", "sole")
    assert by_title[0]["value"] == "3"
    everything = await world.alice.autocomplete(world.general, "episode", "episode", "")
    assert 1 <= len(everything) <= 25
    assert all(len(c["name"]) <= 100 and len(c["value"]) <= 100 for c in everything)


async def test_unknown_episode_is_a_private_note_with_the_input_escaped(world: World) -> None:
    result = await world.alice.slash(world.general, "episode", episode="@everyone **nope**")
    message = result.response
    assert message is not None
    assert message.ephemeral
    assert "couldn't find" in message.content
    assert "@everyone" not in message.content
    assert "**nope**" not in message.content
    assert not message.message.mention_everyone


async def test_character_card_and_autocomplete(world: World) -> None:
    choices = await world.alice.autocomplete(world.general, "character", "name", "tri")
    assert choices
    assert choices[0]["value"] == "trish-walker"
    result = await world.alice.slash(world.general, "character", name=choices[0]["value"])
    message = result.response
    assert message is not None
    assert not message.ephemeral
    text = text_of(message)
    assert "Rachael Taylor" in text
    assert FINALE_SPOILER not in outside_bars(text)


async def test_character_autocomplete_never_spoils_a_name(world: World, engine: Engine) -> None:
    secret_names = {
        c.name for c in engine.kb.characters if c.safe_name and c.name_spoiler_from is not None
    }
    seen: set[str] = set()
    for typed in ("", "a", "e", "the", "mo", "ali", "jess"):
        choices = await world.alice.autocomplete(world.general, "character", "name", typed)
        assert len(choices) <= 25
        seen.update(c["name"] for c in choices)
    assert not seen & secret_names


async def test_unknown_character_is_a_private_note(world: World) -> None:
    result = await world.alice.slash(world.general, "character", name="zzqx nobody")
    assert result.response is not None
    assert result.response.ephemeral


@pytest.mark.parametrize(("command", "expected"), [("cast", "Krysten Ritter"), ("season", "2018")])
async def test_cast_and_season(world: World, command: str, expected: str) -> None:
    result = await world.alice.slash(world.general, command)
    assert result.response is not None
    assert not result.response.ephemeral
    assert expected in text_of(result.response)


async def test_season_overview_lists_the_episodes_and_showrunner(
    world: World, engine: Engine
) -> None:
    result = await world.alice.slash(world.general, "season")
    assert result.response is not None
    text = text_of(result.response)
    assert engine.kb.season.showrunner in text
    assert engine.kb.episodes[-1].title in text


async def test_help_is_private(world: World) -> None:
    result = await world.alice.slash(world.general, "help")
    assert result.response is not None
    assert result.response.ephemeral
    assert text_of(result.response).strip()


async def test_lookups_work_in_direct_messages(world: World) -> None:
    user = world.alice.user
    assert await user.autocomplete("episode", "episode", "1")
    for command, options in (("episode", {"episode": "1"}), ("character", {"name": "jessica"})):
        result = await user.slash(command, **options)
        assert result.response is not None
        assert text_of(result.response).strip()
