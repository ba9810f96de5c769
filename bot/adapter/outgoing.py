"""From the renderer's Discord message JSON to discord.py calls, and sends that never crash the bot.

`render_message` (in `bot.core.rendering.render`) produces the exact JSON Discord receives; `Outgoing` turns
it into discord.py objects. Every send goes through `send_reply` / `respond`, which log a failed
send (a 5xx, a 403 in a channel the bot cannot write in, an expired interaction) and carry on.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import discord

from bot.adapter.components import build_view

if TYPE_CHECKING:
    from discord.types.message import MessageReference as MessageReferencePayload

__all__ = ["NO_MENTIONS", "Outgoing", "quote", "respond", "send_reply"]

_log = logging.getLogger(__name__)

#: Bot-wide and on every send: the bot never pings anyone, whatever the text says.
NO_MENTIONS = discord.AllowedMentions.none()

MAX_CONTENT = 2000


def quote(text: str, limit: int = 100) -> str:
    """User text made safe to echo: one line, markdown and mentions escaped, shortened."""
    flat = " ".join(text.split())
    if len(flat) > limit:
        flat = flat[: limit - 1] + "…"
    return discord.utils.escape_markdown(discord.utils.escape_mentions(flat))


class StringReference(discord.MessageReference):
    """A reply's reference with its ids sent as strings, the way Discord's API describes snowflakes
    (discord.py sends numbers, which Discord happens to accept). Never fails if the message is gone.
    """

    @classmethod
    def to(cls, message: discord.Message) -> StringReference:
        guild_id = message.guild.id if message.guild is not None else None
        return cls(
            message_id=message.id,
            channel_id=message.channel.id,
            guild_id=guild_id,
            fail_if_not_exists=False,
        )

    def to_dict(self) -> MessageReferencePayload:
        data = super().to_dict()
        data["channel_id"] = str(data["channel_id"])
        if "message_id" in data:
            data["message_id"] = str(data["message_id"])
        if "guild_id" in data:
            data["guild_id"] = str(data["guild_id"])
        return data

    to_message_reference_dict = to_dict


@dataclass(slots=True)
class Outgoing:
    """One message to send: content, embeds and buttons."""

    content: str | None = None
    embeds: list[discord.Embed] = field(default_factory=list)
    view: discord.ui.View | None = None

    @classmethod
    def text(cls, content: str) -> Outgoing:
        return cls(content=content[:MAX_CONTENT])

    @classmethod
    def from_rendered(cls, message: dict[str, Any]) -> Outgoing:
        """From `render_message(...)` output: {content, embeds, components, allowed_mentions}."""
        content = message.get("content") or None
        embeds = [discord.Embed.from_dict(e) for e in message.get("embeds") or []]
        view = build_view(list(message.get("components") or []))
        return cls(content=content, embeds=embeds, view=view)

    def kwargs(self) -> dict[str, Any]:
        out: dict[str, Any] = {"allowed_mentions": NO_MENTIONS}
        if self.content:
            out["content"] = self.content
        if self.embeds:
            out["embeds"] = self.embeds
        if self.view is not None:
            out["view"] = self.view
        return out


async def send_reply(message: discord.Message, outgoing: Outgoing) -> discord.Message | None:
    """Reply to a member's message without pinging them; None if Discord refused."""
    try:
        return await message.channel.send(
            reference=StringReference.to(message),
            mention_author=False,
            **outgoing.kwargs(),
        )
    except discord.HTTPException as exc:
        _log.warning(
            "Could not reply in channel %s (guild %s) to message %s: %s %s",
            message.channel.id,
            message.guild.id if message.guild else None,
            message.id,
            exc.status,
            exc.text or exc,
        )
        return None


async def respond(
    interaction: discord.Interaction[Any], outgoing: Outgoing, *, ephemeral: bool
) -> int | None:
    """Answer an interaction (first response, or a follow-up if already answered).

    Returns the id of the message sent, or None if there is none (e.g. Discord refused).
    """
    try:
        if not interaction.response.is_done():
            callback = await interaction.response.send_message(
                ephemeral=ephemeral, **outgoing.kwargs()
            )
            return callback.message_id
        followup = await interaction.followup.send(
            ephemeral=ephemeral, wait=True, **outgoing.kwargs()
        )
        return followup.id
    except discord.HTTPException as exc:
        _log.warning(
            "Could not answer interaction %s (%s) from user %s in channel %s: %s %s",
            interaction.id,
            _describe(interaction),
            interaction.user.id,
            interaction.channel_id,
            exc.status,
            exc.text or exc,
        )
        return None


def _describe(interaction: discord.Interaction[Any]) -> str:
    if interaction.command is not None:
        return f"/{interaction.command.qualified_name}"
    data: dict[str, Any] = dict(interaction.data or {})
    custom_id = data.get("custom_id")
    return f"component {custom_id!r}" if custom_id else str(interaction.type)
