from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import discord

from bot.adapter.intents import intents_for, invite_permissions, invite_url


def test_intents_are_the_least_needed() -> None:
    intents = intents_for(message_content=True)
    assert intents.guilds
    assert intents.guild_messages
    assert intents.dm_messages
    assert intents.message_content
    assert not intents.members
    assert not intents.presences
    assert not intents_for(message_content=False).message_content


def test_invite_link_has_both_scopes_and_the_least_permissions() -> None:
    query = parse_qs(urlparse(invite_url(1234)).query)
    assert query["client_id"] == ["1234"]
    assert query["scope"] == ["bot applications.commands"]
    permissions = discord.Permissions(int(query["permissions"][0]))
    assert permissions == invite_permissions()
    allowed = {
        "read_messages",  # discord.py's name for View Channel
        "send_messages",
        "send_messages_in_threads",
        "embed_links",
        "read_message_history",
    }
    assert {name for name, value in permissions if value} == allowed
