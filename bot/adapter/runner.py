"""Running the bot for real: `python -m bot run` and `python -m bot sync [--guild ID]` call these.

Exit codes: 0 clean stop (including SIGTERM / Ctrl+C), 1 the bot could not start (knowledge,
database, network), 2 Discord refused the configuration (missing or rejected token, privileged
intent not enabled, malformed environment variable). Problems are reported in one clear message on
stderr, without a traceback.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import gc
import logging
import os
import signal
import sys
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any, TextIO

import discord

from bot.adapter.app import create_bot
from bot.adapter.client import SeasonBot
from bot.adapter.health import HealthServer
from bot.adapter.intents import invite_url
from bot.adapter.settings import Settings, SettingsError
from bot.adapter.storage import StoreError
from bot.adapter.syncing import sync_commands
from bot.core import KnowledgeError
from bot.envfile import ENV_FILE, EnvFileError, environment

__all__ = ["EXIT_CONFIG", "EXIT_FAILED", "EXIT_OK", "run", "sync"]

_log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_CONFIG = 2

NO_TOKEN = (
    "DISCORD_TOKEN is not set. Create a bot in the Discord Developer Portal "
    "(https://discord.com/developers/applications), copy its token from the Bot page, and run "
    "again with DISCORD_TOKEN=<token> in the environment (see .env.example)."
)
BAD_TOKEN = (
    "Discord rejected DISCORD_TOKEN. Reset the token on the Bot page of the Developer Portal and "
    "put the new one in the environment."
)
NO_INTENT = (
    "Discord refused the Message Content intent. Either enable it on the Bot page of the Developer "
    "Portal (Privileged Gateway Intents > Message Content Intent), or run with "
    "MESSAGE_CONTENT_INTENT=0 (auto-answer channels then cannot work)."
)


def _fail(message: str, code: int, stream: TextIO | None = None) -> int:
    print(f"error: {message}", file=stream or sys.stderr)
    return code


def wants_colour(stream: TextIO) -> bool:
    """Colour only on a terminal, and never with NO_COLOR set (https://no-color.org) or
    TERM=dumb: `docker logs` and log files get plain text."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _setup_logging(level: str = "INFO") -> None:
    """Log to stderr at `level`, coloured only on a terminal, unless logging is already set up."""
    if logging.getLogger().handlers:
        return
    handler = logging.StreamHandler(sys.stderr)
    # discord.py's own formatter adds colour; it decides by the stream, which inside Docker it
    # wrongly takes for a terminal, so the choice is made here.
    discord.utils.setup_logging(
        handler=handler,
        formatter=(
            discord.utils._ColourFormatter()
            if wants_colour(sys.stderr)
            else logging.Formatter(
                "[{asctime}] [{levelname:<8}] {name}: {message}", "%Y-%m-%d %H:%M:%S", style="{"
            )
        ),
        level=getattr(logging, level, logging.INFO),
        root=True,
    )


def _settings(settings: Settings | None) -> Settings:
    """The given settings, or those of the environment with `.env` beneath it."""
    return settings if settings is not None else Settings.from_env(environment())


def _no_token_message() -> str:
    env_file = Path.cwd() / ENV_FILE
    if not env_file.is_file():
        return NO_TOKEN
    return (
        f"{NO_TOKEN} {env_file} was read, but it sets no DISCORD_TOKEN (or sets it empty): put "
        "the token after DISCORD_TOKEN= in that file."
    )


def _configured(settings: Settings | None) -> Settings | int:
    """The settings to start with (logging set up), or the exit code when they are unusable."""
    try:
        settings = _settings(settings)
    except (SettingsError, EnvFileError) as exc:
        return _fail(str(exc), EXIT_CONFIG)
    if not settings.discord_token:
        return _fail(_no_token_message(), EXIT_CONFIG)
    _setup_logging(settings.log_level)
    return settings


def run(settings: Settings | None = None) -> int:
    """Connect to Discord and answer until stopped; `settings` default to `Settings.from_env()`."""
    configured = _configured(settings)
    if isinstance(configured, int):
        return configured
    return _run_async(configured, _serve)


def sync(settings: Settings | None = None, guild_id: int | None = None) -> int:
    """Sync the slash commands with Discord now: globally, or to one server (instantly)."""
    configured = _configured(settings)
    if isinstance(configured, int):
        return configured

    async def main(bot: SeasonBot, token: str) -> int:
        return await _sync(bot, token, guild_id)

    return _run_async(dataclasses.replace(configured, sync_commands_on_start=False), main)


def _run_async(
    settings: Settings, main: Callable[[SeasonBot, str], Coroutine[Any, Any, int]]
) -> int:
    try:
        bot = create_bot(settings)
    except KnowledgeError as exc:
        return _fail(f"cannot load the knowledge base: {exc}", EXIT_FAILED)
    except StoreError as exc:
        return _fail(str(exc), EXIT_CONFIG)
    token = settings.discord_token or ""
    try:
        return asyncio.run(main(bot, token))
    except KeyboardInterrupt:
        return EXIT_OK


async def _serve(bot: SeasonBot, token: str) -> int:
    """Log in, print the invite link once, run until closed or signalled."""
    loop = asyncio.get_running_loop()
    closing: list[asyncio.Task[None]] = []

    def stop() -> None:
        if not closing:
            _log.info("Stopping on signal")
            closing.append(loop.create_task(bot.close()))

    for sig in (signal.SIGTERM, signal.SIGINT):
        # Not on Windows, nor outside the main thread: Ctrl+C still works there.
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop)

    printed = False

    async def print_invite() -> None:
        nonlocal printed
        if not printed and bot.application_id is not None:
            printed = True
            print(f"Invite the bot to a server: {invite_url(bot.application_id)}", flush=True)

    bot.add_listener(print_invite, "on_ready")
    health: HealthServer | None = None
    port = bot.settings.health_port
    if port is not None:
        health = HealthServer(bot, bot.settings.health_host, port)
        try:
            await health.start()
        except OSError as exc:
            await bot.store.close()
            return _fail(
                f"cannot serve health checks on {bot.settings.health_host}:{port} "
                f"(HEALTH_PORT): {exc.strerror}",
                EXIT_CONFIG,
            )
        _log.info("Serving /healthz and /metrics on %s:%d", bot.settings.health_host, port)
    # The knowledge base and code loaded so far live as long as the process: keep them out of the
    # collector's full scans, which keeps its rare long pauses short.
    gc.freeze()
    try:
        async with bot:
            await bot.prepare_store()  # an unusable database stops us before going online
            await bot.start(token)
    except discord.LoginFailure:
        return _fail(BAD_TOKEN, EXIT_CONFIG)
    except discord.PrivilegedIntentsRequired:
        return _fail(NO_INTENT, EXIT_CONFIG)
    except StoreError as exc:
        return _fail(str(exc), EXIT_CONFIG)
    except (OSError, discord.GatewayNotFound, discord.HTTPException) as exc:
        return _fail(f"cannot reach Discord: {exc}", EXIT_FAILED)
    finally:
        gc.unfreeze()
        if health is not None:
            await health.stop()
    return EXIT_OK


async def _sync(bot: SeasonBot, token: str, guild_id: int | None) -> int:
    guild = discord.Object(guild_id) if guild_id else bot.dev_guild
    try:
        async with bot:
            await bot.prepare_store()
            await bot.login(token)
            synced = await sync_commands(bot, guild)
    except discord.LoginFailure:
        return _fail(BAD_TOKEN, EXIT_CONFIG)
    except StoreError as exc:
        return _fail(str(exc), EXIT_CONFIG)
    except discord.Forbidden:
        return _fail(
            f"Discord refused to sync to server {guild.id if guild else '?'}: is the bot in that "
            "server, invited with the applications.commands scope?",
            EXIT_FAILED,
        )
    except (OSError, discord.HTTPException) as exc:
        return _fail(f"cannot sync with Discord: {exc}", EXIT_FAILED)
    where = f"server {guild.id}" if guild is not None else "all servers (may take up to an hour)"
    names = ", ".join(f"/{c.name}" for c in synced)
    print(f"Synced {len(synced)} commands to {where}: {names}")
    if bot.application_id is not None:
        print(f"Invite the bot to a server: {invite_url(bot.application_id)}")
    return EXIT_OK
