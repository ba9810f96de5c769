"""Read untrusted YAML mappings field by field, collecting every problem instead of stopping.

Each `Fields` wraps one mapping with its file and key path, so every problem names exactly where it
is ("cast.yaml: characters[3].played_by[0]: no person with id 'krysten-riter'"). Getters return a
harmless default after recording a problem, so one pass reports everything at once.
"""

from __future__ import annotations

import datetime as dt
import reprlib
from collections.abc import Iterator
from typing import Any, TypeVar

import yaml

from bot.core.errors import Problem
from bot.core.knowledge.parsecache import parsed_yaml
from bot.core.knowledge.richtext import RichText, Segment

__all__ = ["MAX_PROBLEM_CHARS", "Fields", "ProblemLog", "SpoilerRef", "excerpt"]

T = TypeVar("T")
_FORBIDDEN_IN_TEXT = ("||", "`", "@")
#: A problem's key path and message are each cut to this many characters: a value from a file is
#: only ever quoted as a short excerpt, however large it is.
MAX_PROBLEM_CHARS = 300

_EXCERPT = reprlib.Repr()
_EXCERPT.maxstring = _EXCERPT.maxother = 60
_EXCERPT.maxlevel = 2
_EXCERPT.maxlist = _EXCERPT.maxtuple = _EXCERPT.maxdict = _EXCERPT.maxset = 4
_EXCERPT.maxlong = 40


def excerpt(value: object) -> str:
    """A short `repr` of a value read from a file, never built in full (a value can be huge)."""
    return _EXCERPT.repr(value)


def _clip(text: str) -> str:
    return text if len(text) <= MAX_PROBLEM_CHARS else text[: MAX_PROBLEM_CHARS - 1] + "…"


class ProblemLog:
    """Where every problem found during one load is collected."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, file: str, path: str, message: str) -> None:
        self.problems.append(Problem(_clip(file), _clip(path), _clip(message)))


class SpoilerRef:
    """A `spoiler_from` value seen while reading, checked once the episode count is known."""

    __slots__ = ("episode", "file", "path")

    def __init__(self, file: str, path: str, episode: int) -> None:
        self.file, self.path, self.episode = file, path, episode


class Fields:
    """One YAML mapping being read, with its location."""

    def __init__(self, log: ProblemLog, file: str, path: str, value: object) -> None:
        self.log, self.file, self.path = log, file, path
        self.spoilers: list[SpoilerRef] = []
        if isinstance(value, dict):
            self.data: dict[str, Any] = value
        else:
            self.data = {}
            self.problem(f"expected a mapping, got {_kind(value)}")
        self._seen: set[str] = set()

    # -- locations and problems --------------------------------------------------------------

    def at(self, key: str | int) -> str:
        if isinstance(key, int):
            return f"{self.path}[{key}]"
        return f"{self.path}.{key}" if self.path else key

    def problem(self, message: str, key: str | int | None = None) -> None:
        self.log.add(self.file, self.at(key) if key is not None else self.path, message)

    def child(self, key: str) -> Fields:
        """The mapping under `key` (required)."""
        self._seen.add(key)
        sub = Fields(self.log, self.file, self.at(key), self.data.get(key, {}))
        if key not in self.data:
            self.problem("is required", key)
        sub.spoilers = self.spoilers
        return sub

    def items(self, key: str, *, required: bool = False) -> Iterator[Fields]:
        """Each mapping in the list under `key`."""
        for index, value in enumerate(self._list(key, required)):
            sub = Fields(self.log, self.file, f"{self.at(key)}[{index}]", value)
            sub.spoilers = self.spoilers
            yield sub

    def finish(self) -> None:
        """Report keys nobody read: almost always a typo in a field name."""
        for key in self.data:
            if key not in self._seen:
                known = ", ".join(sorted(self._seen))
                self.problem(f"unknown key {excerpt(key)} (known here: {known})", str(key))

    # -- scalars -----------------------------------------------------------------------------

    def has(self, key: str) -> bool:
        self._seen.add(key)
        return self.data.get(key) is not None

    def string(self, key: str, default: str = "", *, required: bool = True) -> str:
        return self._scalar(key, str, "a string", default, required).strip()

    def opt_str(self, key: str) -> str | None:
        if not self.has(key):
            return None
        return self.string(key) or None

    def integer(
        self,
        key: str,
        default: int = 0,
        *,
        required: bool = True,
        low: int | None = None,
        high: int | None = None,
    ) -> int:
        value = self._scalar(key, int, "a whole number", default, required)
        if isinstance(value, bool):
            self.problem("expected a whole number, got true/false", key)
            return default
        if (low is not None and value < low) or (high is not None and value > high):
            self.problem(f"{excerpt(value)} is out of range {low}..{high}", key)
        return value

    def opt_int(self, key: str, *, low: int | None = None, high: int | None = None) -> int | None:
        if not self.has(key):
            return None
        return self.integer(key, low=low, high=high)

    def boolean(self, key: str) -> bool | None:
        if not self.has(key):
            return None
        value = self.data[key]
        if not isinstance(value, bool):
            self.problem(f"expected true or false, got {_kind(value)}", key)
            return None
        return value

    def date(self, key: str, *, required: bool = True) -> dt.date | None:
        self._seen.add(key)
        value = self.data.get(key)
        if value is None:
            if required:
                self.problem("is required (a date like 2018-03-08)", key)
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.problem(f"expected a date like 2018-03-08, got {excerpt(value)}", key)
        return None

    def choice(self, key: str, options: tuple[str, ...], default: str) -> str:
        value = self.string(key, default)
        if value not in options:
            self.problem(f"{excerpt(value)} is not one of {', '.join(options)}", key)
            return default
        return value

    def str_list(self, key: str, *, required: bool = False) -> tuple[str, ...]:
        """A list of strings; a single string is accepted as a list of one."""
        self._seen.add(key)
        value = self.data.get(key)
        if isinstance(value, str):
            return (value.strip(),)
        out: list[str] = []
        for index, item in enumerate(self._list(key, required)):
            if isinstance(item, str | int) and not isinstance(item, bool) and str(item).strip():
                out.append(str(item).strip())
            else:
                self.log.add(
                    self.file,
                    f"{self.at(key)}[{index}]",
                    f"expected a non-empty string, got {_kind(item)}",
                )
        return tuple(out)

    # -- rich text ---------------------------------------------------------------------------

    def rich(self, key: str, *, required: bool = False) -> RichText:
        """Rich text: a string, or a list of strings and {text, spoiler_from} mappings."""
        self._seen.add(key)
        value = self.data.get(key)
        if value is None:
            if required:
                self.problem("is required", key)
            return ()
        items = value if isinstance(value, list) else [value]
        segments: list[Segment] = []
        for index, item in enumerate(items):
            where = self.at(key) if not isinstance(value, list) else f"{self.at(key)}[{index}]"
            segment = self._segment(where, item)
            if segment is None:
                continue
            if segments:
                segments.append(Segment(" "))
            segments.append(segment)
        if required and not segments:
            self.problem("must not be empty", key)
        return tuple(segments)

    def _segment(self, where: str, item: object) -> Segment | None:
        if isinstance(item, str):
            text, spoiler = item.strip(), None
        elif isinstance(item, dict):
            sub = Fields(self.log, self.file, where, item)
            text = sub.string("text")
            spoiler = sub.opt_int("spoiler_from", low=1)
            sub.finish()
        else:
            self.log.add(
                self.file, where, f"expected text or {{text, spoiler_from}}, got {_kind(item)}"
            )
            return None
        if not text:
            self.log.add(self.file, where, "text must not be empty")
            return None
        for bad in _FORBIDDEN_IN_TEXT:
            if bad in text:
                self.log.add(
                    self.file, where, f"text must not contain {bad!r} (markup is added by the bot)"
                )
        if spoiler is not None:
            self.spoilers.append(SpoilerRef(self.file, where, spoiler))
        return Segment(" ".join(text.split()), spoiler)

    # -- internals ---------------------------------------------------------------------------

    def _list(self, key: str, required: bool) -> list[object]:
        self._seen.add(key)
        value = self.data.get(key)
        if value is None:
            if required:
                self.problem("is required (a list)", key)
            return []
        if not isinstance(value, list):
            self.problem(f"expected a list, got {_kind(value)}", key)
            return []
        return value

    def _scalar(
        self, key: str, kind: type[T] | tuple[type, ...], name: str, default: T, required: bool
    ) -> T:
        self._seen.add(key)
        value = self.data.get(key)
        if value is None:
            if required:
                self.problem("is required", key)
            return default
        if kind is str and isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)  # type: ignore[return-value]  # YAML reads "001" fine, but 2018 as int
        if not isinstance(value, kind):
            self.problem(f"expected {name}, got {_kind(value)}", key)
            return default
        return value  # type: ignore[return-value]


def _kind(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    names = {dict: "a mapping", list: "a list", str: "a string", int: "a number", float: "a number"}
    return names.get(type(value), type(value).__name__)


def load_yaml(text: str) -> Any:
    """YAML's safe subset, with libyaml's parser when it is installed (ten times faster), read
    back from the parse cache when this very text was parsed at an earlier start."""
    return parsed_yaml(text)


YAMLError = yaml.YAMLError
