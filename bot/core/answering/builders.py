"""Building replies from the knowledge base: one function per kind of answer.

Titles, field names and footers are plain strings, so they only ever use spoiler-free names
(`Character.public_name`); anything that reveals plot goes into rich text with its episode.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from bot.core.answering.reply import Card, CardField, Reply, ReplyKind
from bot.core.knowledge.model import (
    Billing,
    Character,
    Episode,
    Fact,
    KnowledgeBase,
    Person,
    WriterCredit,
)
from bot.core.knowledge.richtext import RichText, Segment, join, plain, rich

__all__ = ["Answers", "human_date", "human_list", "protect"]


def human_date(day: dt.date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def human_list(items: Iterable[str], conjunction: str = "and") -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return f"{items[0]} {conjunction} {items[1]}"
    return ", ".join(items[:-1]) + f", {conjunction} " + items[-1]


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


def _leading_plain(text: RichText) -> RichText:
    """The spoiler-free start of a text, up to its first spoiler."""
    out = []
    for segment in text:
        if segment.spoiler_from is not None:
            break
        out.append(segment)
    while out and not out[-1].text.strip():
        out.pop()  # the joining space before the first spoiler
    return tuple(out)


def _seconds(total: int) -> str:
    return f"{total // 60}:{total % 60:02d}"


class Answers:
    """Reply builders over one knowledge base."""

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
        titles = self.kb.source_titles(ids)
        footer = self.season.title + (" · Source: " + "; ".join(titles) if titles else "")
        return Card(title, description, tuple(fields), footer, self.season.color)

    def reply(self, intent: str, *cards: Card, content: RichText = ()) -> Reply:
        return Reply(ReplyKind.ANSWER, intent, content, tuple(cards))

    def episode_label(self, episode: Episode) -> str:
        return f'Episode {episode.number}: "{episode.title}"'

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

    def season_overview(self, intent: str = "season.overview") -> Reply:
        s = self.season
        lines = [f"{i.number}. {i.title}" for i in self.kb.episodes]
        fields = [
            CardField("Released", plain(f"{human_date(s.release_date)} on {s.network}"), True),
            CardField("Episodes", plain(str(s.episode_count)), True),
            CardField("Showrunner", plain(s.showrunner), True),
            CardField("Episode list", plain("\n".join(lines))),
        ]
        if self.kb.reception and self.kb.reception.aggregators:
            scores = [f"{a.name}: {a.score}" for a in self.kb.reception.aggregators]
            fields.append(CardField("Reception", plain(", ".join(scores))))
        if s.renewal:
            fields.append(CardField("What came next", s.renewal))
        return self.reply(intent, self.card(s.title, s.premise, fields, s.sources))

    def season_fact(self, intent: str) -> Reply:
        s = self.season
        text: dict[str, str] = {
            "season.release": f"{s.title} was released on {s.network} on "
            f"{human_date(s.release_date)}, all {s.episode_count} episodes at once"
            if all(e.release_date == s.release_date for e in self.kb.episodes)
            else f"{s.title} premiered on {s.network} on {human_date(s.release_date)}",
            "season.network": f"{s.title} was released on {s.network}.",
            "season.episode_count": f"{s.title} has {s.episode_count} episodes (episodes "
            f"{s.first_overall_episode}-"
            f"{s.first_overall_episode + s.episode_count - 1} overall).",
            "season.showrunner": f"The showrunner of {s.title} is {s.showrunner}.",
            "season.companies": f"{s.title} was produced by {human_list(s.production_companies)}.",
        }
        if intent == "season.renewal":
            body = s.renewal or plain("My sources don't say whether there was another season.")
            return self.reply(intent, self.card("What came next", body, (), s.sources))
        sentence = text.get(intent, "")
        if not sentence.endswith("."):
            sentence += "."
        related = (
            [f for f in self.kb.facts if f.topic == "release"] if intent == "season.network" else []
        )
        extra = [CardField(f.title, f.text) for f in related[:3]]
        return self.reply(intent, self.card(s.title, plain(sentence), extra, s.sources))

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
            CardField("Written by", plain(self.writers_text(episode)), True),
            CardField("Released", plain(human_date(episode.release_date)), True),
        ]
        if episode.cover_artist:
            fields.append(CardField("Cover art", plain(episode.cover_artist), True))
        return fields

    def episode(self, episode: Episode, intent: str) -> Reply:
        title = self.episode_label(episode)
        lead = {
            "episode.director": f"{title} was directed by {human_list(episode.directors)}.",
            "episode.writer": f"{title}: {self.writers_text(episode)}.",
            "episode.credits": f"{title} was directed by {human_list(episode.directors)}; "
            f"{self.writers_text(episode)}.",
            "episode.title": f"Episode {episode.number} ({episode.overall} overall) is titled "
            f'"{episode.title}".',
            "episode.release": f"{title} was released on {human_date(episode.release_date)}.",
            "episode.cover": (
                f"The cover art for {title} is by {episode.cover_artist}."
                if episode.cover_artist
                else f"My sources don't name the cover artist of {title}."
            ),
        }.get(intent)
        if lead is None:  # episode.info, episode.plot: the synopsis is the answer
            return self.reply(
                intent,
                self.card(title, episode.synopsis, self.episode_fields(episode), episode.sources),
            )
        return self.reply(
            intent, self.card(title, plain(lead), self.episode_fields(episode), episode.sources)
        )

    def episode_list(self, intent: str = "episode.list") -> Reply:
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

    def cast_list(self, intent: str = "cast.list") -> Reply:
        fields = []
        labels = {
            Billing.MAIN: "Main cast",
            Billing.RECURRING: "Recurring",
            Billing.GUEST: "Guest stars",
        }
        for billing, label in labels.items():
            lines = [
                self.cast_line(c)
                for c in self.kb.characters
                if c.billing is billing and c.played_by
            ]
            if lines:
                fields.append(CardField(label, join(lines, sep="\n")))
        sources = tuple(
            s for c in self.kb.characters if c.billing is Billing.MAIN for s in c.sources
        )
        return self.reply(intent, self.card(f"{self.season.title}: cast", (), fields, sources))

    def character_actor(self, character: Character, intent: str = "character.actor") -> Reply:
        actors = self.actors_of(character)
        label = self.character_label(character)
        if not actors:
            body = join(
                [
                    self.character_name(character),
                    plain("- my sources don't name the actor who plays this character."),
                ]
            )
            return Reply(
                ReplyKind.UNKNOWN, intent, (), (self.card(label, body, (), character.sources),)
            )
        body = join(
            [
                plain(f"{human_list(p.name for p in actors)} plays"),
                self.character_name(character),
                plain(self._billing_note(character)),
            ]
        )
        # Only the spoiler-free introduction: the whole story is one /character away.
        intro = _leading_plain(character.description)
        fields = [CardField(f"About {label}", intro)] if intro else []
        return self.reply(intent, self.card(f"Who plays {label}", body, fields, character.sources))

    def _billing_note(self, character: Character) -> str:
        kind = {
            Billing.MAIN: "main cast",
            Billing.RECURRING: "recurring",
            Billing.GUEST: "guest role",
            Billing.MENTIONED: "mentioned",
        }[character.billing]
        if character.returning is True:
            return f"({kind}, returning)."
        if character.returning is False:
            return f"({kind}, new this season)."
        return f"({kind})."

    def character_info(self, character: Character, intent: str = "character.info") -> Reply:
        fields = []
        actors = self.actors_of(character)
        if actors:
            fields.append(CardField("Played by", plain(human_list(p.name for p in actors)), True))
        fields.append(CardField("Billing", plain(self._billing_note(character).strip("().")), True))
        if character.safe_name and character.name_spoiler_from:
            fields.append(CardField("Identity", self.character_name(character), True))
        if character.comics:
            fields.append(CardField("In the comics", character.comics))
        if character.casting:
            fields.append(CardField("Casting", character.casting))
        return self.reply(
            intent,
            self.card(
                self.character_label(character), character.description, fields, character.sources
            ),
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

    def person_role(self, person: Person, intent: str = "person.role") -> Reply:
        roles = self.kb.characters_played_by(person.id)
        if not roles:
            return self.person_info(person, intent)
        body = join(
            [
                join(
                    [
                        plain(f"{person.name} plays"),
                        self.character_name(c),
                        plain(self._billing_note(c)),
                    ]
                )
                for c in roles
            ],
            sep="\n",
        )
        fields = [
            CardField(f"About {self.character_label(c)}", c.description)
            for c in roles
            if c.description
        ][:3]
        return self.reply(intent, self.card(person.name, body, fields, person.sources))

    def person_info(self, person: Person, intent: str = "person.info") -> Reply:
        fields = []
        roles = self.kb.characters_played_by(person.id)
        if roles:
            fields.append(
                CardField("Plays", join([self.character_name(c) for c in roles], sep="\n"))
            )
        credits = self.credits_of(person)
        if credits:
            fields.append(CardField("Episodes", plain("\n".join(credits))))
        if person.known_for:
            fields.append(CardField("Also known for", plain(human_list(person.known_for))))
        if person.roles:
            fields.append(CardField("Role", plain(", ".join(person.roles)), True))
        body = person.notes or plain(f"{person.name} worked on {self.season.title}.")
        return self.reply(intent, self.card(person.name, body, fields, person.sources))

    def person_credits(self, person: Person, intent: str = "person.credits") -> Reply:
        credits = self.credits_of(person)
        if not credits:
            return self.person_info(person, intent)
        body = plain(f"{person.name}: " + "; ".join(credits) + ".")
        return self.reply(intent, self.card(person.name, body, (), person.sources))

    # -- music, reception, awards -----------------------------------------------------------------

    def soundtrack(self, intent: str = "soundtrack.album") -> Reply | None:
        st = self.kb.soundtrack
        if st is None:
            return None
        body = plain(
            f'"{st.title}", music by {st.composer}, released on {human_date(st.release_date)} '
            f"by {human_list(st.labels)}{f' ({st.format})' if st.format else ''}: "
            f"{len(st.tracks)} tracks, {_seconds(st.total_seconds)} in all."
        )
        tracks = [self.track_line(t.number) for t in st.tracks]
        fields = [CardField("Tracks", join(tracks, sep="\n"))]
        if st.notes:
            fields.append(CardField("Note", st.notes))
        return self.reply(intent, self.card("Soundtrack", body, fields, st.sources))

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

    def track(self, number: int, intent: str = "soundtrack.track") -> Reply | None:
        st = self.kb.soundtrack
        if st is None:
            return None
        track = next((t for t in st.tracks if t.number == number), None)
        if track is None:
            missing = f"The soundtrack's track list has no track {number}."
            body = join([plain(missing), st.notes])
            return self.reply(intent, self.card("Soundtrack", body, (), st.sources))
        body = join(
            [self.track_line(number), plain(f'From "{st.title}", composed by {st.composer}.')],
            sep="\n",
        )
        return self.reply(intent, self.card(f"Track {track.number}", body, (), st.sources))

    def reception_scores(self, intent: str = "reception.scores") -> Reply | None:
        rec = self.kb.reception
        if rec is None:
            return None
        fields = []
        for a in rec.aggregators:
            figures = [a.score]
            if a.average:
                figures.append(f"average {a.average}")
            if a.count:
                figures.append(f"{a.count} reviews")
            fields.append(CardField(a.name, join([plain(", ".join(figures) + "."), a.consensus])))
        sources = tuple(s for a in rec.aggregators for s in a.sources)
        return self.reply(intent, self.card("Reception", rec.summary, fields, sources))

    def review(self, outlet: str, intent: str = "reception.review") -> Reply | None:
        rec = self.kb.reception
        if rec is None:
            return None
        aggregator = next((a for a in rec.aggregators if a.name == outlet), None)
        if aggregator is not None:
            return self.reception_scores("reception.scores")
        matches = [r for r in rec.reviews if outlet in (r.outlet, r.critic)]
        if not matches:
            return None
        cards = []
        for r in matches[:3]:
            who = f"{r.critic} ({r.outlet})" if r.critic else r.outlet
            parts = [r.summary]
            if r.quote:
                parts.append(plain(f'In {r.critic or r.outlet}\'s words: "{r.quote}"'))
            fields = [CardField("Verdict", plain(r.verdict), True)]
            if r.rating:
                fields.append(CardField("Rating", plain(r.rating), True))
            cards.append(self.card(f"Review: {who}", join(parts), fields, r.sources))
        return self.reply(intent, *cards)

    def awards(self, intent: str = "awards") -> Reply:
        if not self.kb.awards:
            return self.reply(intent, self.card("Awards", plain("My sources list no awards."), ()))
        lines = [
            f"{a.year} {a.award}: {a.category} - {a.nominee} ({a.result})" for a in self.kb.awards
        ]
        sources = tuple(s for a in self.kb.awards for s in a.sources)
        return self.reply(intent, self.card("Awards", plain("\n".join(lines)), (), sources))

    # -- facts ------------------------------------------------------------------------------------

    def fact(self, fact: Fact) -> Reply:
        return self.reply(f"fact.{fact.topic}", self.card(fact.title, fact.text, (), fact.sources))

    # -- declines -------------------------------------------------------------------------------

    def sources_dont_say(self, intent: str, what: str = "") -> Reply:
        lead = f"My sources don't say {what}." if what else "My sources don't say."
        body = plain(
            lead + f" I only know what they report about {self.season.title}: episodes, "
            "cast, production, release, reception and music."
        )
        return Reply(
            ReplyKind.UNKNOWN,
            intent,
            (),
            (Card("Not in my sources", body, footer=self.season.title, color=self.season.color),),
        )
