"""The quality evaluation: the real engine against tests/eval/questions.yaml, and the scoring.

The real-engine tests run the whole question file once (module-scoped fixture) and assert the
thresholds; a failure prints every miss of the class that failed.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from bot.core.answering.reply import Card, CardField, Reply, ReplyKind
from bot.core.engine import Answer, Trigger
from bot.core.knowledge.richtext import RichText, Segment, SpoilerMode, SpoilerPolicy, plain, rich
from devtools.evaluation import (
    INTENTS,
    Question,
    QuestionFileError,
    Report,
    evaluate,
    format_report,
    load_questions,
    main,
    visible_text,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
QUESTIONS = Path(__file__).resolve().parent / "questions.yaml"


# -- the question file -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def questions() -> list[Question]:
    return load_questions(QUESTIONS)


def test_question_file_is_well_formed(questions: list[Question]) -> None:
    # load_questions already rejects unknown keys/intents, missing keys and duplicates.
    assert len(questions) >= 480
    # The sets label decline kinds by their outcome (unknown.sources) rather than by the kind of
    # decline, and the story kinds are measured by their own set (plot.yaml).
    used = {q.intent for q in questions}
    assert used <= INTENTS
    assert len(used) >= 36, "the first set covers the kinds broadly"
    for q in questions:
        if q.expect == "decline":
            assert q.trigger is Trigger.ASK, q.q
        if q.expect == "silent":
            assert q.trigger is Trigger.AUTO, q.q
        assert not (q.expect != "answer" and q.contains), q.q


def test_question_mix(questions: list[Question]) -> None:
    mix = Counter((q.expect, q.trigger) for q in questions)
    assert mix["answer", Trigger.ASK] >= 330
    assert mix["answer", Trigger.AUTO] >= 20
    assert mix["decline", Trigger.ASK] >= 70
    assert mix["silent", Trigger.AUTO] >= 80
    assert sum(1 for q in questions if q.spoilers) >= 40


def test_report_formats(fake_report: Report) -> None:
    report = fake_report
    text = format_report(report)
    assert f"Evaluation of {len(report.results)} questions" in text


# -- the scoring logic, with a tiny fake engine ----------------------------------------------------


def _text(rt: RichText, policy: SpoilerPolicy) -> str:
    out = []
    for seg in rt:
        if not policy.hides(seg):
            out.append(seg.text)
        elif policy.mode is SpoilerMode.BLOCKED:
            out.append("[spoiler withheld]")
        else:
            out.append(f"||{seg.text}||")
    return "".join(out)


def fake_render(reply: Reply, policy: SpoilerPolicy) -> dict[str, Any]:
    """A minimal stand-in for render_message, shaped like Discord message JSON."""
    embeds = [
        {
            "title": card.title,
            "description": _text(card.description, policy),
            "fields": [{"name": f.name, "value": _text(f.value, policy)} for f in card.fields],
            "footer": {"text": card.footer},
        }
        for card in reply.cards
    ]
    buttons = [{"type": 2, "style": 2, "label": s} for s in reply.suggestions]
    return {
        "content": _text(reply.content, policy),
        "embeds": embeds,
        "components": [{"type": 1, "components": buttons}] if buttons else [],
        "allowed_mentions": {"parse": []},
    }


class FakeEngine:
    def __init__(self, answers: dict[str, Answer]) -> None:
        self.answers = answers
        self.asked: list[tuple[str, Trigger]] = []

    def ask(self, question: str, trigger: Trigger = Trigger.ASK) -> Answer:
        self.asked.append((question, trigger))
        if question == "explode":
            raise RuntimeError("kaboom")
        return self.answers[question]


def _answer(intent: str, content: RichText, *, cards: tuple[Card, ...] = ()) -> Answer:
    return Answer(Reply(ReplyKind.ANSWER, intent, content=content, cards=cards), intent)


def _decline(kind: ReplyKind, intent: str) -> Answer:
    return Answer(Reply(kind, intent, content=plain("I can't answer that.")), intent)


FAKE_ANSWERS = {
    "who plays trish": _answer("character.actor", plain("Rachael Taylor plays Trish Walker.")),
    "who directed ep 3": _answer("episode.director", plain("Episode 3 was directed by someone.")),
    "who plays alisa": _answer("character.info", plain("Janet McTeer.")),
    "weather?": _decline(ReplyKind.OFF_TOPIC, "off_topic"),
    "who plays jones": _decline(ReplyKind.CLARIFY, "clarify"),
    "season 3 date": _decline(ReplyKind.UNKNOWN, "unknown.sources"),
    "lol": Answer(None, None),
    "omg": _answer("chatter", plain("Hello!")),
    "who does janet mcteer play": _answer(
        "person.role",
        (Segment("Janet McTeer plays "), Segment("Alisa, Jessica's mother", spoiler_from=6)),
    ),
    "who is the mysterious woman": _answer(
        "character.info", plain("Janet McTeer plays Alisa, Jessica's mother.")
    ),
    "who is alisa": _answer(
        "character.info",
        plain(""),
        cards=(
            Card(
                title="Alisa Jones",
                description=rich("Jessica's mother.", 6),
                fields=(CardField("Played by", plain("Janet McTeer")),),
                footer="Jessica Jones season 2",
            ),
        ),
    ),
}


def _q(q: str, intent: str, expect: Any, **kw: Any) -> Question:
    return Question(q=q, intent=intent, expect=expect, **kw)


FAKE_QUESTIONS = [
    _q("who plays trish", "character.actor", "answer", contains=("rachael taylor",)),
    _q("who directed ep 3", "episode.director", "answer", contains=("Mairzee Almas",)),
    _q("who plays alisa", "character.actor", "answer", contains=("Janet McTeer",)),
    _q("weather?", "off_topic", "decline"),
    _q("who plays jones", "clarify", "decline"),
    _q("season 3 date", "unknown.sources", "answer", contains=("2019",)),
    _q("lol", "chatter", "silent", trigger=Trigger.AUTO),
    _q("omg", "chatter", "silent", trigger=Trigger.AUTO),
    _q("who does janet mcteer play", "person.role", "answer", spoilers=("Alisa", "mother")),
    _q("who is the mysterious woman", "character.info", "answer", spoilers=("Alisa", "mother")),
    _q("who is alisa", "character.info", "answer", contains=("McTeer",), spoilers=("Alisa",)),
    _q("explode", "season.release", "answer", contains=("March 8, 2018",)),
]


@pytest.fixture
def fake_report() -> Report:
    return evaluate(FakeEngine(FAKE_ANSWERS), FAKE_QUESTIONS, render=fake_render)


def test_outcomes_are_scored(fake_report: Report) -> None:
    got = {r.question.q: (r.got, r.correct) for r in fake_report.results}
    assert got == {
        "who plays trish": ("answer", True),  # contains is case-insensitive
        "who directed ep 3": ("answer", False),  # answered, but the name is missing
        "who plays alisa": ("answer", True),  # intent differs: outcome still correct
        "weather?": ("decline", True),
        "who plays jones": ("decline", True),
        "season 3 date": ("decline", False),  # expected an answer
        "lol": ("silent", True),
        "omg": ("answer", False),  # chatter must not be answered
        "who does janet mcteer play": ("answer", True),
        "who is the mysterious woman": ("answer", True),  # leaks do not change the outcome
        "who is alisa": ("answer", True),
        "explode": ("error", False),  # an engine error is a miss, not a crash
    }
    missed = next(r for r in fake_report.results if r.question.q == "who directed ep 3")
    assert missed.missing == ("Mairzee Almas",)
    assert "Episode 3 was directed" in missed.snippet
    broken = next(r for r in fake_report.results if r.question.q == "explode")
    assert broken.error == "RuntimeError: kaboom"


def test_accuracy_per_expect_class(fake_report: Report) -> None:
    scores = {k: (v.correct, v.total) for k, v in fake_report.by_expect.items()}
    assert scores == {"answer": (5, 8), "decline": (2, 2), "silent": (1, 2)}
    assert fake_report.accuracy("decline") == 1.0
    assert len(fake_report.misses) == 4


def test_intent_accuracy(fake_report: Report) -> None:
    by_intent = {k: (v.correct, v.total) for k, v in fake_report.by_intent.items()}
    assert by_intent["character.actor"] == (1, 2)  # "who plays alisa" came back character.info
    assert by_intent["character.info"] == (2, 2)
    assert by_intent["chatter"] == (2, 2)  # silence (no intent) counts as chatter
    assert by_intent["season.release"] == (0, 1)  # the engine raised


def test_spoiler_leaks(fake_report: Report) -> None:
    leaks = {(leak.question, leak.mode, leak.term, leak.where) for leak in fake_report.leaks}
    assert leaks == {
        # plain text: visible in both modes
        ("who is the mysterious woman", "tagged", "Alisa", "content"),
        ("who is the mysterious woman", "tagged", "mother", "content"),
        ("who is the mysterious woman", "blocked", "Alisa", "content"),
        ("who is the mysterious woman", "blocked", "mother", "content"),
        # "who is alisa": the term is in the question, so its card title does not count
    }
    tagged_ok = [r for r in fake_report.results if r.question.q == "who does janet mcteer play"]
    assert tagged_ok[0].leaks == ()


def test_spoiler_in_title_or_button_leaks_even_inside_bars() -> None:
    reply = Reply(
        ReplyKind.ANSWER,
        "character.info",
        content=rich("She is Alisa.", 6),
        cards=(Card(title="||Alisa||"),),
        suggestions=("Who is Alisa?",),
    )
    engine = FakeEngine({"who is the woman": Answer(reply, "character.info")})
    question = _q("who is the woman", "character.info", "answer", spoilers=("Alisa",))
    result = evaluate(engine, [question], render=fake_render).results[0]
    where = sorted((leak.mode, leak.where) for leak in result.leaks)
    assert where == [
        ("blocked", "components[0].components[0].label"),
        ("blocked", "embeds[0].title"),
        ("tagged", "components[0].components[0].label"),
        ("tagged", "embeds[0].title"),
    ]


def test_questions_are_asked_with_their_trigger() -> None:
    engine = FakeEngine(FAKE_ANSWERS)
    evaluate(engine, FAKE_QUESTIONS[6:8], render=fake_render)
    assert engine.asked == [("lol", Trigger.AUTO), ("omg", Trigger.AUTO)]


def test_visible_text() -> None:
    assert visible_text("a ||b|| c ||d||") == "a   c  "
    assert visible_text("no bars") == "no bars"
    assert visible_text("open || not closed") == "open || not closed"
    assert "secret" in visible_text(r"escaped \|\|secret\|\| pipes")
    assert visible_text(r"a \(b\) ||\(c\)|| self\-defense") == "a (b)   self-defense"


def test_format_report_lists_misses_and_leaks(fake_report: Report) -> None:
    text = format_report(fake_report)
    assert "answer" in text
    assert "62.5%" in text  # 5 of 8 answers
    assert "Misses (4):" in text
    assert "'who directed ep 3'" in text
    assert "missing: 'Mairzee Almas'" in text
    assert "RuntimeError: kaboom" in text
    assert "Spoiler leaks (4):" in text
    assert "FAIL" in text
    short = format_report(fake_report, misses=False)
    assert "Misses" not in short
    assert "--misses" in short


def test_load_questions_reports_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "q.yaml"
    path.write_text(
        "- {q: ok, intent: season.release, expect: answer, contains: ['2018']}\n"
        "- {q: ' OK ', intent: season.release, expect: answer}\n"
        "- {q: numbers, intent: season.release, expect: answer, contains: [2018]}\n"
        "- {q: bad intent, intent: nonsense, expect: answer}\n"
        "- {q: no expect, intent: awards}\n"
        "- {q: hi, intent: chatter, expect: silent}\n"
        "- {q: extra, intent: awards, expect: answer, colour: red}\n"
        "- {q: what, intent: off_topic, expect: decline, contains: [x]}\n",
        encoding="utf-8",
    )
    with pytest.raises(QuestionFileError) as info:
        load_questions(path)
    problems = "\n".join(info.value.problems)
    assert "contains" in problems  # [2018] is a number, not a string
    assert "duplicate" in problems
    assert "unknown intent 'nonsense'" in problems
    assert "`expect` is required" in problems
    assert "needs trigger: auto" in problems
    assert "unknown key 'colour'" in problems
    assert "only makes sense with expect: answer" in problems


def test_load_questions_accepts_a_questions_mapping(tmp_path: Path) -> None:
    path = tmp_path / "q.yaml"
    path.write_text(
        "questions:\n"
        "  - {q: hi, intent: chatter, expect: silent, trigger: auto}\n"
        "  - {q: who plays trish, intent: character.actor, expect: answer,"
        " contains: [Rachael Taylor], spoilers: Hellcat}\n",
        encoding="utf-8",
    )
    loaded = load_questions(path)
    assert loaded[0].trigger is Trigger.AUTO
    assert loaded[1].contains == ("Rachael Taylor",)
    assert loaded[1].spoilers == ("Hellcat",)
    assert loaded[1].trigger is Trigger.ASK


def test_main_rejects_a_bad_question_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "q.yaml"
    path.write_text("- {q: x}\n", encoding="utf-8")
    assert main([str(path)]) == 2
    assert "problem" in capsys.readouterr().err
