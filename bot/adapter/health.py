"""The optional health and metrics endpoint (HEALTH_PORT): a tiny aiohttp server beside the bot.

- `GET /healthz`: 200 when every shard of this process is connected to the gateway and the
  database answers, else 503; a JSON body says which part is down.
- `GET /metrics`: the Prometheus text format (see `bot.adapter.metrics`).
"""

from __future__ import annotations

import asyncio
import time
from typing import Protocol

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from bot.adapter.metrics import GATEWAY_CONNECTED, GATEWAY_LATENCY
from bot.adapter.storage import Store, StoreError

__all__ = ["HealthServer"]

#: How long the database may take to answer the health probe.
STORE_PROBE_TIMEOUT = 2.0


class Watched(Protocol):
    """What the endpoint reads from the bot (a `SeasonBot`)."""

    store: Store

    def shard_states(self) -> dict[int, tuple[bool, float | None]]: ...


class HealthServer:
    """Serves /healthz and /metrics for one bot process on `host:port`."""

    def __init__(self, bot: Watched, host: str, port: int) -> None:
        self.bot = bot
        self.host = host
        self.port = port
        self._runner: web.AppRunner | None = None

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/healthz", self.healthz)
        app.router.add_get("/metrics", self.metrics)
        return app

    async def start(self) -> None:
        """Listen; raises OSError if the port is taken."""
        runner = web.AppRunner(self.app(), access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port)
        try:
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner

    async def stop(self) -> None:
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()

    async def _probe_store(self) -> tuple[bool, float]:
        start = time.perf_counter()
        try:
            async with asyncio.timeout(STORE_PROBE_TIMEOUT):
                await self.bot.store.get_meta("health-probe")
        except (StoreError, TimeoutError):
            return False, time.perf_counter() - start
        return True, time.perf_counter() - start

    def _record_shards(self) -> dict[int, tuple[bool, float | None]]:
        states = self.bot.shard_states()
        for shard_id, (connected, latency) in states.items():
            GATEWAY_CONNECTED.labels(shard=str(shard_id)).set(1 if connected else 0)
            if latency is not None:
                GATEWAY_LATENCY.labels(shard=str(shard_id)).set(latency)
        return states

    async def healthz(self, request: web.Request) -> web.Response:
        shards = self._record_shards()
        reachable, seconds = await self._probe_store()
        healthy = reachable and bool(shards) and all(up for up, _ in shards.values())
        body = {
            "status": "ok" if healthy else "unhealthy",
            "shards": {
                str(shard_id): {
                    "connected": up,
                    "latency_ms": round(latency * 1000, 1) if latency is not None else None,
                }
                for shard_id, (up, latency) in sorted(shards.items())
            },
            "store": {"reachable": reachable, "latency_ms": round(seconds * 1000, 1)},
        }
        return web.json_response(body, status=200 if healthy else 503)

    async def metrics(self, request: web.Request) -> web.Response:
        self._record_shards()
        response = web.Response(body=generate_latest())
        response.headers["Content-Type"] = CONTENT_TYPE_LATEST
        return response
