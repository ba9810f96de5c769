"""What goes into the unanswered log, and the CSV it is exported as."""

from __future__ import annotations

import csv
import io

import pytest

from bot.adapter.storage import UnansweredEntry
from bot.adapter.unanswered import CSV_HEADER, MAX_QUESTION, clean_question, decline_of, write_csv
from bot.core import Reply, ReplyKind


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("<@123> who is <@!456> and <@&789> in <#42>?", "who is and in ?"),
        ("@everyone   what\nabout @here  this", "what about this"),
        ("x" * 1000, "x" * MAX_QUESTION),
    ],
)
def test_mentions_are_stripped(typed: str, kept: str) -> None:
    assert clean_question(typed) == kept


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        (Reply(ReplyKind.ANSWER, "character.actor"), None),
        (Reply(ReplyKind.NOTICE, "help"), None),
        (
            Reply(ReplyKind.UNKNOWN, "unknown", suggestions=("Who is A?",)),
            ("not_sure", "Who is A?"),
        ),
        (Reply(ReplyKind.UNKNOWN, "unknown"), ("not_sure", "")),
        (Reply(ReplyKind.UNKNOWN, "episode.runtime"), ("sources_dont_say", "episode.runtime")),
        (
            Reply(ReplyKind.CLARIFY, "clarify", suggestions=("A?", "B?", "C?")),
            ("which_one", "A? / B?"),
        ),
        (Reply(ReplyKind.OFF_TOPIC, "off_topic"), ("off_topic", "")),
        (None, None),
    ],
)
def test_what_counts_as_a_decline(reply: Reply | None, expected: tuple[str, str] | None) -> None:
    assert decline_of(reply) == expected


def test_csv_has_a_header_and_is_safe_in_a_spreadsheet() -> None:
    out = io.StringIO()
    entries = [
        UnansweredEntry(1, 'who is, "the" lead', "not_sure", "", 2, 0, 86400),
        UnansweredEntry(1, "=HYPERLINK(1)", "not_sure", "-x", 1, 0, 0),
    ]
    assert write_csv(entries, out) == 2
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == CSV_HEADER
    assert rows[1] == [
        "1",
        'who is, "the" lead',
        "not_sure",
        "",
        "2",
        "1970-01-01T00:00:00Z",
        "1970-01-02T00:00:00Z",
    ]
    assert rows[2][1] == "'=HYPERLINK(1)"  # shown as text, never run as a formula
    assert rows[2][3] == "'-x"
