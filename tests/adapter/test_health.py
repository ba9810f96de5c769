"""/healthz and /metrics: what an orchestrator and Prometheus see."""

from __future__ import annotations

import socket

import aiohttp
import pytest

from bot.adapter.health import HealthServer
from bot.adapter.storage import StoreError
from tests.adapter.helpers import World

pytestmark = pytest.mark.e2e


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


async def get(port: int, path: str) -> tuple[int, str]:
    async with (
        aiohttp.ClientSession() as session,
        session.get(f"http://127.0.0.1:{port}{path}") as response,
    ):
        return response.status, await response.text()


async def test_healthy_bot_reports_its_shard_and_store(world: World) -> None:
    server = HealthServer(world.bot, "127.0.0.1", free_port())
    await server.start()
    try:
        status, body = await get(server.port, "/healthz")
        assert status == 200, body
        assert '"status": "ok"' in body
        assert '"0": {"connected": true' in body
        assert '"store": {"reachable": true' in body
    finally:
        await server.stop()


async def test_a_failing_store_makes_it_unhealthy(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(key: str) -> str | None:
        raise StoreError("database is gone")

    monkeypatch.setattr(world.bot.store, "get_meta", broken)
    server = HealthServer(world.bot, "127.0.0.1", free_port())
    await server.start()
    try:
        status, body = await get(server.port, "/healthz")
        assert status == 503
        assert '"reachable": false' in body
    finally:
        await server.stop()


async def test_metrics_count_questions_by_outcome(world: World) -> None:
    server = HealthServer(world.bot, "127.0.0.1", free_port())
    await server.start()
    try:
        await world.chanmod.slash(world.general, "autoanswer on")
        await world.alice.send(world.general, f"{world.mention} who plays trish?")
        await world.alice.send(world.general, "lol nice weather today")  # chatter: silence
        await world.alice.slash(world.general, "ask", question="who plays trish")
        status, text = await get(server.port, "/metrics")
        assert status == 200
        for line in (
            'jj_questions_total{kind="ask",outcome="answered",trigger="ask"}',
            'jj_questions_total{kind="ask",outcome="silent",trigger="auto"}',
            'jj_answer_seconds_bucket{kind="ask"',
            "jj_store_seconds_count{",
            'jj_gateway_connected{shard="0"} 1.0',
        ):
            assert line in text, line
    finally:
        await server.stop()
