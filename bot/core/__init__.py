"""The question-answering core: knowledge, understanding, spoiler policy and rendering.

Pure, synchronous and free of any Discord import (a test enforces it), so it can be tested
exhaustively, tried from a terminal and used unchanged by the Discord adapter.
"""

from bot.core.engine import Answer, Choice, Engine, Trigger
from bot.core.errors import (
    CharacterNotFound,
    CoreError,
    EpisodeNotFound,
    KnowledgeError,
    KnowledgeInvalid,
    KnowledgeNotFound,
    LookupFailed,
    Problem,
)
from bot.core.render import render_message
from bot.core.reply import Card, CardField, Reply, ReplyKind
from bot.core.richtext import RichText, Segment, SpoilerMode, SpoilerPolicy

__all__ = [
    "Answer",
    "Card",
    "CardField",
    "CharacterNotFound",
    "Choice",
    "CoreError",
    "Engine",
    "EpisodeNotFound",
    "KnowledgeError",
    "KnowledgeInvalid",
    "KnowledgeNotFound",
    "LookupFailed",
    "Problem",
    "Reply",
    "ReplyKind",
    "RichText",
    "Segment",
    "SpoilerMode",
    "SpoilerPolicy",
    "Trigger",
    "render_message",
]
