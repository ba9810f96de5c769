"""The typed knowledge model that the YAML files load into (see docs/knowledge-format.md)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from bot.core.knowledge.richtext import RichText

__all__ = [
    "Aggregator",
    "Award",
    "Billing",
    "Character",
    "Episode",
    "Event",
    "Fact",
    "Fate",
    "KnowledgeBase",
    "Move",
    "Person",
    "Reception",
    "Relation",
    "Review",
    "Season",
    "Soundtrack",
    "Source",
    "Track",
    "Writer",
    "WriterCredit",
]


class Billing(StrEnum):
    MAIN = "main"
    RECURRING = "recurring"
    GUEST = "guest"
    MENTIONED = "mentioned"


class WriterCredit(StrEnum):
    WRITTEN = "written"
    STORY = "story"
    TELEPLAY = "teleplay"


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    file: str
    title: str


@dataclass(frozen=True, slots=True)
class Season:
    id: str
    show: str
    number: int
    title: str
    aliases: tuple[str, ...]
    network: str
    release_date: dt.date
    episode_count: int
    first_overall_episode: int
    showrunner: str
    production_companies: tuple[str, ...]
    premise: RichText
    renewal: RichText
    renewal_date: dt.date | None
    color: int | None
    sources: tuple[str, ...]
    # other names of the show itself ("jj"), which may also name a character
    show_aliases: tuple[str, ...] = ()
    # where the season streams since it left its network, when the sources say it moved
    moved: Move | None = None


@dataclass(frozen=True, slots=True)
class Move:
    """The season's later home: the service it streams on and since when, and the day it left
    its first network (when the sources give it)."""

    network: str
    since: dt.date
    left: dt.date | None = None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Writer:
    name: str
    credit: WriterCredit


@dataclass(frozen=True, slots=True)
class Episode:
    number: int
    overall: int
    title: str
    directors: tuple[str, ...]
    writers: tuple[Writer, ...]
    release_date: dt.date
    cover_artist: str | None
    synopsis: RichText
    sources: tuple[str, ...]

    @property
    def short_title(self) -> str:
        """The title without a leading "AKA " that every title of some shows shares."""
        head, _, rest = self.title.partition(" ")
        return rest if head.upper() == "AKA" and rest else self.title


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    aliases: tuple[str, ...]
    shared_aliases: tuple[str, ...]
    roles: tuple[str, ...]
    known_for: tuple[str, ...]
    notes: RichText
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Character:
    id: str
    name: str
    safe_name: str | None
    name_spoiler_from: int | None
    aliases: tuple[str, ...]
    shared_aliases: tuple[str, ...]
    played_by: tuple[str, ...]
    billing: Billing
    returning: bool | None
    description: RichText
    casting: RichText
    comics: RichText
    sources: tuple[str, ...]
    # how the sources refer to them ("he", "she", "they"); "" when not given
    pronoun: str = ""

    def display_name(self, watched: int) -> str:
        """The name that is safe to show to a reader who has watched through `watched`."""
        if (
            self.safe_name
            and self.name_spoiler_from is not None
            and watched < self.name_spoiler_from
        ):
            return self.safe_name
        return self.name

    @property
    def public_name(self) -> str:
        """The name that is safe for anyone: titles, autocomplete, labels."""
        return self.safe_name if self.safe_name and self.name_spoiler_from else self.name


@dataclass(frozen=True, slots=True)
class Track:
    number: int
    title: str
    length: str
    seconds: int
    performers: tuple[str, ...]
    spoiler_from: int | None = None  # a title that gives a twist away


@dataclass(frozen=True, slots=True)
class Soundtrack:
    title: str
    composer: str
    labels: tuple[str, ...]
    release_date: dt.date
    format: str
    notes: RichText
    tracks: tuple[Track, ...]
    sources: tuple[str, ...]

    @property
    def total_seconds(self) -> int:
        return sum(track.seconds for track in self.tracks)


@dataclass(frozen=True, slots=True)
class Aggregator:
    name: str
    score: str
    average: str | None
    count: int | None
    consensus: RichText
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Review:
    critic: str | None
    outlet: str
    verdict: str
    rating: str | None
    summary: RichText
    quote: str | None
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Reception:
    summary: RichText
    aggregators: tuple[Aggregator, ...]
    reviews: tuple[Review, ...]


@dataclass(frozen=True, slots=True)
class Award:
    year: int
    award: str
    category: str
    nominee: str
    result: str
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Fact:
    id: str
    topic: str
    title: str
    text: RichText
    asks: tuple[str, ...]
    keywords: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Event:
    """One story beat: who did what to whom, in which episode (see "Story" in docs/knowledge-format.md).

    `who` is empty when the sources do not say who acted (yet). `spoiler_from` is the episode that
    reveals the beat as told here, later than `episode` when the text names someone revealed later.
    """

    id: str
    episode: int
    spoiler_from: int
    who: tuple[str, ...]
    did: str
    whom: tuple[str, ...]
    what: str | None
    where: str | None
    why: str | None
    how: str | None
    text: str
    sources: tuple[str, ...]
    # happened before the season and is only recalled in this episode ("before this season
    # began, she killed him"): no beat of what the episode shows
    backstory: bool = False
    # shown in this episode as a flashback to years before ("years earlier, ..."): still a beat
    # of what the episode shows, and what makes it "the flashback episode"
    flashback: bool = False

    @property
    def characters(self) -> tuple[str, ...]:
        return self.who + self.whom


@dataclass(frozen=True, slots=True)
class Relation:
    """`who` is the `label` of `of` (a mother of, a lawyer of) from episode `since`."""

    who: str
    label: str
    of: str
    since: int
    spoiler_from: int
    sources: tuple[str, ...]
    how: str | None = None  # how the tie came about, in a few words ("at university")


@dataclass(frozen=True, slots=True)
class Fate:
    """How a character ends up (dies, survives, ...), told in our own words in `text`."""

    who: str
    fate: str
    episode: int
    by: tuple[str, ...]
    how: str | None
    text: str
    spoiler_from: int
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Gap:
    """A detail fans ask about that the sources never give (the name of someone the story never
    names, the words of a scene, how a lawsuit ended): declined honestly, never answered with
    something nearby. `says` completes "My sources don't say ..."; when it tells a twist, it is
    shown only to members who have watched to `spoiler_from`."""

    id: str
    says: str
    asks: tuple[str, ...]
    about: tuple[str, ...] = ()
    spoiler_from: int | None = None


@dataclass(frozen=True, slots=True)
class KnowledgeBase:
    """One season's knowledge, validated and cross-referenced."""

    season: Season
    sources: dict[str, Source]
    episodes: tuple[Episode, ...]
    people: tuple[Person, ...]
    characters: tuple[Character, ...]
    soundtrack: Soundtrack | None
    reception: Reception | None
    awards: tuple[Award, ...]
    facts: tuple[Fact, ...]
    events: tuple[Event, ...] = ()
    relations: tuple[Relation, ...] = ()
    fates: tuple[Fate, ...] = ()
    gaps: tuple[Gap, ...] = ()
    # more ways fans ask for a fact than its own `asks`: fact id -> example questions
    examples: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # how fans ask about each story event: event id -> example questions
    event_examples: dict[str, tuple[str, ...]] = field(default_factory=dict)
    _people_by_name: dict[str, Person] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._people_by_name.update({p.name.casefold(): p for p in self.people})

    def episode(self, number: int) -> Episode | None:
        if 1 <= number <= len(self.episodes):
            return self.episodes[number - 1]
        return None

    def person_named(self, name: str) -> Person | None:
        return self._people_by_name.get(name.casefold())

    def person(self, person_id: str) -> Person | None:
        return next((p for p in self.people if p.id == person_id), None)

    def character(self, character_id: str) -> Character | None:
        return next((c for c in self.characters if c.id == character_id), None)

    def event(self, event_id: str) -> Event | None:
        return next((e for e in self.events if e.id == event_id), None)

    def characters_played_by(self, person_id: str) -> tuple[Character, ...]:
        return tuple(c for c in self.characters if person_id in c.played_by)

    def source_titles(self, ids: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(self.sources[i].title for i in ids if i in self.sources)
