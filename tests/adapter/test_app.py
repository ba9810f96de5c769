"""The public contract: `from bot import Settings, create_bot`, no token needed."""

from __future__ import annotations

from pathlib import Path

import discord
import simcord
from discord.ext import commands

from bot import Settings, create_bot
from bot.adapter.client import EXTENSIONS


async def test_create_bot_with_only_a_database_url(tmp_path: Path) -> None:
    bot = create_bot(Settings(database_url=f"sqlite:///{tmp_path / 'x' / 'bot.sqlite3'}"))
    assert isinstance(bot, commands.Bot)
    assert bot.allowed_mentions is not None
    assert bot.allowed_mentions.to_dict() == {"parse": []}
    assert bot.intents.message_content
    assert not bot.intents.members
    assert not (tmp_path / "x").exists()  # nothing touched before login
    async with simcord.run(bot) as env:
        assert set(bot.extensions) == set(EXTENSIONS)
        assert (tmp_path / "x" / "bot.sqlite3").exists()
        guild = env.create_guild()
        channel = guild.create_text_channel("general")
        alice = guild.add_member(env.create_user("alice"))
        result = await alice.slash(channel, "ask", question="who plays trish")
        assert result.response is not None
        assert "Rachael Taylor" in str(result.response.embeds[0].to_dict())
    await bot.close()
    assert bot.is_closed()


def test_settings_default_needs_no_token() -> None:
    settings = Settings()
    assert settings.discord_token is None
    assert isinstance(create_bot(settings), discord.Client)


def test_bots_share_the_loaded_engine_until_the_knowledge_changes(tmp_path: Path) -> None:
    import shutil

    from bot.core.engine import default_knowledge_dir

    shipped = next(p for p in default_knowledge_dir().iterdir() if p.is_dir())
    season = tmp_path / shipped.name
    shutil.copytree(shipped, season)
    settings = Settings(database_url="sqlite:///:memory:", knowledge_dir=season)
    first, second = create_bot(settings), create_bot(settings)
    assert first.engine is second.engine  # type: ignore[attr-defined]
    some_file = next(season.glob("*.yaml"))
    some_file.write_text(some_file.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert create_bot(settings).engine is not first.engine  # type: ignore[attr-defined]
