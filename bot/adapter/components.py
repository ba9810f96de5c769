"""The kinds of button the bot puts under its answers, as persistent `DynamicItem`s.

- `ask:<question>`: a suggested follow-up question; clicking it asks that question, and the answer
  goes privately (ephemerally) to the member who clicked.
- `reveal` ("Show me privately"): sends the member who clicks it the same answer, spoilers shown.
- `feedback` ("Not what I asked"): records the question in the unanswered log, once per member and
  message, and privately offers the suggestions the bot has.

All are matched by custom_id pattern, registered once with `bot.add_dynamic_items`, so they keep
working after a restart: nothing is held in memory per message (the question behind a reveal button
is kept in the database, keyed by the message id).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Self, cast

import discord

from bot.adapter.errors import report_interaction_error
from bot.core import ASK_PREFIX, REVEAL_CUSTOM_ID, REVEAL_LABEL

if TYPE_CHECKING:
    from bot.adapter.client import SeasonBot

__all__ = [
    "FEEDBACK_CUSTOM_ID",
    "FEEDBACK_LABEL",
    "AskButton",
    "FeedbackButton",
    "RevealButton",
    "add_feedback_button",
    "build_view",
]

_Button = discord.ui.Button[discord.ui.View]

#: The label names no answer, so it can never spoil.
FEEDBACK_LABEL = "Not what I asked"
FEEDBACK_CUSTOM_ID = "feedback"
_MAX_ROWS, _MAX_PER_ROW = 5, 5


class AskButton(discord.ui.DynamicItem[_Button], template=r"ask:(?P<question>.+)"):
    """A suggested follow-up question."""

    def __init__(
        self,
        question: str,
        *,
        label: str | None = None,
        style: discord.ButtonStyle = discord.ButtonStyle.secondary,
        row: int | None = None,
    ) -> None:
        super().__init__(
            discord.ui.Button(
                label=(label or question)[:80],
                style=style,
                custom_id=f"{ASK_PREFIX}{question}"[:100],
                row=row,
            )
        )
        self.question = question

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> Self:
        return cls(match["question"])

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        client = cast("SeasonBot", interaction.client)
        try:
            await client.responder.answer_suggestion(interaction, self.question)
        except Exception as error:  # noqa: BLE001 - the one error handler logs it with context
            await report_interaction_error(interaction, error)


class RevealButton(discord.ui.DynamicItem[_Button], template=r"reveal"):
    """The "Show me privately" button: the same answer, spoilers shown, for the clicker only."""

    def __init__(
        self,
        *,
        label: str = REVEAL_LABEL,
        style: discord.ButtonStyle = discord.ButtonStyle.secondary,
        row: int | None = None,
    ) -> None:
        super().__init__(
            discord.ui.Button(label=label, style=style, custom_id=REVEAL_CUSTOM_ID, row=row)
        )

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> Self:
        return cls()

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        client = cast("SeasonBot", interaction.client)
        try:
            await client.responder.reveal(interaction)
        except Exception as error:  # noqa: BLE001 - the one error handler logs it with context
            await report_interaction_error(interaction, error)


class FeedbackButton(discord.ui.DynamicItem[_Button], template=FEEDBACK_CUSTOM_ID):
    """ "Not what I asked": the clicker says the answer missed their question."""

    def __init__(self, *, row: int | None = None) -> None:
        super().__init__(
            discord.ui.Button(
                label=FEEDBACK_LABEL,
                style=discord.ButtonStyle.secondary,
                custom_id=FEEDBACK_CUSTOM_ID,
                row=row,
            )
        )

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> Self:
        return cls()

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        client = cast("SeasonBot", interaction.client)
        try:
            await client.responder.feedback(interaction)
        except Exception as error:  # noqa: BLE001 - the one error handler logs it with context
            await report_interaction_error(interaction, error)


def add_feedback_button(view: discord.ui.View | None) -> discord.ui.View | None:
    """`view` with a "Not what I asked" button after its other buttons (a new view if None);
    unchanged when the message has no room left."""
    if view is None:
        view = discord.ui.View(timeout=None)
        view.stop()
    rows: dict[int, int] = {}
    for child in view.children:
        row = child.row if child.row is not None else 0
        rows[row] = rows.get(row, 0) + 1
    free = next((r for r in range(_MAX_ROWS) if r not in rows), None)
    if free is None:
        last = max(rows)
        if rows[last] >= _MAX_PER_ROW:
            return view
        free = last
    view.add_item(FeedbackButton(row=free))
    return view


def build_view(rows: list[dict[str, Any]]) -> discord.ui.View | None:
    """A view holding the buttons of rendered action rows, or None if there are none.

    The view only carries the components: it is stopped before it is sent, so discord.py does not
    keep it in memory per message; clicks reach the `DynamicItem`s registered on the bot.
    """
    view = discord.ui.View(timeout=None)
    for row_index, row in enumerate(rows[:5]):
        for component in row.get("components", []):
            item = _button(component, row_index)
            if item is not None:
                view.add_item(item)
    if not view.children:
        return None
    view.stop()
    return view


def _button(component: dict[str, Any], row: int) -> discord.ui.Item[Any] | None:
    if component.get("type") != discord.ComponentType.button.value:
        return None
    label = component.get("label")
    style = discord.ButtonStyle(int(component.get("style", discord.ButtonStyle.secondary.value)))
    url = component.get("url")
    if url:
        return discord.ui.Button(label=label, url=url, row=row)
    custom_id = str(component.get("custom_id", ""))
    if custom_id == REVEAL_CUSTOM_ID:
        return RevealButton(label=label or REVEAL_LABEL, style=style, row=row)
    if custom_id == FEEDBACK_CUSTOM_ID:
        return FeedbackButton(row=row)
    if custom_id.startswith(ASK_PREFIX) and len(custom_id) > len(ASK_PREFIX):
        return AskButton(custom_id[len(ASK_PREFIX) :], label=label, style=style, row=row)
    return discord.ui.Button(
        label=label, style=style, custom_id=custom_id or None, row=row, disabled=True
    )
