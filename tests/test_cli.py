"""The `python -m bot` contract, run as a user (and the held-out grader) runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, REPO_ROOT


def run_bot(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_ask_prints_a_readable_answer() -> None:
    result = run_bot("ask", "who", "plays", "trish")
    assert result.returncode == 0, result.stderr
    assert "Rachael Taylor" in result.stdout
    assert "{" not in result.stdout.splitlines()[0]


def test_ask_json_has_the_contract_keys() -> None:
    result = run_bot(
        "ask", "--json", "--spoilers", "blocked", "--watched", "3", "who directed ep 5"
    )
    data = json.loads(result.stdout)
    assert set(data) == {"answered", "intent", "message"}
    assert data["answered"] is True
    assert data["message"]["allowed_mentions"] == {"parse": []}


def test_ask_auto_chatter_is_silent() -> None:
    data = json.loads(run_bot("ask", "--json", "--trigger", "auto", "lol same").stdout)
    assert data == {"answered": False, "intent": None, "message": None}


def test_jsonl_answers_every_line_in_order_and_survives_bad_lines() -> None:
    lines = [
        {"q": "who plays trish"},
        "not json",
        {"q": "who does janet mcteer play", "spoilers": "blocked", "watched": 0},
        {"q": 42},
        {"q": "who plays trish", "watched": 99},
        {"q": "anyone want pizza", "trigger": "auto"},
        {"q": "what is the budget", "spoilers": "open", "watched": 13, "trigger": "ask"},
        ["a", "list"],
        {"q": "who plays trish", "spoilers": "loud"},
    ]
    stdin = "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n"
    result = run_bot("ask", "--jsonl", stdin=stdin)
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == len(lines)
    assert out[0]["answered"] is True
    assert "Rachael Taylor" in json.dumps(out[0])
    assert "error" in out[1]
    assert "error" in out[3]
    assert "error" in out[4]
    assert "Alisa" not in json.dumps(out[2])
    assert out[5] == {"answered": False, "intent": None, "message": None}
    assert out[6]["answered"] is False
    assert out[6]["message"] is not None
    assert "error" in out[7]
    assert "error" in out[8]


def test_ask_without_a_question_is_a_usage_error() -> None:
    assert run_bot("ask").returncode == 2


def test_ask_another_season() -> None:
    result = run_bot(
        "ask",
        "--knowledge",
        str(FIXTURES / "knowledge" / "harbor-lights-s1"),
        "--spoilers",
        "open",
        "who plays the keeper",
    )
    assert "Ben Stone" in result.stdout


def test_check_knowledge_passes_on_the_shipped_season() -> None:
    result = run_bot("check-knowledge")
    assert result.returncode == 0
    assert result.stdout.startswith("ok:")


def test_check_knowledge_lists_problems_and_exits_1(tmp_path: Path) -> None:
    folder = tmp_path / "broken-s1"
    folder.mkdir()
    (folder / "season.yaml").write_text("season: {id: wrong}\nsources: {}\n")
    result = run_bot("check-knowledge", str(folder))
    assert result.returncode == 1
    assert "season.yaml: season.id: must equal the folder name 'broken-s1'" in result.stdout
    assert "problem(s) found" in result.stdout


@pytest.mark.parametrize("args", [["run"], ["sync"]])
def test_run_and_sync_without_a_token_exit_2_without_a_traceback(args: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={"PATH": "/usr/bin:/bin", "HOME": str(REPO_ROOT)},
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr + result.stdout
    assert "DISCORD_TOKEN" in result.stderr + result.stdout


def run_bot_bytes(*args: str, stdin: bytes, env: dict[str, str] | None = None) -> bytes:
    import os

    done = subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        cwd=REPO_ROOT,
        capture_output=True,
        timeout=60,
        check=False,
        env={**os.environ, **(env or {})},
    )
    assert done.returncode == 0, done.stderr
    assert b"Traceback" not in done.stderr
    return done.stdout


def test_jsonl_a_deeply_nested_line_gets_an_error_and_later_lines_are_answered() -> None:
    """Issue 8, defect 1: a line nested 1,000 deep killed the stream with a RecursionError."""
    stdin = ("[" * 1000 + "]" * 1000 + "\n" + '{"q":"who plays trish"}\n').encode()
    out = [json.loads(line) for line in run_bot_bytes("ask", "--jsonl", stdin=stdin).splitlines()]
    assert len(out) == 2
    assert "nested" in out[0]["error"]
    assert "Rachael Taylor" in json.dumps(out[1])


def test_jsonl_an_invalid_byte_spoils_only_its_own_line_under_a_strict_locale() -> None:
    """Issue 8, defect 2: one invalid byte killed the stream and lost the lines before it."""
    stdin = b'{"q":"who plays trish"}\n{"q":"\xff"}\n{"q":"who plays jessica"}\n'
    stdout = run_bot_bytes("ask", "--jsonl", stdin=stdin, env={"PYTHONIOENCODING": "utf-8:strict"})
    out = [json.loads(line) for line in stdout.splitlines()]
    assert len(out) == 3
    assert "Rachael Taylor" in json.dumps(out[0])
    assert "UTF-8" in out[1]["error"]
    assert "Krysten Ritter" in json.dumps(out[2])


def test_jsonl_an_overlong_line_gets_an_error_and_a_lone_surrogate_is_answered() -> None:
    stdin = b'{"q":"' + b"x" * 100_000 + b'"}\n{"q":"\\ud800 who plays trish"}\n'
    stdout = run_bot_bytes("ask", "--jsonl", stdin=stdin, env={"PYTHONIOENCODING": "utf-8:strict"})
    out = [json.loads(line) for line in stdout.splitlines()]
    assert len(out) == 2
    assert "longer than" in out[0]["error"]
    assert "error" not in out[1]


def test_unanswered_export_writes_csv_for_knowledge_authors(tmp_path: Path) -> None:
    import asyncio
    import csv
    import io

    from bot.adapter.storage import SQLiteStore
    from bot.adapter.unanswered import CSV_HEADER

    path = tmp_path / "bot.sqlite3"

    async def seed() -> None:
        store = SQLiteStore(path)
        await store.open()
        await store.record_unanswered(1, "who is trish's dad", "not_sure", "Who is Trish?")
        await store.record_unanswered(1, "who is trish's dad", "not_sure", "Who is Trish?")
        await store.record_unanswered(2, "how long is ep 3", "sources_dont_say", "episode.runtime")
        await store.close()

    asyncio.run(seed())
    url = f"sqlite:///{path}"
    result = run_bot("unanswered", "export", "--database-url", url)
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert tuple(rows[0]) == CSV_HEADER
    assert [(r[0], r[1], r[4]) for r in rows[1:]] == [
        ("1", "who is trish's dad", "2"),
        ("2", "how long is ep 3", "1"),
    ]
    one = run_bot("unanswered", "export", "--database-url", url, "--guild", "2")
    assert len(one.stdout.splitlines()) == 2


def test_unanswered_export_refuses_a_bad_database_url() -> None:
    result = run_bot("unanswered", "export", "--database-url", "mysql://nope")
    assert result.returncode == 2
    assert "DATABASE_URL" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_reader_that_stops_reading_gets_no_traceback(tmp_path: Path) -> None:
    """`python -m bot ask --jsonl < questions | head -1`: the pipe closes early."""
    questions = tmp_path / "questions.jsonl"
    questions.write_text('{"q": "who plays trish"}\n' * 3000, encoding="utf-8")
    with (
        questions.open("rb") as stdin,
        subprocess.Popen(
            [sys.executable, "-m", "bot", "ask", "--jsonl"],
            cwd=REPO_ROOT,
            stdin=stdin,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        ) as process,
    ):
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.readline()  # it is answering; then the reader goes away
        process.stdout.close()
        errors = process.stderr.read()
        process.wait(timeout=120)
    assert b"Traceback" not in errors
