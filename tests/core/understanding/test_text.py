"""Normalising what fans type."""

from __future__ import annotations

import pytest

from bot.core.understanding.text import normalize, stem


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("<@123456> Who PLAYS Trish??", "who plays trish"),
        ("**who** directed ||ep 3||", "who directed episode 3"),
        ("@everyone whos the showrunner", "who is the showrunner"),
        ("wat network is it on", "what network is it on"),
        ("Aïda Mashaka Croal", "aida mashaka croal"),
        ("Jessica’s mom", "jessica mom"),
        ("see https://example.com/x for ep 2", "see for episode 2"),
        ("how long is track 4? 5:13!", "how long is track 4 5:13"),
        ("ＦＵＬＬＷＩＤＴＨ", "fullwidth"),
        ("soooo whyyy did she go thru teh apt", "so why did she go through the apartment"),
        ("who plays the doctor in ep 3", "who plays the doctor in episode 3"),  # "oo" stays
    ],
)
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_stem_joins_forms_of_a_word() -> None:
    assert stem("filming") == stem("filmed") == stem("films") == "film"


def test_shorthand_of_several_words_is_replaced_whole() -> None:
    assert normalize("When was it taken off Netflix?") == "when was it removed netflix"
    assert normalize("the guy who took down the guard") == "the guy who took down the guard"
    assert normalize("she's taken aback") == "she taken aback"  # only the whole phrase
