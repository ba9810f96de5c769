"""From a question to a reply: split, understand, decide, answer (or decline, or stay silent)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from rapidfuzz import fuzz, process

from bot.core.answering.builders import Answers, protect
from bot.core.answering.kinds import DECLINE_INTENTS, INTENTS
from bot.core.answering.reply import Card, Reply, ReplyKind
from bot.core.answering.types import Answer, Choice, Trigger
from bot.core.errors import CharacterNotFound, EpisodeNotFound
from bot.core.knowledge.model import Billing, Character, KnowledgeBase
from bot.core.knowledge.richtext import plain
from bot.core.understanding.entities import EntityIndex, Kind, find_episode_numbers
from bot.core.understanding.matcher import SUGGESTION_MIN, Matcher, Reading, Scored
from bot.core.understanding.text import QUESTION_CONCEPTS, STOPWORDS, normalize

__all__ = ["Answerer"]

ANSWER_FLOOR = 0.55  # below this, the bot says it is not sure instead of guessing
AUTO_FLOOR = 0.62  # overheard messages need a clearer match
CLARIFY_MARGIN = 0.03  # two readings this close are asked about
MAX_QUESTION = 400  # characters understood; the rest of a wall of text is ignored
MAX_PARTS = 4
MAX_READINGS = 4  # a "which one?" offers two; four readings are plenty to find them

_SPLIT = re.compile(
    r"[?;\n]+|\b(?:and also|also|plus|as well as)\b"
    r"|\band\s+(?=(?:who|what|when|where|which|how|whos|is|was|did|does)\b)"
    r"|,\s*(?=(?:and\s+)?(?:who|what|when|where|which|how|whos)\b)"
)
_ASKS_FOR_EPISODE = re.compile(
    r"\b(?:which|what|wich|wat)\s+(?:episode|episodes|ep|eps|one)\b|\bin which (?:episode|one)\b"
)
_TIES_TO_EARLIER = re.compile(
    r"\b(?:from|since|after|than|like|vs|versus|compared to)\s+(?:the )?s(?:eason)?\s?\d"
)
# A person or episode pointed at but not named: "who plays him", "that one episode".
_POINTS_AT_SOMEONE = re.compile(
    r"\b(?:he|him|his|she|her|hers)\b"
    r"|\b(?:that|this|the other)\s+(?:one\s+)?(?:episode|ep|guy|girl|woman|man|character|actor|actress|one)\b"
    r"|\b(?:which|what)\s+(?:episode|one)\s+(?:was|is)\s+(?:that|it|this)\b"
)
_MENTIONS_SOMEONE = re.compile(r"<@!?\d+>")
_ABOUT_RENEWAL = re.compile(
    r"\b(?:renew\w*|order\w*|announc\w*|confirm\w*|green ?l\w*|cancel\w*|pick\w* up)\b"
    r"|\b(?:is|was|will|would|did|does)\s+(?:there|it|they|netflix)\b(?!.*\b(?:when|where|who)\b)"
    r"|\b(?:get|got|getting)\s+(?:a|another)\b|\bexist"
)
_QUESTION_START = re.compile(
    r"^(?:who|whom|whose|what|whats|when|where|which|why|how|is|are|was|were|did|does|do|can|"
    r"could|will|would|has|have|had|tell|list|name|give|show|explain|describe|any|whos|wheres|"
    r"wat|wut|when's|who's|what's|which)\b"
)
_TO_OTHERS = re.compile(
    r"\b(?:anyone|any1|anybody|someone|somebody|y'?all|you guys|u guys|everyone|everybody|guys|"
    r"did you|have you|do you|are you|r u|did u|have u|do u|you think|u think|your favou?rite|"
    r"ur fav|should i|shall we|lets|let's|wanna|you watch|u watch|thoughts|opinions?|recommend|"
    r"chat|lol|lmao|omg)\b"
)
_ANYONE_KNOW = re.compile(
    r"\b(?:does |do )?(?:any ?one|anybody|any1|someone|somebody|you guys|u guys|y ?all)\s+"
    r"(?:know|knows|remember|remembers|recall)\b"
)
_LEADING_INTERJECTION = re.compile(r"^(?:(?:wait|hey|yo|ok|okay|so|um|uh|btw|hmm|oh|ah|also)\s+)+")
_OPINION = re.compile(
    r"\b(?:best|worst|favou?rite|fav|overrated|underrated|better|worse|love|hate|like|liked|"
    r"loved|hated|think|feel|cried|crying|scared|wild|insane|amazing|awesome|boring|sucks?|"
    r"good|bad|great)\b"
)


def _has_words(part: str) -> bool:
    """Whether a part of a question holds any word that could ask something."""
    return any(w not in STOPWORDS and not w.isdigit() for w in normalize(part).split())


def _secret(reading: Reading) -> int | None:
    """The episode that reveals a twist name this reading was reached through, if any."""
    secrets = [m.secret for m in reading.mentions if m.secret is not None]
    return max(secrets) if secrets else None


@dataclass(frozen=True, slots=True)
class _Decision:
    reply: Reply
    score: float
    # whether the question named something of this season, or used a word only it would use;
    # "what's up people" matches the cast list only through "people"
    specific: bool = True
    reading: Reading | None = None  # what the question was read as, for a following part


class Answerer:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.index = EntityIndex(kb)
        self.matcher = Matcher(kb, self.index, INTENTS)
        self.answers = Answers(kb)
        self._first_ask = {spec.name: spec.asks[0] for spec in INTENTS}
        self._facts = {f.id: f for f in kb.facts}
        self._public_names = {c.id: c.public_name for c in kb.characters}

    # -- free text --------------------------------------------------------------------------------

    def ask(self, question: str, trigger: Trigger = Trigger.ASK) -> Answer:
        text = question.strip()[:MAX_QUESTION]
        decision = self._decide(text)
        if trigger is Trigger.AUTO and not self._worth_answering_unasked(text, decision):
            return Answer(None, None)
        return Answer(decision.reply, decision.reply.intent)

    def _decide(self, text: str) -> _Decision:
        # "...? lol" or "...? 2": a part with no words of its own is no second question
        parts = [p.strip() for p in _SPLIT.split(text) if p and _has_words(p)]
        if len(parts) < 2:
            return self._decide_one(text, context=None)
        decisions: list[_Decision] = []
        context: Reading | None = None
        for part in parts[:MAX_PARTS]:
            decision = self._decide_one(part, context=context)
            context = decision.reading or context
            if decision.reply.answered:
                decisions.append(decision)
        distinct = {self._reply_key(d.reply) for d in decisions}
        if len(decisions) >= 2 and len(distinct) >= 2:
            return self._combine(decisions)
        return self._decide_one(text, context=None)

    def _reply_key(self, reply: Reply) -> tuple[str | None, tuple[str, ...]]:
        return reply.intent, tuple(c.title for c in reply.cards)

    def _combine(self, decisions: list[_Decision]) -> _Decision:
        seen: set[tuple[str | None, tuple[str, ...]]] = set()
        cards: list[Card] = []
        intents: list[str] = []
        for d in decisions:
            key = self._reply_key(d.reply)
            if key in seen:
                continue
            seen.add(key)
            cards.extend(d.reply.cards)
            intents.append(d.reply.intent or "")
        reply = Reply(ReplyKind.ANSWER, "+".join(intents), (), tuple(cards[:10]))
        return _Decision(reply, min(d.score for d in decisions))

    def _decide_one(self, text: str, context: Reading | None) -> _Decision:
        readings = self.matcher.read(text, readings=MAX_READINGS)
        if context is not None:
            readings = [self._with_context(r, context) for r in readings]
        return replace(self._choose(text, readings), reading=readings[0])

    def _choose(self, text: str, readings: list[Reading]) -> _Decision:
        ranked = self.matcher.rank(readings)
        first = readings[0]
        normal_is_fact = bool(ranked) and ranked[0].doc.kind == "fact"
        if normal_is_fact and not first.episodes and _ASKS_FOR_EPISODE.search(normalize(text)):
            # "which episode does X happen in": answer with the episode, if one clearly fits
            found = self.matcher.episode_by_events(first)
            if found is not None:
                doc, _coverage = found
                ranked = [Scored(doc, max(ANSWER_FLOOR, ranked[0].score), first), *ranked]
        best = ranked[0] if ranked else None
        if first.other_season is not None and first.other_season > self.kb.season.number:
            # The next season: whether it was ordered may be known; anything else is not.
            next_one = first.other_season == self.kb.season.number + 1
            if next_one and _ABOUT_RENEWAL.search(normalize(text)):
                return _Decision(self.answers.season_fact("season.renewal"), 1.0)
            return self._decline(
                "unknown.sources",
                f"anything about season {first.other_season}: I cover {self.kb.season.title} only",
                first,
                ranked,
            )
        earlier = first.other_season is not None and first.other_season < self.kb.season.number
        covered = bool(best and f"season{first.other_season}" in best.doc.all_terms)
        if earlier and not covered and not self._about_this_season(text, first):
            return self._decline(
                "unknown.sources",
                f"anything about season {first.other_season} itself: I cover "
                f"{self.kb.season.title} only",
                first,
                ranked,
            )
        if first.bad_episode and not first.episodes:
            count = self.kb.season.episode_count
            what = (
                f"about that episode: {self.kb.season.title} has {count} episodes, numbered "
                f"1-{count} ({self.kb.season.first_overall_episode}-"
                f"{self.kb.season.first_overall_episode + count - 1} overall)"
            )
            return self._decline("unknown.sources", what, first, ranked)
        if best is None or best.score < ANSWER_FLOOR:
            return self._not_sure(first, ranked)
        if self._no_subject(text, first):
            return self._ask_back(first, ranked)
        best = self._prefer_structured(best, ranked)
        rival = self._rival(best, ranked)
        if rival is not None:
            return self._clarify(best, rival)
        # The best reading may not be buildable (a "review" by someone who wrote none):
        # the next confident one is answered instead.
        for candidate in [best, *(s for s in ranked if s is not best)]:
            if candidate.score < ANSWER_FLOOR:
                break
            reply = self._build(candidate)
            if reply is not None:
                return _Decision(reply, candidate.score, self._names_something(candidate))
        return self._not_sure(first, ranked)

    @staticmethod
    def _about_this_season(text: str, reading: Reading) -> bool:
        """Whether a question naming an earlier season is still about this one: who came back
        from it, or who played someone in it."""
        lowered = normalize(text)
        return bool(
            "return" in reading.concepts
            or _TIES_TO_EARLIER.search(lowered)
            or (
                "play" in reading.concepts
                and re.search(r"\bin (?:the )?(?:season|s)\s?\d", lowered)
            )
        )

    def _names_something(self, scored: Scored) -> bool:
        reading = scored.reading
        if reading.mentions or reading.episodes:
            return True
        generic = QUESTION_CONCEPTS | {"season", "about"} | self.matcher.common_concepts
        distinctive = [c for c in reading.concepts if c not in generic and c not in reading.unknown]
        return bool(distinctive)

    def _prefer_structured(self, best: Scored, ranked: list[Scored]) -> Scored:
        """Between a fact and an intent of the same topic scoring the same, take the intent: its
        answer is built from structured data (the whole track, not a sentence about it)."""
        if best.doc.kind != "fact":
            return best
        for other in ranked[1:]:
            if other.score < best.score - 1e-6:
                break
            if (
                other.doc.kind == "intent"
                and self._family(other) == self._family(best)
                and other.doc.name not in DECLINE_INTENTS
            ):
                return other
        return best

    def _with_context(self, reading: Reading, context: Reading) -> Reading:
        """'...and who wrote it': a part naming nothing borrows what the previous part named.

        Only a part that asks something of its own borrows: "? lol" or "? 2" after a question
        is not a second question about the same thing."""
        if reading.mentions or reading.episodes or not (context.mentions or context.episodes):
            return reading
        if not reading.concepts - set(reading.unknown):
            return reading
        return Reading(
            reading.text,
            reading.concepts,
            reading.slots | context.slots,
            reading.specific | context.specific,
            context.mentions,
            context.episodes,
            reading.bad_episode,
            reading.other_season,
            reading.unknown,
            reading.weight,
        )

    def _rival(self, best: Scored, ranked: list[Scored]) -> Scored | None:
        """A close second reading that would give a different answer."""
        for other in ranked[1:]:
            if other.score < best.score - CLARIFY_MARGIN:
                return None
            if other.reading is best.reading:
                continue  # same reading, another document: the best document wins
            one_is_fact = (other.doc.kind == "fact") != (best.doc.kind == "fact")
            if one_is_fact and self._family(other) == self._family(best):
                continue  # a fact and an intent on the same topic: no real ambiguity
            mine, theirs = self._target(best), self._target(other)
            # Different subjects, neither within the other ("which of the two sisters?"). One answer
            # merely mentioning one more name than the other is no ambiguity.
            if (mine or theirs) and not (mine <= theirs or theirs <= mine):
                return other
        return None

    @staticmethod
    def _family(scored: Scored) -> str:
        """The topic a document answers on: "soundtrack" for soundtrack.track and its facts."""
        name = scored.doc.intent.removeprefix("fact.")
        family = name.split(".")[0]
        return {"character": "cast", "person": "cast"}.get(family, family)

    def _target(self, scored: Scored) -> frozenset[str]:
        """What an answer is about: the names and episodes its document actually uses. Two
        readings about the same thing ("the show" or "its title character", while the answer is
        about an actor) need no "which one?"."""
        doc, reading = scored.doc, scored.reading
        if doc.kind == "intent":
            used_kinds = {slot.strip("{}") for ask in doc.asks for slot in ask.slots}
            return frozenset(t for t in reading.specific if t[1:].split(":")[0] in used_kinds)
        return frozenset(reading.specific & doc.all_terms)

    # -- building -------------------------------------------------------------------------------

    def _build(self, scored: Scored) -> Reply | None:
        doc, reading = scored.doc, scored.reading
        key = doc.name.partition(":")[2]
        if doc.kind == "fact":
            reply: Reply | None = self.answers.fact(self._facts[doc.name])
        elif doc.kind == "episode":
            episode = self.kb.episode(int(key))
            reply = self.answers.episode(episode, "episode.plot") if episode else None
        elif doc.kind == "character":
            character = self.kb.character(key)
            asks_actor = "play" in reading.concepts
            builder = self.answers.character_actor if asks_actor else self.answers.character_info
            reply = builder(character) if character else None
        elif doc.kind == "review":
            reply = self.answers.review(key)
        elif doc.name in DECLINE_INTENTS:
            return self._decline(doc.name, "", reading, []).reply
        else:
            reply = self._build_intent(doc.name, reading)
        secret = _secret(reading)
        if reply is not None and secret is not None:
            # Asked through a name that is itself the twist: linking anything to it spoils.
            reply = protect(reply, secret, "Answer hidden: spoiler")
        return reply

    def _build_intent(self, intent: str, reading: Reading) -> Reply | None:
        a = self.answers
        episode = self.kb.episode(reading.episodes[0]) if reading.episodes else None
        if episode is None and (key := reading.entity(Kind.EPISODE)):
            episode = self.kb.episode(int(key))
        character = self.kb.character(reading.entity(Kind.CHARACTER) or "")
        person = self.kb.person(reading.entity(Kind.PERSON) or "")
        if intent.startswith("episode.") and intent != "episode.list":
            if episode is None:
                return None
            if len(reading.episodes) > 1:
                eps = [e for n in reading.episodes if (e := self.kb.episode(n)) is not None]
                replies = [a.episode(e, intent) for e in eps]
                return Reply(
                    ReplyKind.ANSWER, intent, (), tuple(c for r in replies for c in r.cards)[:10]
                )
            return a.episode(episode, intent)
        if intent in ("character.actor", "character.info"):
            if character is None:
                return None
            return (a.character_actor if intent == "character.actor" else a.character_info)(
                character
            )
        if intent.startswith("person."):
            if person is None:
                return None
            builder = {"person.role": a.person_role, "person.credits": a.person_credits}
            return builder.get(intent, a.person_info)(person)
        if intent == "soundtrack.track":
            key = reading.entity(Kind.TRACK)
            return a.track(int(key)) if key else None
        if intent == "reception.review":
            key = reading.entity(Kind.OUTLET) or (person.name if person else None)
            return a.review(key) if key else None
        simple = {
            "season.overview": a.season_overview,
            "episode.list": a.episode_list,
            "cast.list": a.cast_list,
            "soundtrack.album": a.soundtrack,
            "reception.scores": a.reception_scores,
            "awards": a.awards,
        }
        if intent in simple:
            return simple[intent]()
        if intent.startswith("season."):
            return a.season_fact(intent)
        return None

    # -- declining ----------------------------------------------------------------------------------

    def _decline(self, intent: str, what: str, reading: Reading, ranked: list[Scored]) -> _Decision:
        if not what:
            what = {
                "episode.runtime": "how long the episodes run",
                "person.personal": "personal details such as birthdays, ages or salaries",
                "opinion": "which is better or best: I stick to what my sources report, and critics' "
                "views are there if you ask how the season was received",
            }.get(intent, "")
        reply = self.answers.sources_dont_say(intent, what)
        return _Decision(
            Reply(
                reply.kind,
                intent,
                reply.content,
                reply.cards,
                self._suggestions(ranked, exclude=intent),
            ),
            0.0,
        )

    def _no_subject(self, text: str, reading: Reading) -> bool:
        """'who plays him?', 'which ep was that again', 'how long is it': the question points
        at something it never names (a part after another borrows that one's subject first)."""
        if reading.mentions or reading.episodes:
            return False
        lowered = normalize(text)
        if _POINTS_AT_SOMEONE.search(lowered):
            return True
        # naming the season or show ("who's in season 2") is naming a subject; "wait" is not
        return not (reading.concepts - QUESTION_CONCEPTS - self.matcher.common_concepts) and (
            not reading.slots
        )

    def _ask_back(self, reading: Reading, ranked: list[Scored]) -> _Decision:
        body = (
            "Who or which one do you mean? Ask again with a name, an episode number or a title, "
            'for example "who directed episode 3".'
        )
        card = Card(
            "Which one?", plain(body), footer=self.kb.season.title, color=self.kb.season.color
        )
        return _Decision(Reply(ReplyKind.CLARIFY, "clarify", (), (card,)), 0.0)

    def _not_sure(self, reading: Reading, ranked: list[Scored]) -> _Decision:
        if not reading.on_topic and not self._domain_words(reading):
            return self._off_topic()
        suggestions = self._suggestions(ranked)
        body = (
            "I'm not sure what you're asking, and I'd rather not guess. "
            f"I can answer questions about {self.kb.season.title}: episodes, cast and "
            "characters, production, release, reception and the soundtrack."
        )
        if suggestions:
            body += " Did you mean one of these?"
        card = Card(
            "Not sure", plain(body), footer=self.kb.season.title, color=self.kb.season.color
        )
        return _Decision(Reply(ReplyKind.UNKNOWN, "unknown", (), (card,), suggestions), 0.0)

    def _domain_words(self, reading: Reading) -> bool:
        known = reading.concepts - set(reading.unknown)
        return bool(known - QUESTION_CONCEPTS - {"season", "about"})

    def _off_topic(self) -> _Decision:
        body = (
            f"I'm a bot for questions about {self.kb.season.title}: episodes, cast and "
            'characters, production, release, reception and music. Try "who plays '
            'the lead?" or "what happens in episode 1?"'
        )
        card = Card(
            "What I can help with",
            plain(body),
            footer=self.kb.season.title,
            color=self.kb.season.color,
        )
        return _Decision(Reply(ReplyKind.OFF_TOPIC, "off_topic", (), (card,)), 0.0)

    def _clarify(self, best: Scored, rival: Scored) -> _Decision:
        options = [self._question_for(best), self._question_for(rival)]
        options = [o for o in dict.fromkeys(options) if o]
        body = "I can read that two ways. Which one did you mean?"
        card = Card(
            "Which one?", plain(body), footer=self.kb.season.title, color=self.kb.season.color
        )
        return _Decision(Reply(ReplyKind.CLARIFY, "clarify", (), (card,), tuple(options)), 0.0)

    def _suggestions(self, ranked: list[Scored], exclude: str = "") -> tuple[str, ...]:
        out: list[str] = []
        for scored in ranked:
            if (
                scored.score < SUGGESTION_MIN
                or scored.doc.name in DECLINE_INTENTS
                or scored.doc.name == exclude
            ):
                continue
            question = self._question_for(scored)
            if question and question not in out:
                out.append(question)
            if len(out) == 3:
                break
        return tuple(out)

    def _question_for(self, scored: Scored) -> str:
        """A spoiler-free question that asks for this reading, for a suggestion button."""
        doc, reading = scored.doc, scored.reading
        if _secret(reading) is not None:
            return ""  # no label can name this reading without naming the twist
        if doc.kind == "fact":
            return self._facts[doc.name].title
        template = self._first_ask.get(doc.name, "")
        for kind in Kind:
            placeholder = "{" + kind.value + "}"
            if placeholder in template:
                name = self._name_of(kind, reading)
                if name is None:
                    return ""
                template = template.replace(placeholder, name)
        question = template[:1].upper() + template[1:]
        return question if question.endswith("?") else question + "?"

    def _name_of(self, kind: Kind, reading: Reading) -> str | None:
        if kind is Kind.EPISODE:
            if reading.episodes:
                return f"episode {reading.episodes[0]}"
            key = reading.entity(Kind.EPISODE)
            return f"episode {key}" if key else None
        key = reading.entity(kind)
        if key is None:
            return None
        if kind is Kind.CHARACTER:
            return self._public_names.get(key)
        if kind is Kind.PERSON:
            person = self.kb.person(key)
            return person.name if person else None
        if kind is Kind.TRACK:
            return f"track {key}"
        return key

    # -- overheard messages --------------------------------------------------------------------------

    def _worth_answering_unasked(self, text: str, decision: _Decision) -> bool:
        if not decision.reply.answered or decision.score < AUTO_FLOOR or not decision.specific:
            return False
        if _MENTIONS_SOMEONE.search(text):
            return False  # "@sam who directed episode 2?" is asked of Sam, not of the bot
        lowered = _LEADING_INTERJECTION.sub("", normalize(text))
        looks_like_question = text.rstrip().endswith("?") or bool(_QUESTION_START.match(lowered))
        if not looks_like_question:
            return False
        # "does anyone know who directed the finale?" asks the channel for a fact: fair game
        asking_for_a_fact = bool(_ANYONE_KNOW.search(lowered))
        lowered = _ANYONE_KNOW.sub(" ", lowered)
        if _OPINION.search(lowered):
            return False
        return asking_for_a_fact or not _TO_OTHERS.search(lowered)

    # -- slash-command look-ups ----------------------------------------------------------------------

    def episode_reply(self, query: str) -> Reply:
        number = self._episode_number(query)
        episode = self.kb.episode(number) if number else None
        if episode is None:
            raise EpisodeNotFound(f"no episode matches {query!r}")
        return self.answers.episode(episode, "episode.info")

    def _episode_number(self, query: str) -> int | None:
        text = normalize(query)
        if text.isdigit():
            n = int(text)
            return n if self.kb.episode(n) else None
        season = self.kb.season
        refs = find_episode_numbers(
            text, season.episode_count, season.first_overall_episode, season.number
        )
        if refs:
            return refs[0].number
        titles = {normalize(e.short_title): e.number for e in self.kb.episodes}
        titles.update({normalize(e.title): e.number for e in self.kb.episodes})
        best = process.extractOne(text, list(titles), scorer=fuzz.WRatio, score_cutoff=80.0)
        return titles[best[0]] if best else None

    def character_reply(self, query: str) -> Reply:
        character = self._character(query)
        if character is None:
            raise CharacterNotFound(f"no character matches {query!r}")
        return self.answers.character_info(character)

    def _character(self, query: str) -> Character | None:
        found = self.kb.character(query.strip())
        if found:
            return found
        text = normalize(query)
        mentions = [m for m in self.index.find(text.split()) if m.kind is Kind.CHARACTER]
        if mentions:
            return self.kb.character(mentions[0].key)
        names = {normalize(c.public_name): c.id for c in self.kb.characters}
        best = process.extractOne(text, list(names), scorer=fuzz.WRatio, score_cutoff=80.0)
        return self.kb.character(names[best[0]]) if best else None

    def cast_reply(self) -> Reply:
        return self.answers.cast_list()

    def season_reply(self) -> Reply:
        return self.answers.season_overview()

    def help_reply(self) -> Reply:
        s = self.kb.season
        body = plain(
            f'Ask me anything about {s.title}: episodes ("who directed episode 3", "what '
            'happens in the finale"), cast and characters ("who plays the lead"), production, '
            "release, reception, music and trivia. Plot reveals are hidden behind spoiler bars "
            "unless you tell me how far you have watched."
        )
        card = Card(f"{s.title} bot", body, footer=s.title, color=s.color)
        return Reply(ReplyKind.NOTICE, "help", (), (card,))

    # -- autocomplete -----------------------------------------------------------------------------

    def episode_choices(self, current: str, limit: int = 25) -> list[Choice]:
        limit = max(0, min(limit, 25))
        choices = [Choice(f"{e.number}. {e.title}"[:100], str(e.number)) for e in self.kb.episodes]
        text = normalize(current)
        if not text:
            return choices[:limit]
        number = self._episode_number(current) if any(ch.isdigit() for ch in text) else None
        scored = []
        for choice, episode in zip(choices, self.kb.episodes, strict=True):
            if number == episode.number or text == str(episode.number):
                scored.append((200.0, choice))
                continue
            score = fuzz.partial_ratio(text, normalize(episode.title), score_cutoff=60.0)
            if score:
                scored.append((score, choice))
        scored.sort(key=lambda pair: -pair[0])
        return [choice for _, choice in scored[:limit]]

    def character_choices(self, current: str, limit: int = 25) -> list[Choice]:
        limit = max(0, min(limit, 25))
        order = list(Billing)
        characters = sorted(
            self.kb.characters, key=lambda c: (order.index(c.billing), c.public_name)
        )
        text = normalize(current)
        out: list[tuple[float, Choice]] = []
        for c in characters:
            # The value is shown too (in "used /character name: ..."): a character whose name is a
            # twist is sent by their spoiler-free name, which finds the same card.
            value = c.public_name if c.safe_name and c.name_spoiler_from else c.id
            choice = Choice(c.public_name[:100], value[:100])
            if not text:
                out.append((0.0, choice))
                continue
            # Only spoiler-free names are matched fuzzily: a typo of a secret name must not
            # confirm it. A member who types the start of a secret name already knows it, and
            # is led to the card under its spoiler-free label (see `_twist_name_prefix`).
            names = [c.public_name] + ([] if c.name_spoiler_from else [c.name, *c.aliases])
            score = max(fuzz.partial_ratio(text, normalize(n), score_cutoff=70.0) for n in names)
            if not score and _twist_name_prefix(text, c):
                score = TWIST_PREFIX_SCORE
            if score:
                out.append((score, choice))
        if text:
            out.sort(key=lambda pair: -pair[0])
        return [choice for _, choice in out[:limit]]


TWIST_PREFIX_MIN = 3  # "al" could start anything; "ali" is a deliberate start of a name
TWIST_PREFIX_SCORE = 75.0  # below a real match of a public name, above nothing


def _twist_name_prefix(text: str, character: Character) -> bool:
    """Whether `text` (normalised) is the start of a name of `character` that is itself a twist:
    its secret name, or the start of it (three letters or more). Only the name
    itself counts, not descriptive aliases, so no typed description is confirmed."""
    if not (character.safe_name and character.name_spoiler_from) or len(text) < TWIST_PREFIX_MIN:
        return False
    name = normalize(character.name)
    return bool(name) and name.startswith(text)
