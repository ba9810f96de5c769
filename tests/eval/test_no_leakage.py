"""No evaluation question is also one of the examples the matcher learns from.

An evaluation set measures questions nobody tuned for only while none of its questions is an
example question, a fact's `asks`, a season's `examples` or `event_examples` (compared after
normalising, so case, punctuation and slang spellings do not hide a copy).
"""

from __future__ import annotations

from pathlib import Path

from bot.core import Engine
from bot.core.understanding.text import normalize
from devtools.evaluation import load_questions

HERE = Path(__file__).resolve().parent


def test_no_evaluation_question_is_an_example() -> None:
    engine = Engine.load()
    kinds, facts = engine._answerer._examples()
    # a way of asking with a placeholder ("what's {episode}") copies no question that names nothing
    examples = {normalize(text) for _, text in (*kinds, *facts) if "{" not in text}
    examples |= {normalize(q) for asked in engine.kb.event_examples.values() for q in asked}
    titles = {normalize(f.title) for f in engine.kb.facts}
    copied = [
        f"{path.name}: {q.q!r}"
        for path in sorted(HERE.glob("*.yaml"))
        for q in load_questions(path)
        if normalize(q.q) in examples - titles
    ]
    assert copied == []
