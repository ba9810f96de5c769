"""YAML texts parsed at an earlier start, read back as JSON: the same data, far sooner.

Parsing YAML builds every value in Python, a tenth of a second for a season and the package's
own files; reading the same data back from JSON takes a few milliseconds. Each text is kept under
the hash of its exact content, so an edited file is simply parsed again. Only data JSON holds
exactly (mappings with string keys, lists, strings, numbers, booleans, null) is kept: a file with
a date in it is parsed every time. A missing, unreadable or unwritable cache only costs time.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

__all__ = ["ParsedTexts", "default_cache_dir", "parsed_yaml", "save_parsed_yaml"]

# Bump when what a text parses to can change without the text changing.
CACHE_VERSION = 1
MAX_CACHE_BYTES = 32 * 1024 * 1024
MAX_TEXTS = 256  # texts kept: a few seasons' files, and edits of them, side by side
_SAFE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def default_cache_dir() -> Path | None:
    """`JJ_CACHE_DIR` if set ("" turns caching off), else the user's cache folder."""
    configured = os.environ.get("JJ_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "jj-season-bot"


def read_json(path: Path, max_bytes: int) -> object:
    """A JSON file's data, or None when it is missing, too big or unreadable."""
    try:
        if path.stat().st_size > max_bytes:
            return None
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_json(path: Path, data: object) -> bool:
    """Write JSON atomically (readers see the old file or the new one); False on failure."""
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(data, out, separators=(",", ":"))
            os.replace(temporary, path)
            return True
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    return False


def _json_exact(value: object) -> bool:
    """Whether JSON gives back exactly this value (no dates, no non-string keys)."""
    if value is None or isinstance(value, str | bool | int | float):
        return True
    if isinstance(value, list):
        return all(_json_exact(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _json_exact(v) for k, v in value.items())
    return False


class ParsedTexts:
    """Texts' parsed data, remembered across processes by the hash of each text."""

    def __init__(self, directory: Path | None) -> None:
        name = f"parsed-{CACHE_VERSION}-yaml{yaml.__version__}.json"
        self.path = directory / name if directory else None
        self._known: dict[str, str] | None = None  # hash -> the data as JSON, read when needed
        self._used: dict[str, str] = {}
        self._dirty = False

    def _read(self) -> dict[str, str]:
        data = read_json(self.path, MAX_CACHE_BYTES) if self.path else None
        if not isinstance(data, dict):
            return {}
        return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}

    def parse(self, text: str, parse: Callable[[str], object]) -> Any:
        """The data of `text`: from the cache when it was parsed before, else from `parse`
        (whose errors propagate, and nothing is kept)."""
        if self._known is None:
            self._known = self._read()
        key = hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
        kept = self._known.get(key)
        if kept is not None:
            with contextlib.suppress(ValueError):
                data = json.loads(kept)
                self._used[key] = kept
                return data
        data = parse(text)
        if _json_exact(data):
            self._used[key] = self._known[key] = json.dumps(data, separators=(",", ":"))
            self._dirty = True
        return data

    def save(self) -> None:
        """Keep what this process parsed or read beside what was kept before (another season's
        files), if anything is new; past `MAX_TEXTS`, only this process's texts."""
        if self.path is None or not self._dirty:
            return
        kept = {**(self._known or {}), **self._used}
        if write_json(self.path, kept if len(kept) <= MAX_TEXTS else self._used):
            self._dirty = False


_shared: ParsedTexts | None = None


def _cache() -> ParsedTexts:
    global _shared
    if _shared is None:
        _shared = ParsedTexts(default_cache_dir())
    return _shared


def parsed_yaml(text: str) -> Any:
    """YAML's safe subset (libyaml's parser when installed), from the cache when it can be."""
    return _cache().parse(text, lambda t: yaml.load(t, Loader=_SAFE_LOADER))


def save_parsed_yaml() -> None:
    """Write what was parsed to the cache folder, for the next start."""
    _cache().save()
