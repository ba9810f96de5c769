"""Every exception the question-answering core raises, in one place.

    CoreError
    ├── KnowledgeError           the knowledge base cannot be used
    │   ├── KnowledgeNotFound    the folder or a file is missing
    │   └── KnowledgeInvalid     one or more problems; `.problems` lists them all
    └── LookupFailed             a caller asked for something the knowledge base does not hold
        ├── EpisodeNotFound
        └── CharacterNotFound

The Discord adapter and the CLI turn these into messages; the core never prints.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "CharacterNotFound",
    "CoreError",
    "EpisodeNotFound",
    "KnowledgeError",
    "KnowledgeInvalid",
    "KnowledgeNotFound",
    "LookupFailed",
    "Problem",
]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the knowledge base, located by file and key path."""

    file: str
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.path}" if self.path else self.file
        return f"{where}: {self.message}"


class CoreError(Exception):
    """Base class of every error raised by `bot.core`."""


class KnowledgeError(CoreError):
    """The knowledge base cannot be loaded."""


class KnowledgeNotFound(KnowledgeError):
    """The knowledge folder, or a file it needs, does not exist."""


class KnowledgeInvalid(KnowledgeError):
    """The knowledge base has problems; all of them are in `problems`."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"{count} {noun} in the knowledge base:\n" + "\n".join(map(str, problems)))


class LookupFailed(CoreError):
    """A caller asked for an item the knowledge base does not hold."""


class EpisodeNotFound(LookupFailed):
    """No episode with that number or title."""


class CharacterNotFound(LookupFailed):
    """No character with that id or name."""
