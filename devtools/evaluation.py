"""Quality evaluation: ask a fixed set of fan questions through the engine and score the replies.

    questions = load_questions("tests/eval/questions.yaml")
    report = evaluate(Engine.load(), questions)
    print(format_report(report))

Each question says what should happen (`expect`: answer, decline or silent), which words a
correct answer must hold (`contains`, checked in an open channel by a member who has seen
everything) and which words would spoil the season (`spoilers`, checked for a member who has seen
nothing, in a tagged and in a blocked channel). The file format is documented in `load_questions`.

Entry point: `main(argv)`, run as `python -m devtools.evaluation [FILE] [--misses]`. No Discord import here.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol, cast

import yaml

from bot.core.answering.reply import Reply
from bot.core.engine import Answer, Trigger
from bot.core.knowledge.richtext import SpoilerMode, SpoilerPolicy

__all__ = [
    "EXPECTS",
    "INTENTS",
    "THRESHOLDS",
    "ClassScore",
    "Leak",
    "Question",
    "QuestionFileError",
    "Report",
    "Result",
    "default_questions_path",
    "evaluate",
    "format_report",
    "load_questions",
    "main",
    "message_segments",
    "shown_text",
    "visible_text",
]

Expect = Literal["answer", "decline", "silent"]
EXPECTS: tuple[Expect, ...] = ("answer", "decline", "silent")

# The minimum share of correct outcomes per expect class, and the number of spoiler leaks allowed.
THRESHOLDS: Mapping[str, float] = {"answer": 0.95, "decline": 0.95, "silent": 0.97}
MAX_LEAKS = 0


def _labels() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Every label a question may carry, those the bot must decline and those it must leave
    alone: the declared kinds of question (bot/core/answering/kinds.yaml) and a label per fact
    topic ("fact.production")."""
    from bot.core.answering.dispatch import BUILDERS
    from bot.core.answering.kinds import Does, shipped_kinds
    from bot.core.knowledge.loader import FACT_TOPICS

    kinds = shipped_kinds(frozenset(BUILDERS))
    labels = {k.name for k in kinds if k.does is not Does.NOT_SURE}
    labels |= {f"fact.{topic}" for topic in FACT_TOPICS}
    declines = {k.name for k in kinds if k.does in (Does.DECLINE, Does.OFF_TOPIC, Does.CLARIFY)}
    silent = {k.name for k in kinds if k.does is Does.CHATTER}
    return frozenset(labels), frozenset(declines), frozenset(silent)


INTENTS, DECLINE_INTENTS, SILENT_INTENTS = _labels()

OPEN_ALL = SpoilerPolicy(SpoilerMode.OPEN, 13)
TAGGED_NONE = SpoilerPolicy(SpoilerMode.TAGGED, 0)
BLOCKED_NONE = SpoilerPolicy(SpoilerMode.BLOCKED, 0)

SNIPPET_CHARS = 240
# "Direct": what was asked stands within the first characters a fan reads (content, then the first
# embed's title and description), not somewhere further down.
DIRECT_CHARS = 300


class QuestionFileError(ValueError):
    """The question file is not valid; `problems` lists every problem found."""

    def __init__(self, path: Path, problems: Sequence[str]) -> None:
        self.path = path
        self.problems = tuple(problems)
        listing = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{path}: {len(self.problems)} problem(s):\n{listing}")


class AskingEngine(Protocol):
    """What `evaluate` needs from an engine: `bot.core.engine.Engine` fits."""

    def ask(self, question: str, trigger: Trigger = ...) -> Answer: ...


Renderer = Callable[[Reply, SpoilerPolicy], Mapping[str, Any]]


@dataclass(frozen=True, slots=True)
class Question:
    """One evaluation item."""

    q: str
    intent: str
    expect: Expect
    contains: tuple[str, ...] = ()
    spoilers: tuple[str, ...] = ()
    trigger: Trigger = Trigger.ASK


@dataclass(frozen=True, slots=True)
class Leak:
    """A spoiler term visible to a member who has watched nothing."""

    question: str
    mode: str  # "tagged" or "blocked"
    term: str
    where: str  # the part of the message that shows it, e.g. "embeds[0].description"


@dataclass(frozen=True, slots=True)
class Result:
    """How the engine did on one question."""

    question: Question
    got: str  # "answer" | "decline" | "silent" | "error"
    intent: str | None
    missing: tuple[str, ...] = ()
    leaks: tuple[Leak, ...] = ()
    snippet: str = ""
    error: str | None = None
    direct: bool = False  # every `contains` term within the first DIRECT_CHARS a fan reads
    length: int = 0  # characters of the whole reply as shown

    @property
    def correct(self) -> bool:
        """The outcome matches `expect` (and an answer holds every `contains` term)."""
        if self.got != self.question.expect:
            return False
        return not (self.question.expect == "answer" and self.missing)

    @property
    def intent_ok(self) -> bool:
        """The predicted intent equals the label (silence counts as `chatter`)."""
        label = self.question.intent
        if label in SILENT_INTENTS:
            return self.intent is None or self.intent == label
        return self.intent == label


@dataclass(slots=True)
class ClassScore:
    """Correct out of total, for one group of questions."""

    total: int = 0
    correct: int = 0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.correct += int(ok)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 1.0


@dataclass(slots=True)
class Report:
    """The scores of one evaluation run."""

    results: list[Result] = field(default_factory=list)

    @property
    def by_expect(self) -> dict[str, ClassScore]:
        """Outcome accuracy per expect class (answer / decline / silent)."""
        scores: dict[str, ClassScore] = {e: ClassScore() for e in EXPECTS}
        for r in self.results:
            scores[r.question.expect].add(r.correct)
        return scores

    @property
    def by_intent(self) -> dict[str, ClassScore]:
        """Intent accuracy per label: the predicted intent equals the label."""
        scores: dict[str, ClassScore] = {}
        for r in self.results:
            scores.setdefault(r.question.intent, ClassScore()).add(r.intent_ok)
        return dict(sorted(scores.items()))

    @property
    def outcome_by_intent(self) -> dict[str, ClassScore]:
        """Outcome accuracy (correct answer / decline / silence) per intent label."""
        scores: dict[str, ClassScore] = {}
        for r in self.results:
            scores.setdefault(r.question.intent, ClassScore()).add(r.correct)
        return dict(sorted(scores.items()))

    @property
    def overall(self) -> ClassScore:
        score = ClassScore()
        for r in self.results:
            score.add(r.correct)
        return score

    @property
    def intent_overall(self) -> ClassScore:
        score = ClassScore()
        for r in self.results:
            score.add(r.intent_ok)
        return score

    @property
    def misses(self) -> list[Result]:
        return [r for r in self.results if not r.correct]

    @property
    def leaks(self) -> list[Leak]:
        return [leak for r in self.results for leak in r.leaks]

    def accuracy(self, expect: str) -> float:
        return self.by_expect[expect].accuracy

    @property
    def auto_answers(self) -> ClassScore:
        """Clear questions overheard in auto-answer channels that got a correct answer."""
        score = ClassScore()
        for r in self.results:
            if r.question.expect == "answer" and r.question.trigger is Trigger.AUTO:
                score.add(r.correct)
        return score

    @property
    def direct(self) -> ClassScore:
        """Correct answers that lead with what was asked."""
        score = ClassScore()
        for r in self.results:
            if r.correct and r.question.expect == "answer":
                score.add(r.direct)
        return score

    @property
    def median_single_fact_length(self) -> int:
        """The median length of correct answers to questions asking one thing (one term)."""
        lengths = sorted(
            r.length
            for r in self.results
            if r.correct and r.question.expect == "answer" and len(r.question.contains) <= 1
        )
        return lengths[len(lengths) // 2] if lengths else 0

    def failures(self) -> list[str]:
        """Every threshold this run fails, as sentences; empty when it passes."""
        out: list[str] = []
        scores = self.by_expect
        for expect, minimum in THRESHOLDS.items():
            score = scores[expect]
            if score.total and score.accuracy < minimum:
                out.append(
                    f"{expect} accuracy {score.accuracy:.1%} ({score.correct}/{score.total})"
                    f" is below {minimum:.0%}"
                )
        if len(self.leaks) > MAX_LEAKS:
            out.append(f"{len(self.leaks)} spoiler leak(s) (allowed: {MAX_LEAKS})")
        return out


# -- the question file -----------------------------------------------------------------------------

_KEYS = {"q", "intent", "expect", "contains", "trigger", "spoilers"}
_REQUIRED = ("q", "intent", "expect")


def _str_list(value: Any, key: str, where: str, problems: list[str]) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        problems.append(f"{where}: `{key}` must be a list of non-empty strings")
        return ()
    return tuple(cast(list[str], value))


def _parse_item(raw: Any, where: str, problems: list[str]) -> Question | None:
    if not isinstance(raw, dict):
        problems.append(f"{where}: an item must be a mapping, got {type(raw).__name__}")
        return None
    start = len(problems)
    for key in sorted(set(raw) - _KEYS, key=str):
        problems.append(f"{where}: unknown key {key!r}")
    for key in _REQUIRED:
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            problems.append(f"{where}: `{key}` is required and must be a non-empty string")
    if len(problems) > start:
        return None
    q, intent, expect = raw["q"], raw["intent"], raw["expect"]
    where = f"{where} ({q!r})"
    if intent not in INTENTS:
        problems.append(f"{where}: unknown intent {intent!r}")
    if expect not in EXPECTS:
        problems.append(f"{where}: `expect` must be one of {', '.join(EXPECTS)}, got {expect!r}")
    trigger_raw = raw.get("trigger", "ask")
    try:
        trigger = Trigger(trigger_raw)
    except ValueError:
        problems.append(f"{where}: `trigger` must be ask or auto, got {trigger_raw!r}")
        trigger = Trigger.ASK
    contains = _str_list(raw.get("contains"), "contains", where, problems)
    spoilers = _str_list(raw.get("spoilers"), "spoilers", where, problems)
    if expect != "answer" and contains:
        problems.append(f"{where}: `contains` only makes sense with expect: answer")
    if expect == "silent" and trigger is not Trigger.AUTO:
        problems.append(f"{where}: expect: silent needs trigger: auto (an ask gets a reply)")
    if intent in SILENT_INTENTS and expect != "silent":
        problems.append(f"{where}: intent {intent} must expect silent")
    if intent in DECLINE_INTENTS and expect != "decline":
        problems.append(f"{where}: intent {intent} must expect decline")
    if intent not in SILENT_INTENTS | DECLINE_INTENTS and expect != "answer":
        problems.append(f"{where}: intent {intent} must expect answer")
    if len(problems) > start:
        return None
    return Question(
        q=q,
        intent=intent,
        expect=cast(Expect, expect),
        contains=contains,
        spoilers=spoilers,
        trigger=trigger,
    )


def load_questions(path: str | Path) -> list[Question]:
    """Read and validate a question file.

    The file is a YAML list (or a mapping with a `questions:` list) of items
    `{q, intent, expect, contains?, spoilers?, trigger?}`: `expect` is answer, decline or silent;
    `trigger` is ask (the default) or auto; `contains` and `spoilers` are lists of strings.
    Raises `QuestionFileError` listing every problem (unknown keys or intents, missing keys,
    duplicates, inconsistent expect/intent/trigger).
    """
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise QuestionFileError(path, [f"cannot read: {exc}"]) from exc
    if isinstance(data, dict) and "questions" in data:
        data = data["questions"]
    if not isinstance(data, list):
        raise QuestionFileError(path, ["the file must hold a list of questions"])
    problems: list[str] = []
    questions: list[Question] = []
    seen: dict[tuple[str, Trigger], int] = {}
    for index, raw in enumerate(data):
        question = _parse_item(raw, f"item {index + 1}", problems)
        if question is None:
            continue
        key = (" ".join(question.q.lower().split()), question.trigger)
        if key in seen:
            problems.append(f"item {index + 1} ({question.q!r}): duplicate of item {seen[key]}")
            continue
        seen[key] = index + 1
        questions.append(question)
    if problems:
        raise QuestionFileError(path, problems)
    return questions


# -- reading a rendered message --------------------------------------------------------------------

# Discord shows spoiler bars only in message content, embed descriptions and field values. Anything
# in a title, field name, footer, author line or button label is visible even between || marks.
_SPOILER_BARS = re.compile(r"\|\|(.+?)\|\|", re.DOTALL)
_ESCAPED_PIPE = re.compile(r"\\\|")
_MARKDOWN_ESCAPE = re.compile(r"\\([^\w\s])")


def shown_text(text: str) -> str:
    """`text` as Discord displays it: markdown escapes such as `\\(` shown as the bare character."""
    return _MARKDOWN_ESCAPE.sub(r"\1", text)


def message_segments(message: Mapping[str, Any]) -> Iterator[tuple[str, str, bool]]:
    """Every text of a rendered message as (where, text, honours_spoiler_bars)."""
    content = message.get("content")
    if isinstance(content, str) and content:
        yield "content", content, True
    for i, embed in enumerate(message.get("embeds") or ()):
        if not isinstance(embed, Mapping):
            continue
        at = f"embeds[{i}]"
        for key, bars in (("title", False), ("description", True)):
            value = embed.get(key)
            if isinstance(value, str) and value:
                yield f"{at}.{key}", value, bars
        for part in ("footer", "author"):
            sub = embed.get(part)
            if isinstance(sub, Mapping):
                for key in ("text", "name"):
                    value = sub.get(key)
                    if isinstance(value, str) and value:
                        yield f"{at}.{part}.{key}", value, False
        for j, fld in enumerate(embed.get("fields") or ()):
            if not isinstance(fld, Mapping):
                continue
            name, value = fld.get("name"), fld.get("value")
            if isinstance(name, str) and name:
                yield f"{at}.fields[{j}].name", name, False
            if isinstance(value, str) and value:
                yield f"{at}.fields[{j}].value", value, True
    yield from _component_segments(message.get("components") or (), "components")


def _component_segments(components: Iterable[Any], at: str) -> Iterator[tuple[str, str, bool]]:
    for i, comp in enumerate(components):
        if not isinstance(comp, Mapping):
            continue
        here = f"{at}[{i}]"
        for key in ("label", "placeholder", "content"):
            value = comp.get(key)
            if isinstance(value, str) and value:
                yield f"{here}.{key}", value, key == "content"
        for j, option in enumerate(comp.get("options") or ()):
            if isinstance(option, Mapping):
                for key in ("label", "description"):
                    value = option.get(key)
                    if isinstance(value, str) and value:
                        yield f"{here}.options[{j}].{key}", value, False
        yield from _component_segments(comp.get("components") or (), f"{here}.components")


def visible_text(text: str) -> str:
    """`text` with every ||spoiler|| segment removed: what a reader sees before clicking."""
    masked = _ESCAPED_PIPE.sub("\x00", text)  # an escaped \| is a literal pipe, never a bar
    return shown_text(_SPOILER_BARS.sub(" ", masked).replace("\x00", "\\|"))


def _plain(message: Mapping[str, Any] | None) -> str:
    if message is None:
        return ""
    return "\n".join(shown_text(text) for _, text, _ in message_segments(message))


def lead_text(message: Mapping[str, Any] | None) -> str:
    """What a fan reads first: the content, then the first embed's title and description."""
    if message is None:
        return ""
    parts = [message.get("content") or ""]
    embeds = message.get("embeds") or ()
    if embeds and isinstance(embeds[0], Mapping):
        parts += [embeds[0].get("title") or "", embeds[0].get("description") or ""]
    return shown_text("\n".join(p for p in parts if isinstance(p, str) and p))


def _snippet(message: Mapping[str, Any] | None) -> str:
    text = " ".join(_plain(message).split())
    return text if len(text) <= SNIPPET_CHARS else text[: SNIPPET_CHARS - 1] + "…"


def _leaks(
    question: Question,
    message: Mapping[str, Any] | None,
    mode: SpoilerMode,
    show_names: Sequence[str] = (),
) -> list[Leak]:
    """The spoiler terms a member who has watched nothing sees. A term said in the question, or
    seen only inside the name of the season ("<show> season 2" in a footer), reveals nothing."""
    if message is None:
        return []
    asked = question.q.lower()
    terms = [t for t in question.spoilers if t.lower() not in asked]
    found: list[Leak] = []
    for where, text, bars in message_segments(message):
        shown = visible_text(text) if bars and mode is SpoilerMode.TAGGED else shown_text(text)
        shown = shown.lower()
        for name in show_names:  # "Jessica Jones season 2", as the bot names what it knows
            shown = re.sub(re.escape(name.lower()) + r"(?=\s+season\b)", " ", shown)
        found.extend(
            Leak(question.q, mode.value, term, where) for term in terms if term.lower() in shown
        )
    return found


# -- evaluation ------------------------------------------------------------------------------------


def _default_renderer() -> Renderer:
    from bot.core.rendering.render import render_message

    return cast(Renderer, render_message)


def evaluate_one(
    engine: AskingEngine, question: Question, render: Renderer, show_names: Sequence[str] = ()
) -> Result:
    """Ask one question and score the reply."""
    try:
        answer = engine.ask(question.q, question.trigger)
        reply = answer.reply
        opened = None if reply is None else render(reply, OPEN_ALL)
        tagged = None if reply is None or not question.spoilers else render(reply, TAGGED_NONE)
        blocked = None if reply is None or not question.spoilers else render(reply, BLOCKED_NONE)
    except Exception as exc:  # noqa: BLE001 - one broken question must not hide the others' scores
        return Result(question, "error", None, error=f"{type(exc).__name__}: {exc}")
    if opened is None:
        got = "silent"
    elif answer.answered:
        got = "answer"
    else:
        got = "decline"
    shown = _plain(opened).lower()
    missing = tuple(term for term in question.contains if term.lower() not in shown)
    lead = lead_text(opened).lower()[:DIRECT_CHARS]
    direct = all(term.lower() in lead for term in question.contains)
    leaks = _leaks(question, tagged, SpoilerMode.TAGGED, show_names) + _leaks(
        question, blocked, SpoilerMode.BLOCKED, show_names
    )
    return Result(
        question,
        got,
        answer.intent,
        missing=missing if got == "answer" else question.contains,
        leaks=tuple(leaks),
        snippet=_snippet(opened),
        direct=direct,
        length=len(_plain(opened)),
    )


def evaluate(
    engine: AskingEngine, questions: Iterable[Question], render: Renderer | None = None
) -> Report:
    """Ask every question through `engine.ask` and score the replies.

    `render` turns a reply into Discord message JSON; it defaults to
    `bot.core.rendering.render.render_message`. Answers are checked rendered OPEN for a member who has
    watched everything; spoilers rendered TAGGED and BLOCKED for a member who has watched nothing.
    """
    renderer = render or _default_renderer()
    kb = getattr(engine, "kb", None)  # the show's own name reveals nothing
    season = getattr(kb, "season", None)
    names = (season.show, *season.show_aliases) if season is not None else ()
    return Report([evaluate_one(engine, q, renderer, names) for q in questions])


# -- the report ------------------------------------------------------------------------------------


def _pct(score: ClassScore) -> str:
    return f"{score.accuracy:6.1%}  {score.correct:>4}/{score.total:<4}"


def format_miss(result: Result) -> str:
    q = result.question
    lines = [
        f"- [{q.expect} -> {result.got}] ({q.trigger.value}) {q.q!r}",
        f"    intent: want {q.intent}, got {result.intent}",
    ]
    if result.error:
        lines.append(f"    error: {result.error}")
    if q.expect == "answer" and result.got == "answer" and result.missing:
        lines.append(f"    missing: {', '.join(repr(m) for m in result.missing)}")
    if result.snippet:
        lines.append(f"    reply: {result.snippet}")
    return "\n".join(lines)


def format_report(report: Report, *, misses: bool = True, verdict: bool = True) -> str:
    """Plain text: scores per expect class and per intent, leaks and (optionally) the misses.

    `verdict=False` leaves out the PASS/FAIL line against the default thresholds (for sets whose
    bar is kept elsewhere)."""
    lines = [f"Evaluation of {len(report.results)} questions", ""]
    lines.append(f"{'outcome':<10} {'accuracy':>8}  {'correct':>9}  minimum")
    for expect, score in report.by_expect.items():
        minimum = THRESHOLDS.get(expect)
        bar = f"{minimum:.0%}" if minimum is not None else "-"
        lines.append(f"{expect:<10} {_pct(score)}  {bar}")
    lines.append(f"{'overall':<10} {_pct(report.overall)}")
    lines.append(f"{'auto ask':<10} {_pct(report.auto_answers)}  (clear questions overheard)")
    lines.append(f"{'direct':<10} {_pct(report.direct)}  (of correct answers)")
    lines.append(f"median single-fact reply: {report.median_single_fact_length} characters")
    lines.append(f"spoiler leaks: {len(report.leaks)} (allowed: {MAX_LEAKS})")
    lines.append("")
    lines.append(f"{'intent':<22} {'intent match':>19}   {'outcome':>19}")
    outcome = report.outcome_by_intent
    for intent, score in report.by_intent.items():
        lines.append(f"{intent:<22} {_pct(score)}   {_pct(outcome[intent])}")
    lines.append(f"{'all':<22} {_pct(report.intent_overall)}   {_pct(report.overall)}")
    failures = report.failures()
    if verdict:
        lines.append("")
        lines.append("PASS" if not failures else "FAIL: " + "; ".join(failures))
    if report.leaks:
        lines.append("")
        lines.append(f"Spoiler leaks ({len(report.leaks)}):")
        lines.extend(
            f"- {leak.question!r}: {leak.term!r} visible in {leak.mode} mode at {leak.where}"
            for leak in report.leaks
        )
    missed = report.misses
    if misses and missed:
        lines.append("")
        lines.append(f"Misses ({len(missed)}):")
        lines.extend(format_miss(r) for r in missed)
    elif missed:
        lines.append(f"{len(missed)} miss(es): run with --misses to list them")
    return "\n".join(lines)


# -- command line ----------------------------------------------------------------------------------


def default_questions_path() -> Path:
    """`tests/eval/questions.yaml` of this checkout."""
    return Path(__file__).resolve().parents[1] / "tests" / "eval" / "questions.yaml"


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m devtools.evaluation [FILE] [--misses] [--knowledge DIR]`.

    Exit status: 0 when every threshold is met, 1 when one is not, 2 when the question file or
    the knowledge cannot be loaded.
    """
    parser = argparse.ArgumentParser(
        prog="python -m devtools.evaluation",
        description="Score the bot on fan questions: answers, declines, silence, spoilers.",
    )
    parser.add_argument(
        "file",
        nargs="?",
        type=Path,
        default=None,
        help="question file (default: tests/eval/questions.yaml)",
    )
    parser.add_argument("--misses", action="store_true", help="list every miss with its reply")
    parser.add_argument("--knowledge", type=Path, default=None, help="season folder to load")
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="print the figures without judging them against the thresholds (exit 0)",
    )
    args = parser.parse_args(list(argv) if argv is not None else None)

    from bot.core.engine import Engine
    from bot.core.errors import CoreError

    try:
        questions = load_questions(args.file or default_questions_path())
    except QuestionFileError as exc:
        print(exc, file=sys.stderr)
        return 2
    try:
        engine = Engine.load(args.knowledge)
    except CoreError as exc:
        print(f"cannot load the knowledge: {exc}", file=sys.stderr)
        return 2
    report = evaluate(engine, questions)
    print(format_report(report, misses=args.misses, verdict=not args.report_only))
    if args.report_only:
        return 0
    return 0 if not report.failures() else 1


if __name__ == "__main__":
    raise SystemExit(main())
