"""Command line: `python -m bot ask|check-knowledge|run|sync|unanswered export`.

`ask` and `check-knowledge` never import discord.py, so they start fast and need no token.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from bot.core import Engine, KnowledgeError, KnowledgeInvalid, SpoilerMode, SpoilerPolicy, Trigger

__all__ = ["main"]

MODES = tuple(m.value for m in SpoilerMode)
TRIGGERS = tuple(t.value for t in Trigger)

#: Bounds on one `--jsonl` request line: a request is a flat object of four keys, so anything
#: longer or deeper is refused with an error line before the JSON parser sees it.
MAX_LINE_BYTES = 64 * 1024
MAX_DEPTH = 20


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    handler = {
        "ask": _ask,
        "check-knowledge": _check_knowledge,
        "run": _run,
        "sync": _sync,
        "unanswered": _unanswered,
    }[args.command]
    try:
        return handler(args)
    except BrokenPipeError:
        # "python -m bot ask ... | head": the reader has gone; nothing more to say to it
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("jj-season-bot")
    except PackageNotFoundError:
        return "unknown (not installed)"


def _environment_help(names: Sequence[str] | None = None) -> str:
    """The epilog of `run` and `sync`: every environment variable they read."""
    from bot.adapter.settings import ENVIRONMENT_VARIABLES

    rows = [(n, what) for n, what in ENVIRONMENT_VARIABLES if names is None or n in names]
    lines = [f"  {name:<24}{what}" for name, what in rows]
    return (
        "environment variables (also read from ./.env when present; the environment wins):\n"
        + "\n".join(lines)
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command")

    ask = commands.add_parser("ask", help="ask a question offline, as the bot would answer it")
    ask.add_argument("question", nargs="*", help="the question (several words are joined)")
    ask.add_argument(
        "--spoilers",
        choices=MODES,
        default=SpoilerMode.TAGGED.value,
        help="spoiler mode (default: tagged)",
    )
    ask.add_argument(
        "--watched",
        type=int,
        default=0,
        metavar="N",
        help="episodes watched so far, 0 to the season's last (default: 0)",
    )
    ask.add_argument(
        "--trigger",
        choices=TRIGGERS,
        default=Trigger.ASK.value,
        help="ask: asked directly; auto: overheard in an auto-answer channel",
    )
    ask.add_argument("--json", action="store_true", help="print the JSON result instead")
    ask.add_argument(
        "--jsonl",
        action="store_true",
        help="read one JSON request per line on stdin, write one result per line",
    )
    _knowledge_option(ask)

    check = commands.add_parser("check-knowledge", help="validate a knowledge folder")
    check.add_argument("directory", nargs="?", type=Path, help="season folder or knowledge root")

    commands.add_parser(
        "run",
        help="run the Discord bot (needs DISCORD_TOKEN)",
        description="Connect to Discord and answer until stopped (Ctrl+C, SIGTERM).",
        epilog=_environment_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sync = commands.add_parser(
        "sync",
        help="sync slash commands with Discord",
        description="Sync the slash commands with Discord now, globally or to one server.",
        epilog=_environment_help(
            (
                "DISCORD_TOKEN",
                "DATABASE_URL",
                "DEV_GUILD_ID",
                "MESSAGE_CONTENT_INTENT",
                "KNOWLEDGE_DIR",
                "LOG_LEVEL",
            )
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sync.add_argument(
        "--guild",
        type=int,
        default=None,
        metavar="ID",
        help="sync to one server only (instant), instead of globally",
    )

    unanswered = commands.add_parser(
        "unanswered", help="the log of questions the bot could not answer"
    )
    unanswered_commands = unanswered.add_subparsers(dest="action", required=True)
    export = unanswered_commands.add_parser(
        "export", help="write the log as CSV (with a header row) to stdout"
    )
    export.add_argument(
        "--database-url",
        default=None,
        metavar="URL",
        help="the bot's database (default: $DATABASE_URL or sqlite:///data/bot.sqlite3)",
    )
    export.add_argument(
        "--guild", type=int, default=None, metavar="ID", help="one server only (default: all)"
    )
    return parser


def _knowledge_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--knowledge",
        type=Path,
        default=None,
        metavar="DIR",
        help="season folder (default: $KNOWLEDGE_DIR or ./knowledge)",
    )


def _knowledge_dir(args: argparse.Namespace) -> Path | None:
    chosen = getattr(args, "knowledge", None) or os.environ.get("KNOWLEDGE_DIR")
    return Path(chosen) if chosen else None


def _load_engine(args: argparse.Namespace) -> Engine | None:
    try:
        return Engine.load(_knowledge_dir(args))
    except KnowledgeError as exc:
        print(f"error: cannot load the knowledge base: {exc}", file=sys.stderr)
        return None


# -- ask ----------------------------------------------------------------------------------------


def _ask(args: argparse.Namespace) -> int:
    engine = _load_engine(args)
    if engine is None:
        return 1
    if args.jsonl:
        stdin: BinaryIO | None = getattr(sys.stdin, "buffer", None)
        if stdin is None:  # stdin replaced by a text stream (an embedding program, a test)
            stdin = io.BytesIO(sys.stdin.read().encode("utf-8", "surrogateescape"))
        answer_lines(engine, stdin, sys.stdout)
        return 0
    question = " ".join(args.question).strip()
    if not question:
        print(
            'error: give a question, e.g. python -m bot ask "who directed episode 1"',
            file=sys.stderr,
        )
        return 2
    last = engine.kb.season.episode_count
    if not 0 <= args.watched <= last:
        print(f"error: --watched must be 0..{last}", file=sys.stderr)
        return 2
    result = answer_request(engine, question, args.spoilers, args.watched, args.trigger)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    elif result["message"] is None:
        print("(the bot stays silent: this is not a question for it)")
    else:
        from bot.core import message_to_console

        print(message_to_console(result["message"]))
    return 0


def answer_request(
    engine: Engine, question: str, spoilers: str, watched: int, trigger: str
) -> dict[str, Any]:
    """One request of the `ask` contract, as the JSON object it prints."""
    from bot.core import render_message

    answer = engine.ask(question, Trigger(trigger), watched)
    if answer.reply is None:
        return {"answered": False, "intent": answer.intent, "message": None}
    policy = SpoilerPolicy(SpoilerMode(spoilers), watched)
    return {
        "answered": answer.answered,
        "intent": answer.intent,
        "message": render_message(answer.reply, policy),
    }


def answer_lines(engine: Engine, stream: BinaryIO, out: TextIO) -> None:
    """One result line per request line of `stream`, in order; a bad line gets `{"error": ...}`.

    Lines are read as bytes and decoded one at a time, so an invalid byte, an overlong line or a
    deeply nested value spoils only its own line, whatever the locale.
    """
    for raw in _bounded_lines(stream):
        try:
            request = _parse_request(_decode(raw), engine.kb.season.episode_count)
            result: dict[str, Any] = answer_request(engine, *request)
        except ValueError as exc:
            result = {"error": str(exc)}
        _write_line(out, result)


def _bounded_lines(stream: BinaryIO) -> Iterator[bytes | None]:
    """Each line of `stream` without its newline; None for a line over `MAX_LINE_BYTES`, whose
    rest is skipped without being held in memory."""
    while True:
        line = stream.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = stream.readline(MAX_LINE_BYTES)
            yield None
            continue
        yield line.rstrip(b"\r\n")


def _decode(raw: bytes | None) -> str:
    if raw is None:
        raise ValueError(f"line is longer than {MAX_LINE_BYTES} bytes")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not valid UTF-8 (byte {exc.start + 1} of the line)") from None


def _write_line(out: TextIO, result: dict[str, Any]) -> None:
    try:
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
    except UnicodeEncodeError:
        # A lone surrogate from a "\\ud800" escape, or a narrow output encoding: escape it all.
        out.write(json.dumps(result, ensure_ascii=True) + "\n")
    out.flush()


def _nesting_depth(text: str, limit: int) -> int:
    """How deeply arrays and objects nest in JSON `text`, counting no further than `limit` + 1."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > limit:
                break
        elif char in "]}":
            depth -= 1
    return deepest


def _parse_request(line: str, last_episode: int) -> tuple[str, str, int, str]:
    if (
        line.count("[") + line.count("{") > MAX_DEPTH
        and _nesting_depth(line, MAX_DEPTH) > MAX_DEPTH
    ):
        raise ValueError(f"JSON nested deeper than {MAX_DEPTH} levels")
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON: {exc.msg} at column {exc.colno}") from None
    except RecursionError:  # belt and braces: the depth check above should have refused it
        raise ValueError("JSON nested too deeply") from None
    if not isinstance(data, dict):
        raise ValueError('expected a JSON object like {"q": "who directed episode 1"}')
    question = data.get("q")
    if not isinstance(question, str):
        raise ValueError('"q" must be a string')
    spoilers = data.get("spoilers", SpoilerMode.TAGGED.value)
    if spoilers not in MODES:
        raise ValueError(f'"spoilers" must be one of {", ".join(MODES)}')
    watched = data.get("watched", 0)
    if (
        isinstance(watched, bool)
        or not isinstance(watched, int)
        or not 0 <= watched <= last_episode
    ):
        raise ValueError(f'"watched" must be a whole number 0..{last_episode}')
    trigger = data.get("trigger", Trigger.ASK.value)
    if trigger not in TRIGGERS:
        raise ValueError(f'"trigger" must be one of {", ".join(TRIGGERS)}')
    return question, spoilers, watched, trigger


# -- check-knowledge ------------------------------------------------------------------------------


def _check_knowledge(args: argparse.Namespace) -> int:
    directory = args.directory or _knowledge_dir(args)
    try:
        engine = Engine.load(directory)
    except KnowledgeInvalid as exc:
        print(f"{len(exc.problems)} problem(s) found:")
        for problem in exc.problems:
            print(f"  - {problem}")
        return 1
    except KnowledgeError as exc:
        print(f"error: {exc}")
        return 1
    kb = engine.kb
    print(
        f"ok: {kb.season.title}: {len(kb.episodes)} episodes, {len(kb.characters)} characters, "
        f"{len(kb.people)} people, {len(kb.facts)} facts"
    )
    return 0


# -- run, sync --------------------------------------------------------------------------------


def _run(args: argparse.Namespace) -> int:
    from bot.adapter.runner import run

    return run()  # reads the environment itself; a bad variable exits 2 with a message


def _sync(args: argparse.Namespace) -> int:
    from bot.adapter.runner import sync

    return sync(None, args.guild)


# -- unanswered export ---------------------------------------------------------------------------

#: Rows read from the database at a time, so a big log never sits in memory whole.
EXPORT_BATCH = 1000


def _unanswered(args: argparse.Namespace) -> int:
    import asyncio

    from bot.adapter.settings import DEFAULT_DATABASE_URL
    from bot.adapter.storage import StoreError

    url = args.database_url or os.environ.get("DATABASE_URL", "").strip() or DEFAULT_DATABASE_URL
    try:
        return asyncio.run(_export_unanswered(url, args.guild, sys.stdout))
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


async def _export_unanswered(url: str, guild_id: int | None, out: TextIO) -> int:
    from bot.adapter.storage import open_store
    from bot.adapter.unanswered import write_csv

    store = open_store(url)
    await store.open()
    try:
        offset, header = 0, True
        while True:
            batch = await store.unanswered(guild_id, limit=EXPORT_BATCH, offset=offset)
            write_csv(batch, out, header=header)
            offset, header = offset + len(batch), False
            if len(batch) < EXPORT_BATCH:
                return 0
    finally:
        await store.close()
