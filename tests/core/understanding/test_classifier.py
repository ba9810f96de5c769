"""The nearest-neighbour classifier: closest phrasing wins, votes, unknown words, coverage."""

from __future__ import annotations

import pytest

from bot.core.understanding.classifier import Classifier, Labelled


def _examples() -> list[Labelled]:
    return [
        Labelled("director", frozenset({"who", "direct", "{episode}"})),
        Labelled("director", frozenset({"direct", "{episode}"})),
        Labelled("writer", frozenset({"who", "write", "{episode}"})),
        Labelled("writer", frozenset({"write", "{episode}", "script"})),
        Labelled("budget", frozenset({"budget", "how_many"})),
    ]


def test_the_label_of_the_closest_phrasing_ranks_first() -> None:
    ranked = Classifier(_examples()).rank({"who", "direct", "{episode}"})
    assert ranked[0].label == "director"
    assert ranked[0].score == pytest.approx(1.0)
    assert ranked[0].share > ranked[1].share


def test_a_word_no_example_uses_lowers_every_score() -> None:
    classifier = Classifier(_examples())
    plain = classifier.rank({"who", "direct", "{episode}"})[0].score
    diluted = classifier.rank({"who", "direct", "{episode}", "pancake"})[0].score
    assert diluted < plain


def test_nothing_shared_gives_nothing() -> None:
    assert Classifier(_examples()).rank({"pancake"}) == []
    assert Classifier([]).rank({"who"}) == []


def test_top_keeps_only_the_best_labels() -> None:
    ranked = Classifier(_examples()).rank({"who", "{episode}"}, top=1)
    assert len(ranked) == 1


def test_coverage_scores_the_share_of_the_question_a_description_covers() -> None:
    descriptions = Classifier(
        [
            Labelled("lawyer", frozenset({"lawyer", "firm", "partner", "ruthless"})),
            Labelled("cop", frozenset({"detective", "police"})),
        ],
        coverage=True,
    )
    ranked = descriptions.rank({"lawyer", "play"})  # "play" is in no description: not counted
    assert ranked[0].label == "lawyer"
    assert ranked[0].score == pytest.approx(1.0)


def test_an_example_covers_a_question_that_says_no_more_than_it() -> None:
    classifier = Classifier(_examples())
    assert classifier.covers(frozenset({"write", "script"}), "writer")
    assert not classifier.covers(frozenset({"write", "budget"}), "writer")
    assert not classifier.covers(frozenset(), "writer")
