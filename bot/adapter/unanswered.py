"""The unanswered-questions log: what fans asked that the bot declined, or said it got wrong.

Entries are counted per server and question (see `Store.record_unanswered`); no user id is kept.
Writing is best-effort: a failing or slow database is logged and never breaks or delays an answer
(every write happens after the answer was sent, with a timeout). This module does not import
discord.py, so `python -m bot unanswered export` stays light.
"""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import hashlib
import logging
import re
import secrets
from collections.abc import Iterable
from typing import TextIO

from bot.adapter.storage import Store, StoreError, UnansweredEntry
from bot.core import Reply, ReplyKind

__all__ = [
    "CSV_HEADER",
    "MAX_QUESTION",
    "REASON_LABELS",
    "UnansweredLog",
    "clean_question",
    "decline_of",
    "write_csv",
]

_log = logging.getLogger(__name__)

#: Characters of a question kept; /ask takes at most 300.
MAX_QUESTION = 300
#: How long a log write may take; the answer has been sent already, this only bounds the wait.
WRITE_TIMEOUT = 2.0
#: Old entries are dropped every this many new ones (and at start, and before every listing).
PRUNE_EVERY = 200

REASON_LABELS = {
    "not_sure": "not sure",
    "sources_dont_say": "my sources don't say",
    "which_one": "which one?",
    "off_topic": "off topic",
    "not_what_i_asked": "not what I asked",
}

CSV_HEADER = (
    "guild_id",
    "question",
    "reason",
    "closest",
    "count",
    "first_asked_utc",
    "last_asked_utc",
)

_MENTION = re.compile(r"<(?:@[!&]?|#)\d+>|@(?:everyone|here)\b")
_SALT_KEY = "unanswered_salt"


def clean_question(text: str) -> str:
    """The question as a fan typed it, without mentions (of members, roles, channels, everyone),
    on one line, at most `MAX_QUESTION` characters."""
    flat = " ".join(_MENTION.sub(" ", text).split())
    return flat[:MAX_QUESTION]


def decline_of(reply: Reply | None) -> tuple[str, str] | None:
    """(reason, closest) when `reply` declines, else None.

    `closest` is what the bot came closest to: the intent it could not answer ("my sources don't
    say"), else the first question it suggested (spoiler-free by construction), else "".
    """
    if reply is None:
        return None
    suggested = reply.suggestions[0] if reply.suggestions else ""
    if reply.kind is ReplyKind.CLARIFY:
        return "which_one", " / ".join(reply.suggestions[:2])
    if reply.kind is ReplyKind.OFF_TOPIC:
        return "off_topic", ""
    if reply.kind is ReplyKind.UNKNOWN:
        if reply.intent and reply.intent != "unknown":
            return "sources_dont_say", reply.intent
        return "not_sure", suggested
    return None


def _utc(seconds: int) -> str:
    return dt.datetime.fromtimestamp(seconds, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _cell(value: str) -> str:
    """A cell a spreadsheet shows as text: a leading =, +, -, @ would run as a formula."""
    return "'" + value if value[:1] in {"=", "+", "-", "@", "\t", "\r"} else value


def write_csv(entries: Iterable[UnansweredEntry], out: TextIO, *, header: bool = True) -> int:
    """Write the entries as CSV, after a header row unless told not to; returns how many rows
    (besides the header) were written."""
    writer = csv.writer(out, lineterminator="\n")
    if header:
        writer.writerow(CSV_HEADER)
    rows = 0
    for e in entries:
        writer.writerow(
            [
                e.guild_id,
                _cell(e.question),
                e.reason,
                _cell(e.closest),
                e.count,
                _utc(e.first_asked),
                _utc(e.last_asked),
            ]
        )
        rows += 1
    return rows


class UnansweredLog:
    """Best-effort writes to the log, for the responder; never raises."""

    def __init__(self, store: Store, *, retention_days: int = 30) -> None:
        self.store = store
        self.retention_days = retention_days
        self._salt: str | None = None
        self._recorded = 0

    async def _token(self, *parts: object) -> str:
        """A digest that lets one click count once without keeping who clicked: keyed by a
        random value kept in this database, so it cannot be matched against user ids elsewhere."""
        if self._salt is None:
            salt = await self.store.get_meta(_SALT_KEY)
            if salt is None:
                salt = secrets.token_hex(16)
                await self.store.set_meta(_SALT_KEY, salt)
            self._salt = salt
        text = ":".join(str(p) for p in (self._salt, *parts))
        return hashlib.sha256(text.encode()).hexdigest()[:32]

    async def record_decline(self, guild_id: int | None, question: str, reply: Reply) -> None:
        decline = decline_of(reply)
        text = clean_question(question)
        if decline is None or not text:
            return
        reason, closest = decline
        await self._record(guild_id, text, reason, closest)

    async def record_feedback(
        self, guild_id: int | None, question: str, closest: str, message_id: int, user_id: int
    ) -> bool | None:
        """One "Not what I asked" click: True if counted, False if this member already had for
        this message, None if the database failed."""
        text = clean_question(question)
        if not text:
            return False
        return await self._record(
            guild_id, text, "not_what_i_asked", closest, once=("feedback", message_id, user_id)
        )

    async def resolve_clarification(
        self, guild_id: int | None, question: str, message_id: int
    ) -> None:
        """A member picked a reading of a "which one?": that one was resolved after all."""
        try:
            async with asyncio.timeout(WRITE_TIMEOUT):
                token = await self._token("resolved", message_id)
                await self.store.resolve_unanswered(
                    guild_id or 0, clean_question(question), "which_one", once=token
                )
        except (StoreError, TimeoutError) as exc:
            _log.error("Could not mark a question as resolved in the unanswered log: %s", exc)

    async def _record(
        self,
        guild_id: int | None,
        text: str,
        reason: str,
        closest: str,
        *,
        once: tuple[object, ...] | None = None,
    ) -> bool | None:
        try:
            async with asyncio.timeout(WRITE_TIMEOUT):
                token = await self._token(*once) if once is not None else None
                counted = await self.store.record_unanswered(
                    guild_id or 0, text, reason, closest[:MAX_QUESTION], once=token
                )
                self._recorded += 1
                if self._recorded % PRUNE_EVERY == 0:
                    await self.store.prune_unanswered(self.retention_days)
                return counted
        except (StoreError, TimeoutError) as exc:
            _log.error("Could not record a question in the unanswered log (%s): %s", reason, exc)
            return None

    async def prune(self) -> int:
        try:
            async with asyncio.timeout(WRITE_TIMEOUT):
                return await self.store.prune_unanswered(self.retention_days)
        except (StoreError, TimeoutError) as exc:
            _log.error("Could not drop old entries of the unanswered log: %s", exc)
            return 0
