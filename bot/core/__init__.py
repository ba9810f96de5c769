"""The question-answering core: knowledge -> understanding -> answering -> rendering.

Pure, synchronous and free of any Discord import (a test enforces it), so it can be tested
exhaustively, tried from a terminal and used unchanged by the Discord adapter. Everything outside
the core comes in through this front door: `Engine` and the values it hands out.
"""

from bot.core.answering.reply import Card, CardField, Reply, ReplyKind
from bot.core.answering.types import Answer, Choice, Trigger
from bot.core.engine import Engine, default_knowledge_dir
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
from bot.core.knowledge.richtext import RichText, Segment, SpoilerMode, SpoilerPolicy
from bot.core.rendering.render import (
    ASK_PREFIX,
    REVEAL_CUSTOM_ID,
    REVEAL_LABEL,
    message_to_console,
    needs_reveal,
    render_message,
)

__all__ = [
    "ASK_PREFIX",
    "REVEAL_CUSTOM_ID",
    "REVEAL_LABEL",
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
    "default_knowledge_dir",
    "message_to_console",
    "needs_reveal",
    "render_message",
]
