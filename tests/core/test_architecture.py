"""The two rooms: the core never imports Discord, and `bot/` holds nothing about any one show."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from bot.core.engine import Engine
from bot.core.entities import COMMON_WORDS
from bot.core.text import STOPWORDS, VOCABULARY_WORDS

BOT = Path(__file__).resolve().parents[2] / "bot"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_core_never_imports_discord() -> None:
    offenders = {
        str(path.relative_to(BOT)): sorted(
            m for m in _imports(path) if m.split(".")[0] == "discord"
        )
        for path in (BOT / "core").rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_core_does_not_reach_into_the_adapter() -> None:
    for path in (BOT / "core").rglob("*.py"):
        assert not any(m.startswith("bot.adapter") for m in _imports(path)), path


def test_no_name_from_the_shipped_season_is_hard_coded_in_bot() -> None:
    kb = Engine.load().kb
    names: set[str] = {kb.season.show, kb.season.network, *kb.season.production_companies}
    for person in kb.people:
        names.update([person.name, *person.aliases])
    for character in kb.characters:
        names.update([character.name, *character.aliases])
    names.update(e.short_title for e in kb.episodes)
    generic = STOPWORDS | COMMON_WORDS | VOCABULARY_WORDS
    # Networks are generic TV vocabulary the bot may know ("is it on netflix").
    distinctive = {n for n in names if len(n) >= 5 and n.casefold() not in generic}
    distinctive -= {kb.season.network}
    source = "\n".join(p.read_text(encoding="utf-8") for p in BOT.rglob("*.py"))
    leaked = sorted(
        n for n in distinctive if re.search(rf"(?<!\w){re.escape(n)}(?!\w)", source, re.IGNORECASE)
    )
    assert leaked == []
