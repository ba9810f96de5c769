"""Text that knows which parts of it are spoilers, and the policy that decides how to show them.

A `RichText` is a tuple of `Segment`s. A segment with `spoiler_from=N` is revealed by episode N.
Whether it is a spoiler depends on who reads it: a member who has watched through episode N or later
sees it plainly. The renderer asks `SpoilerPolicy.hides(segment)` and then wraps or withholds it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "RichText",
    "Segment",
    "SpoilerMode",
    "SpoilerPolicy",
    "join",
    "plain",
    "rich",
    "to_plain",
]


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text; `spoiler_from` is the episode that reveals it, or None if it reveals nothing."""

    text: str
    spoiler_from: int | None = None
    # True for text the user typed: it is escaped when rendered so it cannot break markup.
    user_text: bool = False


RichText = tuple[Segment, ...]


def plain(text: str) -> RichText:
    """Rich text with no spoilers."""
    return (Segment(text),) if text else ()


def rich(text: str, spoiler_from: int | None) -> RichText:
    """Rich text that is one segment, revealed by `spoiler_from` (None: no spoiler)."""
    return (Segment(text, spoiler_from),) if text else ()


def join(parts: Iterable[RichText], sep: str = " ") -> RichText:
    """Concatenate rich texts with `sep` (plain) between non-empty parts."""
    out: list[Segment] = []
    for part in parts:
        if not part:
            continue
        if out and sep:
            out.append(Segment(sep))
        out.extend(part)
    return tuple(out)


def to_plain(text: RichText) -> str:
    """The text with every spoiler shown, for matching and tests; never for Discord."""
    return "".join(segment.text for segment in text)


class SpoilerMode(StrEnum):
    """How a channel shows text that would spoil the reader."""

    TAGGED = "tagged"  # inside Discord spoiler bars, ||like this||
    OPEN = "open"  # shown as is
    BLOCKED = "blocked"  # withheld, with a note on how to see it


@dataclass(frozen=True, slots=True)
class SpoilerPolicy:
    """A spoiler mode combined with how far the reader has watched (0 = nothing yet)."""

    mode: SpoilerMode = SpoilerMode.TAGGED
    watched: int = 0

    def is_spoiler(self, spoiler_from: int | None) -> bool:
        """Whether text revealed by `spoiler_from` would spoil this reader."""
        return spoiler_from is not None and spoiler_from > self.watched

    def hides(self, segment: Segment) -> bool:
        """Whether the renderer must tag or withhold this segment."""
        return self.mode is not SpoilerMode.OPEN and self.is_spoiler(segment.spoiler_from)

    def revealing(self) -> SpoilerPolicy:
        """The same reader with every spoiler shown (the private reveal)."""
        return SpoilerPolicy(SpoilerMode.OPEN, self.watched)
