"""A cache of what example questions read as, so a restart does not read thousands of them again.

Reading an example (finding the names it uses, its concepts) takes a fraction of a millisecond,
but the matcher learns from thousands. The terms depend only on the example's text and on
everything reading depends on (the season's names, the vocabulary, this code's version), so they
are kept in one JSON file named by a hash of all of that. A missing, stale, unreadable or
unwritable cache only costs time: the terms are then worked out afresh.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path

# the cache folder is shared with the knowledge stage's parse cache
from bot.core.knowledge.parsecache import default_cache_dir, read_json, write_json

__all__ = ["TermCache", "default_cache_dir", "reading_inputs"]

# Bump when reading changes in a way the inputs' hash cannot see.
READER_VERSION = 1
MAX_CACHE_BYTES = 64 * 1024 * 1024
KEEP = 4  # caches kept: a few seasons or versions side by side


def reading_inputs() -> list[Path]:
    """The files whose content decides what a text reads as: the reading code and vocabulary."""
    here = Path(__file__).resolve().parent
    files = [*here.glob("*.py"), *here.glob("*.yaml"), *here.glob("data/*.txt")]
    return sorted(f for f in files if f.name != "calibration.yaml")


class TermCache:
    """Terms of texts, remembered across processes for one fingerprint of the reading inputs."""

    def __init__(self, directory: Path | None, inputs: Iterable[bytes]) -> None:
        digest = hashlib.sha256(str(READER_VERSION).encode())
        for chunk in inputs:
            digest.update(hashlib.sha256(chunk).digest())
        self.path = directory / f"terms-{digest.hexdigest()[:24]}.json" if directory else None
        self._terms: dict[str, list[str]] = self._read()
        self._dirty = False

    def _read(self) -> dict[str, list[str]]:
        data = read_json(self.path, MAX_CACHE_BYTES) if self.path else None
        if not isinstance(data, dict):
            return {}
        return {
            k: v
            for k, v in data.items()
            if isinstance(k, str) and isinstance(v, list) and all(isinstance(t, str) for t in v)
        }

    def terms(self, text: str, work_out: Callable[[str], frozenset[str]]) -> frozenset[str]:
        found = self._terms.get(text)
        if found is not None:
            return frozenset(found)
        terms = work_out(text)
        self._terms[text] = sorted(terms)
        self._dirty = True
        return terms

    def save(self) -> None:
        """Write the cache if anything was added (atomically; failures are ignored)."""
        if self.path is None or not self._dirty:
            return
        if write_json(self.path, self._terms):
            self._dirty = False
            self._forget_old()

    def _forget_old(self) -> None:
        """Keep only the few newest caches: each change of season or code leaves one behind."""
        if self.path is None:
            return
        with contextlib.suppress(OSError):
            kept = sorted(
                self.path.parent.glob("terms-*.json"), key=lambda f: f.stat().st_mtime, reverse=True
            )
            for old in kept[KEEP:]:
                old.unlink(missing_ok=True)
