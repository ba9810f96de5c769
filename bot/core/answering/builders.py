"""Building replies from the knowledge base: one function per kind of answer.

Titles, field names and footers are plain strings, so they only ever use spoiler-free names
(`Character.public_name`); anything that reveals plot goes into rich text with its episode.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from bot.core.answering.fit import asked_type, text_holds
from bot.core.answering.reply import Card, CardField, Reply, ReplyKind
from bot.core.knowledge.model import (
    Billing,
    Character,
    Episode,
    Fact,
    KnowledgeBase,
    Person,
    Season,
    WriterCredit,
)
from bot.core.knowledge.richtext import RichText, Segment, join, plain, rich, to_plain
from bot.core.understanding.text import (
    COMMON_ENGLISH,
    EVERYDAY_ENGLISH,
    NUMBER_WORDS,
    ORDINALS,
    STOPWORDS,
    normalize,
    stem,
    tokens,
)
from bot.core.understanding.vocabulary import vocabulary

__all__ = ["Answers", "best_first", "human_date", "human_list", "protect", "sentences"]

# How long the description of a reply to one question may grow past its lead (characters): a
# fan asking one thing reads the answer, not an article. The lead itself is never cut.
EVERYDAY_SHARE = 0.5  # what an everyday word shared with the question counts, against a rarer one
TYPED_LEAD = 2  # what a sentence holding the asked type (a date for "when") counts as shared words
FACT_BUDGET = 420  # a fact told whole unless it runs long: the asked sentence leads anyway
PLOT_BUDGET = 300
PLOT_BEATS = 3
# Words that ask for everything that happens, not for one moment of it.
_WHOLE_STORY = vocabulary().whole_story_words
# Words that name an episode rather than anything in it.
_EPISODE_WORDS = (
    "episode episodes ep eps season s2 finale premiere last second penultimate "
    + " ".join([*NUMBER_WORDS, *ORDINALS])
)
# Everyday words ("again", "forgot", "most") say nothing about which moment of a story is asked.
_EVERYDAY = frozenset(stem(w) for w in COMMON_ENGLISH)
# ...and in matching a sentence to a question, question vocabulary too ("end", "time")
_TELLS_LESS = frozenset(stem(w) for w in EVERYDAY_ENGLISH)
# Words that say how something is asked, not what about: they match every sentence alike.
_ASKING_WORDS = frozenset(
    "who whom whose what which when where why how tell know about happen happens happened "
    "please anyone does did can could would".split()
)
# A sentence ends at . ! ? or … (with any closing quote or bracket), before the next one starts.
_SENTENCE_BREAK = re.compile(r"[.!?…][\"'”’)\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")
_ENDS_SENTENCE = re.compile(r"[.!?…][\"'”’)\]]*\s*\Z")
_LETTER_GRADE = re.compile(r"[A-F][+-]?")
# A dot after these is no sentence end ("Dr. Smith", "J. R. Doe").
_ABBREVIATIONS = frozenset({"dr", "mr", "mrs", "ms", "st", "jr", "sr", "vs", "no", "vol", "ft"})


def human_date(day: dt.date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def human_list(items: Iterable[str], conjunction: str = "and") -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return f"{items[0]} {conjunction} {items[1]}"
    return ", ".join(items[:-1]) + f", {conjunction} " + items[-1]


def possessive(name: str) -> str:
    """ "Ann Lee's", "Bo Rivers'"."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def full_stop(sentence: str) -> str:
    """The sentence ended with one full stop, also after a name ending in "Jr."."""
    return sentence if sentence.endswith(".") else sentence + "."


def protect(reply: Reply, episode: int, title: str) -> Reply:
    """The whole reply as a spoiler revealed by `episode`: titles and field names move into the
    (spoiler-barred) description and give way to a neutral `title`."""
    cards = []
    for card in reply.cards:
        parts: list[RichText] = [rich(card.title, episode), _at_least(card.description, episode)]
        parts += [
            join([rich(f"{f.name}:", episode), _at_least(f.value, episode)]) for f in card.fields
        ]
        cards.append(Card(title, join(parts, sep="\n"), (), card.footer, card.color))
    return Reply(
        reply.kind,
        reply.intent,
        _at_least(reply.content, episode),
        tuple(cards),
        reply.suggestions,
        reply.sources,
    )


def _at_least(text: RichText, episode: int) -> RichText:
    """Every visible piece revealed no earlier than `episode`."""
    return tuple(
        Segment(seg.text, max(seg.spoiler_from or 0, episode), seg.user_text)
        if seg.text.strip()
        else seg
        for seg in text
    )


def _split_plain(text: str) -> list[str]:
    """A plain string cut after each sentence end (the pieces keep their text, spaces dropped)."""
    pieces, start = [], 0
    for found in _SENTENCE_BREAK.finditer(text):
        before = text[start : found.start()].rsplit(maxsplit=1)
        word = before[-1].strip("(\"'") if before else ""
        if word.casefold() in _ABBREVIATIONS or (len(word) == 1 and word.isupper()):
            continue
        pieces.append(text[start : found.end()].strip())
        start = found.end()
    pieces.append(text[start:])
    return pieces


def _trimmed(unit: list[Segment]) -> RichText:
    """A sentence without the spaces around it (what a user typed is kept as typed)."""
    while unit and not unit[0].text.strip():
        unit.pop(0)
    while unit and not unit[-1].text.strip():
        unit.pop()
    if unit and not unit[0].user_text:
        unit[0] = replace(unit[0], text=unit[0].text.lstrip())
    if unit and not unit[-1].user_text:
        unit[-1] = replace(unit[-1], text=unit[-1].text.rstrip())
    return tuple(unit)


def sentences(text: RichText, *, whole_reveals: bool = False) -> list[RichText]:
    """The sentences of a text. A spoiler segment is cut at its sentence ends like plain text,
    each piece keeping its spoiler episode, so a long reveal is no one unit that never fits;
    with `whole_reveals` (a synopsis, whose reveals are its beats) it is kept whole. A sentence
    may run on across segments. What a user wrote is never cut."""
    out: list[RichText] = []
    current: list[Segment] = []

    def close() -> None:
        unit = _trimmed(current[:])
        if unit:
            out.append(unit)
        current.clear()

    for segment in text:
        if segment.user_text or (whole_reveals and segment.spoiler_from is not None):
            current.append(segment)
        else:
            pieces = _split_plain(segment.text)
            for piece in pieces[:-1]:
                current.append(replace(segment, text=piece))
                close()
            current.append(replace(segment, text=pieces[-1]))
        if segment.text.strip() and _ENDS_SENTENCE.search(segment.text):
            close()
    close()
    return _attach_fragments(out)


def _attach_fragments(units: list[RichText]) -> list[RichText]:
    """A sentence of a word or two ("Yes.", "Not quite.") answers together with the next one."""
    out: list[RichText] = []
    for unit in units:
        if out and len(to_plain(out[-1]).split()) <= 2:
            out[-1] = join([out[-1], unit])
        else:
            out.append(unit)
    return out


_SOURCE_MATERIAL = vocabulary().source_material_words  # "in the comics"
# chat around a question ("so who is she actually"): no more asked than who someone is
_FILLER_KEYWORDS = frozenset(stem(word) for word in vocabulary().filler)


# asking who wrote a review: "who wrote ...", "which critic ...", "... reviewer's name"
_ASKS_THE_CRITIC = re.compile(
    r"^(?:who|whose)\b.*\b(?:wrote|write|writes|written|review|reviewed|critic|reviewer)\b"
    r"|\b(?:which|what) (?:critic|reviewer|writer|journalist)\b"
    r"|\b(?:critic|reviewer|writer)(?:s)? (?:name|called)\b"
)


def keywords(text: str) -> frozenset[str]:
    """The stemmed words of a text that say what it is about."""
    return frozenset(
        stem(word)
        for word in tokens(normalize(text))
        if word not in STOPWORDS and word not in _ASKING_WORDS
    )


def best_first(
    units: Sequence[RichText],
    question: str | None,
    *,
    budget: int | None = None,
    most: int | None = None,
    ignore: frozenset[str] = frozenset(),
) -> list[RichText]:
    """`units` (sentences, beats) with the one sharing most words with `question` first (ties
    to the earliest), then as many others as fit in `budget` characters and `most` units: first
    the others sharing words, then the rest, each group in its own order. Without a question:
    in order, as many as fit."""
    if not units:
        return []
    asked = keywords(question) - ignore if question else frozenset()
    # an everyday word shared ("end", "back") tells less than a rarer one ("forgive")
    scores = [
        sum(
            EVERYDAY_SHARE if word in _TELLS_LESS else 1
            for word in asked & keywords(to_plain(unit))
        )
        for unit in units
    ]
    kind = asked_type(question) if question else None
    if kind is not None:
        # "when was it announced": a sentence with a date answers it, whatever words it shares
        scores = [
            score + (TYPED_LEAD if text_holds(to_plain(unit), kind) else 0)
            for score, unit in zip(scores, units, strict=True)
        ]
    order = sorted(range(len(units)), key=lambda i: (-scores[i], i))
    lead, chosen = order[0], [order[0]]
    used = len(to_plain(units[lead]))
    for index in order[1:]:
        if most is not None and len(chosen) >= most:
            break
        size = len(to_plain(units[index])) + 1
        if budget is not None and used + size > budget:
            if scores[index] == 0:
                break  # later ones share no words either: keep the text in one stretch
            continue
        chosen.append(index)
        used += size
    rest = sorted(chosen[1:], key=lambda i: (scores[i] == 0, i))
    return [units[lead]] + [units[i] for i in rest]


def _asks_whole_story(question: str) -> bool:
    return bool(_WHOLE_STORY & set(tokens(normalize(question))))


def _capitalized(text: RichText) -> RichText:
    """The text with its first letter capital ("the keeper is played by" starts a sentence)."""
    if not text or not text[0].text:
        return text
    first = text[0]
    return (replace(first, text=first.text[0].upper() + first.text[1:]), *text[1:])


def _short_source(title: str) -> str:
    """A source title without its list of contents ("Encyclopedia article: episodes, cast")."""
    head, sep, _ = title.partition(": ")
    return head if sep and len(head) >= 10 else title


def _seconds(total: int) -> str:
    return f"{total // 60}:{total % 60:02d}"


class Answers:
    """Reply builders over one knowledge base.

    Every reply leads with the answer to what was asked, in a sentence or two; details follow.
    Builders that take a `question` put what best matches its words first and keep the reply short.
    """

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.season = kb.season

    # -- shared pieces ----------------------------------------------------------------------------

    def card(
        self,
        title: str,
        description: RichText = (),
        fields: Iterable[CardField] = (),
        sources: Iterable[str] = (),
    ) -> Card:
        ids = tuple(dict.fromkeys(sources)) or self.season.sources
        titles = tuple(dict.fromkeys(_short_source(t) for t in self.kb.source_titles(ids)))
        if titles:
            footer = ("Sources: " if len(titles) > 1 else "Source: ") + "; ".join(titles)
        else:
            footer = self.season.title
        return Card(title, description, tuple(fields), footer, self.season.color)

    def reply(self, intent: str, *cards: Card, content: RichText = ()) -> Reply:
        # A footer the card before already shows says nothing new: each source is named once.
        shown: set[str] = set()
        unique = []
        for card in cards:
            if card.footer in shown:
                card = replace(card, footer="")
            shown.add(card.footer)
            unique.append(card)
        return Reply(ReplyKind.ANSWER, intent, content, tuple(unique))

    def episode_label(self, episode: Episode) -> str:
        return f'Episode {episode.number}: "{episode.title}"'

    def episode_mention(self, episode: Episode) -> str:
        """How a sentence names an episode: 'Episode 3, "The Title",'."""
        return f'Episode {episode.number}, "{episode.title}",'

    def character_label(self, character: Character) -> str:
        return character.public_name

    def character_name(self, character: Character) -> RichText:
        """The character's name, the reveal of a secret identity marked as a spoiler."""
        if character.safe_name and character.name_spoiler_from:
            return join(
                [
                    plain(character.safe_name),
                    rich(f"({character.name})", character.name_spoiler_from),
                ]
            )
        return plain(character.name)

    def character_identity(self, character: Character) -> RichText:
        """Who someone known by another name really is: the name, and the tie to another
        character that is revealed with it ("(Ann Lee, Mara Quinn's mother)"), barred."""
        if not (character.safe_name and character.name_spoiler_from):
            return plain(character.name)
        revealed = next(
            (
                r
                for r in self.kb.relations
                if r.who == character.id and r.spoiler_from <= character.name_spoiler_from
            ),
            None,
        )
        of = self.kb.character(revealed.of) if revealed is not None else None
        tie = ""
        if revealed is not None and of is not None:
            tie = f", {possessive(of.name)} {revealed.label.replace('-', ' ')}"
        return join(
            [
                plain(character.safe_name),
                rich(f"({character.name}{tie})", character.name_spoiler_from),
            ]
        )

    def writers_text(self, episode: Episode) -> str:
        by_credit: dict[WriterCredit, list[str]] = {}
        for writer in episode.writers:
            by_credit.setdefault(writer.credit, []).append(writer.name)
        parts = []
        for credit in (WriterCredit.WRITTEN, WriterCredit.STORY, WriterCredit.TELEPLAY):
            names = by_credit.get(credit)
            if names:
                label = {"written": "written by", "story": "story by", "teleplay": "teleplay by"}[
                    credit.value
                ]
                parts.append(f"{label} {human_list(names)}")
        return "; ".join(parts)

    def actors_of(self, character: Character) -> list[Person]:
        return [p for pid in character.played_by if (p := self.kb.person(pid)) is not None]

    # -- season -----------------------------------------------------------------------------------

    def season_overview(self, intent: str = "") -> Reply:
        s = self.season
        lines = [f"{i.number}. {i.title}" for i in self.kb.episodes]
        fields = [
            CardField("Released", plain(f"{human_date(s.release_date)} on {s.network}"), True),
            CardField("Episodes", plain(str(s.episode_count)), True),
            CardField("Showrunner", plain(s.showrunner), True),
        ]
        # who leads it is part of what a season is: the main cast's actors, in billing order
        starring = [
            person.name
            for c in self.kb.characters
            if c.billing is Billing.MAIN
            for person_id in c.played_by
            if (person := self.kb.person(person_id)) is not None
        ]
        if starring:
            fields.append(CardField("Starring", plain(human_list(list(dict.fromkeys(starring))))))
        fields.append(CardField("Episode list", plain("\n".join(lines))))
        if self.kb.reception and self.kb.reception.aggregators:
            scores = [f"{a.name}: {a.score}" for a in self.kb.reception.aggregators]
            fields.append(CardField("Reception", plain(", ".join(scores))))
        if s.renewal:
            fields.append(CardField("What came next", s.renewal))
        return self.reply(intent, self.card(s.title, s.premise, fields, s.sources))

    def season_fact(self, aspect: str, intent: str = "") -> Reply:
        """One fact of the season: its release, network, episode_count, showrunner, companies
        or renewal (`aspect`), reported as `intent`."""
        s = self.season
        text: dict[str, str] = {
            "release": f"{s.title} was released on {s.network} on "
            f"{human_date(s.release_date)}, all {s.episode_count} episodes at once"
            if all(e.release_date == s.release_date for e in self.kb.episodes)
            else f"{s.title} premiered on {s.network} on {human_date(s.release_date)}",
            "network": f"{s.title} was released on {s.network}." + _moved(s),
            "episode_count": f"{s.title} has {s.episode_count} episodes (episodes "
            f"{s.first_overall_episode}-"
            f"{s.first_overall_episode + s.episode_count - 1} overall).",
            "showrunner": f"The showrunner of {s.title} is {s.showrunner}.",
            "companies": f"{s.title} was produced by {human_list(s.production_companies)}.",
        }
        if aspect == "renewal":
            body = s.renewal or plain("My sources don't say whether there was another season.")
            return self.reply(intent, self.card("What came next", body, (), s.sources))
        sentence = text.get(aspect, "")
        if not sentence.endswith("."):
            sentence += "."
        sources = s.sources
        if aspect == "network" and s.moved is not None:
            sources = tuple(dict.fromkeys((*sources, *s.moved.sources)))
        # The one fact asked: the release story is one "when did it come out" away.
        return self.reply(intent, self.card(s.title, plain(sentence), (), sources))

    # -- episodes ---------------------------------------------------------------------------------

    def episode_fields(self, episode: Episode) -> list[CardField]:
        fields = [
            CardField(
                "Episode",
                plain(
                    f"{episode.number} of {self.season.episode_count} ({episode.overall} overall)"
                ),
                True,
            ),
            CardField("Directed by", plain(human_list(episode.directors)), True),
            CardField(
                "Written by", plain(self.writers_text(episode).removeprefix("written by ")), True
            ),
            CardField("Released", plain(human_date(episode.release_date)), True),
        ]
        if episode.cover_artist:
            fields.append(CardField("Cover art", plain(episode.cover_artist), True))
        return fields

    def credit_lead(self, episode: Episode, aspect: str) -> str | None:
        """The sentence answering a question about an episode's credits, or None for its story."""
        mention = self.episode_mention(episode)
        directors = human_list(episode.directors)
        writers = self.writers_text(episode)
        only_written = all(w.credit is WriterCredit.WRITTEN for w in episode.writers)
        written = f"was {writers}" if only_written else f"has {writers.replace('; ', ' and ')}"
        credits = (
            f"was directed by {directors} and {writers}"
            if only_written
            else f"was directed by {directors}; {writers}"
        )
        lead = {
            "director": f"{mention} was directed by {directors}",
            "writer": f"{mention} {written}",
            "credits": f"{mention} {credits}",
            "title": f"Episode {episode.number} ({episode.overall} overall) is titled "
            f'"{episode.title}"',
            "release": f"{mention} was released on {human_date(episode.release_date)}",
            "cover": (
                f"The cover art for {mention} is by {episode.cover_artist}"
                if episode.cover_artist
                else f"My sources don't name the cover artist of {mention.rstrip(',')}"
            ),
        }.get(aspect)
        return full_stop(lead) if lead is not None else None

    def credit_fields(self, episode: Episode, aspect: str) -> list[CardField]:
        """The other credits, in brief: what the lead already says is not repeated."""
        said = {
            "director": {"Directed by"},
            "writer": {"Written by"},
            "credits": {"Directed by", "Written by"},
            "release": {"Released"},
            "cover": {"Cover art"},
        }.get(aspect, set())
        wanted = {"Directed by", "Written by", "Released"} - said
        return [f for f in self.episode_fields(episode) if f.name in wanted]

    def episode(
        self, episode: Episode, aspect: str, *, intent: str = "", question: str | None = None
    ) -> Reply:
        """An episode's credits (`aspect` director, writer, credits, title, release, cover), its
        story ("plot": with a `question`, the beats that best match it come first and only a few
        are told, all of them when the whole story is asked) or all of it ("info")."""
        title = self.episode_label(episode)
        lead = self.credit_lead(episode, aspect)
        if lead is not None:
            fields = self.credit_fields(episode, aspect)
            return self.reply(intent, self.card(title, plain(lead), fields, episode.sources))
        if aspect != "plot":  # info: its credits in a sentence, the synopsis, every credit
            credits = self.credit_lead(episode, "credits") or ""
            told = (
                join([plain(credits), episode.synopsis], sep="\n") if credits else episode.synopsis
            )
            return self.reply(
                intent,
                self.card(title, told, self.episode_fields(episode), episode.sources),
            )
        story = episode.synopsis
        # "what happens in episode 13" asks for the episode's story; "who dies in episode 13"
        # for the beats about a death
        about = (
            {
                w
                for w in keywords(question) - keywords(episode.title)
                if not w.isdigit() and w not in _EVERYDAY
            }
            - keywords(_EPISODE_WORDS)
            if question
            else None
        )
        if about and not _asks_whole_story(question or ""):
            beats = best_first(
                sentences(episode.synopsis, whole_reveals=True),
                question,
                budget=PLOT_BUDGET,
                most=PLOT_BEATS,
                ignore=keywords(episode.title),
            )
            story = join(beats)
        return self.reply(intent, self.card(title, story, (), episode.sources))

    def episode_list(self, intent: str = "") -> Reply:
        lines = [
            f"{e.number}. {e.title} ({e.overall} overall), directed by {human_list(e.directors)}"
            for e in self.kb.episodes
        ]
        return self.reply(
            intent,
            self.card(
                f"{self.season.title}: episodes", plain("\n".join(lines)), (), self.season.sources
            ),
        )

    # -- cast and characters ----------------------------------------------------------------------

    def cast_line(self, character: Character) -> RichText:
        actors = human_list(p.name for p in self.actors_of(character))
        return join([plain(f"{actors} as"), self.character_name(character)])

    def cast_list(self, intent: str = "") -> Reply:
        fields = []
        labels = {
            Billing.MAIN: "Main cast",
            Billing.RECURRING: "Recurring",
            Billing.GUEST: "Guest stars",
        }
        starring: RichText = ()
        for billing, label in labels.items():
            lines = [
                self.cast_line(c)
                for c in self.kb.characters
                if c.billing is billing and c.played_by
            ]
            if lines and billing is Billing.MAIN:
                # the main cast is the answer to "who's in it": the card's text, not a field
                starring = join([plain(f"{label}:"), join(lines, sep="\n")], sep="\n")
            elif lines:
                fields.append(CardField(label, join(lines, sep="\n")))
        sources = tuple(
            s for c in self.kb.characters if c.billing is Billing.MAIN for s in c.sources
        )
        return self.reply(
            intent, self.card(f"{self.season.title}: cast", starring, fields, sources)
        )

    def character_actor(self, character: Character, intent: str = "") -> Reply:
        actors = self.actors_of(character)
        label = self.character_label(character)
        name = _capitalized(self.character_name(character))
        if not actors:
            body = join(
                [name, plain("- my sources don't name the actor who plays this character.")]
            )
            return Reply(
                ReplyKind.UNKNOWN, intent, (), (self.card(label, body, (), character.sources),)
            )
        lead = join([name, plain(f"is played by {human_list(p.name for p in actors)}.")])
        # Who the character is, and their story, are one /character away.
        body = join([lead, plain(self._billing_sentence(character))])
        return self.reply(intent, self.card(label, body, (), character.sources))

    def _billing_kind(self, character: Character) -> str:
        return {
            Billing.MAIN: "main cast",
            Billing.RECURRING: "recurring",
            Billing.GUEST: "guest role",
            Billing.MENTIONED: "mentioned",
        }[character.billing]

    def _billing_note(self, character: Character) -> str:
        kind = self._billing_kind(character)
        if character.returning is True:
            return f"({kind}, returning)."
        if character.returning is False:
            return f"({kind}, new this season)."
        return f"({kind})."

    def _billing_sentence(self, character: Character) -> str:
        kind = self._billing_kind(character)
        kind = kind[0].upper() + kind[1:]
        if character.returning is True:
            return f"{kind}, returning."
        if character.returning is False:
            return f"{kind}, new this season."
        return f"{kind}."

    def character_info(
        self,
        character: Character,
        intent: str = "",
        *,
        question: str | None = None,
    ) -> Reply:
        """Who a character is: the spoiler-free one-line introduction first. With a `question`,
        the sentences that best match it lead instead (when any does) and the reply stays short."""
        fields = []
        actors = self.actors_of(character)
        if actors:
            fields.append(CardField("Played by", plain(human_list(p.name for p in actors)), True))
        description = character.description
        if question is None:
            billing = self._billing_note(character).strip("().")
            fields.append(CardField("Billing", plain(billing), True))
        if character.safe_name and character.name_spoiler_from:
            # who they really are is the answer to "who is ..." whatever else was asked (barred)
            fields.append(CardField("Identity", self.character_identity(character), True))
        if question is not None:
            names = " ".join([character.name, character.safe_name or "", *character.aliases])
            lead: list[RichText] = []
            if not keywords(question) - keywords(names) - _FILLER_KEYWORDS:
                # asked only who someone is: who they are, and who plays them, first
                played = human_list(p.name for p in actors)
                name = self.character_identity(character)
                lead = [join([name, plain(f"is played by {played}.")]) if played else name]
                fields = [f for f in fields if f.name not in ("Played by", "Identity")]
            told = best_first(
                sentences(character.description),
                question,
                budget=FACT_BUDGET,
                most=PLOT_BEATS,
                ignore=keywords(names),
            )
            if character.comics and _SOURCE_MATERIAL & set(normalize(question).split()):
                # asked about the comics: what they are there leads
                lead = [join(sentences(character.comics)[:PLOT_BEATS])]
                told = []
            description = join([*lead, join(told)], sep="\n")
        else:
            if character.comics:
                fields.append(CardField("In the comics", character.comics))
            if character.casting:
                fields.append(CardField("Casting", character.casting))
        return self.reply(
            intent,
            self.card(self.character_label(character), description, fields, character.sources),
        )

    # -- people -----------------------------------------------------------------------------------

    def credits_of(self, person: Person) -> list[str]:
        out = []
        for e in self.kb.episodes:
            jobs = []
            if person.name in e.directors:
                jobs.append("directed")
            jobs += [
                {"written": "wrote", "story": "story", "teleplay": "teleplay"}[w.credit.value]
                for w in e.writers
                if w.name == person.name
            ]
            if e.cover_artist == person.name:
                jobs.append("cover art")
            if jobs:
                out.append(f"{self.episode_label(e)} ({', '.join(jobs)})")
        return out

    def role_lines(self, person: Person) -> RichText:
        """'Ada Bright plays Mara Quinn (main cast, new this season).', one line per role."""
        return join(
            [
                join(
                    [
                        plain(f"{person.name} plays"),
                        self.character_name(c),
                        plain(self._billing_note(c)),
                    ]
                )
                for c in self.kb.characters_played_by(person.id)
            ],
            sep="\n",
        )

    def person_role(self, person: Person, intent: str = "") -> Reply:
        if not self.kb.characters_played_by(person.id):
            return self.person_info(person, intent)
        return self.reply(
            intent, self.card(person.name, self.role_lines(person), (), person.sources)
        )

    def person_lead(self, person: Person) -> RichText:
        """One line on who someone is: the parts they play, else what they did on the season."""
        if self.kb.characters_played_by(person.id):
            return self.role_lines(person)
        credits = self.credits_of(person)
        if credits:
            return plain(f"{person.name}'s credits {_count(credits)}: " + "; ".join(credits) + ".")
        reviewed = [
            r.outlet
            for r in (self.kb.reception.reviews if self.kb.reception else ())
            if r.critic == person.name
        ]
        if reviewed:
            # a critic is who they are by the review they wrote
            return plain(f"{person.name} reviewed {self.season.title} for {human_list(reviewed)}.")
        if person.roles:
            return plain(f"{person.name}: {human_list(person.roles)}.")
        return plain(f"{person.name} worked on {self.season.title}.")

    @staticmethod
    def asks_other_work(person: Person, question: str) -> bool:
        """Whether a question about someone asks what else they have been in ("where have i
        seen her before", "she was in <a title she is known for>, right?")."""
        said = f" {normalize(question)} "
        return bool(set(said.split()) & vocabulary().other_work_words) or any(
            f" {normalize(title)} " in said for title in person.known_for
        )

    def person_info(
        self, person: Person, intent: str = "", *, question: str | None = None
    ) -> Reply:
        """Who someone is; led by their other work when that is what a question asks ("what
        else has she been in", "is he the one from <a film>")."""
        fields = []
        lead = self.person_lead(person)
        asks_other_work = question is not None and self.asks_other_work(person, question)
        if asks_other_work and not person.known_for and self.kb.characters_played_by(person.id):
            return self.other_work_untold(person, intent)
        told_other_work = asks_other_work and bool(person.known_for)
        if told_other_work:
            known = plain(f"{person.name} is also known for {human_list(person.known_for)}.")
            lead = join([known, lead], sep="\n")
        credits = self.credits_of(person)
        if credits and self.kb.characters_played_by(person.id):
            fields.append(CardField("Episodes", plain("\n".join(credits))))
        if person.known_for and not told_other_work:
            fields.append(CardField("Also known for", plain(human_list(person.known_for))))
        if told_other_work and person.notes:
            # their other work was asked: the rest of who they are is more, not the answer
            fields.append(CardField("More", person.notes))
            body = lead
        else:
            body = join([lead, person.notes], sep="\n")
        return self.reply(intent, self.card(person.name, body, fields, person.sources))

    def other_work_untold(self, person: Person, intent: str = "") -> Reply:
        """An actor whose other work the sources do not name: that is said, then who they play
        here, so "what else has <he> been in" is neither answered with their part here alone
        nor declined without it."""
        said = plain(f"My sources don't say what else {person.name} has been in.")
        body = join([said, self.role_lines(person)], sep="\n")
        card = Card("Not in my sources", body, footer=self.season.title, color=self.season.color)
        return Reply(ReplyKind.UNKNOWN, intent, (), (card,))

    def person_credits(
        self, person: Person, intent: str = "", *, question: str | None = None
    ) -> Reply:
        credits = self.credits_of(person)
        if not credits and person.known_for and self.kb.characters_played_by(person.id):
            # an actor's other work, as far as the sources name it, then their part here
            known = plain(f"{person.name} is also known for {human_list(person.known_for)}.")
            body = join([known, self.person_lead(person)], sep="\n")
            return self.reply(intent, self.card(person.name, body, (), person.sources))
        if not credits:
            return self.person_info(person, intent, question=question)
        body = plain(f"{person.name}'s credits {_count(credits)}: " + "; ".join(credits) + ".")
        return self.reply(intent, self.card(person.name, body, (), person.sources))

    # -- music, reception, awards -----------------------------------------------------------------

    def soundtrack(self, intent: str = "", *, question: str | None = None) -> Reply | None:
        """The album, led by the tracks a question points at ("the last track", "the villain's
        tracks", "did <she> sing on it"), when it points at some."""
        st = self.kb.soundtrack
        if st is None:
            return None
        body = plain(
            f'"{st.title}", music by {st.composer}, released on {human_date(st.release_date)} '
            f"by {human_list(st.labels)}{f' ({st.format})' if st.format else ''}: "
            f"{len(st.tracks)} tracks, {_seconds(st.total_seconds)} in all."
        )
        picked = self._tracks_asked(question) if question else []
        if picked:
            body = join([join([self.track_line(n) for n in picked], sep="\n"), body], sep="\n")
        tracks = [self.track_line(t.number) for t in st.tracks]
        fields = [CardField("Tracks", join(tracks, sep="\n"))]
        if st.notes:
            fields.append(CardField("Note", st.notes))
        return self.reply(intent, self.card("Soundtrack", body, fields, st.sources))

    def _tracks_asked(self, question: str) -> list[int]:
        """The numbers of the tracks a question points at: by place in the list ("first",
        "last"), by the words of their titles, or by who performs them (at most three)."""
        st = self.kb.soundtrack
        if st is None or not st.tracks:
            return []
        words = normalize(question).split()
        vocab = vocabulary()
        if set(words) & vocab.list_last_words:
            return [st.tracks[-1].number]
        places = [ORDINALS[w] for w in words if w in ORDINALS]
        if set(words) & vocab.list_first_words:
            places.append(1)
        if places:
            at = places[0] - 1
            return [st.tracks[at].number] if 0 <= at < len(st.tracks) else []
        show = set(normalize(self.kb.season.show).split())  # "the <show> ost": no title word
        telling = {
            stem(w)
            for w in words
            if w not in STOPWORDS and w not in vocab.listing_words and w not in show
        } - {stem(w) for w in vocab.listing_words}
        picked = [
            t.number
            for t in st.tracks
            if telling & {stem(w) for w in normalize(" ".join((t.title, *t.performers))).split()}
        ]
        return picked[:3]

    def track_line(self, number: int) -> RichText:
        st = self.kb.soundtrack
        track = next((t for t in st.tracks if t.number == number), None) if st else None
        if track is None:
            return ()
        who = f"(performed by {human_list(track.performers)})" if track.performers else ""
        return join(
            [
                plain(f"{track.number}."),
                rich(f'"{track.title}"', track.spoiler_from),
                plain(f"{who} - {track.length}".strip()),
            ]
        )

    def track(self, number: int, intent: str = "") -> Reply | None:
        st = self.kb.soundtrack
        if st is None:
            return None
        track = next((t for t in st.tracks if t.number == number), None)
        if track is None:
            missing = f"The soundtrack's track list has no track {number}."
            body = join([plain(missing), st.notes])
            return self.reply(intent, self.card("Soundtrack", body, (), st.sources))
        lead = join(
            [
                plain(f"Track {track.number},"),
                rich(f'"{track.title}",', track.spoiler_from),
                plain(f"runs {track.length}."),
            ]
        )
        who = f"Performed by {human_list(track.performers)}. " if track.performers else ""
        album = plain(f'{who}From "{st.title}", composed by {st.composer}.')
        return self.reply(
            intent, self.card(f"Track {track.number}", join([lead, album]), (), st.sources)
        )

    def score_line(self) -> str:
        """Every aggregate score in one sentence."""
        rec = self.kb.reception
        parts = []
        for a in rec.aggregators if rec else ():
            details = [f"average {a.average}"] if a.average else []
            if a.count:
                details.append(f"{a.count} reviews")
            parts.append(f"{a.name}: {a.score}" + (f" ({', '.join(details)})" if details else ""))
        return "; ".join(parts) + "." if parts else ""

    def reception_scores(
        self, intent: str = "", *, question: str | None = None, aggregator: str | None = None
    ) -> Reply | None:
        """The aggregators' scores first; then what the reception summary and the aggregators'
        consensus say, the sentences that best match the `question` first (one aggregator's
        consensus first when the question names it: "the rotten tomatoes consensus")."""
        rec = self.kb.reception
        if rec is None:
            return None
        named = [a.consensus for a in rec.aggregators if a.name == aggregator]
        others = [a.consensus for a in rec.aggregators if a.name != aggregator]
        told = [s for text in (*named, rec.summary, *others) for s in sentences(text)]
        summary = best_first(told, question, budget=FACT_BUDGET // 2)
        body = join([plain(self.score_line()), *summary])
        sources = tuple(s for a in rec.aggregators for s in a.sources)
        return self.reply(intent, self.card("Reception", body, (), sources))

    def review(self, outlet: str, intent: str = "", *, question: str | None = None) -> Reply | None:
        """A critic's review: who, and their grade, first; then their words, kept short (with a
        `question`, the sentences of the summary that best match it first)."""
        rec = self.kb.reception
        if rec is None:
            return None
        aggregator = next((a for a in rec.aggregators if a.name == outlet), None)
        if aggregator is not None:
            return self.reception_scores(intent, question=question, aggregator=aggregator.name)
        matches = [r for r in rec.reviews if outlet in (r.outlet, r.critic)]
        asked = normalize(question) if question is not None else ""
        if _ASKS_THE_CRITIC.search(asked) and f" {normalize(outlet)} " in f" {asked} ":
            # "who wrote the <outlet> review": only a review whose critic the sources name (a
            # review found by its words, not its outlet, is told by its outlet)
            matches = [r for r in matches if r.critic]
        if not matches:
            return None
        cards = []
        for r in matches[:3]:
            who = f"{r.critic} ({r.outlet})" if r.critic else r.outlet
            if r.rating and _LETTER_GRADE.fullmatch(r.rating):
                lead = f"{who} graded it {r.rating}, a {r.verdict} review."
            elif r.rating:
                lead = f"{who} gave it {r.rating}, a {r.verdict} review."
            else:
                lead = f"{who} gave it a {r.verdict} review."
            parts = [plain(lead)]
            if r.quote:
                parts.append(plain(f'In {r.critic or r.outlet}\'s words: "{r.quote}".'))
            summary = best_first(sentences(r.summary), question, budget=FACT_BUDGET)
            parts.extend(summary)
            cards.append(self.card(f"Review: {r.outlet}", join(parts), (), r.sources))
        return self.reply(intent, *cards)

    def awards(self, intent: str = "") -> Reply:
        if not self.kb.awards:
            return self.reply(intent, self.card("Awards", plain("My sources list no awards."), ()))
        lines = [
            f"{a.year} {a.award}: {a.category} - {a.nominee} ({a.result})" for a in self.kb.awards
        ]
        sources = tuple(s for a in self.kb.awards for s in a.sources)
        return self.reply(intent, self.card("Awards", plain("\n".join(lines)), (), sources))

    # -- facts ------------------------------------------------------------------------------------

    def fact(self, fact: Fact, *, question: str | None = None) -> Reply:
        """A fact. With a `question`, the sentence that best matches it leads (ties: the first),
        followed by as much of the rest as fits a short reply; spoilers are never cut apart."""
        text = fact.text
        if question is not None:
            text = join(best_first(sentences(fact.text), question, budget=FACT_BUDGET))
        return self.reply(f"fact.{fact.topic}", self.card(fact.title, text, (), fact.sources))

    # -- declines -------------------------------------------------------------------------------

    def sources_dont_say(
        self, intent: str, what: str = "", *, revealed_from: int | None = None
    ) -> Reply:
        """ "My sources don't say <what>." `what` is behind a spoiler bar when it tells a twist
        (revealed by episode `revealed_from`)."""
        rest = (
            f" I only know what they report about {self.season.title}: episodes, "
            "cast, production, release, reception and music."
        )
        body: RichText
        if what:
            body = (
                Segment("My sources don't say "),
                Segment(what, revealed_from),
                Segment("." + rest),
            )
        else:
            body = plain("My sources don't say." + rest)
        return Reply(
            ReplyKind.UNKNOWN,
            intent,
            (),
            (Card("Not in my sources", body, footer=self.season.title, color=self.season.color),),
        )


def _count(credits: list[str]) -> str:
    """ "(2 episodes)": a list's length said outright answers "how many"."""
    return f"({len(credits)} episode{'s' if len(credits) > 1 else ''})"


def _moved(season: Season) -> str:
    """ " It left <network> on <day> and has streamed on <service> since <day>.": where to watch
    it now, for a season the sources say moved; "" for one that did not."""
    moved = season.moved
    if moved is None:
        return ""
    left = f" It left {season.network} on {human_date(moved.left)} and" if moved.left else " It"
    return f"{left} has streamed on {moved.network} since {human_date(moved.since)}."
