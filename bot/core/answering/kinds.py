"""The registry of question kinds: `kinds.yaml` (the declarations) and `examples.yaml` (how fans
ask each one), validated on load like the knowledge base, every problem named by file and key.

A kind is declared once. Dispatch, declines, suggestions and evaluation labels all come from
here; nothing else spells a kind's name.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from bot.core.errors import KnowledgeInvalid, Problem
from bot.core.knowledge.yamlreader import YAMLError, load_yaml
from bot.core.understanding.entities import COMMON_WORDS
from bot.core.understanding.entities import Kind as EntityKind
from bot.core.understanding.text import STOPWORDS, normalize
from bot.core.understanding.vocabulary import vocabulary

__all__ = ["Does", "KindRegistry", "QuestionKind", "load_kinds", "shipped_kinds"]

HERE = Path(__file__).resolve().parent
KINDS_FILE = HERE / "kinds.yaml"
EXAMPLES_FILE = HERE / "examples.yaml"
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_NAME = re.compile(r"^[a-z_]+(?:\.[a-z_]+)?$")
_KEYS = {
    "cues",
    "topic",
    "needs",
    "does",
    "build",
    "aspect",
    "verifies",
    "names",
    "question",
    "decline",
    "ask_back",
}


class Does(StrEnum):
    """What the bot does with a question of a kind."""

    ANSWER = "answer"  # built from the knowledge base
    DECLINE = "decline"  # on topic, but the sources don't say
    OFF_TOPIC = "off_topic"  # nothing to do with the season
    CHATTER = "chatter"  # not a question to the bot: silence when overheard
    CLARIFY = "clarify"  # the bot's own: which of two readings was meant
    NOT_SURE = "not_sure"  # the bot's own: too unsure to answer


@dataclass(frozen=True, slots=True)
class QuestionKind:
    """One declared kind of question."""

    name: str
    does: Does
    topic: str = ""
    needs: tuple[EntityKind, ...] = ()
    build: str = ""
    aspect: str = ""
    verifies: bool = False  # its builder answers only when the knowledge clearly holds an answer
    names: bool = True  # its answers can say what someone or something is called
    question: str = ""
    decline: str = ""
    ask_back: str = ""  # what to ask when the builder needs more than the question gave
    examples: tuple[str, ...] = ()
    # Word sequences that ask for this kind wherever a question uses them ("which episode"): a
    # kind that verifies its answers may answer on a cue alone when the knowledge clearly does;
    # a kind that declines ("do you think ...": the bot's own view) declines on its cue.
    cues: tuple[tuple[str, ...], ...] = ()

    def cued_at(self, words: Sequence[str], *, literal: bool = False) -> int | None:
        """Where the question (normalized words) first uses one of the kind's cues, if it does:
        not where a verb about the making of the show follows ("who plays ..."), nor where a
        noun before it starts a description ("the one where ...", "the guy who ...")."""
        if not self.cues:
            return None
        asking, antecedents = _cue_blockers()
        present = set(words)
        found: list[int] = []
        for cue in self.cues:
            if cue[0] not in present or (literal and _ANY_WORD in cue):
                continue
            # the first use of a cue is the question's own; a later one may start a description
            size = len(cue)
            at = next(
                (i for i in range(len(words) - size + 1) if _cue_at(cue, words, i)),
                None,
            )
            if at is None:
                continue
            after = words[at + size] if at + size < len(words) else ""
            before = words[at - 1] if at > 0 else ""
            if not _an_asking_verb(after, asking) and before not in antecedents:
                found.append(at)
        return min(found, default=None)

    @property
    def answerable(self) -> bool:
        return self.does is Does.ANSWER

    @property
    def asks(self) -> tuple[str, ...]:
        return self.examples


@dataclass(frozen=True, slots=True)
class KindRegistry:
    kinds: dict[str, QuestionKind]

    def __iter__(self) -> Iterator[QuestionKind]:
        return iter(self.kinds.values())

    def __getitem__(self, name: str) -> QuestionKind:
        return self.kinds[name]

    def get(self, name: str) -> QuestionKind | None:
        return self.kinds.get(name)

    def role(self, does: Does) -> QuestionKind:
        """The one kind that plays a fallback role (off_topic, chatter, clarify, not_sure)."""
        return next(k for k in self.kinds.values() if k.does is does)

    def cued(self, text: str) -> list[QuestionKind]:
        """The kinds whose cues a question uses, the earliest cue first."""
        words = _which_role_as_who(normalize(text).split())
        found = [
            (at, kind)
            for kind in self.kinds.values()
            if kind.cues and (at := kind.cued_at(words)) is not None
        ]
        places = [at for at, _ in found]
        if len(set(places)) == len(places):
            return [kind for _, kind in sorted(found, key=lambda pair: pair[0])]
        # of two kinds cued at one place, the one cued literally ("what episode does" before
        # "what * does")
        return [
            kind
            for _, kind in sorted(
                found, key=lambda pair: (pair[0], pair[1].cued_at(words, literal=True) is None)
            )
        ]

    def built_by(self, build: str, aspect: str = "") -> QuestionKind:
        """The kind a builder answers with the given aspect (for the slash commands, which
        answer a kind without a question)."""
        return next(k for k in self.kinds.values() if k.build == build and k.aspect == aspect)


_ANY_WORD = "*"  # in a cue, any one word that is no small word: "what * does" ("what dirt does")


def _cue_words(cue: str) -> tuple[str, ...]:
    """A cue as normalized words, its "*" kept (normalizing would drop it)."""
    return tuple(
        word
        for part in cue.split()
        for word in ([_ANY_WORD] if part == _ANY_WORD else normalize(part).split())
    )


def _cue_at(cue: tuple[str, ...], words: Sequence[str], at: int) -> bool:
    if _ANY_WORD not in cue:
        return tuple(words[at : at + len(cue)]) == cue
    return all(
        word == part or (part == _ANY_WORD and word not in STOPWORDS)
        for part, word in zip(cue, words[at : at + len(cue)], strict=True)
    )


_SLIP = 85.0  # how alike a typed word must be to an asking verb to be one, slip and all


def _an_asking_verb(word: str, asking: frozenset[str]) -> bool:
    """Whether a word is a verb of the show's making, typed with a slip or not ("directd")."""
    if word in asking:
        return True
    if len(word) < 5 or word in COMMON_WORDS:
        return False  # "starts" is no slip for "stars": a real word is meant as typed
    return process.extractOne(word, asking, scorer=fuzz.ratio, score_cutoff=_SLIP) is not None


def _which_role_as_who(words: list[str]) -> list[str]:
    """The words with "which <role>" asked as "who" ("which cop believes her": who does);
    not "which actor plays <him>", a question of the show's making."""
    roles, scenes = vocabulary().role_nouns, vocabulary().scene_nouns
    asking, _ = _cue_blockers()
    out = list(words)
    for at in range(len(words) - 1):
        after = [*words[at + 2 : at + 4], "", ""]
        if (
            words[at] == "which"
            and words[at + 1] in roles
            and not _an_asking_verb(after[0], asking)
            and not (after[0] == "who" and after[1] in scenes)  # "which doctor who episode"
        ):
            out[at] = "who"
    return out


@cache
def _cue_blockers() -> tuple[frozenset[str], frozenset[str]]:
    """Words after a cue that make it no cue (verbs of the show's making), and words before it
    that make it start a description (nouns)."""
    words = vocabulary()
    return words.asking_verbs, words.scene_nouns | words.person_nouns | words.role_nouns


def _read(path: Path, problems: list[Problem]) -> Any:
    try:
        return load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, YAMLError) as exc:
        problems.append(Problem(path.name, "", f"cannot be read: {exc}"))
        return None


def parse_kinds(
    declared: Any,
    examples: Any,
    builders: Collection[str],
    *,
    kinds_file: str = KINDS_FILE.name,
    examples_file: str = EXAMPLES_FILE.name,
) -> KindRegistry:
    """Validate declarations and examples together; raises `KnowledgeInvalid` with every problem."""
    problems: list[Problem] = []

    def problem(file: str, path: str, message: str) -> None:
        problems.append(Problem(file, path, message))

    table = declared.get("kinds") if isinstance(declared, dict) else None
    if not isinstance(table, dict):
        raise KnowledgeInvalid([Problem(kinds_file, "kinds", "must map kind names to settings")])
    if not isinstance(examples, dict):
        problem(examples_file, "", "must map kind names to lists of example questions")
        examples = {}
    entity_names = {k.value for k in EntityKind}
    kinds: dict[str, QuestionKind] = {}
    for name, raw in table.items():
        at = f"kinds.{name}"
        if not isinstance(name, str) or not _NAME.match(name):
            problem(kinds_file, at, "a kind name is lower-case words, e.g. episode.director")
            continue
        if not isinstance(raw, dict):
            problem(kinds_file, at, "must be a mapping")
            continue
        for key in sorted(set(raw) - _KEYS, key=str):
            problem(kinds_file, f"{at}.{key}", f"unknown key (known: {', '.join(sorted(_KEYS))})")
        try:
            does = Does(raw.get("does", "answer"))
        except ValueError:
            problem(kinds_file, f"{at}.does", f"must be one of {', '.join(d.value for d in Does)}")
            continue
        needs_raw = raw.get("needs", [])
        if not isinstance(needs_raw, list) or not all(n in entity_names for n in needs_raw):
            problem(
                kinds_file, f"{at}.needs", f"must list some of {', '.join(sorted(entity_names))}"
            )
            needs_raw = []
        build = str(raw.get("build") or "")
        if does is Does.ANSWER and build not in builders:
            problem(
                kinds_file,
                f"{at}.build",
                f"names no builder (known: {', '.join(sorted(builders))})",
            )
        if does is not Does.ANSWER and build:
            problem(kinds_file, f"{at}.build", "only kinds that answer have a builder")
        question = str(raw.get("question") or "")
        unknown_slots = set(_PLACEHOLDER.findall(question)) - set(needs_raw)
        if unknown_slots:
            problem(
                kinds_file, f"{at}.question", f"uses {unknown_slots} that the kind does not need"
            )
        asked = examples.get(name, [])
        if not isinstance(asked, list) or not all(isinstance(q, str) and q.strip() for q in asked):
            problem(examples_file, name, "must be a list of non-empty questions")
            asked = []
        for index, q in enumerate(asked):
            bad = set(_PLACEHOLDER.findall(q)) - entity_names
            if bad:
                problem(examples_file, f"{name}[{index}]", f"unknown placeholder(s) {sorted(bad)}")
        if does in (Does.ANSWER, Does.DECLINE, Does.OFF_TOPIC, Does.CHATTER) and len(asked) < 5:
            problem(examples_file, name, "give at least 5 example questions")
        cues_raw = raw.get("cues", [])
        if not isinstance(cues_raw, list) or not all(
            isinstance(c, str) and normalize(c) for c in cues_raw
        ):
            problem(kinds_file, f"{at}.cues", "must be a list of words or phrases")
            cues_raw = []
        if cues_raw and not (raw.get("verifies") or does is Does.DECLINE):
            problem(
                kinds_file,
                f"{at}.cues",
                "only kinds that verify their answers, or decline, have cues",
            )
        kinds[name] = QuestionKind(
            name=name,
            does=does,
            topic=str(raw.get("topic") or ""),
            needs=tuple(EntityKind(n) for n in needs_raw),
            build=build,
            aspect=str(raw.get("aspect") or ""),
            verifies=raw.get("verifies") is True,
            names=raw.get("names") is not False,
            question=question,
            decline=str(raw.get("decline") or ""),
            ask_back=str(raw.get("ask_back") or ""),
            examples=tuple(dict.fromkeys(q.strip() for q in asked)),
            cues=tuple(dict.fromkeys(_cue_words(c) for c in cues_raw)),
        )
    for name in examples:
        if name not in table:
            problem(examples_file, str(name), "is not a declared kind (see kinds.yaml)")
    for role in (Does.OFF_TOPIC, Does.CHATTER, Does.CLARIFY, Does.NOT_SURE):
        count = sum(k.does is role for k in kinds.values())
        if count != 1:
            problem(kinds_file, "kinds", f"exactly one kind must do {role.value} (found {count})")
    if problems:
        raise KnowledgeInvalid(problems)
    return KindRegistry(kinds)


def load_kinds(
    builders: Collection[str], kinds_file: Path = KINDS_FILE, examples_file: Path = EXAMPLES_FILE
) -> KindRegistry:
    """Read and validate the declarations and examples."""
    problems: list[Problem] = []
    declared = _read(kinds_file, problems)
    examples = _read(examples_file, problems)
    if problems:
        raise KnowledgeInvalid(problems)
    return parse_kinds(
        declared,
        examples,
        builders,
        kinds_file=kinds_file.name,
        examples_file=examples_file.name,
    )


@cache
def shipped_kinds(builders: frozenset[str]) -> KindRegistry:
    """The shipped registry, read once per process."""
    return load_kinds(builders)
