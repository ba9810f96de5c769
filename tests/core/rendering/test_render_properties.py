"""Whatever the reply, the rendered message is within Discord's limits and never leaks a spoiler."""

from __future__ import annotations

import os
from dataclasses import replace
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.core.answering.reply import Card, CardField, Reply, ReplyKind
from bot.core.knowledge.richtext import RichText, Segment, SpoilerMode, SpoilerPolicy
from bot.core.rendering import limits
from bot.core.rendering.markdown import ZWSP
from bot.core.rendering.render import render_message
from tests.core.rendering.test_render import embed_total, parse_spoilers, rich_texts

# Modest budgets: the whole file runs in well under 20 s on two cores. For a deeper search, run
# with RENDER_EXAMPLES=2000.
SETTINGS = settings(
    max_examples=int(os.environ.get("RENDER_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
EPISODES = st.none() | st.integers(min_value=1, max_value=13)
PLACES = ["content", "description", "field value"]

# Any Unicode, short, or long by repetition: limits are hit without generating huge examples,
# which is what makes hypothesis slow here. Free-form long text has its own test below.
short_text = st.text(max_size=40)
long_text = st.builds(
    lambda unit, times: (unit * times)[:4000],
    st.text(min_size=1, max_size=60),
    st.integers(min_value=1, max_value=400),
)
any_text = st.one_of(short_text, long_text)
# Text that looks like prose, so sentence boundaries exist.
prose = st.lists(
    st.sampled_from(
        [
            "Jessica",
            "Trish",
            "dies.",
            "||",
            "`",
            "*",
            "\\",
            "@everyone",
            "<@1>",
            "http://x.co",
            "\n",
            "> ",
            "# ",
            "…",
            "!",
            " ",
            "é",
            "\u0301",
            "🏳️‍🌈",
        ]
    ),
    max_size=800,
).map(" ".join)


def segments(episodes: st.SearchStrategy[int | None] = EPISODES) -> st.SearchStrategy[Segment]:
    return st.builds(Segment, st.one_of(any_text, prose), episodes, st.booleans())


def rich(episodes: st.SearchStrategy[int | None] = EPISODES) -> st.SearchStrategy[RichText]:
    return st.lists(segments(episodes), max_size=6).map(tuple)


policies = st.builds(SpoilerPolicy, st.sampled_from(SpoilerMode), st.integers(0, 13))
fields = st.builds(CardField, st.one_of(short_text, long_text), rich(), st.booleans())
cards = st.builds(
    Card,
    title=st.one_of(short_text, long_text),
    description=rich(),
    fields=st.lists(fields, max_size=30).map(tuple),
    footer=st.one_of(short_text, long_text),
    color=st.none() | st.integers(-10, 0x1000010),
)
replies = st.builds(
    Reply,
    kind=st.sampled_from(ReplyKind),
    intent=st.none(),
    content=rich(),
    cards=st.lists(cards, max_size=12).map(tuple),
    suggestions=st.lists(st.one_of(short_text, long_text), max_size=30).map(tuple),
)


def assert_within_limits(message: dict[str, Any]) -> None:
    assert message["allowed_mentions"] == {"parse": []}
    assert len(message["content"]) <= limits.CONTENT
    embeds = message["embeds"]
    assert len(embeds) <= limits.EMBEDS
    assert embed_total(embeds) <= limits.EMBED_TOTAL
    for embed in embeds:
        assert embed, "no empty embeds"
        assert len(embed.get("title", "")) <= limits.TITLE
        assert len(embed.get("description", "")) <= limits.DESCRIPTION
        assert len(embed.get("footer", {}).get("text", "")) <= limits.FOOTER
        assert len(embed.get("fields", ())) <= limits.FIELDS
        assert 0 <= embed.get("color", 0) <= 0xFFFFFF
        for f in embed.get("fields", ()):
            assert 1 <= len(f["name"]) <= limits.FIELD_NAME
            assert 1 <= len(f["value"]) <= limits.FIELD_VALUE
    rows = message.get("components", [])
    assert "components" not in message or rows
    assert len(rows) <= limits.ROWS
    ids = [button["custom_id"] for row in rows for button in row["components"]]
    assert len(ids) == len(set(ids))
    for row in rows:
        assert 1 <= len(row["components"]) <= limits.BUTTONS_PER_ROW
        for button in row["components"]:
            assert 1 <= len(button["label"]) <= limits.BUTTON_LABEL
            assert 1 <= len(button["custom_id"]) <= limits.CUSTOM_ID


def assert_bars_balanced(message: dict[str, Any]) -> None:
    for text in rich_texts(message):
        for line in text.split("\n"):  # bars never span lines
            assert parse_spoilers(line)[2] == 0, line


@SETTINGS
@given(replies, policies, st.booleans())
def test_any_reply_renders_within_limits_with_balanced_bars(
    reply: Reply, policy: SpoilerPolicy, reveal: bool
) -> None:
    message = render_message(reply, policy, reveal_button=reveal)

    assert_within_limits(message)
    assert_bars_balanced(message)


@SETTINGS
@given(st.text(max_size=4000), EPISODES, st.booleans(), st.sampled_from(PLACES), policies)
def test_any_unicode_text_anywhere_renders_safely(
    text: str, episode: int | None, user_text: bool, where: str, policy: SpoilerPolicy
) -> None:
    def reply_with(middle: str) -> Reply:
        rich_text = (Segment("Before. "), Segment(middle, episode, user_text), Segment(" After."))
        if where == "content":
            return Reply(ReplyKind.ANSWER, None, rich_text)
        card = (
            Card("T", rich_text)
            if where == "description"
            else Card("T", fields=(CardField("F", rich_text),))
        )
        return Reply(ReplyKind.ANSWER, None, cards=(card,))

    message = render_message(reply_with(text), policy)

    assert_within_limits(message)
    assert_bars_balanced(message)
    if text and policy.mode is SpoilerMode.BLOCKED and policy.hides(Segment(text, episode)):
        assert message == render_message(reply_with("withheld"), policy)


@SETTINGS
@given(st.data(), st.integers(0, 12))
def test_when_everything_spoils_nothing_shows_outside_the_bars(
    data: st.DataObject, watched: int
) -> None:
    hidden = rich(st.integers(min_value=watched + 1, max_value=13))
    card = data.draw(
        st.builds(
            Card,
            short_text,
            hidden,
            st.lists(st.builds(CardField, short_text, hidden), max_size=30).map(tuple),
        )
    )
    reply = Reply(ReplyKind.ANSWER, None, data.draw(hidden), (card,))

    message = render_message(reply, SpoilerPolicy(SpoilerMode.TAGGED, watched))

    assert_within_limits(message)
    for text in rich_texts(message):
        visible, _, stray = parse_spoilers(text)
        assert stray == 0
        assert not visible.replace("…", "").replace(ZWSP, "").strip(), text


@SETTINGS
@given(replies, st.integers(0, 13), st.text(min_size=1, max_size=30))
def test_blocked_mode_output_does_not_depend_on_spoiler_text(
    reply: Reply, watched: int, other: str
) -> None:
    policy = SpoilerPolicy(SpoilerMode.BLOCKED, watched)

    def swap(text: RichText) -> RichText:
        return tuple(replace(s, text=other) if s.text and policy.hides(s) else s for s in text)

    swapped = replace(
        reply,
        content=swap(reply.content),
        cards=tuple(
            replace(
                card,
                description=swap(card.description),
                fields=tuple(replace(f, value=swap(f.value)) for f in card.fields),
            )
            for card in reply.cards
        ),
    )

    message = render_message(reply, policy)
    assert message == render_message(swapped, policy)
    assert_within_limits(message)
    assert all(parse_spoilers(text)[1] == [] for text in rich_texts(message))


@SETTINGS
@given(rich(), policies)
def test_user_text_never_mentions_anyone(text: RichText, policy: SpoilerPolicy) -> None:
    typed = tuple(replace(segment, user_text=True) for segment in text)

    content = render_message(Reply(ReplyKind.ANSWER, None, typed), policy)["content"]

    for mention in ("@everyone", "@here", "<@", "<#"):
        assert mention not in content


@SETTINGS
@given(rich(), st.integers(0, 13))
def test_open_mode_adds_no_bars(text: RichText, watched: int) -> None:
    message = render_message(
        Reply(ReplyKind.ANSWER, None, text), SpoilerPolicy(SpoilerMode.OPEN, watched)
    )

    assert parse_spoilers(message["content"])[1:] == ([], 0)
