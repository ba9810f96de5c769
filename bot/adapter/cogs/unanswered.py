"""/unanswered list|export|clear: what fans asked that the bot could not answer, for moderators.

The group carries Manage Server as its default member permissions, and since a server owner can
re-grant a command to anyone, Manage Server is also checked here, on every use and every button
click; a refusal changes nothing. Every reply is private (ephemeral). Questions are shown as fans
typed them, inside spoiler bars when the core finds they mention a reveal. Database work runs
through `in_time`, so a slow database defers the interaction instead of letting it expire.
"""

from __future__ import annotations

import io
import logging
import re
from typing import Any, Self, cast

import discord
from discord import app_commands
from discord.ext import commands

from bot.adapter.client import SeasonBot
from bot.adapter.cogs import season_bot
from bot.adapter.deadline import in_time
from bot.adapter.errors import report_interaction_error
from bot.adapter.outgoing import NO_MENTIONS, Outgoing, quote, respond
from bot.adapter.storage import StoreError, UnansweredEntry
from bot.adapter.unanswered import REASON_LABELS, write_csv

__all__ = [
    "PAGE_SIZE",
    "ClearButton",
    "PageButton",
    "UnansweredCog",
    "entry_line",
    "setup",
]

_log = logging.getLogger(__name__)
_Button = discord.ui.Button[discord.ui.View]

PAGE_SIZE = 10
MAX_LIMIT = 100
MAX_EXPORT = 5000  # rows in one CSV: far more than a month of declines in a busy server
MAX_OFFSET = 10_000
EMPTY = (
    "Nothing in the log: no question has gone unanswered here lately (entries are kept for "
    "{days} days after they were last asked)."
)
REFUSED = (
    "You need the **Manage Server** permission to see or change the unanswered log. "
    "Nothing was changed."
)


class _File(discord.File):
    """An upload whose attachment id is sent as a string, the way Discord's API describes
    snowflakes (discord.py sends the number, which Discord happens to accept)."""

    def to_dict(self, index: int) -> dict[str, Any]:
        payload = super().to_dict(index)
        payload["id"] = str(payload["id"])
        return payload


def entry_line(number: int, entry: UnansweredEntry, reveals: bool) -> str:
    """One entry as a line of the list: the question (in spoiler bars if it reveals), how often
    it was asked, why it went unanswered and what the bot came closest to (spoiler-free)."""
    question = quote(entry.question, limit=150)
    if reveals:
        question = f"||{question}||"
    times = "once" if entry.count == 1 else f"{entry.count} times"
    reason = REASON_LABELS.get(entry.reason, entry.reason)
    line = f"**{number}.** {question} · {times} · {reason}"
    if entry.closest:
        line += f" · closest: {quote(entry.closest, limit=80)}"
    return line


def _manager(interaction: discord.Interaction[Any]) -> bool:
    member = interaction.user
    return (
        interaction.guild is not None
        and isinstance(member, discord.Member)
        and member.guild_permissions.manage_guild
    )


async def _refuse_unless_manager(interaction: discord.Interaction[Any]) -> bool:
    if interaction.guild is None:
        await respond(
            interaction, Outgoing.text("That command only works in a server."), ephemeral=True
        )
        return True
    if _manager(interaction):
        return False
    await respond(interaction, Outgoing.text(REFUSED), ephemeral=True)
    return True


async def _page(bot: SeasonBot, guild_id: int, offset: int, limit: int) -> Outgoing:
    """One page of the list, with Previous/Next buttons when there is more than one page."""
    await bot.responder.unanswered.prune()
    total = min(await bot.store.count_unanswered(guild_id), limit)
    if total == 0:
        days = bot.settings.unanswered_retention_days
        return Outgoing.text(EMPTY.format(days=days))
    offset = max(0, min(offset, (total - 1) // PAGE_SIZE * PAGE_SIZE))
    size = min(PAGE_SIZE, total - offset)
    entries = await bot.store.unanswered(guild_id, limit=size, offset=offset)
    lines = [
        entry_line(offset + i + 1, e, bot.engine.question_reveals(e.question))
        for i, e in enumerate(entries)
    ]
    pages = (total - 1) // PAGE_SIZE + 1
    embed = discord.Embed(
        title="Unanswered questions",
        description="\n".join(lines),
    )
    embed.set_footer(
        text=f"Page {offset // PAGE_SIZE + 1} of {pages} · most asked first · "
        "questions that mention a reveal are behind spoiler bars"
    )
    view: discord.ui.View | None = None
    if pages > 1:
        view = discord.ui.View(timeout=None)
        view.add_item(PageButton("prev", max(0, offset - PAGE_SIZE), limit, offset == 0))
        view.add_item(PageButton("next", offset + PAGE_SIZE, limit, offset + size >= total))
        view.stop()  # clicks reach the registered dynamic items, nothing kept per message
    return Outgoing(embeds=[embed], view=view)


class PageButton(
    discord.ui.DynamicItem[_Button],
    template=r"unanswered:(?P<direction>prev|next):(?P<offset>\d{1,5}):(?P<limit>\d{1,3})",
):
    """Previous / Next on a page of the list; the custom_id says which page to show."""

    def __init__(self, direction: str, offset: int, limit: int, disabled: bool = False) -> None:
        super().__init__(
            discord.ui.Button(
                label="Previous" if direction == "prev" else "Next",
                style=discord.ButtonStyle.secondary,
                custom_id=f"unanswered:{direction}:{offset}:{limit}",
                disabled=disabled,
            )
        )
        self.offset = min(offset, MAX_OFFSET)
        self.limit = max(1, min(limit, MAX_LIMIT))

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> Self:
        return cls(match["direction"], int(match["offset"]), int(match["limit"]))

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        try:
            if await _refuse_unless_manager(interaction):
                return
            assert interaction.guild_id is not None
            bot = cast(SeasonBot, interaction.client)
            work = _page(bot, interaction.guild_id, self.offset, self.limit)
            page = await in_time(interaction, work, ephemeral=True)
            await _edit(interaction, **page.kwargs(), **_cleared(page))
        except Exception as error:  # noqa: BLE001 - the one error handler logs it with context
            await report_interaction_error(interaction, error)


async def _edit(interaction: discord.Interaction[Any], **changes: Any) -> None:
    """Replace the clicked message, or, if the click was deferred (a slow database), the
    "thinking…" message that stands for the answer."""
    if interaction.response.is_done():
        await interaction.edit_original_response(**changes)
    else:
        await interaction.response.edit_message(**changes)


def _cleared(page: Outgoing) -> dict[str, Any]:
    """What an edit must remove that the new page does not set."""
    out: dict[str, Any] = {}
    if page.view is None:
        out["view"] = None
    if not page.embeds:
        out["embeds"] = []
    if not page.content:
        out["content"] = None
    return out


class ClearButton(discord.ui.DynamicItem[_Button], template=r"unanswered:(?P<choice>clear|cancel)"):
    """The confirmation of /unanswered clear: "Clear the log" or "Cancel"."""

    def __init__(self, choice: str) -> None:
        confirm = choice == "clear"
        super().__init__(
            discord.ui.Button(
                label="Clear the log" if confirm else "Cancel",
                style=discord.ButtonStyle.danger if confirm else discord.ButtonStyle.secondary,
                custom_id=f"unanswered:{choice}",
            )
        )
        self.confirm = confirm

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> Self:
        return cls(match["choice"])

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        try:
            if await _refuse_unless_manager(interaction):
                return
            assert interaction.guild_id is not None
            if not self.confirm:
                note = "Cancelled: the log is unchanged."
            else:
                bot = cast(SeasonBot, interaction.client)
                work = bot.store.clear_unanswered(interaction.guild_id)
                removed = await in_time(interaction, work, ephemeral=True)
                note = f"Cleared the unanswered log: {removed} entries removed."
            await _edit(
                interaction, content=note, embeds=[], view=None, allowed_mentions=NO_MENTIONS
            )
        except Exception as error:  # noqa: BLE001 - the one error handler logs it with context
            await report_interaction_error(interaction, error)


class UnansweredCog(commands.Cog, name="Unanswered"):
    """The moderators' view of the unanswered-questions log."""

    unanswered = app_commands.Group(
        name="unanswered",
        description="Moderators: questions I could not answer, to improve my knowledge",
        guild_only=True,
        allowed_contexts=app_commands.AppCommandContext(guild=True),
        default_permissions=discord.Permissions(manage_guild=True),
    )

    def __init__(self, bot: SeasonBot) -> None:
        self.bot = bot

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(PageButton, ClearButton)

    async def cog_unload(self) -> None:
        self.bot.remove_dynamic_items(PageButton, ClearButton)

    @unanswered.command(name="list")
    @app_commands.describe(
        limit=f"How many of the most asked to show, 1 to {MAX_LIMIT} (default 25)"
    )
    async def list_entries(
        self,
        interaction: discord.Interaction[Any],
        limit: app_commands.Range[int, 1, MAX_LIMIT] = 25,
    ) -> None:
        """The most asked questions I could not answer, with counts and reasons."""
        if await _refuse_unless_manager(interaction):
            return
        assert interaction.guild_id is not None
        try:
            work = _page(self.bot, interaction.guild_id, 0, limit)
            page = await in_time(interaction, work, ephemeral=True)
        except StoreError as exc:
            _log.error("Cannot read the unanswered log: %s", exc)
            page = Outgoing.text("I can't read the log right now. Please try again in a moment.")
        await respond(interaction, page, ephemeral=True)

    @unanswered.command(name="export")
    async def export(self, interaction: discord.Interaction[Any]) -> None:
        """The whole log of this server as a CSV file."""
        if await _refuse_unless_manager(interaction):
            return
        guild_id = interaction.guild_id
        assert guild_id is not None
        entries = await in_time(interaction, self._all_entries(guild_id), ephemeral=True)
        buffer = io.StringIO()
        rows = write_csv(entries, buffer)
        reveals = any(self.bot.engine.question_reveals(e.question) for e in entries)
        file = _File(
            io.BytesIO(buffer.getvalue().encode("utf-8")),
            filename=f"unanswered-{guild_id}.csv",
            spoiler=reveals,  # Discord blurs the file until clicked: it may name reveals
        )
        note = f"The unanswered log of this server: {rows} entries, most asked first."
        if reveals:
            note += " Some questions mention reveals: the file shows them as typed."
        try:
            if interaction.response.is_done():  # deferred: the database was slow
                await interaction.followup.send(
                    note, file=file, ephemeral=True, allowed_mentions=NO_MENTIONS
                )
            else:
                await interaction.response.send_message(
                    note, file=file, ephemeral=True, allowed_mentions=NO_MENTIONS
                )
        except discord.HTTPException as exc:
            _log.warning("Could not send the unanswered export: %s %s", exc.status, exc.text)

    async def _all_entries(self, guild_id: int) -> list[UnansweredEntry]:
        await self.bot.responder.unanswered.prune()
        return await self.bot.store.unanswered(guild_id, limit=MAX_EXPORT)

    @unanswered.command(name="clear")
    async def clear(self, interaction: discord.Interaction[Any]) -> None:
        """Empty the log of this server (asks for confirmation first)."""
        if await _refuse_unless_manager(interaction):
            return
        assert interaction.guild_id is not None
        work = self.bot.store.count_unanswered(interaction.guild_id)
        count = await in_time(interaction, work, ephemeral=True)
        if count == 0:
            await respond(interaction, Outgoing.text("The log is already empty."), ephemeral=True)
            return
        view = discord.ui.View(timeout=None)
        view.add_item(ClearButton("clear"))
        view.add_item(ClearButton("cancel"))
        view.stop()
        note = (
            f"This removes all {count} entries of this server's unanswered log, for good. Clear it?"
        )
        await respond(interaction, Outgoing(content=note, view=view), ephemeral=True)


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(UnansweredCog(season_bot(bot)))
