"""The parse cache: YAML parsed at an earlier start comes back the same, edits are parsed again."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.core.knowledge.parsecache import ParsedTexts
from tests.conftest import KNOWLEDGE_ROOT

_TEXT = "characters:\n  - id: mara\n    name: Mara Quinn\n    billing: main\n    seen: [1, 2.5, true, null]\n"


def _parse(text: str) -> object:
    return yaml.safe_load(text)


def _refuse(text: str) -> object:
    raise AssertionError(f"parsed again: {text[:20]!r}")


def test_a_text_parsed_at_an_earlier_start_is_read_back_unchanged(tmp_path: Path) -> None:
    first = ParsedTexts(tmp_path)
    parsed = first.parse(_TEXT, _parse)
    first.save()
    later = ParsedTexts(tmp_path)
    assert later.parse(_TEXT, _refuse) == parsed
    # each call gives its own copy: a caller changing it changes nothing kept
    later.parse(_TEXT, _refuse)["characters"].clear()
    assert later.parse(_TEXT, _refuse) == parsed


def test_an_edited_text_is_parsed_again(tmp_path: Path) -> None:
    first = ParsedTexts(tmp_path)
    first.parse(_TEXT, _parse)
    first.save()
    edited = _TEXT.replace("Mara Quinn", "Mara Quint")
    assert ParsedTexts(tmp_path).parse(edited, _parse)["characters"][0]["name"] == "Mara Quint"


def test_data_json_cannot_hold_exactly_is_not_kept(tmp_path: Path) -> None:
    """A date would come back as a string, an integer key as a string key."""
    for text in ("released: 2018-03-08\n", "1: one\n"):
        first = ParsedTexts(tmp_path)
        data = first.parse(text, _parse)
        first.save()
        assert ParsedTexts(tmp_path).parse(text, _parse) == data
        with pytest.raises(AssertionError):
            ParsedTexts(tmp_path).parse(text, _refuse)


@pytest.mark.parametrize("content", ["not json", '["a list"]', '{"key": 3}'])
def test_a_damaged_cache_only_costs_time(tmp_path: Path, content: str) -> None:
    cache = ParsedTexts(tmp_path)
    assert cache.path is not None
    cache.path.write_text(content)
    assert cache.parse(_TEXT, _parse) == _parse(_TEXT)
    cache.save()
    assert ParsedTexts(tmp_path).parse(_TEXT, _refuse) == _parse(_TEXT)


def test_an_unwritable_cache_folder_only_costs_time(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("")
    cache = ParsedTexts(blocked / "cache")  # its parent is a file: nothing can be written
    assert cache.parse(_TEXT, _parse) == _parse(_TEXT)
    cache.save()  # no error


def test_no_cache_folder_means_nothing_kept() -> None:
    cache = ParsedTexts(None)
    assert cache.parse(_TEXT, _parse) == _parse(_TEXT)
    cache.save()


def test_every_shipped_season_file_comes_back_as_parsed(tmp_path: Path) -> None:
    files = sorted((KNOWLEDGE_ROOT / "jessica-jones-s2").glob("*.yaml"))
    first = ParsedTexts(tmp_path)
    parsed = [first.parse(f.read_text(encoding="utf-8"), _parse) for f in files]
    first.save()
    later = ParsedTexts(tmp_path)
    assert [later.parse(f.read_text(encoding="utf-8"), _parse) for f in files] == parsed
