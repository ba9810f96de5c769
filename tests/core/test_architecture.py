"""The two rooms: the core never imports Discord, and `bot/` holds nothing about any one show."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from bot.core.engine import Engine
from bot.core.understanding.entities import COMMON_WORDS
from bot.core.understanding.text import STOPWORDS, VOCABULARY_WORDS

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


# The pipeline, first stage first: a module may import its own stage and earlier ones only.
STAGES = ("errors", "knowledge", "understanding", "answering", "rendering", "engine")


def _stage(module: str) -> int | None:
    parts = module.split(".")
    if parts[:2] != ["bot", "core"] or len(parts) < 3:
        return None
    return STAGES.index(parts[2]) if parts[2] in STAGES else None


def test_core_imports_only_downward_through_the_pipeline() -> None:
    upward: list[str] = []
    for path in (BOT / "core").rglob("*.py"):
        relative = path.relative_to(BOT.parent).with_suffix("")
        own = _stage(".".join(relative.parts))
        if own is None:
            continue  # bot/core/__init__.py: the front door re-exports every stage
        for module in _imports(path):
            stage = _stage(module)
            if stage is not None and stage > own:
                upward.append(f"{relative} imports {module}")
    assert upward == []


def test_the_adapter_enters_the_core_only_through_its_front_door() -> None:
    for path in (BOT / "adapter").rglob("*.py"):
        deep = sorted(m for m in _imports(path) if m.startswith("bot.core."))
        assert deep == [], f"{path.relative_to(BOT)} reaches into {deep}"
