"""Whatever a member types, in any mode and at any progress, the reply is a valid, safe payload."""

from __future__ import annotations

import json
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.core.engine import Engine, Trigger
from bot.core.knowledge.richtext import SpoilerMode, SpoilerPolicy
from bot.core.rendering.render import render_message

ENGINE = Engine.load()
FRAGMENTS = [
    "who plays",
    "trish",
    "ep 5",
    "s2e3",
    "@everyone",
    "<@123>",
    "||",
    "`",
    "**",
    "the finale",
    "jessica",
    "and who directed",
    "?",
    "season 3",
    "aka",
    "alisa",
    "\n",
]

questions = st.one_of(
    st.text(max_size=4000),
    st.lists(st.sampled_from(FRAGMENTS), max_size=12).map(" ".join),
)


def _within_limits(message: dict[str, object]) -> None:
    assert message["allowed_mentions"] == {"parse": []}
    content = str(message.get("content", ""))
    assert len(content) <= 2000
    embeds = message.get("embeds", [])
    assert isinstance(embeds, list)
    assert len(embeds) <= 10
    total = 0
    for embed in embeds:
        title, description = embed.get("title", ""), embed.get("description", "")
        footer = embed.get("footer", {}).get("text", "")
        assert len(title) <= 256
        assert len(description) <= 4096
        assert len(footer) <= 2048
        fields = embed.get("fields", [])
        assert len(fields) <= 25
        for field in fields:
            assert 0 < len(field["name"]) <= 256
            assert 0 < len(field["value"]) <= 1024
        total += len(title) + len(description) + len(footer)
        total += sum(len(f["name"]) + len(f["value"]) for f in fields)
    assert total <= 6000


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    question=questions,
    mode=st.sampled_from(list(SpoilerMode)),
    watched=st.integers(0, 13),
    trigger=st.sampled_from(list(Trigger)),
)
def test_any_question_gives_a_valid_payload(
    question: str, mode: SpoilerMode, watched: int, trigger: Trigger
) -> None:
    answer = ENGINE.ask(question, trigger)
    if answer.reply is None:
        assert trigger is Trigger.AUTO
        return
    message = render_message(answer.reply, SpoilerPolicy(mode, watched))
    json.dumps(message)
    _within_limits(message)
    for embed in message.get("embeds", []):
        for text in [embed.get("description", "")] + [f["value"] for f in embed.get("fields", [])]:
            assert len(re.findall(r"(?<!\\)\|\|", text)) % 2 == 0, text
