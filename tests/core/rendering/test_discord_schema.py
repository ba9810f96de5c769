"""Rendered messages are bodies Discord accepts, checked against Discord's own OpenAPI description.

Skipped (with a reason) where ../shared/ is absent; see tests/discord_spec.py for the validator.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.core.answering.reply import Card, CardField, Reply, ReplyKind
from bot.core.knowledge.richtext import Segment, SpoilerMode, SpoilerPolicy
from bot.core.rendering.render import render_message
from tests.core.rendering.test_render_properties import policies, replies
from tests.discord_spec import Spec, check_message_limits, load_spec, validate_request

pytestmark = pytest.mark.shared

CHANNEL_MESSAGE = ("POST", "/channels/{channel_id}/messages")
CALLBACK = ("POST", "/interactions/{interaction_id}/{interaction_token}/callback")
EDIT_ORIGINAL = ("PATCH", "/webhooks/{application_id}/{webhook_token}/messages/@original")
FOLLOW_UP = ("POST", "/webhooks/{application_id}/{webhook_token}")


def long_sentences(count: int, episode: int | None = None) -> tuple[Segment, ...]:
    return tuple(Segment(f"Sentence {i} about the season. ", episode) for i in range(count))


REPLIES = {
    "plain answer": Reply(ReplyKind.ANSWER, "cast", (Segment("Rachael Taylor plays Trish."),)),
    "card with spoilers": Reply(
        ReplyKind.ANSWER,
        "character.info",
        cards=(
            Card(
                "Trish Walker",
                (Segment("Jessica's sister. "), Segment("She gains powers.", 9)),
                (CardField("Played by", (Segment("Rachael Taylor"),), inline=True),),
                footer="Source: Netflix",
                color=0x8E44AD,
            ),
        ),
        suggestions=("who plays Malcolm", "when was it released"),
    ),
    "user text with mentions": Reply(
        ReplyKind.UNKNOWN,
        None,
        (
            Segment("Not sure what "),
            Segment("@everyone <@123> ||x||", user_text=True),
            Segment(" means."),
        ),
        suggestions=("help",),
    ),
    "too long everywhere": Reply(
        ReplyKind.ANSWER,
        "season",
        long_sentences(200, 4),
        tuple(
            Card(
                "T" * 300,
                long_sentences(300, 3),
                tuple(CardField("N" * 300, long_sentences(80, 2)) for _ in range(30)),
                footer="F" * 3000,
                color=0xFFFFFFF,
            )
            for _ in range(12)
        ),
        tuple(f"suggestion {i} " * 20 for i in range(40)),
    ),
    "only suggestions": Reply(ReplyKind.CLARIFY, None, suggestions=("episode 1", "episode 2")),
}

MODES = [
    SpoilerPolicy(SpoilerMode.TAGGED, 0),
    SpoilerPolicy(SpoilerMode.BLOCKED, 2),
    SpoilerPolicy(SpoilerMode.OPEN, 13),
]


@pytest.fixture(scope="module")
def spec(discord_openapi_path: Path) -> Spec:
    return load_spec(discord_openapi_path)


def assert_accepted(spec: Spec, message: dict[str, Any]) -> None:
    """Valid as a channel message, an interaction answer, an edit of it and a follow-up."""
    validate_request(spec, *CHANNEL_MESSAGE, message)
    validate_request(spec, *CALLBACK, {"type": 4, "data": message})
    validate_request(spec, *EDIT_ORIGINAL, message)
    validate_request(spec, *FOLLOW_UP, message)
    check_message_limits(message)
    check_message_limits({"type": 4, "data": message})


@pytest.mark.parametrize("policy", MODES, ids=lambda p: f"{p.mode.value}-{p.watched}")
@pytest.mark.parametrize("name", list(REPLIES))
def test_rendered_replies_are_valid_discord_messages(
    spec: Spec, name: str, policy: SpoilerPolicy
) -> None:
    for reveal in (False, True):
        assert_accepted(spec, render_message(REPLIES[name], policy, reveal_button=reveal))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reply=replies, policy=policies, reveal=st.booleans())
def test_any_rendered_reply_is_a_valid_discord_message(
    spec: Spec, reply: Reply, policy: SpoilerPolicy, reveal: bool
) -> None:
    assert_accepted(spec, render_message(reply, policy, reveal_button=reveal))


# -- the validator itself (other suites rely on it catching mistakes) ------------------------------


def test_validator_lists_every_schema_error(spec: Spec) -> None:
    body = {
        "content": "hi",
        "embeds": [{"title": "x" * 257, "fields": [{"name": "no value"}]}],
        "components": [{"type": 1, "components": [{"type": 2, "style": 2, "label": "x" * 81}]}],
    }

    with pytest.raises(AssertionError) as raised:
        validate_request(spec, *CALLBACK, {"type": 4, "data": body})

    report = str(raised.value)
    assert "$.data.embeds[0].title: 257 characters, maxLength is 256" in report
    assert "$.data.embeds[0].fields[0]: 'value' is a required property" in report
    assert "$.data.components[0].components[0].label: 81 characters, maxLength is 80" in report


def test_limits_the_spec_leaves_out_are_checked(spec: Spec) -> None:
    body = {"content": "x" * 2001, "embeds": [{"description": "d" * 4000}] * 2}

    validate_request(spec, *CHANNEL_MESSAGE, body)  # the spec allows 4000 and has no total
    with pytest.raises(AssertionError, match=r"content is 2001 characters.*embeds total 8000"):
        check_message_limits(body)


def test_operations_are_found_by_shape_whatever_the_parameter_names(spec: Spec) -> None:
    spoken = "/webhooks/{application_id}/{interaction_token}/messages/@original"

    assert spec.find_path(spoken) == "/webhooks/{webhook_id}/{webhook_token}/messages/@original"
    assert spec.find_path("/channels/123/messages") == "/channels/{channel_id}/messages"
    with pytest.raises(LookupError, match="close"):
        spec.find_path("/channel/{id}/messages")


@pytest.mark.parametrize(
    "path",
    [
        "/applications/{application_id}/commands",
        "/applications/{application_id}/guilds/{guild_id}/commands",
    ],
)
def test_command_registration_bodies_are_checked(spec: Spec, path: str) -> None:
    command = {
        "name": "ask",
        "description": "Ask about the season",
        "type": 1,
        "options": [
            {"type": 3, "name": "question", "description": "Your question", "required": True}
        ],
    }

    validate_request(spec, "PUT", path, [command])
    with pytest.raises(AssertionError, match="name: 33 characters, maxLength is 32"):
        validate_request(spec, "PUT", path, [{**command, "name": "x" * 33}])
