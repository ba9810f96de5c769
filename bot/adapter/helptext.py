"""/help, generated from the command tree so it can never drift from the commands that exist.

Every registered slash command (and subcommand) is listed, grouped by the cog that defines it;
commands carrying default member permissions are grouped "For moderators". A command from a cog
not named here still appears, under "More".
"""

from __future__ import annotations

import dataclasses
from typing import Any

from discord import app_commands

from bot.core import CardField, Reply, Segment

__all__ = ["GROUPS", "command_lines", "help_reply"]

#: Headings in display order: cog module (its last dotted part) -> heading.
GROUPS: dict[str, str] = {
    "ask": "Ask",
    "lookup": "Look up",
    "progress": "Your progress",
    "spoilers": "Spoilers",
    "moderators": "For moderators",
    "more": "More",
}

PROGRESS_TIP = (
    "Tell me how far you've watched with /progress set: what you've seen is then no spoiler "
    "to you in my private answers and DMs."
)
CASUAL_TIP = "You can also mention me, reply to me or DM me with a question."
_FIELD_LIMIT = 1024


def _usage(command: app_commands.Command[Any, ..., Any]) -> str:
    options = " ".join(
        p.display_name if p.required else f"[{p.display_name}]" for p in command.parameters
    )
    return f"/{command.qualified_name}" + (f" {options}" if options else "")


def _group_of(command: app_commands.Command[Any, ..., Any]) -> str:
    root = command.root_parent or command
    if root.default_permissions is not None and root.default_permissions.value:
        return "moderators"
    module = (command.module or "").rsplit(".", 1)[-1]
    return module if module in GROUPS else "more"


def command_lines(tree: app_commands.CommandTree[Any]) -> dict[str, list[str]]:
    """Heading -> one line per command a member can run, in the order of `GROUPS`."""
    grouped: dict[str, list[str]] = {key: [] for key in GROUPS}
    for command in tree.walk_commands():
        if isinstance(command, app_commands.Command):
            line = f"`{_usage(command)}`: {command.description}"
            grouped[_group_of(command)].append(line)
    return {GROUPS[key]: lines for key, lines in grouped.items() if lines}


def _field(name: str, lines: list[str]) -> CardField:
    text = ""
    for line in lines:
        candidate = f"{text}\n{line}" if text else line
        if len(candidate) > _FIELD_LIMIT:
            break  # never met with today's commands; keeps the embed valid if it grows
        text = candidate
    return CardField(name, (Segment(text),))


def help_reply(base: Reply, tree: app_commands.CommandTree[Any]) -> Reply:
    """The core's help (what the bot covers), with every command listed under its heading."""
    fields = tuple(_field(name, lines) for name, lines in command_lines(tree).items())
    if not base.cards:
        return base
    first = base.cards[0]
    tips = (Segment("\n\n" + PROGRESS_TIP + " " + CASUAL_TIP),)
    card = dataclasses.replace(
        first, description=first.description + tips, fields=first.fields + fields
    )
    return dataclasses.replace(base, cards=(card, *base.cards[1:]))
