"""The controlled verb vocabulary of story events (`verbs.yaml` beside this module).

The loader checks every event's `did` against it; understanding and answering match a question's
words to it. Generic English only: a new season reuses it and adds verbs here when it needs them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from bot.core.errors import KnowledgeInvalid, Problem
from bot.core.knowledge.parsecache import parsed_yaml

__all__ = ["VERBS_FILE", "VerbVocabulary", "verb_vocabulary"]

VERBS_FILE = Path(__file__).resolve().parent / "verbs.yaml"


@dataclass(frozen=True, slots=True)
class VerbVocabulary:
    """verb id -> the English forms that express it (the id's own words come first)."""

    forms: dict[str, tuple[str, ...]]
    # irregular past forms onto the plain verb ("took" -> "take"), which a stemmer cannot do
    irregular: dict[str, str]
    # verbs close enough that asking with one should find an event told with the other
    kin: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def with_kin(self, verbs: set[str]) -> set[str]:
        """The verbs and their kin."""
        return verbs | {k for verb in verbs for k in self.kin.get(verb, ())}

    def base(self, word: str) -> str:
        """The plain form of an irregular past form, else the word itself."""
        return self.irregular.get(word, word)

    def __contains__(self, verb: object) -> bool:
        return verb in self.forms

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self.forms)


@lru_cache(maxsize=1)
def verb_vocabulary() -> VerbVocabulary:
    data = parsed_yaml(VERBS_FILE.read_text(encoding="utf-8"))
    raw = data["verbs"] if isinstance(data, dict) else {}
    forms: dict[str, tuple[str, ...]] = {}
    for verb, words in raw.items():
        spelled = str(verb).replace("-", " ")
        listed = [str(w).strip() for w in (words or []) if str(w).strip()]
        forms[str(verb)] = tuple(dict.fromkeys([spelled, *listed]))
    table = data.get("irregular") if isinstance(data, dict) else None
    irregular: dict[str, str] = {}
    for plain, past in (table or {}).items():
        for word in str(past).split():
            irregular[word] = str(plain)
    kin_table = data.get("kin") if isinstance(data, dict) else None
    kin = {
        str(verb): tuple(str(k) for k in (kins or [])) for verb, kins in (kin_table or {}).items()
    }
    unknown = sorted({v for verb, kins in kin.items() for v in (verb, *kins)} - set(forms))
    if unknown:
        raise KnowledgeInvalid(
            [
                Problem(VERBS_FILE.name, f"kin.{verb}", "is not a verb of `verbs`")
                for verb in unknown
            ]
        )
    return VerbVocabulary(forms, irregular, kin)
