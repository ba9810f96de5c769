"""The storage interface the bot talks to, so another database can be added beside SQLite.

Everything is keyed by Discord snowflakes. All methods are coroutines and must never block the
event loop; implementations make each write atomic and safe under concurrent callers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from bot.core import SpoilerMode

__all__ = [
    "UNANSWERED_REASONS",
    "AskedQuestion",
    "ChangeFeed",
    "Context",
    "Store",
    "StoreError",
    "StoreWriteError",
    "UnansweredEntry",
    "question_key",
    "redact_url",
]


def redact_url(url: str) -> str:
    """The database URL with its password masked, fit for an error message or a log line.

    The user information ends at the last "@" before any query, so a password holding an
    unescaped "@", ":" or "/" is masked whole too.
    """
    url = url[:500]
    scheme, sep, rest = url.partition("://")
    if not sep:
        return url
    end = min((i for i in (rest.find("?"), rest.find("#")) if i >= 0), default=len(rest))
    at = rest.rfind("@", 0, end)
    userinfo = rest[:at]
    if at < 0 or userinfo.startswith("/") or ":" not in userinfo:
        return url
    user = userinfo.partition(":")[0]
    return f"{scheme}://{user}:***{rest[at:]}"


class StoreError(RuntimeError):
    """The database cannot be opened, migrated or used; the message says why."""


class StoreWriteError(StoreError):
    """A change could not be saved (nothing was changed); the message says why."""


@dataclass(frozen=True, slots=True)
class Context:
    """What the bot needs to know to answer in one place for one member, read in one round trip.

    `channel_mode` is the override of the channel itself, `parent_mode` that of its parent channel
    (threads inherit from their parent), `guild_mode` the server default; None means "not set".
    `unreadable` marks the stand-in used when the settings could not be read: answers then use
    the most protective settings (see `bot.adapter.policy`).
    """

    channel_mode: SpoilerMode | None = None
    parent_mode: SpoilerMode | None = None
    guild_mode: SpoilerMode | None = None
    autoanswer: bool = False
    progress: int | None = None
    unreadable: bool = False


@dataclass(frozen=True, slots=True)
class AskedQuestion:
    """What a bot message answered, kept so its "Show me privately" button works after a restart.

    `kind` is "ask" (free text), "episode", "character", "cast", "season" or "help"; `query` is the
    question or the looked-up name.
    """

    kind: str
    query: str


@dataclass(frozen=True, slots=True)
class UnansweredEntry:
    """One question the bot could not answer (or answered wrongly), as fans asked it in a server.

    No user ids: `count` is how many times it was asked (or flagged), `first_asked` and
    `last_asked` are Unix times in seconds (UTC). `reason` is one of `UNANSWERED_REASONS`;
    `closest` names what the bot came closest to (an intent or a suggested question), or "".
    `guild_id` is 0 for direct messages.
    """

    guild_id: int
    question: str
    reason: str
    closest: str
    count: int
    first_asked: int
    last_asked: int


#: Why a question is in the log, in the order moderators care about.
UNANSWERED_REASONS = ("not_sure", "sources_dont_say", "which_one", "off_topic", "not_what_i_asked")


def question_key(question: str) -> str:
    """What makes two askings the same question: case, spacing and end punctuation aside."""
    return " ".join(question.casefold().split()).rstrip("?!. ")


class Store(Protocol):
    """Server, channel and member settings, and the questions behind reveal buttons."""

    async def open(self) -> None:
        """Connect and bring the schema up to date (idempotent)."""

    async def close(self) -> None:
        """Release the connection (idempotent)."""

    async def context(
        self, *, guild_id: int | None, channel_id: int, parent_id: int | None, user_id: int
    ) -> Context:
        """Every setting that applies to `user_id` speaking in `channel_id`."""

    async def set_spoiler_mode(
        self, guild_id: int, channel_id: int | None, mode: SpoilerMode | None
    ) -> None:
        """Set (or with None, remove) the server default, or a channel override."""

    async def set_autoanswer(self, guild_id: int, channel_id: int, enabled: bool) -> bool:
        """Turn auto-answer on or off in a channel; returns whether anything changed."""

    async def autoanswer_channels(self, guild_id: int) -> list[int]:
        """The channels of a server where auto-answer is on."""

    async def get_progress(self, user_id: int) -> int | None:
        """The last episode a member has watched, or None if they never said."""

    async def set_progress(self, user_id: int, episode: int) -> None:
        """Record that a member has watched through `episode` (0: nothing yet)."""

    async def clear_progress(self, user_id: int) -> bool:
        """Forget a member's progress; returns whether there was any."""

    async def remember_question(
        self, message_id: int, channel_id: int, question: AskedQuestion
    ) -> None:
        """Keep what a bot message answered, keyed by the message id."""

    async def recall_question(self, message_id: int) -> AskedQuestion | None:
        """What a bot message answered, if it is still kept."""

    async def prune_questions(self, older_than_days: int) -> int:
        """Forget questions kept longer than that; returns how many were removed."""

    # -- the unanswered-questions log (see bot/adapter/unanswered.py) -----------------------------

    async def record_unanswered(
        self,
        guild_id: int,
        question: str,
        reason: str,
        closest: str,
        *,
        once: str | None = None,
        at: int | None = None,
    ) -> bool:
        """Count one more asking of `question` (the same text, ignoring case and spacing, and
        reason share an entry). With `once`, a token (a digest, never a user id) that may count
        only once: a repeat changes nothing. `at`: Unix seconds, default now. Returns whether
        anything was counted."""

    async def resolve_unanswered(
        self, guild_id: int, question: str, reason: str, *, once: str | None = None
    ) -> bool:
        """Count one asking less (e.g. a "which one?" the member then answered); an entry at zero
        is removed. With `once`, only the first call with that token counts."""

    async def unanswered(
        self, guild_id: int | None, *, limit: int, offset: int = 0
    ) -> list[UnansweredEntry]:
        """Entries of a server (None: every server), most asked first, then most recent."""

    async def count_unanswered(self, guild_id: int | None) -> int:
        """How many entries a server (None: every server) has."""

    async def clear_unanswered(self, guild_id: int) -> int:
        """Remove every entry of a server; returns how many there were."""

    async def prune_unanswered(self, older_than_days: int, *, at: int | None = None) -> int:
        """Remove entries last asked longer ago than that, and expired `once` tokens."""

    async def get_meta(self, key: str) -> str | None:
        """A small bookkeeping value (e.g. the fingerprint of the last command sync)."""

    async def set_meta(self, key: str, value: str) -> None:
        """Store a small bookkeeping value."""


@runtime_checkable
class ChangeFeed(Protocol):
    """A store that hears about changes made by other processes (e.g. PostgreSQL LISTEN/NOTIFY).

    A cache in front of it forgets everything when a callback fires, and caches nothing while
    `changes_live` is false (the feed is down, so a change elsewhere might go unheard).
    """

    @property
    def changes_live(self) -> bool:
        """Whether changes made elsewhere are being heard right now."""

    def add_change_listener(self, callback: Callable[[], None]) -> None:
        """Call `callback` (on the event loop) whenever settings may have changed elsewhere."""
