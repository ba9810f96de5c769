"""Answers about the story (placeholder until the story model lands)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.answering.reply import Reply
from bot.core.knowledge.model import KnowledgeBase

__all__ = ["Story", "StoryQuery"]


@dataclass(frozen=True, slots=True)
class StoryQuery:
    text: str
    characters: tuple[str, ...]
    episodes: tuple[int, ...]
    watched: int | None = None


class Story:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def answer(self, aspect: str, query: StoryQuery, kind: str) -> Reply | None:
        return None
