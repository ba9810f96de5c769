"""Per-member flood control: a sliding window of recent questions, one friendly note per flood."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

__all__ = ["Cooldown", "Verdict"]


class Verdict(Enum):
    """What to do with a member's question."""

    ALLOW = "allow"  # answer it
    NOTE = "note"  # too many: say so, once
    SILENT = "silent"  # too many, and already told


def _monotonic() -> float:
    # Looked up at call time so a simulated clock (tests) is honoured.
    return time.monotonic()


@dataclass
class _Window:
    stamps: deque[float] = field(default_factory=deque)
    noted: bool = False


class Cooldown:
    """At most `rate` questions per `per` seconds for each member."""

    def __init__(self, rate: int, per: float, *, clock: Callable[[], float] = _monotonic) -> None:
        if rate < 1 or per <= 0:
            raise ValueError("rate must be >= 1 and per > 0")
        self.rate = rate
        self.per = per
        self._clock = clock
        self._windows: dict[int, _Window] = {}

    def hit(self, member_id: int) -> Verdict:
        """Count one question from `member_id` and say whether to answer it."""
        now = self._clock()
        window = self._windows.setdefault(member_id, _Window())
        while window.stamps and now - window.stamps[0] >= self.per:
            window.stamps.popleft()
        if len(window.stamps) < self.rate:
            window.stamps.append(now)
            window.noted = False
            self._forget_idle(now)
            return Verdict.ALLOW
        if window.noted:
            return Verdict.SILENT
        window.noted = True
        return Verdict.NOTE

    def retry_after(self, member_id: int) -> float:
        """Seconds until `member_id` may ask again (0 if they may now)."""
        window = self._windows.get(member_id)
        if window is None or len(window.stamps) < self.rate:
            return 0.0
        return max(0.0, self.per - (self._clock() - window.stamps[0]))

    def _forget_idle(self, now: float) -> None:
        # Keep memory bounded on busy servers: drop members whose window has fully expired.
        if len(self._windows) < 4096:
            return
        idle = [
            key
            for key, window in self._windows.items()
            if not window.stamps or now - window.stamps[-1] >= self.per
        ]
        for key in idle:
            del self._windows[key]
