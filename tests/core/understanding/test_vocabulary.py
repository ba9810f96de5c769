"""The shipped vocabulary loads, and a mistake in it is reported by its key."""

from __future__ import annotations

import pytest

from bot.core.errors import KnowledgeInvalid
from bot.core.knowledge.yamlreader import load_yaml
from bot.core.understanding.vocabulary import VOCABULARY_FILE, parse_vocabulary, vocabulary


def test_a_role_synonym_gives_the_words_a_description_may_use() -> None:
    assert "police" in vocabulary().role_synonyms["cop"]


def test_a_role_synonym_of_no_role_noun_is_reported() -> None:
    data = load_yaml(VOCABULARY_FILE.read_text(encoding="utf-8"))
    data["role_synonyms"] = {**data["role_synonyms"], "wizard": "sorcerer"}
    with pytest.raises(KnowledgeInvalid) as raised:
        parse_vocabulary(data)
    assert "role_synonyms" in str(raised.value)
    assert "wizard" in str(raised.value)
