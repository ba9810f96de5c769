"""Prometheus metrics: what `/metrics` shows (see `bot.adapter.health`).

The metrics live in the process-wide default registry, so every part of the bot records into them
without wiring; they cost a dictionary lookup and an addition when nobody scrapes them.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from prometheus_client import Counter, Gauge, Histogram

__all__ = [
    "ANSWER_SECONDS",
    "GATEWAY_CONNECTED",
    "GATEWAY_LATENCY",
    "QUESTIONS",
    "STORE_ERRORS",
    "STORE_SECONDS",
    "record_question",
    "timed_store_call",
]

QUESTIONS = Counter(
    "jj_questions_total",
    "Questions seen, by kind (ask, episode, character, cast, season, help), trigger (ask: "
    "addressed to the bot; auto: overheard in an auto-answer channel) and outcome (answered; "
    "declined: the bot said it does not know or asked which was meant; silent: no reply).",
    ["kind", "trigger", "outcome"],
)
ANSWER_SECONDS = Histogram(
    "jj_answer_seconds",
    "From receiving a question to the answer accepted by Discord.",
    ["kind"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0),
)
STORE_SECONDS = Histogram(
    "jj_store_seconds",
    "Time of one call to the settings database (cache hits excluded).",
    ["backend", "operation"],
    buckets=(0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1.0),
)
STORE_ERRORS = Counter(
    "jj_store_errors_total",
    "Calls to the settings database that failed.",
    ["backend", "operation"],
)
GATEWAY_LATENCY = Gauge(
    "jj_gateway_latency_seconds",
    "Latency between a gateway heartbeat and its acknowledgement, per shard.",
    ["shard"],
)
GATEWAY_CONNECTED = Gauge(
    "jj_gateway_connected", "1 when the shard's gateway connection is up, else 0.", ["shard"]
)


def record_question(kind: str, trigger: str, outcome: str, seconds: float | None = None) -> None:
    """Count one question; with `seconds`, also observe how long answering it took."""
    QUESTIONS.labels(kind=kind, trigger=trigger, outcome=outcome).inc()
    if seconds is not None:
        ANSWER_SECONDS.labels(kind=kind).observe(seconds)


@asynccontextmanager
async def timed_store_call(backend: str, operation: str) -> AsyncIterator[None]:
    """Time one database call; count it as an error if it raises."""
    start = time.perf_counter()
    try:
        yield
    except BaseException:
        STORE_ERRORS.labels(backend=backend, operation=operation).inc()
        raise
    finally:
        STORE_SECONDS.labels(backend=backend, operation=operation).observe(
            time.perf_counter() - start
        )
