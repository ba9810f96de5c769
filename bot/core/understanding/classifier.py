"""A nearest-neighbour classifier over TF-IDF term vectors, learnt from example questions.

Each example question is reduced to its terms (concepts, placeholders such as "{episode}", and the
names it uses) and weighted by how rare each term is across all examples. A question is scored
against every example by cosine similarity. Each label gets two numbers:

- `score`, the similarity of its closest example: how much the question looks like a way of asking
  for this label at all (low for everything: the question is about something else);
- `share`, its part of the similarity of the question's nearest examples (a distance-weighted
  vote of the k nearest neighbours): how clearly this label, rather than another, is meant.

One threshold on the score and one margin on the share (fitted on held-out examples, see
`devtools/calibrate.py`) decide when to answer, when to ask back and when to decline.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = ["NEIGHBOURS", "Classifier", "Labelled", "Ranked", "idf_of", "with_shares"]


@dataclass(frozen=True, slots=True)
class Labelled:
    """One training example: its label and its terms."""

    label: str
    terms: frozenset[str]


@dataclass(frozen=True, slots=True)
class Ranked:
    label: str
    score: float  # cosine similarity of the closest example, 0..1
    share: float = 0.0  # part of the nearest neighbours' vote, 0..1


NEIGHBOURS = 12  # the nearest examples that vote


def idf_of(examples: Iterable[Labelled]) -> dict[str, float]:
    """How telling each term is: rarer across the examples, more telling (smoothed IDF)."""
    listed = list(examples)
    count = len(listed)
    frequency = Counter(t for e in listed for t in e.terms)
    return {t: math.log((1 + count) / (1 + n)) + 1.0 for t, n in frequency.items()}


class Classifier:
    """Labels ranked by their closest example's cosine similarity to a question."""

    def __init__(self, examples: Sequence[Labelled], *, coverage: bool = False) -> None:
        """With `coverage`, a score is instead the share of the question's weight (over the
        terms any example uses) that an example covers: for finding a thing by its description,
        where descriptions are long and a question names a few of their words."""
        self.coverage = coverage
        usable = sorted((e for e in examples if e.terms), key=lambda e: e.label)
        count = len(usable)
        self.idf: dict[str, float] = idf_of(usable)
        # A term no example uses is as telling as the rarest one: "budget" must weigh on a question
        # about the budget, pulling it away from everything the bot can answer.
        self.unknown_idf = max(self.idf.values(), default=1.0)
        self.labels: list[str] = []
        starts: list[int] = []
        previous = None
        for index, example in enumerate(usable):
            if example.label != previous:
                self.labels.append(example.label)
                starts.append(index)
                previous = example.label
        # Every (example, term) entry, each example's terms in sorted order: sums then come
        # out the same in every process (hash order varies).
        term_ids: dict[str, int] = {}
        ordered = [sorted(example.terms) for example in usable]
        entry_terms = np.fromiter(
            (term_ids.setdefault(t, len(term_ids)) for terms in ordered for t in terms),
            dtype=np.intp,
        )
        sizes_of = np.fromiter((len(terms) for terms in ordered), dtype=np.intp, count=count)
        entry_examples = np.repeat(np.arange(count, dtype=np.intp), sizes_of)
        idf_by_id = np.empty(len(term_ids), dtype=np.float64)
        for term, i in term_ids.items():
            idf_by_id[i] = self.idf[term]
        if coverage:
            entry_weights = np.ones(len(entry_terms), dtype=np.float64)
        else:
            weights = idf_by_id[entry_terms]
            # each example's norm, its squares summed in its terms' order
            norms = np.sqrt(np.bincount(entry_examples, weights=weights * weights, minlength=count))
            entry_weights = weights / norms[entry_examples]
        # ... then ordered by term: a term's posting list is the slice between its bounds.
        order = np.argsort(entry_terms, kind="stable")
        self._examples_of = entry_examples[order]
        self._weights_of = entry_weights[order]
        bounds = np.searchsorted(entry_terms[order], np.arange(len(term_ids) + 1))
        self._postings: dict[str, tuple[int, int]] = {
            term: (int(bounds[i]), int(bounds[i + 1])) for term, i in term_ids.items()
        }
        self._starts = np.asarray(starts, dtype=np.intp)
        label_bounds = [*starts, count]
        sizes = np.asarray([b - a for a, b in itertools.pairwise(label_bounds)], dtype=np.intp)
        self._label_of = np.repeat(np.arange(len(starts), dtype=np.intp), sizes)
        self._count = count
        self.size = count
        # per label, its examples' terms, and those that name something ("{character}") largest
        # first
        self._examples: dict[str, list[frozenset[str]]] = {}
        self._anchored: dict[str, list[frozenset[str]]] = {}
        for label, (start, end) in zip(self.labels, itertools.pairwise(label_bounds), strict=True):
            self._examples[label] = [e.terms for e in usable[start:end]]
            self._anchored[label] = sorted(
                (
                    e.terms
                    for e in usable[start:end]
                    if any(term.startswith("{") for term in e.terms)
                ),
                key=len,
                reverse=True,
            )

    def contained(self, terms: frozenset[str], label: str) -> int:
        """The size of the largest example of `label` that names something ("{character}") and
        whose every term the question has (0: none is): the question then asks that example's
        question about the same thing, whatever else it says."""
        return next((len(t) for t in self._anchored.get(label, ()) if t <= terms), 0)

    def covers(self, terms: frozenset[str], label: str) -> bool:
        """Whether one example of `label` holds every term of the question: the question then
        says no more than a way of asking for it does, only less of it."""
        return bool(terms) and any(terms <= example for example in self._examples.get(label, ()))

    def weight(self, term: str) -> float:
        return self.idf.get(term, self.unknown_idf)

    def _similarity(
        self, terms: Iterable[str], weights: dict[str, float] | None
    ) -> npt.NDArray[np.float64] | None:
        query = {t: (weights or {}).get(t, self.weight(t)) for t in sorted(set(terms))}
        if self.coverage:
            query = {t: self.idf[t] for t in query if t in self.idf}
            norm = sum(query.values())
        else:
            norm = math.sqrt(sum(w * w for w in query.values()))
        if norm == 0.0 or self._count == 0:
            return None
        ids: list[npt.NDArray[np.intp]] = []
        contributions: list[npt.NDArray[np.float64]] = []
        for term, weight in query.items():
            span = self._postings.get(term)
            if span is not None:
                ids.append(self._examples_of[span[0] : span[1]])
                contributions.append(self._weights_of[span[0] : span[1]] * (weight / norm))
        if not ids:
            return None
        similarity: npt.NDArray[np.float64] = np.bincount(
            np.concatenate(ids), weights=np.concatenate(contributions), minlength=self._count
        ).astype(np.float64, copy=False)
        return similarity

    def search(
        self,
        terms: Iterable[str],
        *,
        weights: dict[str, float] | None = None,
        top: int | None = None,
    ) -> tuple[list[Ranked], list[tuple[str, float]]]:
        """The (`top`) labels with a positive score, best first and without shares, and the
        nearest examples as (label, similarity), for a vote that may pool several classifiers."""
        similarity = self._similarity(terms, weights)
        if similarity is None:
            return [], []
        best = np.maximum.reduceat(similarity, self._starts)
        if top is not None and top < len(best):
            candidates = np.argpartition(-best, top - 1)[:top]
            order = candidates[np.argsort(-best[candidates], kind="stable")]
        else:
            order = np.argsort(-best, kind="stable")
        ranked = [Ranked(self.labels[i], float(best[i])) for i in order if best[i] > 0.0]
        k = min(NEIGHBOURS, self._count)
        nearest = np.argpartition(-similarity, k - 1)[:k]
        neighbours = [
            (self.labels[self._label_of[i]], float(similarity[i]))
            for i in nearest
            if similarity[i] > 0.0
        ]
        return ranked, neighbours

    def rank(
        self,
        terms: Iterable[str],
        *,
        weights: dict[str, float] | None = None,
        top: int | None = None,
    ) -> list[Ranked]:
        """Every label with a positive score, best first, with its share of the nearest
        examples' vote. `weights` may lower some terms of the question (chat filler around a
        clear question); they default to the IDF."""
        ranked, neighbours = self.search(terms, weights=weights, top=top)
        return with_shares(ranked, neighbours)


def with_shares(ranked: list[Ranked], neighbours: list[tuple[str, float]]) -> list[Ranked]:
    """`ranked` with each label's share of the `NEIGHBOURS` nearest examples' similarity,
    ordered by score, then share."""
    nearest = sorted(neighbours, key=lambda pair: -pair[1])[:NEIGHBOURS]
    total = sum(sim for _, sim in nearest) or 1.0
    votes: dict[str, float] = {}
    for label, sim in nearest:
        votes[label] = votes.get(label, 0.0) + sim / total
    out = [Ranked(r.label, r.score, votes.get(r.label, 0.0)) for r in ranked]
    out.sort(key=lambda r: (-round(r.score, 3), -r.share))
    return out
