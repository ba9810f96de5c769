"""Fit the matcher's threshold and ambiguity margin on held-out example questions.

    python -m devtools.calibrate            # prints the fit and rewrites calibration.yaml
    python -m devtools.calibrate --check    # exit 1 if calibration.yaml differs from a new fit

Every kind's and fact's examples are split (a stable fifth held out per label). The matcher learns
from the rest, then every held-out example is asked as a question, its placeholders filled with
names from the season, through the whole decision (the same `Answerer` the bot uses, with the
threshold and margin under test): not the matcher's scores alone, because the decision adds to
them (questions that hold a known way of asking, cue words, checks against the story).

An example of a kind that answers counts as right when it is answered with its own kind (or fact),
or another answer on the same topic (a fact and the kind that covers it give the same answer); an
example of a kind that declines (sources don't say, opinion, off-topic, chatter) when nothing is
answered. A gap (a detail the sources never give) is declined as a label whatever the threshold: it
learns from all its questions and none of them is a case. The pair with the best balanced accuracy
(the mean of the two), averaged with the neighbouring thresholds so that one example more or less
does not move the fit, wins; on a tie, the lower margin and then the threshold nearest the middle.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from bot.core.answering.decide import FACT_PREFIX, GAP_PREFIX, Answerer
from bot.core.answering.kinds import Does
from bot.core.knowledge.loader import load_knowledge
from bot.core.understanding.entities import Kind
from bot.core.understanding.matching import CALIBRATION_FILE, Matcher
from bot.core.understanding.termcache import default_cache_dir

STEP = 0.02
THRESHOLDS = [round(STEP * i, 2) for i in range(20, 46)]  # 0.40 .. 0.90
MARGINS = [0.0, 0.05, 0.1]
HELD_OUT = 5  # one example in five


@dataclass(frozen=True, slots=True)
class Case:
    label: str  # the kind or fact the example belongs to
    answers: bool  # whether that label is answered (not a decline, off-topic or chatter)
    topic: str  # the label's topic
    question: str  # the example with its placeholders filled


def _held_out(label: str, text: str) -> bool:
    digest = hashlib.sha256(f"{label}\0{text}".encode()).digest()
    return digest[0] % HELD_OUT == 0


def _fill(text: str, names: dict[str, list[str]], salt: int) -> str:
    """A held-out example asked as a question: each placeholder becomes a real name."""
    for kind, options in names.items():
        placeholder = "{" + kind + "}"
        while placeholder in text and options:
            text = text.replace(placeholder, options[salt % len(options)], 1)
            salt += 7
    return text


def held_out_answerer(knowledge: Path | None) -> tuple[Answerer, list[Case]]:
    """An answerer whose matcher learnt from four fifths of the examples, and the other fifth."""
    from bot.core.engine import default_knowledge_dir

    kb = load_knowledge(knowledge or default_knowledge_dir())
    answerer = Answerer(kb, cache_dir=default_cache_dir())
    kinds, facts = answerer._examples()
    train_kinds = [(label, t) for label, t in kinds if not _held_out(label, t)]
    # A gap is declined as a label, whatever the threshold: it learns from all its questions,
    # and none is a case (the threshold is about when a match is good enough to answer).
    train_facts = [
        (label, t) for label, t in facts if label.startswith(GAP_PREFIX) or not _held_out(label, t)
    ]
    cache = answerer._term_cache(default_cache_dir())
    # the bot's own decision, with a matcher that never saw the held-out fifth
    answerer.matcher = Matcher(kb, answerer.reader, train_kinds, train_facts, cache)
    names: dict[str, list[str]] = {
        Kind.EPISODE.value: [f"episode {e.number}" for e in kb.episodes]
        + [e.short_title.lower() for e in kb.episodes],
        Kind.CHARACTER.value: [c.public_name.lower() for c in kb.characters if c.played_by],
        Kind.PERSON.value: [p.name.lower() for p in kb.people],
        Kind.TRACK.value: [t.title.lower() for t in kb.soundtrack.tracks] if kb.soundtrack else [],
        Kind.OUTLET.value: [r.outlet.lower() for r in kb.reception.reviews] if kb.reception else [],
    }
    topics = {k.name: k.topic or k.name for k in answerer.kinds}
    topics.update({FACT_PREFIX + f.id: f.topic for f in kb.facts})
    cases: list[Case] = []
    for salt, (label, text) in enumerate((*kinds, *facts)):
        if label.startswith(GAP_PREFIX) or not _held_out(label, text):
            continue
        kind = answerer.kinds.get(label)
        answers = kind is None or kind.does is Does.ANSWER
        cases.append(Case(label, answers, topics.get(label, label), _fill(text, names, salt)))
    return answerer, cases


def accuracy(answerer: Answerer, cases: Sequence[Case]) -> tuple[float, float]:
    """(answered right, declined right) under the answerer's current calibration."""
    topics = {k.name: k.topic or k.name for k in answerer.kinds}

    def topic_of(intent: str | None) -> str | None:
        first = (intent or "").split("+")[0]
        return first.removeprefix("fact.") if first.startswith("fact.") else topics.get(first)

    right_answers = right_declines = 0
    for case in cases:
        reply = answerer.ask(case.question).reply
        answered = reply is not None and reply.answered
        if case.answers:
            right_answers += (
                answered
                and reply is not None
                and (reply.intent == case.label or topic_of(reply.intent) == case.topic)
            )
        else:
            right_declines += not answered
    answering = sum(c.answers for c in cases)
    return right_answers / max(answering, 1), right_declines / max(len(cases) - answering, 1)


def fit(answerer: Answerer, cases: Sequence[Case]) -> tuple[float, float, float, float]:
    """(threshold, margin, answered right, declined right) of the best pair."""
    base = answerer.calibration
    scores: dict[tuple[float, float], tuple[float, float]] = {}
    for threshold, margin in itertools.product(THRESHOLDS, MARGINS):
        answerer.calibration = replace(base, threshold=threshold, margin=margin)
        scores[threshold, margin] = accuracy(answerer, cases)
    answerer.calibration = base

    def smoothed(threshold: float, margin: float) -> float:
        near = [
            sum(scores[t, margin]) / 2
            for t in (round(threshold - STEP, 2), threshold, round(threshold + STEP, 2))
            if (t, margin) in scores
        ]
        return sum(near) / len(near)

    best = max(scores, key=lambda p: (round(smoothed(*p), 6), -p[1], -abs(p[0] - 0.6)))
    return best[0], best[1], *scores[best]


def fit_anchored(answerer: Answerer, cases: Sequence[Case]) -> tuple[float, float, float]:
    """(anchored, answered right, declined right): with the threshold and margin fitted, the
    lower score from which a kind whose needs the question names exactly is sure enough; the
    best balanced accuracy, on a tie the highest (the least change)."""
    base = answerer.calibration
    scores: dict[float, tuple[float, float]] = {}
    for anchored in (t for t in THRESHOLDS if t <= base.threshold):
        answerer.calibration = replace(base, anchored=anchored)
        scores[anchored] = accuracy(answerer, cases)
    answerer.calibration = base
    best = max(scores, key=lambda a: (round(sum(scores[a]) / 2, 6), a))
    return best, *scores[best]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devtools.calibrate", description=__doc__)
    parser.add_argument("--knowledge", type=Path, default=None, help="season folder")
    parser.add_argument("--check", action="store_true", help="fail if the stored fit is stale")
    args = parser.parse_args(argv)

    answerer, cases = held_out_answerer(args.knowledge)
    # the threshold and margin first, with no anchored answers below the threshold
    answerer.calibration = replace(answerer.calibration, anchored=1.0)
    threshold, margin, answers, declined = fit(answerer, cases)
    answerer.calibration = replace(answerer.calibration, threshold=threshold, margin=margin)
    anchored, anchored_answers, anchored_declined = fit_anchored(answerer, cases)
    held = sum(c.answers for c in cases)
    report = (
        f"held-out examples: {held} that answer, {len(cases) - held} that decline\n"
        f"fitted threshold {threshold:.2f}, margin {margin:.2f}: "
        f"answered right {answers:.1%}, declined right {declined:.1%}\n"
        f"then anchored {anchored:.2f}: "
        f"answered right {anchored_answers:.1%}, declined right {anchored_declined:.1%}"
    )
    print(report)
    current = CALIBRATION_FILE.read_text(encoding="utf-8")
    lines = [ln for ln in current.splitlines() if ln.startswith("describe_")]
    text = (
        "# When the matcher's scores are good enough. threshold and margin are fitted on held-out\n"
        "# example questions by `python -m devtools.calibrate` (which rewrites this file); anchored\n"
        "# (from which a kind whose needs are named exactly is sure enough) after them:\n"
        + "".join(f"#   {line}\n" for line in report.splitlines())
        + "# describe_* are for finding a character, review or episode by what a question describes:\n"
        "# the share of the question's describing words one description must cover, and its lead\n"
        "# over the next; set by hand to demand a clear winner.\n"
        f"threshold: {threshold:.2f}\nmargin: {margin:.2f}\nanchored: {anchored:.2f}\n"
        + "\n".join(lines)
        + "\n"
    )
    if args.check:
        stale = text != current
        print(
            "calibration.yaml is "
            + ("STALE: run python -m devtools.calibrate" if stale else "current")
        )
        return 1 if stale else 0
    CALIBRATION_FILE.write_text(text, encoding="utf-8")
    print(f"wrote {CALIBRATION_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
