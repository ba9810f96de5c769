"""Fit the matcher's threshold and ambiguity margin on held-out example questions.

    python -m devtools.calibrate            # prints the fit and rewrites calibration.yaml
    python -m devtools.calibrate --check    # exit 1 if calibration.yaml differs from a new fit

Every kind's and fact's examples are split (a stable fifth held out per label). The matcher learns
from the rest, then every held-out example is asked as a question, its placeholders filled with
names from the season. For each (threshold, margin) the decision rule is replayed:

- the best label's score below the threshold: no answer (the bot says it is not sure);
- the best two labels on different topics with vote shares closer than the margin: no answer;
- otherwise the best label is the answer.

An example of a kind that answers counts as right when its own kind (or fact), or another answer
on the same topic, is answered (a fact and the kind that covers it give the same answer); an
example of a kind that declines (sources don't say, opinion, off-topic, chatter) when nothing is
answered. The pair with the best balanced accuracy (the mean of the two) wins; on a tie, the
lower margin and then the threshold nearest the middle.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.core.answering.decide import FACT_PREFIX, Answerer
from bot.core.answering.kinds import Does
from bot.core.knowledge.loader import load_knowledge
from bot.core.understanding.entities import Kind
from bot.core.understanding.matching import CALIBRATION_FILE, Candidate, Matcher
from bot.core.understanding.reading import Reader
from bot.core.understanding.termcache import default_cache_dir

THRESHOLDS = [round(0.02 * i, 2) for i in range(1, 46)]  # 0.02 .. 0.90
MARGINS = [round(0.05 * i, 2) for i in range(11)]  # 0.00 .. 0.50
HELD_OUT = 5  # one example in five


@dataclass(frozen=True, slots=True)
class Case:
    label: str  # the kind or fact the example belongs to
    answers: bool  # whether that label is answered (not a decline, off-topic or chatter)
    ranked: tuple[Candidate, ...]


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


def build_cases(knowledge: Path | None) -> list[Case]:
    from bot.core.engine import default_knowledge_dir

    kb = load_knowledge(knowledge or default_knowledge_dir())
    answerer = Answerer(kb, cache_dir=default_cache_dir())
    kinds, facts = answerer._examples()
    train_kinds = [(label, t) for label, t in kinds if not _held_out(label, t)]
    train_facts = [(label, t) for label, t in facts if not _held_out(label, t)]
    reader = Reader(kb, answerer.index)
    cache = answerer._term_cache(default_cache_dir())
    matcher = Matcher(kb, reader, train_kinds, train_facts, cache)
    names: dict[str, list[str]] = {
        Kind.EPISODE.value: [f"episode {e.number}" for e in kb.episodes]
        + [e.short_title.lower() for e in kb.episodes],
        Kind.CHARACTER.value: [c.public_name.lower() for c in kb.characters if c.played_by],
        Kind.PERSON.value: [p.name.lower() for p in kb.people],
        Kind.TRACK.value: [t.title.lower() for t in kb.soundtrack.tracks] if kb.soundtrack else [],
        Kind.OUTLET.value: [r.outlet.lower() for r in kb.reception.reviews] if kb.reception else [],
    }
    cases: list[Case] = []
    for salt, (label, text) in enumerate((*kinds, *facts)):
        if not _held_out(label, text):
            continue
        kind = answerer.kinds.get(label)
        answers = kind is None or kind.does is Does.ANSWER
        question = _fill(text, names, salt)
        readings = reader.read(question, readings=4)
        cases.append(Case(label, answers, tuple(matcher.rank(readings))))
    return cases


def decide(case: Case, threshold: float, margin: float, topics: dict[str, str]) -> str | None:
    """The label answered under (threshold, margin), or None for no answer."""
    if not case.ranked or case.ranked[0].score < threshold:
        return None
    best = case.ranked[0]
    for other in case.ranked[1:]:
        if other.label == best.label:
            continue
        if best.share - other.share < margin and topics.get(other.label) != topics.get(best.label):
            return None
        break
    return best.label


def accuracy(
    cases: Sequence[Case], threshold: float, margin: float, topics: dict[str, str], declines: set[str]
) -> tuple[float, float]:
    answered = [c for c in cases if c.answers]
    declined = [c for c in cases if not c.answers]
    right_answers = 0
    for c in answered:
        got = decide(c, threshold, margin, topics)
        # the same label, or another answer on the same topic (a fact and the kind covering it)
        right_answers += got == c.label or (
            got is not None and got not in declines and topics.get(got) == topics.get(c.label)
        )
    right_declines = 0
    for c in declined:
        got = decide(c, threshold, margin, topics)
        right_declines += got is None or got in declines
    return right_answers / max(len(answered), 1), right_declines / max(len(declined), 1)


def fit(
    cases: Sequence[Case], topics: dict[str, str], declines: set[str]
) -> tuple[float, float, float, float]:
    best: tuple[float, float, float, float, float] | None = None
    for threshold, margin in itertools.product(THRESHOLDS, MARGINS):
        answers, declined = accuracy(cases, threshold, margin, topics, declines)
        balanced = (answers + declined) / 2
        key = (balanced, -margin, -abs(threshold - 0.6))
        if best is None or key > (best[0], -best[2], -abs(best[1] - 0.6)):
            best = (balanced, threshold, margin, answers, declined)
    assert best is not None
    return best[1], best[2], best[3], best[4]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devtools.calibrate", description=__doc__)
    parser.add_argument("--knowledge", type=Path, default=None, help="season folder")
    parser.add_argument("--check", action="store_true", help="fail if the stored fit is stale")
    args = parser.parse_args(argv)
    from bot.core.engine import default_knowledge_dir

    kb = load_knowledge(args.knowledge or default_knowledge_dir())
    answerer = Answerer(kb, cache_dir=default_cache_dir())
    topics = {k.name: k.topic or k.name for k in answerer.kinds}
    topics.update({FACT_PREFIX + f.id: f.topic for f in kb.facts})
    declines = {k.name for k in answerer.kinds if k.does is not Does.ANSWER}
    cases = build_cases(args.knowledge)
    threshold, margin, answers, declined = fit(cases, topics, declines)
    held = sum(c.answers for c in cases)
    report = (
        f"held-out examples: {held} that answer, {len(cases) - held} that decline\n"
        f"fitted threshold {threshold:.2f}, margin {margin:.2f}: "
        f"answered right {answers:.1%}, declined right {declined:.1%}"
    )
    print(report)
    current = CALIBRATION_FILE.read_text(encoding="utf-8")
    lines = [ln for ln in current.splitlines() if ln.startswith("describe_")]
    text = (
        "# When the matcher's scores are good enough. threshold and margin are fitted on held-out\n"
        "# example questions by `python -m devtools.calibrate` (which rewrites this file):\n"
        + "".join(f"#   {line}\n" for line in report.splitlines())
        + "# describe_* are for finding a character, review or episode by what a question describes:\n"
        "# the share of the question's describing words one description must cover, and its lead\n"
        "# over the next; set by hand to demand a clear winner.\n"
        f"threshold: {threshold:.2f}\nmargin: {margin:.2f}\n" + "\n".join(lines) + "\n"
    )
    if args.check:
        stale = text != current
        print("calibration.yaml is " + ("STALE: run python -m devtools.calibrate" if stale else "current"))
        return 1 if stale else 0
    CALIBRATION_FILE.write_text(text, encoding="utf-8")
    print(f"wrote {CALIBRATION_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
