"""The gateway intents and invite permissions the bot needs, and nothing more."""

from __future__ import annotations

import discord

__all__ = ["INVITE_SCOPES", "intents_for", "invite_permissions", "invite_url"]

INVITE_SCOPES = ("bot", "applications.commands")


def intents_for(message_content: bool) -> discord.Intents:
    """Servers and channels (for permission checks), messages in servers and DMs; the privileged
    Message Content intent only when enabled (auto-answer channels need it; mentions, replies to
    the bot, DMs and slash commands do not)."""
    intents = discord.Intents.none()
    intents.guilds = True
    intents.guild_messages = True
    intents.dm_messages = True
    intents.message_content = message_content
    return intents


def invite_permissions() -> discord.Permissions:
    """The least the bot needs: see channels, send and reply (replies need history), embeds,
    and answer in threads."""
    return discord.Permissions(
        view_channel=True,
        send_messages=True,
        send_messages_in_threads=True,
        embed_links=True,
        read_message_history=True,
    )


def invite_url(application_id: int) -> str:
    """The link a server admin opens to add the bot with its slash commands."""
    return discord.utils.oauth_url(
        application_id, permissions=invite_permissions(), scopes=INVITE_SCOPES
    )
