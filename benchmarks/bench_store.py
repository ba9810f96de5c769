"""Settings store benchmark: reads and writes per second and p99 on each backend, and how long a
change made through one process takes to reach another process's cache (PostgreSQL).

    python benchmarks/bench_store.py [--postgres URL] [--ops N]

Reads are `context()` straight from the database (no cache), as a cache miss costs; writes are
`set_progress()`, each one atomic transaction. Both run from 8 concurrent tasks, as a busy bot
would. The invalidation delay is measured with two stores, each with its own cache, on one
PostgreSQL: one writes, the other polls its cached read until it sees the change.
"""

from __future__ import annotations

import argparse
import asyncio
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.adapter.storage import CachedStore, SQLiteStore, redact_url
from bot.adapter.storage.postgres import PostgresStore

CONCURRENCY = 8


async def timed(ops: int, call: Callable[[int], Awaitable[object]]) -> tuple[float, float]:
    """Operations per second and p99 latency (ms) of `ops` calls from CONCURRENCY tasks."""
    latencies: list[float] = []

    async def worker(offset: int) -> None:
        for i in range(offset, ops, CONCURRENCY):
            start = time.perf_counter()
            await call(i)
            latencies.append(time.perf_counter() - start)

    start = time.perf_counter()
    await asyncio.gather(*(worker(n) for n in range(CONCURRENCY)))
    elapsed = time.perf_counter() - start
    p99 = statistics.quantiles(latencies, n=100)[98] * 1000
    return ops / elapsed, p99


async def bench(name: str, store: SQLiteStore | PostgresStore, ops: int) -> None:
    await store.open()
    try:
        for user in range(1000):
            await store.set_progress(user, user % 14)

        async def read(i: int) -> object:
            return await store.context(
                guild_id=1, channel_id=i % 500, parent_id=None, user_id=i % 1000
            )

        async def write(i: int) -> object:
            return await store.set_progress(i % 1000, i % 14)

        await timed(200, read)  # warm up
        reads, read_p99 = await timed(ops, read)
        writes, write_p99 = await timed(ops, write)
        print(
            f"{name:<11} reads {reads:>8,.0f}/s  p99 {read_p99:6.2f} ms   "
            f"writes {writes:>7,.0f}/s  p99 {write_p99:6.2f} ms"
        )
    finally:
        await store.close()


async def invalidation(url: str, rounds: int = 50) -> None:
    writer, reader = CachedStore(PostgresStore(url)), CachedStore(PostgresStore(url))
    await writer.open()
    await reader.open()
    delays: list[float] = []
    try:
        for n in range(rounds):
            await reader.context(guild_id=1, channel_id=2, parent_id=None, user_id=7)  # cached
            start = time.perf_counter()
            await writer.set_progress(7, n % 14 if n % 14 else 13)
            expected = n % 14 if n % 14 else 13
            while True:
                context = await reader.context(guild_id=1, channel_id=2, parent_id=None, user_id=7)
                if context.progress == expected:
                    break
                await asyncio.sleep(0.0002)
            delays.append(time.perf_counter() - start)
            await writer.set_progress(7, 0)
            await asyncio.sleep(0.01)
    finally:
        await writer.close()
        await reader.close()
    delays.sort()
    print(
        f"cross-process invalidation (write committed -> other cache sees it), {rounds} rounds: "
        f"median {statistics.median(delays) * 1000:.2f} ms, max {delays[-1] * 1000:.2f} ms"
    )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", metavar="URL", help="a PostgreSQL database to use")
    parser.add_argument("--ops", type=int, default=5000, help="operations per figure")
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {platform.processor() or '?'}, Python {platform.python_version()}"
    )
    with tempfile.TemporaryDirectory() as folder:
        await bench("sqlite", SQLiteStore(Path(folder) / "bench.sqlite3"), args.ops)
    if args.postgres:
        print(f"postgresql: {redact_url(args.postgres)}")
        await bench("postgresql", PostgresStore(args.postgres), args.ops)
        await invalidation(args.postgres)
    else:
        print("postgresql: skipped (no --postgres URL)")


if __name__ == "__main__":
    asyncio.run(main())
