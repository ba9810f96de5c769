"""What a member sees of a reply: spoilers tagged, plain or withheld; limits; no pings."""

from __future__ import annotations

import re
from typing import Any

import pytest

from bot.core.answering.reply import Card, CardField, Reply, ReplyKind
from bot.core.knowledge.richtext import RichText, Segment, SpoilerMode, SpoilerPolicy
from bot.core.rendering import limits
from bot.core.rendering.markdown import ZWSP, escape_markdown
from bot.core.rendering.render import (
    message_to_console,
    needs_reveal,
    render_message,
    render_text,
)

TAGGED, OPEN, BLOCKED = SpoilerMode.TAGGED, SpoilerMode.OPEN, SpoilerMode.BLOCKED
TWIST = "Trish takes the inhibitor"

# -- helpers (also used by test_render_properties) ------------------------------------------------

# Discord's own rules: a backslash escapes any non-alphanumeric character; a spoiler is the shortest
# "||...||" starting at a position, whatever escapes lie inside it.
_ESCAPE = re.compile(r"\\[^0-9A-Za-z\s]")
_SPOILER = re.compile(r"\|\|([\s\S]+?)\|\|")


def parse_spoilers(text: str) -> tuple[str, list[str], int]:
    """(what shows outside spoiler bars, the bars' contents, unmatched "||" count), as Discord."""
    outside: list[str] = []
    inside: list[str] = []
    stray = 0
    index = 0
    while index < len(text):
        escape = _ESCAPE.match(text, index)
        if escape:
            outside.append(escape.group()[1])
            index = escape.end()
            continue
        bar = _SPOILER.match(text, index)
        if bar:
            inside.append(bar.group(1))
            index = bar.end()
            continue
        stray += text.startswith("||", index)
        outside.append(text[index])
        index += 1
    return "".join(outside), inside, stray


def rich_texts(message: dict[str, Any]) -> list[str]:
    """Every text where Discord shows spoiler bars: content, descriptions, field values."""
    texts = [message.get("content", "")]
    for embed in message.get("embeds", ()):
        texts.append(embed.get("description", ""))
        texts.extend(f["value"] for f in embed.get("fields", ()))
    return [text for text in texts if text]


def plain_texts(message: dict[str, Any]) -> list[str]:
    """Every text where Discord shows no spoiler bars: titles, field names, footers, labels."""
    texts: list[str] = []
    for embed in message.get("embeds", ()):
        texts.append(embed.get("title", ""))
        texts.extend(f["name"] for f in embed.get("fields", ()))
        texts.append(embed.get("footer", {}).get("text", ""))
    for row in message.get("components", ()):
        texts.extend(button["label"] for button in row["components"])
    return texts


def answer(content: RichText = (), *cards: Card, suggestions: tuple[str, ...] = ()) -> Reply:
    return Reply(ReplyKind.ANSWER, "test", content, cards, suggestions)


def spoiler_reply(episode: int = 5) -> Reply:
    return answer((Segment("In the finale"), Segment(" "), Segment(TWIST + ".", episode)))


def sentences(count: int, episode: int | None = None, start: int = 0) -> RichText:
    return tuple(
        Segment(f"Sentence number {i} says something about the season. ", episode)
        for i in range(start, start + count)
    )


# -- spoilers --------------------------------------------------------------------------------------


def test_tagged_mode_wraps_what_the_reader_has_not_watched() -> None:
    message = render_message(spoiler_reply(5), SpoilerPolicy(TAGGED, watched=4))

    assert message["content"] == f"In the finale ||{TWIST}.||"


@pytest.mark.parametrize("watched", [5, 6, 13])
def test_spoilers_the_reader_has_watched_are_plain(watched: int) -> None:
    message = render_message(spoiler_reply(5), SpoilerPolicy(TAGGED, watched))

    assert message["content"] == f"In the finale {TWIST}."


def test_open_mode_shows_everything() -> None:
    message = render_message(spoiler_reply(5), SpoilerPolicy(OPEN, watched=0))

    assert message["content"] == f"In the finale {TWIST}."


def test_blocked_mode_withholds_the_spoiler_and_says_how_to_see_it() -> None:
    message = render_message(spoiler_reply(5), SpoilerPolicy(BLOCKED, watched=2))

    content = message["content"]
    assert TWIST not in content
    assert content.startswith("In the finale [spoiler: episode 5]")
    assert "Spoilers from episode 5 on are hidden here" in content
    assert "/progress" in content
    assert "Show me privately" in content


def test_blocked_note_goes_in_the_footer_when_there_is_an_embed() -> None:
    card = Card("Finale", (Segment(TWIST, 9),), footer="Source: Netflix")
    message = render_message(answer((), card), SpoilerPolicy(BLOCKED, watched=0))

    embed = message["embeds"][0]
    assert embed["description"] == "[spoiler: episode 9]"
    assert embed["footer"]["text"].startswith("Source: Netflix\nSpoilers from episode 9 on")
    assert message["content"] == ""


def test_blocked_note_names_the_earliest_withheld_episode_and_is_short() -> None:
    reply = answer((Segment("a", 7), Segment(" b "), Segment("c", 3), Segment(" d", 11)))
    message = render_message(reply, SpoilerPolicy(BLOCKED, watched=2))

    note = message["content"].split("\n\n")[-1]
    assert note.startswith("Spoilers from episode 3 on are hidden here")
    assert len(note) < 120


def test_blocked_mode_without_anything_hidden_adds_no_note() -> None:
    message = render_message(spoiler_reply(5), SpoilerPolicy(BLOCKED, watched=5))

    assert message["content"] == f"In the finale {TWIST}."


def test_adjacent_spoilers_share_one_bar() -> None:
    reply = answer((Segment("Jessica", 4), Segment(" "), Segment("kills her.", 4), Segment("!", 9)))
    message = render_message(reply, SpoilerPolicy(TAGGED, 0))

    assert message["content"] == "||Jessica kills her.!||"


def test_adjacent_withheld_spoilers_become_one_marker() -> None:
    reply = answer((Segment("Jessica", 4), Segment(" "), Segment("kills her.", 6)))
    message = render_message(reply, SpoilerPolicy(BLOCKED, 0))

    assert message["content"].startswith("[spoiler: episode 4]\n\n")


def test_spoiler_bars_never_span_a_line_break() -> None:
    reply = answer((Segment("> quote "), Segment("first line\nsecond line", 3)))
    message = render_message(reply, SpoilerPolicy(TAGGED, 0))

    assert message["content"] == "> quote ||first line||\n||second line||"


def test_titles_field_names_and_footers_hold_no_spoiler_text() -> None:
    card = Card(
        "Who dies",
        (Segment("Someone does: "), Segment(TWIST, 8)),
        (CardField("How", (Segment(TWIST, 8),)),),
        footer="Source: episode guide",
    )
    for mode in SpoilerMode:
        reply = answer((), card, suggestions=("who plays trish",))
        message = render_message(reply, SpoilerPolicy(mode))
        assert all(TWIST not in text for text in plain_texts(message))
        if mode is TAGGED:
            assert all(TWIST not in parse_spoilers(text)[0] for text in rich_texts(message))


def test_spoiler_text_is_escaped_so_markup_cannot_reach_out_of_its_bar() -> None:
    reply = answer((Segment("**bold "), Segment("end** `code` ||x|| \\", 2)))
    content = render_message(reply, SpoilerPolicy(TAGGED, 0))["content"]

    visible, bars, stray = parse_spoilers(content)
    assert stray == 0
    assert bars == ["end\\*\\* \\`code\\` \\|\\|x\\|\\| \\\\"]
    assert visible == "**bold "


def test_a_bar_ending_in_an_escaped_pipe_still_closes() -> None:
    content = render_message(answer((Segment("a|", 2),)), SpoilerPolicy(TAGGED, 0))["content"]

    assert parse_spoilers(content) == ("", ["a\\| "], 0)


def test_model_pipes_and_backticks_cannot_fake_or_swallow_bars() -> None:
    reply = answer((Segment("a || b `c "), Segment("secret", 2), Segment(" d`")))
    content = render_message(reply, SpoilerPolicy(TAGGED, 0))["content"]

    assert content == "a \\|\\| b \\`c ||secret|| d\\`"


def test_text_without_bars_keeps_its_markdown() -> None:
    reply = answer((Segment("Use **/progress** or `/spoilers`."),))

    assert render_message(reply, SpoilerPolicy())["content"] == "Use **/progress** or `/spoilers`."


def test_a_url_right_before_a_bar_does_not_swallow_it() -> None:
    reply = answer((Segment("see https://example.com"), Segment("secret", 2)))
    content = render_message(reply, SpoilerPolicy(TAGGED, 0))["content"]

    assert content == "see https://example.com ||secret||"


@pytest.mark.parametrize(
    ("mode", "watched", "expected"),
    [(TAGGED, 0, True), (BLOCKED, 4, True), (TAGGED, 5, False), (OPEN, 0, False)],
)
def test_needs_reveal_when_something_is_tagged_or_withheld(
    mode: SpoilerMode, watched: int, expected: bool
) -> None:
    assert needs_reveal(spoiler_reply(5), SpoilerPolicy(mode, watched)) is expected


def test_needs_reveal_ignores_empty_spoiler_segments() -> None:
    assert not needs_reveal(answer((Segment("", 5),)), SpoilerPolicy(TAGGED, 0))


# -- mentions and user text ------------------------------------------------------------------------


def test_user_text_cannot_ping_or_open_markup() -> None:
    typed = "@everyone @here <@123> <@&456> <#789> ||x|| `y` **z** [a](http://b)"
    reply = answer((Segment("You asked: "), Segment(typed, user_text=True)))
    message = render_message(reply, SpoilerPolicy())

    content = message["content"]
    for mention in ("@everyone", "@here", "<@123>", "<@&456>", "<#789>"):
        assert mention not in content
    visible, bars, stray = parse_spoilers(content)
    assert (bars, stray) == ([], 0)
    assert visible.replace(ZWSP, "") == "You asked: " + typed
    assert message["allowed_mentions"] == {"parse": []}


def test_allowed_mentions_parse_nothing_in_every_message() -> None:
    for mode in SpoilerMode:
        message = render_message(answer((Segment("@everyone hi"),)), SpoilerPolicy(mode))
        assert message["allowed_mentions"] == {"parse": []}


@pytest.mark.parametrize(
    ("typed", "escaped"),
    [
        ("# heading", "\\# heading"),
        ("a\n> quote\n- item\n1. first", "a\n\\> quote\n\\- item\n1\\. first"),
        ("a > b - c # d", "a > b - c # d"),
        ("\\ * _ ~ ` | [ ] ( )", "\\\\ \\* \\_ \\~ \\` \\| \\[ \\] \\( \\)"),
        ("mail me@x.org <3", f"mail me@{ZWSP}x.org <{ZWSP}3"),
    ],
)
def test_escape_markdown(typed: str, escaped: str) -> None:
    assert escape_markdown(typed) == escaped


# -- length ---------------------------------------------------------------------------------------


def test_a_long_answer_is_cut_at_a_sentence_boundary_with_bars_balanced() -> None:
    text = sentences(30) + sentences(100, episode=6, start=30)
    card = Card("Long", text)
    message = render_message(answer((), card), SpoilerPolicy(TAGGED, 0))

    description = message["embeds"][0]["description"]
    assert len(description) <= limits.DESCRIPTION
    assert description.endswith("season.|| …")
    visible, bars, stray = parse_spoilers(description)
    assert stray == 0
    assert "Sentence number 29" in visible
    assert "Sentence number 30" in bars[0]


def test_long_content_is_cut_to_2000_at_a_sentence() -> None:
    message = render_message(answer(sentences(100)), SpoilerPolicy())

    content = message["content"]
    assert len(content) <= limits.CONTENT
    assert content.endswith("season. …")
    assert len(content) > limits.CONTENT - 100


def test_one_endless_sentence_is_cut_at_a_word() -> None:
    text = render_text((Segment("word " * 1000, 3),), SpoilerPolicy(TAGGED, 0), 100)

    assert len(text) <= 100
    assert text.endswith("word||…")
    assert parse_spoilers(text)[2] == 0


def test_a_long_field_value_continues_in_a_second_field() -> None:
    card = Card("Plot", fields=(CardField("Synopsis", sentences(30, episode=2)),))
    message = render_message(answer((), card), SpoilerPolicy(TAGGED, 0))

    fields = message["embeds"][0]["fields"]
    assert [f["name"] for f in fields] == ["Synopsis", "Synopsis (cont.)"]
    assert all(len(f["value"]) <= limits.FIELD_VALUE for f in fields)
    assert all(f["value"].startswith("||Sentence") and f["value"].endswith("||") for f in fields)


def test_field_splitting_stops_at_25_fields_and_then_cuts() -> None:
    many = tuple(CardField(f"F{i}", sentences(40)) for i in range(24))
    message = render_message(answer((), Card("Many", fields=many)), SpoilerPolicy())

    fields = message["embeds"][0]["fields"]
    assert len(fields) <= limits.FIELDS
    assert sum(len(f["name"]) + len(f["value"]) for f in fields) + len("Many") <= limits.EMBED_TOTAL


def test_more_than_25_fields_are_dropped() -> None:
    many = tuple(CardField(f"F{i}", (Segment("v"),)) for i in range(40))
    message = render_message(answer((), Card("Many", fields=many)), SpoilerPolicy())

    assert [f["name"] for f in message["embeds"][0]["fields"]] == [f"F{i}" for i in range(25)]


def test_embeds_share_6000_characters_by_shortening_the_longest() -> None:
    cards = [Card(f"Card {i}", sentences(80), footer="short footer") for i in range(10)]
    message = render_message(answer((), *cards), SpoilerPolicy())

    embeds = message["embeds"]
    assert len(embeds) == 10
    assert embed_total(embeds) <= limits.EMBED_TOTAL
    assert [e["title"] for e in embeds] == [f"Card {i}" for i in range(10)]
    assert all(e["footer"]["text"] == "short footer" for e in embeds)
    assert all(e["description"].endswith("season. …") for e in embeds)


def test_too_much_for_one_message_drops_trailing_fields_and_embeds() -> None:
    fields = tuple(CardField(f"Field {j}", sentences(10)) for j in range(25))
    cards = [Card(f"Card {i}", sentences(2), fields) for i in range(12)]
    message = render_message(answer((), *cards), SpoilerPolicy())

    embeds = message["embeds"]
    assert embed_total(embeds) <= limits.EMBED_TOTAL
    assert len(embeds) < 10
    kept = [f for e in embeds for f in e.get("fields", ())]
    assert kept
    assert all(len(f["value"]) >= 200 for f in kept)
    assert kept[0]["name"] == "Field 0"


def test_plain_strings_are_clipped_to_their_limits() -> None:
    card = Card("T" * 300, fields=(CardField("N" * 300, (Segment("v"),)),), footer="F" * 3000)
    message = render_message(answer((), card, suggestions=("q" * 200,)), SpoilerPolicy())

    embed = message["embeds"][0]
    assert embed["title"] == "T" * 255 + "…"
    assert embed["fields"][0]["name"] == "N" * 255 + "…"
    assert len(embed["footer"]["text"]) == limits.FOOTER
    button = message["components"][0]["components"][0]
    assert button["label"] == "q" * 79 + "…"
    assert button["custom_id"] == ("ask:" + "q" * 200)[: limits.CUSTOM_ID]


def test_more_than_10_cards_keep_the_first_10() -> None:
    cards = [Card(f"Card {i}") for i in range(12)]

    embeds = render_message(answer((), *cards), SpoilerPolicy())["embeds"]
    assert [e["title"] for e in embeds] == [f"Card {i}" for i in range(10)]


def test_empty_field_values_and_names_get_a_placeholder() -> None:
    card = Card("T", fields=(CardField("", ()),))

    assert render_message(answer((), card), SpoilerPolicy())["embeds"][0]["fields"] == [
        {"name": ZWSP, "value": ZWSP, "inline": False}
    ]


def test_empty_cards_and_invalid_colours_are_left_out() -> None:
    message = render_message(answer((), Card(""), Card("T", color=-1)), SpoilerPolicy())

    assert message["embeds"] == [{"title": "T"}]


# -- components -----------------------------------------------------------------------------------


def test_suggestions_become_secondary_buttons_in_rows_of_five() -> None:
    suggestions = ("question 0", "question 0", "  ", *(f"question {i}" for i in range(1, 30)))
    message = render_message(answer((Segment("hi"),), suggestions=suggestions), SpoilerPolicy())

    rows = message["components"]
    assert len(rows) == limits.ROWS
    assert all(row["type"] == 1 and len(row["components"]) == 5 for row in rows)
    first = rows[0]["components"][0]
    assert first == {"type": 2, "style": 2, "label": "question 0", "custom_id": "ask:question 0"}
    ids = [b["custom_id"] for row in rows for b in row["components"]]
    assert len(ids) == len(set(ids)) == 25


def test_reveal_button_comes_first() -> None:
    message = render_message(spoiler_reply(), SpoilerPolicy(), reveal_button=True)

    assert message["components"] == [
        {
            "type": 1,
            "components": [
                {"type": 2, "style": 1, "label": "Show me privately", "custom_id": "reveal"}
            ],
        }
    ]


def test_no_components_key_without_buttons() -> None:
    assert "components" not in render_message(spoiler_reply(), SpoilerPolicy())


# -- text and console -----------------------------------------------------------------------------


def test_render_text_respects_its_limit_and_the_policy() -> None:
    text = (Segment("Plain. "), Segment(TWIST + ". " * 50, 3))

    assert render_text(text, SpoilerPolicy(BLOCKED, 0), 100) == "Plain. [spoiler: episode 3]"
    assert len(render_text(text, SpoilerPolicy(TAGGED, 0), 50)) <= 50


def test_message_to_console_reads_like_the_message() -> None:
    card = Card(
        "Who plays Trish",
        (Segment("Rachael Taylor. "), Segment("She gets powers.", 9)),
        (CardField("Also known as", (Segment("Patsy *Walker*"),)),),
        footer="Source: Netflix",
    )
    reply = answer((Segment("@everyone", user_text=True),), card, suggestions=("who is Malcolm",))
    message = render_message(reply, SpoilerPolicy(TAGGED, 0), reveal_button=True)

    assert message_to_console(message) == (
        "@everyone\n\n"
        "== Who plays Trish ==\n"
        "Rachael Taylor. ||She gets powers.||\n"
        "Also known as: Patsy *Walker*\n"
        "-- Source: Netflix\n\n"
        "[Show me privately] [who is Malcolm]"
    )


def embed_total(embeds: list[dict[str, Any]]) -> int:
    total = 0
    for embed in embeds:
        total += len(embed.get("title", "")) + len(embed.get("description", ""))
        total += len(embed.get("footer", {}).get("text", ""))
        total += sum(len(f["name"]) + len(f["value"]) for f in embed.get("fields", ()))
    return total
