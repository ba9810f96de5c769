"""The buttons the adapter adds to rendered answers ("Not what I asked") keep the message valid
against Discord's OpenAPI description, like the buttons the core renders (whose bodies
tests/core/rendering/test_discord_schema.py checks). Skipped with a reason without ../shared/.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.adapter.components import FEEDBACK_CUSTOM_ID, FEEDBACK_LABEL
from bot.adapter.outgoing import NO_MENTIONS, Outgoing
from bot.adapter.responder import Responder
from bot.core import Card, CardField, Reply, ReplyKind, Segment, SpoilerMode, SpoilerPolicy
from tests.discord_spec import check_message_limits, load_spec, validate_request

CHANNEL_MESSAGE = ("POST", "/channels/{channel_id}/messages")
CALLBACK = ("POST", "/interactions/{interaction_id}/{interaction_token}/callback")


def _suggestions(count: int) -> tuple[str, ...]:
    return tuple(f"who plays character number {i} of the season?" for i in range(count))


REPLIES = {
    "plain answer": Reply(ReplyKind.ANSWER, "cast", (Segment("Rachael Taylor plays Trish."),)),
    "finale spoiler": Reply(
        ReplyKind.ANSWER,
        "episode.plot",
        cards=(
            Card(
                'Episode 13: "AKA Playland"',
                (Segment("Jessica fights Alisa at first.", 13),),
                (CardField("Directed by", (Segment("Anna Foerster"),), inline=True),),
                footer="Source: an encyclopedia",
            ),
        ),
    ),
    "spoiler and suggestions": Reply(
        ReplyKind.ANSWER,
        "character.info",
        (Segment("Trish "), Segment("gains powers.", 9)),
        suggestions=_suggestions(3),
    ),
    "rows almost full": Reply(
        ReplyKind.ANSWER, "x", (Segment("a"), Segment("b", 13)), suggestions=_suggestions(23)
    ),
    "rows full": Reply(
        ReplyKind.ANSWER, "x", (Segment("a"), Segment("b", 13)), suggestions=_suggestions(40)
    ),
    "long suggestion": Reply(ReplyKind.ANSWER, "x", (Segment("a"),), suggestions=("why " * 60,)),
}

POLICIES = {
    "tagged": SpoilerPolicy(SpoilerMode.TAGGED),
    "blocked": SpoilerPolicy(SpoilerMode.BLOCKED),
    "open": SpoilerPolicy(SpoilerMode.OPEN),
    "watched it all": SpoilerPolicy(SpoilerMode.TAGGED, watched=13),
}


def body_of(outgoing: Outgoing) -> dict[str, Any]:
    """The JSON discord.py sends for `outgoing` (see `Outgoing.kwargs`)."""
    body: dict[str, Any] = {"allowed_mentions": NO_MENTIONS.to_dict()}
    if outgoing.content:
        body["content"] = outgoing.content
    if outgoing.embeds:
        body["embeds"] = [embed.to_dict() for embed in outgoing.embeds]
    if outgoing.view is not None:
        body["components"] = outgoing.view.to_components()
    return body


def buttons(body: dict[str, Any]) -> list[dict[str, Any]]:
    return [c for row in body.get("components", []) for c in row["components"]]


@pytest.mark.parametrize("policy", sorted(POLICIES))
@pytest.mark.parametrize("name", sorted(REPLIES))
async def test_the_feedback_button_comes_last_once_and_never_overfills(
    name: str, policy: str
) -> None:
    plain, _ = Responder.render(REPLIES[name], POLICIES[policy])
    with_feedback, _ = Responder.render(REPLIES[name], POLICIES[policy], feedback=True)
    before, after = buttons(body_of(plain)), buttons(body_of(with_feedback))
    rows = body_of(with_feedback).get("components", [])
    assert len(rows) <= 5
    assert all(len(row["components"]) <= 5 for row in rows)
    assert after[: len(before)] == before  # the core's buttons, untouched and first
    if len(before) < 25:
        assert [b["custom_id"] for b in after[len(before) :]] == [FEEDBACK_CUSTOM_ID]
        assert after[-1]["label"] == FEEDBACK_LABEL
    else:
        assert after == before  # no room left: the answer's own buttons matter more
    custom_ids = [b["custom_id"] for b in after]
    assert len(custom_ids) == len(set(custom_ids))


@pytest.mark.shared
@pytest.mark.parametrize("policy", sorted(POLICIES))
@pytest.mark.parametrize("name", sorted(REPLIES))
async def test_answers_with_the_feedback_button_are_valid_discord_requests(
    name: str, policy: str, discord_openapi_path: Path
) -> None:
    spec = load_spec(discord_openapi_path)
    outgoing, _ = Responder.render(REPLIES[name], POLICIES[policy], feedback=True)
    message = body_of(outgoing)
    validate_request(spec, *CHANNEL_MESSAGE, message)
    check_message_limits(message)
    callback = {"type": 4, "data": message}
    validate_request(spec, *CALLBACK, callback)
    check_message_limits(callback)
