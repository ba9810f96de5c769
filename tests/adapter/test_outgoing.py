from __future__ import annotations

import discord

from bot.adapter.components import AskButton, RevealButton, build_view
from bot.adapter.outgoing import NO_MENTIONS, Outgoing, quote


def test_quote_escapes_mentions_and_markdown_and_flattens() -> None:
    text = quote("@everyone **who**\nplays <@123456789012345678> ||trish||")
    assert "@everyone" not in text
    assert "<@123456789012345678>" not in text
    assert "**" not in text
    assert "||" not in text
    assert "\n" not in text


def test_quote_shortens() -> None:
    assert len(quote("x" * 500, limit=50)) <= 50


async def test_from_rendered_builds_embeds_and_persistent_buttons() -> None:
    rendered = {
        "content": "",
        "embeds": [{"title": "Who plays Trish", "description": "Rachael Taylor", "color": 1}],
        "components": [
            {
                "type": 1,
                "components": [
                    {"type": 2, "style": 1, "label": "Show me privately", "custom_id": "reveal"},
                    {"type": 2, "style": 2, "label": "Jessica?", "custom_id": "ask:Jessica?"},
                ],
            }
        ],
        "allowed_mentions": {"parse": []},
    }
    outgoing = Outgoing.from_rendered(rendered)
    assert outgoing.content is None
    assert [e.title for e in outgoing.embeds] == ["Who plays Trish"]
    assert outgoing.view is not None
    assert outgoing.view.is_finished()  # never kept in memory per message
    items = outgoing.view.children
    assert isinstance(items[0], RevealButton)
    assert isinstance(items[1], AskButton)
    assert items[1].question == "Jessica?"
    assert outgoing.view.to_components()[0]["components"][1]["custom_id"] == "ask:Jessica?"
    kwargs = outgoing.kwargs()
    assert kwargs["allowed_mentions"] is NO_MENTIONS
    assert "content" not in kwargs


async def test_no_buttons_no_view() -> None:
    assert build_view([]) is None
    assert Outgoing.from_rendered({"content": "hi"}).view is None


async def test_unknown_buttons_are_kept_disabled() -> None:
    view = build_view(
        [{"type": 1, "components": [{"type": 2, "style": 2, "label": "?", "custom_id": "x"}]}]
    )
    assert view is not None
    button = view.children[0]
    assert isinstance(button, discord.ui.Button)
    assert button.disabled


def test_allowed_mentions_are_off() -> None:
    assert NO_MENTIONS.to_dict() == {"parse": []}
