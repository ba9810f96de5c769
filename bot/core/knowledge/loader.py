"""Load one season folder of YAML into a validated `KnowledgeBase`.

Every problem is collected (file, key path, message) and raised together in `KnowledgeInvalid`,
after the cross-references are checked too: people named by episodes, actors of characters,
source ids, episode numbers and `spoiler_from` in range, and aliases unique or deliberately shared.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

from bot.core.errors import KnowledgeInvalid, KnowledgeNotFound
from bot.core.knowledge.model import (
    Aggregator,
    Award,
    Billing,
    Character,
    Episode,
    Fact,
    Gap,
    KnowledgeBase,
    Move,
    Person,
    Reception,
    Review,
    Season,
    Soundtrack,
    Source,
    Track,
    Writer,
    WriterCredit,
)
from bot.core.knowledge.parsecache import parsed_yaml
from bot.core.knowledge.storyreader import StoryRefs, read_event, read_fate, read_relation
from bot.core.knowledge.yamlreader import Fields, ProblemLog, SpoilerRef, excerpt

__all__ = ["find_season_dir", "load_knowledge"]

LIST_KEYS = (
    "episodes",
    "people",
    "characters",
    "awards",
    "facts",
    "events",
    "relations",
    "fates",
    "gaps",
)
MAP_KEYS = ("season", "sources", "soundtrack", "reception", "examples", "event_examples")
FACT_TOPICS = (
    "season",
    "production",
    "release",
    "marketing",
    "reception",
    "soundtrack",
    "mcu",
    "comics",
    "trivia",
    "cast",
)
PERSON_ROLES = (
    "actor",
    "director",
    "writer",
    "showrunner",
    "composer",
    "critic",
    "artist",
    "executive",
    "producer",
    "performer",
)
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_LENGTH = re.compile(r"^(\d{1,2}):([0-5]\d)$")
# libyaml's safe loader when it is there (10x faster); the pure-Python one otherwise.
_SAFE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_EPOCH = dt.date(1970, 1, 1)  # placeholder after a reported problem; never returned
#: A knowledge file is hand-written text; anything this large is a mistake (or an attack).
MAX_FILE_BYTES = 1024 * 1024


def find_season_dir(path: Path) -> Path:
    """`path` itself if it holds YAML, else its only sub-folder that does."""
    if not path.is_dir():
        raise KnowledgeNotFound(f"no knowledge folder at {path}")
    if any(path.glob("*.yaml")):
        return path
    seasons = sorted(p for p in path.iterdir() if p.is_dir() and any(p.glob("*.yaml")))
    if len(seasons) == 1:
        return seasons[0]
    if not seasons:
        raise KnowledgeNotFound(f"no season folder with YAML files in {path}")
    names = ", ".join(p.name for p in seasons)
    raise KnowledgeNotFound(f"{path} holds several seasons ({names}): pass one of them")


# how a character may be referred to ("the guy" is no "she")
PRONOUNS = ("he", "she", "they")


def load_knowledge(path: Path) -> KnowledgeBase:
    """Load and validate a season folder (or a knowledge root with exactly one season)."""
    folder = find_season_dir(path)
    log = ProblemLog()
    merged = _read_files(folder, log)
    kb = _Builder(log, folder.name, merged).build()
    if log.problems or kb is None:
        raise KnowledgeInvalid(log.problems)
    return kb


# -- reading files ----------------------------------------------------------------------------

# Each top-level value remembers the file it came from (list items one by one).
Located = tuple[str, Any]


def _read_files(folder: Path, log: ProblemLog) -> dict[str, list[Located]]:
    merged: dict[str, list[Located]] = defaultdict(list)
    owner: dict[str, str] = {}
    for file in sorted(folder.glob("*.yaml")):
        name = file.name
        data = _read_yaml(file, log)
        if data is None:
            continue
        if not isinstance(data, dict):
            log.add(name, "", "the file must be a mapping of top-level keys")
            continue
        for key, value in data.items():
            if key in LIST_KEYS:
                if not isinstance(value, list):
                    log.add(name, str(key), "expected a list")
                    continue
                merged[key].extend((name, item) for item in value)
            elif key in MAP_KEYS:
                if key in owner:
                    log.add(name, str(key), f"already given in {owner[key]}")
                    continue
                owner[key] = name
                merged[key].append((name, value))
            else:
                known = ", ".join(MAP_KEYS + LIST_KEYS)
                log.add(name, excerpt(key), f"unknown top-level key (known: {known})")
    return merged


def _read_yaml(file: Path, log: ProblemLog) -> object:
    """A file's YAML, or None after logging why it cannot be used (too big, empty, an alias)."""
    name = file.name
    try:
        with file.open("rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            log.add(name, "", f"is larger than {MAX_FILE_BYTES // 1024} KiB: split it up")
            return None
        text = raw.decode("utf-8")
        alias = _first_alias(text)
        if alias is not None:
            log.add(name, "", alias)
            return None
        data = parsed_yaml(text)
    except yaml.YAMLError as exc:
        log.add(name, "", f"not valid YAML: {' '.join(str(exc).split())}")
        return None
    except UnicodeDecodeError as exc:
        log.add(name, "", f"cannot be read: not UTF-8 (byte {exc.start + 1})")
        return None
    except ValueError as exc:  # YAML that parses but cannot be built, e.g. date 2021-13-01
        log.add(name, "", f"holds a value YAML cannot read: {exc}")
        return None
    except OSError as exc:
        log.add(name, "", f"cannot be read: {exc}")
        return None
    if data is None:
        log.add(name, "", "is empty: give it some top-level keys, or delete the file")
    return data


def _first_alias(text: str) -> str | None:
    """Why the text is refused if it uses a YAML alias (`*name`), else None.

    Aliases let a few lines expand into billions of values ("billion laughs"); knowledge files
    have no need for them. Only text holding a `*` can hold an alias, so most files skip the scan.
    """
    if "*" not in text:
        return None
    for event in yaml.parse(text, Loader=_SAFE_LOADER):
        if isinstance(event, yaml.AliasEvent):
            line = event.start_mark.line + 1 if event.start_mark is not None else "?"
            return (
                f"line {line}: uses a YAML alias (*{excerpt(event.anchor)[1:-1]}): aliases are "
                "not allowed in knowledge files; write the value out"
            )
    return None


def _indexes_in_file(entries: list[Located]) -> list[int]:
    """For each entry, its index among the entries of the same file."""
    counts: dict[str, int] = defaultdict(int)
    out = []
    for file, _ in entries:
        out.append(counts[file])
        counts[file] += 1
    return out


# -- building the model -------------------------------------------------------------------------


class _Builder:
    def __init__(self, log: ProblemLog, folder_name: str, merged: dict[str, list[Located]]) -> None:
        self.log, self.folder_name, self.merged = log, folder_name, merged
        self.spoilers: list[SpoilerRef] = []
        self.list_index: dict[str, int] = defaultdict(int)
        # (file, path, names/ids) to resolve once everything is read
        self.person_names: list[tuple[str, str, str]] = []
        self.source_refs: list[tuple[str, str, str]] = []
        self.story_refs = StoryRefs()
        # Entries of a list key come from several files: a problem names the index in its file.
        self.local: dict[str, list[int]] = {
            key: _indexes_in_file(merged.get(key, [])) for key in LIST_KEYS
        }

    def where(self, key: str, index: int) -> tuple[str, str]:
        """The file and key path of entry `index` of the merged list `key`."""
        return self.merged[key][index][0], f"{key}[{self.local[key][index]}]"

    def fields(self, key: str, file: str, value: object, path: str) -> Fields:
        f = Fields(self.log, file, path, value)
        f.spoilers = self.spoilers
        return f

    def each(self, key: str) -> list[Fields]:
        out = []
        for index, (_, value) in enumerate(self.merged.get(key, [])):
            file, path = self.where(key, index)
            out.append(self.fields(key, file, value, path))
        return out

    def single(self, key: str, *, required: bool) -> Fields | None:
        entries = self.merged.get(key, [])
        if not entries:
            if required:
                self.log.add("(season folder)", key, "is required in one of the files")
            return None
        file, value = entries[0]
        return self.fields(key, file, value, key)

    # -- pieces ---------------------------------------------------------------------------------

    def sources_of(self, f: Fields, *, required: bool = True) -> tuple[str, ...]:
        ids = f.str_list("source", required=required)
        for sid in ids:
            self.source_refs.append((f.file, f.at("source"), sid))
        return ids

    def person_ref(self, f: Fields, key: str, name: str) -> None:
        self.person_names.append((f.file, f.at(key), name))

    def build(self) -> KnowledgeBase | None:
        sources = self.build_sources()
        season = self.build_season()
        episode_fields = self.each("episodes")
        episodes = [self.build_episode(f) for f in episode_fields]
        episode_places = {
            id(e): (f.file, f.path) for e, f in zip(episodes, episode_fields, strict=True)
        }
        people = [self.build_person(f) for f in self.each("people")]
        characters = [self.build_character(f) for f in self.each("characters")]
        sf = self.single("soundtrack", required=False)
        soundtrack = self.build_soundtrack(sf) if sf else None
        rf = self.single("reception", required=False)
        reception = self.build_reception(rf) if rf else None
        awards = [self.build_award(f) for f in self.each("awards")]
        facts = [self.build_fact(f) for f in self.each("facts")]
        story = (self.story_refs, self.spoilers, self.sources_of)
        events = [read_event(f, *story) for f in self.each("events")]
        relations = [read_relation(f, *story) for f in self.each("relations")]
        fates = [read_fate(f, *story) for f in self.each("fates")]
        gaps = [self.build_gap(f) for f in self.each("gaps")]
        if season is None:
            return None
        self.check_episodes(season, episodes, episode_places)
        episodes.sort(key=lambda e: e.number)
        self.check_references(sources, people, characters)
        self.check_aliases(people, characters)
        self.check_unique("facts", [(f.id, i) for i, f in enumerate(facts)])
        self.check_spoilers(season.episode_count)
        examples = self.build_examples({f.id for f in facts})
        event_examples = self.build_examples(
            {e.id for e in events}, key="event_examples", what="event"
        )
        self.story_refs.check(self.log, {c.id for c in characters}, season.episode_count)
        self.check_unique("events", [(e.id, i) for i, e in enumerate(events)], what="event id")
        self.check_unique("gaps", [(g.id, i) for i, g in enumerate(gaps)], what="gap id")
        return KnowledgeBase(
            season=season,
            sources=sources,
            episodes=tuple(episodes),
            people=tuple(people),
            characters=tuple(characters),
            soundtrack=soundtrack,
            reception=reception,
            awards=tuple(awards),
            facts=tuple(facts),
            examples=examples,
            event_examples=event_examples,
            events=tuple(sorted(events, key=lambda e: e.episode)),
            relations=tuple(relations),
            fates=tuple(fates),
            gaps=tuple(gaps),
        )

    def build_sources(self) -> dict[str, Source]:
        f = self.single("sources", required=True)
        out: dict[str, Source] = {}
        if f is None:
            return out
        for sid in list(f.data):
            sub = f.child(str(sid))
            out[str(sid)] = Source(str(sid), sub.string("file"), sub.string("title"))
            sub.finish()
        return out

    def build_season(self) -> Season | None:
        f = self.single("season", required=True)
        if f is None:
            return None
        season_id = f.string("id")
        if season_id and season_id != self.folder_name:
            f.problem(f"must equal the folder name {self.folder_name!r}", "id")
        renewal_text: tuple[Any, ...] = ()
        renewal_date = None
        if f.has("renewal"):
            r = f.child("renewal")
            renewal_text = r.rich("text", required=True)
            renewal_date = r.date("date", required=False)
            self.sources_of(r)
            r.finish()
        moved = None
        if f.has("moved"):
            m = f.child("moved")
            moved = Move(
                m.string("network"), m.date("since") or _EPOCH, m.date("left", required=False)
            )
            self.sources_of(m)
            m.finish()
        showrunner = f.string("showrunner")
        self.person_ref(f, "showrunner", showrunner)
        season = Season(
            id=season_id,
            show=f.string("show"),
            show_aliases=f.str_list("show_aliases"),
            number=f.integer("number", low=0),
            title=f.string("title"),
            aliases=f.str_list("aliases"),
            network=f.string("network"),
            release_date=f.date("release_date") or _EPOCH,
            episode_count=f.integer("episode_count", 1, low=1, high=100),
            first_overall_episode=f.integer("first_overall_episode", 1, low=1),
            showrunner=showrunner,
            production_companies=f.str_list("production_companies"),
            premise=f.rich("premise", required=True),
            renewal=renewal_text,
            renewal_date=renewal_date,
            color=f.opt_int("color", low=0, high=0xFFFFFF),
            sources=self.sources_of(f),
            moved=moved,
        )
        f.finish()
        return season

    def build_episode(self, f: Fields) -> Episode:
        writers = []
        for w in f.items("writers", required=True):
            name = w.string("name")
            self.person_ref(w, "name", name)
            credit = w.choice("credit", tuple(c.value for c in WriterCredit), "written")
            writers.append(Writer(name, WriterCredit(credit)))
            w.finish()
        directors = f.str_list("directors", required=True)
        for index, name in enumerate(directors):
            self.person_ref(f, f"directors[{index}]", name)
        cover = f.opt_str("cover_artist")
        if cover:
            self.person_ref(f, "cover_artist", cover)
        episode = Episode(
            number=f.integer("number", low=1),
            overall=f.integer("overall", low=1),
            title=f.string("title"),
            directors=directors,
            writers=tuple(writers),
            release_date=f.date("release_date") or _EPOCH,
            cover_artist=cover,
            synopsis=f.rich("synopsis", required=True),
            sources=self.sources_of(f),
        )
        f.finish()
        return episode

    def build_person(self, f: Fields) -> Person:
        person_id = f.string("id")
        if person_id and not _ID.match(person_id):
            f.problem("ids are lower-case words joined by dashes", "id")
        roles = f.str_list("roles")
        for role in roles:
            if role not in PERSON_ROLES:
                f.problem(
                    f"unknown role {excerpt(role)} (known: {', '.join(PERSON_ROLES)})", "roles"
                )
        person = Person(
            id=person_id,
            name=f.string("name"),
            aliases=f.str_list("aliases"),
            shared_aliases=f.str_list("shared_aliases"),
            roles=roles,
            known_for=f.str_list("known_for"),
            notes=f.rich("notes"),
            sources=self.sources_of(f),
        )
        f.finish()
        return person

    def build_character(self, f: Fields) -> Character:
        character_id = f.string("id")
        if character_id and not _ID.match(character_id):
            f.problem("ids are lower-case words joined by dashes", "id")
        safe_name = f.opt_str("safe_name")
        name_spoiler_from = f.opt_int("name_spoiler_from", low=1)
        if name_spoiler_from is not None:
            self.spoilers.append(SpoilerRef(f.file, f.at("name_spoiler_from"), name_spoiler_from))
            if not safe_name:
                f.problem(
                    "needs safe_name: what to call them before the reveal", "name_spoiler_from"
                )
        billing = f.choice("billing", tuple(b.value for b in Billing), "mentioned")
        character = Character(
            id=character_id,
            name=f.string("name"),
            safe_name=safe_name,
            name_spoiler_from=name_spoiler_from,
            aliases=f.str_list("aliases"),
            shared_aliases=f.str_list("shared_aliases"),
            played_by=f.str_list("played_by"),
            billing=Billing(billing),
            returning=f.boolean("returning"),
            description=f.rich("description", required=True),
            casting=f.rich("casting"),
            comics=f.rich("comics"),
            sources=self.sources_of(f),
            pronoun=f.choice("pronoun", PRONOUNS, "he") if "pronoun" in f.data else "",
        )
        f.finish()
        return character

    def build_soundtrack(self, f: Fields) -> Soundtrack:
        composer = f.string("composer")
        self.person_ref(f, "composer", composer)
        tracks = []
        for t in f.items("tracks", required=True):
            length = t.string("length")
            match = _LENGTH.match(length)
            if not match:
                t.problem(f"{excerpt(length)} is not a length like 3:27", "length")
            seconds = int(match[1]) * 60 + int(match[2]) if match else 0
            performers = t.str_list("performers")
            for index, name in enumerate(performers):
                self.person_ref(t, f"performers[{index}]", name)
            spoiler_from = t.opt_int("spoiler_from", low=1)
            if spoiler_from is not None:
                self.spoilers.append(SpoilerRef(t.file, t.at("spoiler_from"), spoiler_from))
            tracks.append(
                Track(
                    t.integer("number", low=1),
                    t.string("title"),
                    length,
                    seconds,
                    performers,
                    spoiler_from,
                )
            )
            t.finish()
        numbers = [(t.number, i) for i, t in enumerate(tracks)]
        self.check_unique("soundtrack.tracks", numbers, file=f.file, what="track number")
        soundtrack = Soundtrack(
            title=f.string("title"),
            composer=composer,
            labels=f.str_list("labels", required=True),
            release_date=f.date("release_date") or _EPOCH,
            format=f.string("format", required=False),
            notes=f.rich("notes"),
            tracks=tuple(sorted(tracks, key=lambda t: t.number)),
            sources=self.sources_of(f),
        )
        f.finish()
        return soundtrack

    def build_reception(self, f: Fields) -> Reception:
        aggregators = []
        for a in f.items("aggregators"):
            aggregators.append(
                Aggregator(
                    name=a.string("name"),
                    score=a.string("score"),
                    average=a.opt_str("average"),
                    count=a.opt_int("count", low=0),
                    consensus=a.rich("consensus"),
                    sources=self.sources_of(a),
                )
            )
            a.finish()
        reviews = []
        for r in f.items("reviews"):
            critic = r.opt_str("critic")
            if critic:
                self.person_ref(r, "critic", critic)
            reviews.append(
                Review(
                    critic=critic,
                    outlet=r.string("outlet"),
                    verdict=r.choice("verdict", ("positive", "mixed", "negative"), "mixed"),
                    rating=r.opt_str("rating"),
                    summary=r.rich("summary", required=True),
                    quote=r.opt_str("quote"),
                    sources=self.sources_of(r),
                )
            )
            r.finish()
        reception = Reception(f.rich("summary"), tuple(aggregators), tuple(reviews))
        f.finish()
        return reception

    def build_award(self, f: Fields) -> Award:
        nominee = f.string("nominee")
        self.person_ref(f, "nominee", nominee)
        award = Award(
            year=f.integer("year", low=1900, high=2100),
            award=f.string("award"),
            category=f.string("category"),
            nominee=nominee,
            result=f.choice("result", ("nominated", "won"), "nominated"),
            sources=self.sources_of(f),
        )
        f.finish()
        return award

    def build_fact(self, f: Fields) -> Fact:
        fact_id = f.string("id")
        if fact_id and not _ID.match(fact_id):
            f.problem("ids are lower-case words joined by dashes", "id")
        fact = Fact(
            id=fact_id,
            topic=f.choice("topic", FACT_TOPICS, "trivia"),
            title=f.string("title"),
            text=f.rich("text", required=True),
            asks=f.str_list("asks", required=True),
            keywords=f.str_list("keywords"),
            sources=self.sources_of(f),
        )
        if not fact.asks:
            f.problem("give at least one way a fan might ask", "asks")
        f.finish()
        return fact

    def build_gap(self, f: Fields) -> Gap:
        gap_id = f.string("id")
        if gap_id and not _ID.match(gap_id):
            f.problem("ids are lower-case words joined by dashes", "id")
        about = self.story_refs.character_list(f, "about")
        spoiler = f.opt_int("spoiler_from", low=1)
        if spoiler is not None:
            self.spoilers.append(SpoilerRef(f.file, f.at("spoiler_from"), spoiler))
        gap = Gap(
            id=gap_id,
            says=f.string("says"),
            asks=f.str_list("asks", required=True),
            about=about,
            spoiler_from=spoiler,
        )
        if not gap.asks:
            f.problem("give at least one way a fan might ask", "asks")
        f.finish()
        return gap

    def build_examples(
        self, ids: set[str], *, key: str = "examples", what: str = "fact"
    ) -> dict[str, tuple[str, ...]]:
        """`examples: {fact-id: [question, ...]}`: more ways fans ask for each fact (and
        `event_examples: {event-id: [...]}`: how fans ask about each story event)."""
        f = self.single(key, required=False)
        out: dict[str, tuple[str, ...]] = {}
        if f is None:
            return out
        if not isinstance(f.data, dict):
            f.problem(f"must map {what} ids to lists of questions")
            return out
        for name in list(f.data):
            known = str(name)
            if known not in ids:
                f.problem(f"no {what} has the id {known!r}", known)
            questions = f.str_list(known, required=True)
            out[known] = tuple(dict.fromkeys(q.strip() for q in questions if q.strip()))
        f.finish()
        return out

    # -- cross-references -------------------------------------------------------------------------

    def check_episodes(
        self, season: Season, episodes: list[Episode], places: dict[int, tuple[str, str]]
    ) -> None:
        first_file = self.merged["episodes"][0][0] if self.merged.get("episodes") else None
        numbers = [e.number for e in episodes]
        for n in range(1, season.episode_count + 1):
            if n not in numbers:
                self.log.add(first_file or "(season folder)", "episodes", f"episode {n} is missing")
        for episode in episodes:
            file = places[id(episode)][0]
            where = f"episodes[number={episode.number}]"
            if episode.number > season.episode_count:
                self.log.add(file, where, f"number is above episode_count {season.episode_count}")
            expected = season.first_overall_episode + episode.number - 1
            if episode.overall != expected:
                self.log.add(file, where + ".overall", f"is {episode.overall}, expected {expected}")
        self.check_unique(
            "episodes", [(n, i) for i, n in enumerate(numbers)], what="episode number"
        )

    def check_references(
        self, sources: dict[str, Source], people: list[Person], characters: list[Character]
    ) -> None:
        for file, path, sid in self.source_refs:
            if sid not in sources:
                self.log.add(
                    file, path, f"unknown source {excerpt(sid)} (known: {', '.join(sources)})"
                )
        names = {p.name.casefold() for p in people}
        for file, path, name in self.person_names:
            if name and name.casefold() not in names:
                self.log.add(file, path, f"no person named {excerpt(name)} in people")
        ids = {p.id for p in people}
        self.check_unique("people", [(p.id, i) for i, p in enumerate(people)], what="person id")
        self.check_unique(
            "characters", [(c.id, i) for i, c in enumerate(characters)], what="character id"
        )
        for index, character in enumerate(characters):
            for pid in character.played_by:
                if pid not in ids:
                    file, where = self.where("characters", index)
                    self.log.add(file, f"{where}.played_by", f"no person with id {excerpt(pid)}")

    def check_aliases(self, people: list[Person], characters: list[Character]) -> None:
        owners: dict[str, list[tuple[str, bool]]] = defaultdict(list)
        people_files = [file for file, _ in self.merged.get("people", [])]
        character_files = [file for file, _ in self.merged.get("characters", [])]
        entries: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = [
            (
                f"{people_files[i]}: person {p.id}",
                (p.name, *p.aliases, *p.shared_aliases),
                p.shared_aliases,
            )
            for i, p in enumerate(people)
        ] + [
            (
                f"{character_files[i]}: character {c.id}",
                (c.name, *c.aliases, *c.shared_aliases),
                c.shared_aliases,
            )
            for i, c in enumerate(characters)
        ]
        for owner, names, shared in entries:
            shared_folded = {s.casefold() for s in shared}
            for name in {n.casefold() for n in names}:
                owners[name].append((owner, name in shared_folded))
        for alias, users in sorted(owners.items()):
            if len(users) > 1 and not all(is_shared for _, is_shared in users):
                who = ", ".join(owner for owner, _ in users)
                self.log.add(
                    "(aliases)",
                    repr(alias),
                    f"used by {who}: list it in shared_aliases of each, or drop it",
                )

    def check_unique(
        self, key: str, values: list[tuple[Any, int]], *, file: str | None = None, what: str = "id"
    ) -> None:
        """Report repeated values; `values` pairs each with its index in the list `key` (merged
        across files unless `file` is given)."""
        seen: dict[Any, int] = {}
        for value, index in values:
            if value not in seen:
                seen[value] = index
                continue
            if file is None and key in self.local:
                where, path = self.where(key, index)
                first_file, first_path = self.where(key, seen[value])
                first = first_path if first_file == where else f"{first_file}: {first_path}"
            else:
                where, path, first = file or key, f"{key}[{index}]", f"{key}[{seen[value]}]"
            self.log.add(where, path, f"duplicate {what} {excerpt(value)} (first at {first})")

    def check_spoilers(self, episode_count: int) -> None:
        for ref in self.spoilers:
            if not 1 <= ref.episode <= episode_count:
                self.log.add(
                    ref.file,
                    ref.path,
                    f"spoiler_from {ref.episode} is not an episode (1..{episode_count})",
                )
