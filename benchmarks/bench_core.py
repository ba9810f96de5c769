"""Core benchmark: start-up, per-question latency (p50/p99), throughput and peak memory.

Figures only; no thresholds (timed assertions flake on a busy machine). Run:
    python benchmarks/bench_core.py [--questions N]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = ROOT / "tests" / "eval" / "questions.yaml"

# Start-up and memory are measured in fresh interpreters so nothing is warm or shared.
_STARTUP = """
import resource, time
t = time.perf_counter()
from bot.core.engine import Engine
from bot.core.rendering.render import render_message
engine = Engine.load()
elapsed = time.perf_counter() - t
print(elapsed)
"""
_MEMORY = """
import json, resource, sys, yaml
from bot.core import Engine, Trigger, render_message, SpoilerMode, SpoilerPolicy
engine = Engine.load()
items = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
for item in items:
    answer = engine.ask(item["q"], Trigger(item.get("trigger", "ask")))
    if answer.reply is not None:
        render_message(answer.reply, SpoilerPolicy(SpoilerMode.TAGGED, 0))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _fresh(code: str, *args: str, env: dict[str, str] | None = None) -> str:
    out = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )
    return out.stdout.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--questions", type=int, default=5000, help="questions to time")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    import yaml

    from bot.core.engine import Engine, Trigger
    from bot.core.knowledge.richtext import SpoilerMode, SpoilerPolicy
    from bot.core.rendering.render import render_message

    # Cold: nothing cached, every example question is read again. Warm: what the user's cache
    # keeps from an earlier start (see bot/core/understanding/termcache.py).
    with tempfile.TemporaryDirectory() as empty:
        cold = float(_fresh(_STARTUP, env={"JJ_CACHE_DIR": empty}))
    _fresh(_STARTUP)  # fill the cache
    startups = sorted(float(_fresh(_STARTUP)) for _ in range(5))
    peak_kib = int(_fresh(_MEMORY, str(QUESTIONS)))

    engine = Engine.load()
    items = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    # as `python -m bot run` does once started: what was loaded is never collected, so the
    # collector does not walk the knowledge and indexes again and again
    gc.collect()
    gc.freeze()
    policy = SpoilerPolicy(SpoilerMode.TAGGED, 0)
    # Each question is made unique so no cache in the answer path helps it.
    timings: list[float] = []
    started = time.perf_counter()
    for n in range(args.questions):
        item = items[n % len(items)]
        question = f"{item['q']} {n}" if n >= len(items) else item["q"]
        t = time.perf_counter()
        answer = engine.ask(question, Trigger(item.get("trigger", "ask")))
        if answer.reply is not None:
            json.dumps(render_message(answer.reply, policy))
        timings.append(time.perf_counter() - t)
    wall = time.perf_counter() - started
    timings.sort()

    def pct(p: float) -> float:
        return timings[min(len(timings) - 1, int(len(timings) * p))] * 1000

    print(
        f"machine: {platform.machine()}, {platform.processor() or 'cpu'}, "
        f"Python {platform.python_version()}, single thread"
    )
    print(
        f"start-up (load + index, fresh process): median {statistics.median(startups):.3f} s, "
        f"max {startups[-1]:.3f} s; cold, nothing cached: {cold:.3f} s"
    )
    print(
        f"per question (understand + answer + render JSON), {len(timings)} questions: "
        f"p50 {pct(0.50):.3f} ms, p99 {pct(0.99):.3f} ms, max {timings[-1] * 1000:.3f} ms"
    )
    print(f"throughput: {len(timings) / wall:.0f} questions/s")
    print(f"peak memory (RSS, whole evaluation set in a fresh process): {peak_kib / 1024:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
