"""Read the story part of a season: `events`, `relations` and `fates` (docs/knowledge-format.md).

Each reader records what it can only check once the whole season is read (character ids, episode
numbers); `StoryRefs.check` then reports those problems with the same file and key path.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.core.knowledge.model import Event, Fate, Relation
from bot.core.knowledge.verbs import verb_vocabulary
from bot.core.knowledge.yamlreader import Fields, ProblemLog, SpoilerRef

__all__ = ["FATES", "StoryRefs", "read_event", "read_fate", "read_relation"]

FATES = ("dies", "survives", "imprisoned", "injured", "shot", "arrested", "reported", "leaves")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_FORBIDDEN_IN_TEXT = ("||", "`", "@")

SourcesOf = Callable[[Fields], tuple[str, ...]]


class StoryRefs:
    """Character ids and episode numbers named by the story, checked once everything is read."""

    def __init__(self) -> None:
        self.characters: list[tuple[str, str, str]] = []  # file, path, id
        self.episodes: list[tuple[str, str, int]] = []  # file, path, number

    def character_list(self, f: Fields, key: str, *, required: bool = False) -> tuple[str, ...]:
        ids = f.str_list(key, required=required)
        for index, cid in enumerate(ids):
            self.characters.append((f.file, f"{f.at(key)}[{index}]", cid))
        return ids

    def character(self, f: Fields, key: str) -> str:
        cid = f.string(key)
        if cid:
            self.characters.append((f.file, f.at(key), cid))
        return cid

    def episode(self, f: Fields, key: str) -> int:
        number = f.integer(key, low=1)
        self.episodes.append((f.file, f.at(key), number))
        return number

    def check(self, log: ProblemLog, character_ids: set[str], episode_count: int) -> None:
        for file, path, cid in self.characters:
            if cid not in character_ids:
                log.add(file, path, f"no character with id {cid!r}")
        for file, path, number in self.episodes:
            if not 1 <= number <= episode_count:
                log.add(file, path, f"episode {number} is not an episode (1..{episode_count})")


def _spoiler_from(f: Fields, spoilers: list[SpoilerRef], happens: int, what: str) -> int:
    spoiler = f.integer("spoiler_from", low=1)
    spoilers.append(SpoilerRef(f.file, f.at("spoiler_from"), spoiler))
    if happens and spoiler and spoiler < happens:
        f.problem(
            f"spoiler_from {spoiler} is before {what} {happens}: nothing is revealed before it happens",
            "spoiler_from",
        )
    return spoiler


def _text(f: Fields) -> str:
    text = " ".join(f.string("text").split())
    if not text:
        f.problem("must not be empty", "text")
    for bad in _FORBIDDEN_IN_TEXT:
        if bad in text:
            f.problem(f"text must not contain {bad!r} (markup is added by the bot)", "text")
    return text


def read_event(
    f: Fields, refs: StoryRefs, spoilers: list[SpoilerRef], sources_of: SourcesOf
) -> Event:
    event_id = f.string("id")
    if event_id and not _ID.match(event_id):
        f.problem("ids are lower-case words joined by dashes", "id")
    episode = refs.episode(f, "episode")
    did = f.string("did")
    if did and did not in verb_vocabulary():
        f.problem(f"unknown verb {did!r}: add it to bot/core/knowledge/verbs.yaml", "did")
    who = refs.character_list(f, "who")
    whom = refs.character_list(f, "whom")
    event = Event(
        id=event_id,
        episode=episode,
        spoiler_from=_spoiler_from(f, spoilers, episode, "the episode"),
        who=who,
        did=did,
        whom=whom,
        what=f.opt_str("what"),
        where=f.opt_str("where"),
        why=f.opt_str("why"),
        how=f.opt_str("how"),
        text=_text(f),
        sources=sources_of(f),
        backstory=bool(f.boolean("backstory")),
        flashback=bool(f.boolean("flashback")),
    )
    f.finish()
    return event


def read_relation(
    f: Fields, refs: StoryRefs, spoilers: list[SpoilerRef], sources_of: SourcesOf
) -> Relation:
    who = refs.character(f, "who")
    label = f.string("is")
    if label and not _ID.match(label):
        f.problem("a relation is lower-case words joined by dashes, like adoptive-sister", "is")
    of = refs.character(f, "of")
    if who and who == of:
        f.problem("a character cannot be related to themselves", "of")
    since = refs.episode(f, "from")
    relation = Relation(
        who=who,
        label=label,
        of=of,
        since=since,
        spoiler_from=_spoiler_from(f, spoilers, since, "the episode it is true from,"),
        sources=sources_of(f),
        how=f.opt_str("how"),
    )
    f.finish()
    return relation


def read_fate(
    f: Fields, refs: StoryRefs, spoilers: list[SpoilerRef], sources_of: SourcesOf
) -> Fate:
    who = refs.character(f, "who")
    fate = f.choice("fate", FATES, "dies")
    episode = refs.episode(f, "episode")
    result = Fate(
        who=who,
        fate=fate,
        episode=episode,
        by=refs.character_list(f, "by"),
        how=f.opt_str("how"),
        text=_text(f),
        spoiler_from=_spoiler_from(f, spoilers, episode, "the episode"),
        sources=sources_of(f),
    )
    f.finish()
    return result
