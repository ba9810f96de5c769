"""Command line: `python -m bot ask|check-knowledge|run|sync|unanswered export`.

`ask` and `check-knowledge` never import discord.py, so they start fast and need no token.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, TextIO

from bot.core import Engine, KnowledgeError, KnowledgeInvalid, SpoilerMode, SpoilerPolicy, Trigger

__all__ = ["main"]

MODES = tuple(m.value for m in SpoilerMode)
TRIGGERS = tuple(t.value for t in Trigger)


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
    return handler(args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
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

    commands.add_parser("run", help="run the Discord bot (needs DISCORD_TOKEN)")
    sync = commands.add_parser("sync", help="sync slash commands with Discord")
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
        _answer_lines(engine, sys.stdin, sys.stdout)
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

    answer = engine.ask(question, Trigger(trigger))
    if answer.reply is None:
        return {"answered": False, "intent": answer.intent, "message": None}
    policy = SpoilerPolicy(SpoilerMode(spoilers), watched)
    return {
        "answered": answer.answered,
        "intent": answer.intent,
        "message": render_message(answer.reply, policy),
    }


def _answer_lines(engine: Engine, lines: Iterable[str], out: TextIO) -> None:
    for line in lines:
        try:
            request = _parse_request(line, engine.kb.season.episode_count)
            result: dict[str, Any] = answer_request(engine, *request)
        except ValueError as exc:
            result = {"error": str(exc)}
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
        out.flush()


def _parse_request(line: str, last_episode: int) -> tuple[str, str, int, str]:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON: {exc.msg} at column {exc.colno}") from None
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
