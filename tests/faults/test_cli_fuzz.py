"""`python -m bot ask --jsonl` against arbitrary whole lines: any JSON value, any bytes.

Whatever a line holds, exactly one JSON object comes out for it, in order: a result with the
contract's keys, or `{"error": ...}`; and the lines after it are still answered.
"""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.cli import answer_lines
from bot.core.engine import Engine

CONTRACT_KEYS = {"answered", "intent", "message"}
GOOD_LINE = b'{"q": "who plays trish"}'

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
requests = st.fixed_dictionaries(
    {},
    optional={
        "q": st.text(max_size=80) | json_values,
        "spoilers": st.sampled_from(["tagged", "open", "blocked", "loud"]) | json_values,
        "watched": st.integers(-3, 20) | json_values,
        "trigger": st.sampled_from(["ask", "auto", "shout"]) | json_values,
    },
)
lines = st.one_of(
    requests.map(lambda r: json.dumps(r).encode()),
    json_values.map(lambda v: json.dumps(v).encode()),
    st.binary(max_size=200).map(lambda b: b.replace(b"\n", b" ")),
    st.integers(1, 3000).map(lambda n: b"[" * n + b"]" * n),
)


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.load()


def run_lines(engine: Engine, raw: list[bytes]) -> list[dict[str, Any]]:
    out = io.StringIO()
    answer_lines(engine, io.BytesIO(b"\n".join(raw) + b"\n"), out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(lines, min_size=1, max_size=4))
def test_every_line_gets_exactly_one_result_and_later_lines_still_work(
    engine: Engine, raw: list[bytes]
) -> None:
    results = run_lines(engine, [*raw, GOOD_LINE])
    assert len(results) == len(raw) + 1
    for result in results:
        assert isinstance(result, dict)
        assert set(result) == {"error"} or set(result) == CONTRACT_KEYS
        if "error" in result:
            assert isinstance(result["error"], str)
            assert len(result["error"]) < 200
    assert results[-1]["answered"] is True
