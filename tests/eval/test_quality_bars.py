"""Quality bars: every evaluation set, asked through the real engine, against a floor per outcome.

The sets, each written blind by a different author from the source texts only:
- questions.yaml: the first set, developed against from the start;
- holdout.yaml, blind3.yaml: later sets whose failures were studied to improve general mechanisms;
- blind4.yaml (general) and plot.yaml (the story): written for the redesign of understanding and
  run once before any change for them; blind5.yaml (general): written at the same time but sealed
  until the redesign was done, then run once; blind6.yaml (general) and plot2.yaml (the story):
  written later, sealed until the second round of work on understanding and the story was done,
  then run once; blind7.yaml and plot3.yaml likewise, at the start of the third round (story
  events learnt from example questions), and blind8.yaml and plot4.yaml, written during it and
  sealed until it was done; blind9.yaml and plot5.yaml likewise at the start of the fourth round,
blind10.yaml and plot6.yaml written then but sealed until the first part of it was done, and
blind11.yaml and plot7.yaml written then and sealed until its second part was done, and
blind12.yaml and plot8.yaml written then and sealed until the round was done; blind13.yaml and
plot9.yaml likewise at the start of the fifth round, and blind14.yaml and plot10.yaml written
then and sealed until it was done (and studied in the sixth round); blind15.yaml and plot11.yaml
written at the start of the sixth round and sealed until it was done (and studied in the
seventh); blind16.yaml and plot12.yaml written at the start of the seventh round and sealed until
it was done (and studied in the eighth); blind17.yaml and plot13.yaml written at the start of the
eighth round and sealed until it was done (and studied in the ninth); blind18.yaml and plot14.yaml
written at the start of the ninth round and sealed until it was done (and studied in the tenth);
blind19.yaml and plot15.yaml written at the start of the tenth round and run once as soon as they
were done, before any change for them (and studied in the tenth round); blind20.yaml and
plot16.yaml likewise at the start of the eleventh round, blind21.yaml and plot17.yaml at the
start of the twelfth, blind22.yaml and plot18.yaml at the start of the thirteenth, and
blind23.yaml and plot19.yaml at the start of the fourteenth (blind24.yaml and plot20.yaml
written during it, sealed until its end and run once before any change for them).
Their first-run figures are in README.

A set that was studied is no longer a blind measure, so these floors are regression guards: each
sits just under what the engine reached, to catch a change that makes the bot worse at questions
phrased in new ways. The targets (95% answered and declined correctly, 98% chatter left alone)
are reported against by `python -m devtools.evaluation`; README says how far each set is from them.
Spoiler leaks are never allowed, on any set.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core import Engine
from devtools.evaluation import Report, evaluate, format_miss, load_questions

HERE = Path(__file__).resolve().parent
# Floors, kept here (not imported) so that loosening one shows in review.
MINIMUM = {
    "questions.yaml": {"answer": 0.96, "decline": 0.98, "silent": 0.97},
    "holdout.yaml": {"answer": 0.95, "decline": 0.97, "silent": 0.97},
    "blind3.yaml": {"answer": 0.91, "decline": 1.00, "silent": 0.97},
    "blind4.yaml": {"answer": 0.90, "decline": 0.97, "silent": 0.97},
    "blind5.yaml": {"answer": 0.92, "decline": 0.97, "silent": 0.97},
    "blind6.yaml": {"answer": 0.92, "decline": 0.96, "silent": 0.97},
    "blind7.yaml": {"answer": 0.90, "decline": 0.97, "silent": 0.97},
    "blind8.yaml": {"answer": 0.92, "decline": 0.92, "silent": 0.97},
    "blind9.yaml": {"answer": 0.92, "decline": 0.98, "silent": 0.97},
    "blind10.yaml": {"answer": 0.85, "decline": 0.96, "silent": 0.97},
    "blind11.yaml": {"answer": 0.93, "decline": 0.98, "silent": 0.97},
    "blind12.yaml": {"answer": 0.89, "decline": 0.92, "silent": 0.97},
    "blind13.yaml": {"answer": 0.94, "decline": 0.96, "silent": 0.97},
    "blind14.yaml": {"answer": 0.93, "decline": 1.00, "silent": 0.97},
    "blind15.yaml": {"answer": 0.96, "decline": 0.94, "silent": 0.97},
    "blind16.yaml": {"answer": 0.95, "decline": 0.96, "silent": 0.97},
    "blind17.yaml": {"answer": 0.98, "decline": 0.98, "silent": 0.97},
    "blind18.yaml": {"answer": 0.95, "decline": 0.94, "silent": 0.97},
    "blind19.yaml": {"answer": 0.96, "decline": 0.96, "silent": 0.97},
    "blind20.yaml": {"answer": 0.93, "decline": 1.00, "silent": 0.97},
    "blind21.yaml": {"answer": 0.96, "decline": 0.96, "silent": 0.97},
    "blind22.yaml": {"answer": 0.95, "decline": 1.00, "silent": 0.97},
    "blind23.yaml": {"answer": 0.95, "decline": 0.98, "silent": 0.97},
    "blind24.yaml": {"answer": 0.94, "decline": 0.96, "silent": 0.97},
    "plot.yaml": {"answer": 0.83, "decline": 0.87},
    "plot2.yaml": {"answer": 0.83, "decline": 0.75},
    "plot3.yaml": {"answer": 0.80, "decline": 0.87},
    "plot4.yaml": {"answer": 0.83, "decline": 0.92},
    "plot5.yaml": {"answer": 0.80, "decline": 0.74},
    "plot6.yaml": {"answer": 0.82, "decline": 0.84},
    "plot7.yaml": {"answer": 0.85, "decline": 0.86},
    "plot8.yaml": {"answer": 0.86, "decline": 0.84},
    "plot9.yaml": {"answer": 0.84, "decline": 0.86},
    "plot10.yaml": {"answer": 0.77, "decline": 0.93},
    "plot11.yaml": {"answer": 0.88, "decline": 0.80},
    "plot12.yaml": {"answer": 0.85, "decline": 0.88},
    "plot13.yaml": {"answer": 0.85, "decline": 0.88},
    "plot14.yaml": {"answer": 0.86, "decline": 0.92},
    "plot15.yaml": {"answer": 0.91, "decline": 0.88},
    "plot16.yaml": {"answer": 0.90, "decline": 0.93},
    "plot17.yaml": {"answer": 0.82, "decline": 0.92},
    "plot18.yaml": {"answer": 0.85, "decline": 0.85},
    "plot19.yaml": {"answer": 0.81, "decline": 0.85},
    "plot20.yaml": {"answer": 0.75, "decline": 0.80},
}
# The share of correct answers that lead with what was asked, and the median length of a
# single-fact answer, on the general sets.
MINIMUM_DIRECT = 0.90
MAXIMUM_MEDIAN_LENGTH = 300


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.load()


@pytest.fixture(scope="module", params=sorted(MINIMUM))
def report(request: pytest.FixtureRequest, engine: Engine) -> tuple[str, Report]:
    name: str = request.param
    return name, evaluate(engine, load_questions(HERE / name))


def test_accuracy(report: tuple[str, Report]) -> None:
    name, result = report
    below = []
    for expect, floor in MINIMUM[name].items():
        score = result.by_expect[expect]
        if score.accuracy < floor:
            misses = [format_miss(r) for r in result.misses if r.question.expect == expect]
            below.append(f"{expect} {score.accuracy:.1%} < {floor:.0%}\n" + "\n".join(misses))
    assert not below, f"{name}:\n" + "\n".join(below)


def test_no_spoiler_leaks(report: tuple[str, Report]) -> None:
    name, result = report
    assert result.leaks == [], (name, result.leaks)


def test_answers_lead_with_what_was_asked(report: tuple[str, Report]) -> None:
    name, result = report
    assert result.direct.accuracy >= MINIMUM_DIRECT, (name, result.direct.accuracy)
    if not name.startswith("plot"):
        assert result.median_single_fact_length <= MAXIMUM_MEDIAN_LENGTH, name
