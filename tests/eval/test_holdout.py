"""Later evaluation sets, as guards against regressions in how well the bot generalizes.

tests/eval/holdout.yaml and tests/eval/blind3.yaml were each written blind by another author, from
the source texts only, after questions.yaml was in use. Their failures were then studied to
improve general mechanisms (never by adding their wording to the knowledge), so they are no longer
blind measures: each bar sits just under what the engine reached, to catch a change that makes the
bot worse at questions phrased in new ways. README gives their first-run figures.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.engine import Engine
from devtools.evaluation import Report, evaluate, format_miss, load_questions

HERE = Path(__file__).resolve().parent
MINIMUM = {
    "holdout.yaml": {"answer": 0.90, "decline": 0.90, "silent": 0.97},
    "blind3.yaml": {"answer": 0.83, "decline": 0.83, "silent": 0.97},
}


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.load()


@pytest.fixture(scope="module", params=sorted(MINIMUM))
def report(request: pytest.FixtureRequest, engine: Engine) -> tuple[str, Report]:
    name: str = request.param
    return name, evaluate(engine, load_questions(HERE / name))


@pytest.mark.parametrize("expect", ["answer", "decline", "silent"])
def test_accuracy(report: tuple[str, Report], expect: str) -> None:
    name, result = report
    score = result.by_expect[expect]
    misses = "\n".join(format_miss(r) for r in result.misses if r.question.expect == expect)
    assert score.accuracy >= MINIMUM[name][expect], f"{name}:\n{misses}"


def test_no_spoiler_leaks(report: tuple[str, Report]) -> None:
    name, result = report
    assert result.leaks == [], (name, result.leaks)
