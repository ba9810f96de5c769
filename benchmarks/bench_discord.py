"""In-process latency of the Discord bot, against SimCord (no network): from a member's /ask to
the bot's response, and from a mention to the reply. Prints p50/p99; not a timed test.

    python benchmarks/bench_discord.py [--runs 300]

Each run is timed from the moment the member acts (SimCord builds and delivers the gateway
event, discord.py parses and dispatches it, the bot reads its settings from SQLite, asks the
core, renders and sends) until the bot's HTTP request carrying the answer reaches the fake
Discord: the interaction callback for /ask, the channel message for a mention. The full actor
round trip (including SimCord settling the event loop afterwards) is printed too.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import simcord  # noqa: E402

from bot.adapter.app import create_bot  # noqa: E402
from bot.adapter.settings import Settings  # noqa: E402
from bot.core.engine import Engine  # noqa: E402

QUESTIONS = (
    "who plays trish",
    "who directed episode 5",
    "tell me about malcolm",
    "when was season 2 released",
    "who wrote AKA Sole Survivor",
)


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def report(name: str, samples: list[float]) -> None:
    ms = [s * 1000 for s in samples]
    print(
        f"{name:<34} n={len(ms):<4} p50={percentile(ms, 50):6.2f} ms  "
        f"p99={percentile(ms, 99):6.2f} ms  mean={statistics.fmean(ms):6.2f} ms  "
        f"max={max(ms):6.2f} ms"
    )


class _Stamped(list[Any]):
    """SimCord's request log, noting when the first request matching `marker` arrives."""

    def __init__(self, items: list[Any]) -> None:
        super().__init__(items)
        self.marker = ""
        self.arrived: float | None = None

    def append(self, entry: Any) -> None:
        if self.arrived is None and self.marker and self.marker in entry.path:
            self.arrived = time.perf_counter()
        super().append(entry)


async def measure(
    env: simcord.Env, runs: int, act: Callable[[int], Awaitable[Any]], marker: str
) -> tuple[list[float], list[float]]:
    """Time `act` until the bot's first request whose path contains `marker`."""
    log = env.backend.http_requests
    if not isinstance(log, _Stamped):
        log = env.backend.http_requests = _Stamped(log)
    log.marker = marker
    to_answer: list[float] = []
    round_trip: list[float] = []
    for run in range(runs):
        log.arrived = None
        start = time.perf_counter()
        await act(run)
        end = time.perf_counter()
        if log.arrived is None:
            raise RuntimeError(f"run {run}: the bot sent no {marker} request")
        to_answer.append(log.arrived - start)
        round_trip.append(end - start)
    return to_answer, round_trip


async def main(runs: int) -> None:
    engine = Engine.load()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            database_url=f"sqlite:///{Path(tmp) / 'bench.sqlite3'}",
            cooldown_rate=1_000_000,  # measure answering, not flood control
        )
        bot = create_bot(settings, engine=engine)
        async with simcord.run(bot) as env:
            guild = env.create_guild("Bench")
            channel = guild.create_text_channel("general")
            alice = guild.add_member(env.create_user("alice"))
            mention = f"<@{env.bot.user.id}>"  # type: ignore[union-attr]

            async def ask(run: int) -> None:
                await alice.slash(channel, "ask", question=QUESTIONS[run % len(QUESTIONS)])

            async def mention_question(run: int) -> None:
                await alice.send(channel, f"{mention} {QUESTIONS[run % len(QUESTIONS)]}")

            gc.freeze()  # as `python -m bot run` does once started
            await measure(env, 20, ask, "/callback")  # warm up caches and code paths
            await measure(env, 20, mention_question, "/messages")
            ask_answer, ask_trip = await measure(env, runs, ask, "/callback")
            mention_answer, mention_trip = await measure(
                env, runs, mention_question, f"/channels/{channel.id}/messages"
            )
        await bot.close()

    engine_times = []
    for run in range(runs):
        start = time.perf_counter()
        engine.ask(QUESTIONS[run % len(QUESTIONS)])
        engine_times.append(time.perf_counter() - start)

    print(f"In-process latency over {runs} runs each (SimCord, SQLite on a temp file):")
    report("/ask -> interaction response", ask_answer)
    report("mention -> reply sent", mention_answer)
    report("/ask, full actor round trip", ask_trip)
    report("mention, full actor round trip", mention_trip)
    report("core alone (Engine.ask)", engine_times)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=300)
    asyncio.run(main(parser.parse_args().runs))
