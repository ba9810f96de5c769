"""Answers about the plot, from the season's structured story (events, relations, fates).

The matcher decides the question is of a plot kind and which characters and episodes it names; this
module finds the fact. Every revealing word goes into a `Segment` with the `spoiler_from` of the
reveal it depends on (the later of the event's and of any secret name it shows), so the renderer
bars or withholds it for a member who has not reached it. A method returns None when the story
data holds no answer: the caller then says the sources do not say, never a nearby event.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, replace
from functools import partial
from typing import TypeVar

from rapidfuzz import fuzz, process

from bot.core.answering.builders import possessive
from bot.core.answering.fit import Asked, asked_type, text_holds
from bot.core.answering.reply import CardField, Reply, ReplyKind
from bot.core.knowledge.model import Character, Event, Fate, KnowledgeBase, Relation
from bot.core.knowledge.richtext import RichText, Segment
from bot.core.knowledge.verbs import VerbVocabulary, verb_vocabulary
from bot.core.understanding.reading import RELATIONS, without_season_words
from bot.core.understanding.reading import THIS_SEASON as _THIS_SEASON
from bot.core.understanding.text import (
    EVERYDAY_ENGLISH,
    STOPWORDS,
    VOCABULARY_WORDS,
    normalize,
    stem,
)
from bot.core.understanding.vocabulary import vocabulary

__all__ = ["ASPECTS", "Story", "StoryQuery", "a_name_done", "asks_another_name"]


# Words that shape a question but say nothing about which event it is about.
_QUESTION_WORDS = frozenset(
    "who whom whose what which when where why how does did do doe is was were are be been being "
    "ha has have had get got gets happen happens happened ep episode season end ends ending "
    "first time then after before still again ever really actually s2 the a an".split()
)
_TIE_WORDS = vocabulary().relation_synonyms
_FIRST_TIME = frozenset({"first", "1st"})  # "when does she first ...": the earliest time
_FLASHBACK_LINES = 2  # the flashback episode, told by its first flashbacks
# verbs that ask when something comes out ("when do we find out she is his mother")
_FINDING_OUT = frozenset({"discover", "learn", "reveal", "realize", "claim"})
_PASSIVE_AUX = frozenset("was were is are get gets got been being".split())
_MOMENT_BEATS = 3  # the beats of an episode that are its end (or its start)
_DOING_PRONOUNS = frozenset("i you we he she they".split())  # one who does something
_TOLD_PRONOUNS = frozenset("he she they".split())  # "after she ...": someone named
_NAME_WORDS = frozenset(
    "name names nam call called real full first last surname known short".split()
)
# Verbs that carry a season's turning points, preferred in a recap.
_MAJOR = (
    "kill",
    "die",
    "suicide",
    "reveal",
    "kidnap",
    "arrest",
    "escape",
    "diagnose",
    "shoot",
    "surrender",
    "quit",
    "propose",
    "pose-as",
    "find",
    "discover",
)
_MAX_LINES = 3
# what the law does to someone: asked whether it happened, only its own events tell
_CONSEQUENCES = frozenset({"arrest", "imprison"})
_SEQUENCE = frozenset({"after", "before"})
# words pointing back at someone said before ("and the other guy?"): they describe no one
_POINTING = frozenset({"other", "another", "else", "same"})
_AT_THE_MOMENT = frozenset({"when", "once"})
# Words that open a condition the asker only grants ("how does he come back if he died")
_GRANTED = frozenset({"if", "though", "although"})
# A name asked as what someone does something to: "what name does she find", "whose name did he
# see"
_ASKS_AN_EPISODE = re.compile(r"\b(?:which|what) episodes?\b")
_EPISODE_NUMBER = re.compile(r"\bepisode (\d{1,2})\b(?! \()")
_A_NAME_DONE = re.compile(r"\b(?:what|which|whose) names? (?:does|did|do) \w+(?: \w+)? \w+")
# Words asking where someone is first seen: "which ep introduces <her>", "<he> first shows up"
_FIRST_SEEN = re.compile(
    r"\b(?:introduce|introduces|introduced|introduction|debut|debuts|first (?:appear|appears|"
    r"appearance|shows? up|show|turns? up|comes? in|episode)|(?:appear|appears|show up|shows up|"
    r"turn up|turns up) (?:in )?(?:for the )?first)\b"
)
# Words asking for another name someone goes by ("his nickname", "her superhero name")
_ASKS_ANOTHER_NAME = re.compile(
    r"\b(?:nickname|nicknamed|nicknames|other name|another name|hero name|superhero name|"
    r"codename|code name|goes by|go by|call himself|calls himself|call herself|"
    r"calls herself|also called|also known as|aka)\b"
)
# Words asking how two people are tied, whatever the tie ("connection", "know each other")
_ASKS_A_TIE = re.compile(
    r"\b(?:connect\w*|connection|link\w*|tied|ties|know each other|knew each other|relat\w*|"
    r"how (?:do|does|did) (?:\w+ ){1,3}know(?! (?:where|what|when|who|whom|why|how|that|if|"
    r"about|whether))|know (?:\w+ ){1,3}from)\b"
)
# Questions that ask what follows a told event: answered by those that tell what comes next
_SEQUEL_ASPECTS = frozenset({"fate", "what_did"})
_ASKS_WHAT_NEXT = re.compile(r"\bwhat (?:\w+ )?(?:happen|happens|happened|do|does|did)\b")
_NAMING = frozenset({"name", "named", "called", "call"})
_WH = frozenset("what who whom where when why how which does did do is was".split())
_VERB_PHRASE = 3  # words after a verb that may still belong to it ("takes the blame")
_CUE_REACH = 10  # words from a cue ("which episode does ...") to the verb it asks about
# Particles of phrasal verbs, which may follow the verb's object ("bailed her out")
_PARTICLES = frozenset("out up off down away back over into go free loose".split())
_OBJECT_SIZE = 4  # words an object between a verb and its particle may have ("<her> and her mom")
_SLOT_SIZE = 3  # words that may fill a verb form's object slot ("make <his death> look like")
_SLOT = "*"  # where a verb form's object goes ("make * look like")
_CACHE_SIZE = 512
_TYPO_MIN = 5  # shorter words are too short to judge by edits
_VERB_TYPO_SCORE = 88.0  # one slip in a verb of about eight letters ("kidnapps")
# what someone had or suffered, besides a diagnosis (a defect cured, after-effects, addiction)
_TREATMENTS = frozenset({"cure", "heal", "treat"})
_CONDITIONS = _TREATMENTS | {"suffer", "get-hooked"}
_PLACED = 12  # the likeliest beats searched for one with a place (most have none)
_TIMED_OVERLAP = 1  # words a beat telling a length of time must share with the question
_RECAP_BEATS = 2  # beats told of each episode in a recap of several (twice that for one)
# words that make an episode the end of a stretch recapped ("up to ep 5", "before ep 5")
_UP_TO = frozenset(
    "up upto till til until before through thru far leading catch previously first".split()
)
_TIME_WORDS = frozenset({"when", "while", "after", "before", "once", "until"})
_TIME_CLAUSE_FROM = 2  # "when did ...", "so when ..." open the question, not a clause of it
_LIKED = 0.5  # similarity to an event's example question that says the question asks about it
_LIKE_WEIGHT = 4.0  # ...and what that likeness adds to the event's score, per unit of it
_DESCRIBED_LIKE = 0.5  # likeness to an event's questions that describes its doer without a verb
_CLOSE_EVENTS = 3  # the likeliest events a described someone must be in to be the one meant
_CLOSE_LIKE = 0.1  # events this near the likeliest are as likely meant
_EPISODE_VOTE = 1.2  # the likeness an episode's events must gather to be the one told...
_EPISODE_LEAD = 1.5  # ...and how many times the next episode's
_TOP_EVENT = 0.7  # or one event's likeness...
_TOP_LEAD = 0.2  # ...ahead of every event of another episode by this
_FATE_VERBS = frozenset({"die", "survive"})  # what happens to one, whoever else is named
# "does he make it out alive": whatever the verb, a question of life or death, told by the fate
_LIFE_WORDS = frozenset("alive dead death live lives living survive survives die dies".split())
_DETERMINERS = frozenset("the a an his her their my your our its this that these those".split())
_ROLES = vocabulary().role_nouns | vocabulary().person_nouns
# someone described as the doer: "the <role> who <does something>" (not "who was ...")
_DOER_DESCRIBED = re.compile(
    r"\b(?:"
    + "|".join(sorted(_ROLES))
    + r")\s+(?:who|that)\s+(?!(?:"
    + "|".join(sorted(_PASSIVE_AUX))
    + r")\b)\w+"
)
_RARE_VERB_USES = 2  # events a verb may have and still tell one of them on its own
_STORYLINE = 6  # events a character's storyline is told in
_WHOLE = frozenset({"whole", "entire", "everything", "full", "all"})  # "recap the whole season"
_T = TypeVar("_T")
_K = TypeVar("_K", bound=Hashable)
_WHO = frozenset({"who", "whom"})
# "who put <him> up to it", "who asked <her> to ...", "who talked <him> into ...": who is behind
_INSTIGATING = re.compile(
    r"^(?:who|whom)\s+(?:\w+\s+)?(?:put|puts|asked|asks|ask|told|tells|tell|got|gets|get|"
    r"convinced|convinces|convince|talked|talks|talk|persuaded|persuades|persuade|made|makes|"
    r"make)\s+(?:\w+\s+){1,3}?(?:up\s+to|to|into)\b"
)
_DO = frozenset({"do", "does", "did"})
_WHY_WORDS = frozenset({"why"})
# how one ends up: a question saying only these (and names) asks someone's fate
_FATE_WORDS = vocabulary().fate_words
_NAMED_NOUNS = vocabulary().named_nouns  # things that go by a name ("which agency")
_FATE_STEMS = frozenset(stem(w) for w in _FATE_WORDS)
_QUESTION_STEMS = frozenset(stem(w) for w in _QUESTION_WORDS)
_AGE_WORDS = vocabulary().age_modifiers
_TELLING = frozenset("for after before since because when while".split())
_YES_NO = frozenset("does did do is was will has had".split())
_ADVERBS = frozenset("just almost nearly then also still never finally even".split())
# Verbs whose subject undergoes them: asked with one, the character is the object of a kin event.
_UNDERGOES = frozenset({"die"})
_SEASON_END = frozenset({"end", "ends", "ending", "finale", "last"})


@dataclass(frozen=True, slots=True)
class StoryQuery:
    """A plot question as the matcher understood it.

    `text` is the normalized question, `characters` the character ids in the order named,
    `episodes` the episode numbers named, `watched` how far the asker has watched (None: unknown).
    `cue` is where the words asking for this aspect are ("who", "which episode"), when they
    alone chose it: then only a clear answer will do, an event with the verb asked right after
    the cue and with everyone named. `likely` holds the events the question is most like a way
    of asking about (event id, similarity to the closest of its example questions).
    """

    text: str
    characters: tuple[str, ...] = ()
    episodes: tuple[int, ...] = ()
    watched: int | None = None
    cue: int | None = None
    likely: tuple[tuple[str, float], ...] = ()
    premise: str | None = None

    @classmethod
    def ask(
        cls,
        question: str,
        characters: Iterable[str] = (),
        episodes: Iterable[int] = (),
        watched: int | None = None,
        *,
        cue: int | None = None,
        likely: Iterable[tuple[str, float]] = (),
    ) -> StoryQuery:
        """A query from raw question text (normalized here)."""
        return cls(
            normalize(question), tuple(characters), tuple(episodes), watched, cue, tuple(likely)
        )


@dataclass(frozen=True, slots=True)
class _Scored:
    score: float
    event: Event


class Story:
    """The season's story, answering one plot kind per method."""

    def __init__(self, kb: KnowledgeBase, verbs: VerbVocabulary | None = None) -> None:
        self.kb = kb
        self.verbs = verbs or verb_vocabulary()
        # how fans name a relation ("kid", "bf"), by the word and its stem
        self._relation_words = {
            key: labels
            for word, labels in vocabulary().relation_labels.items()
            for key in (word, stem(word))
        }
        self._forms: list[tuple[str, tuple[str, ...]]] = sorted(
            (
                (verb, _form_stems(form, self.verbs))
                for verb, forms in self.verbs.forms.items()
                for form in forms
            ),
            key=lambda item: -len(item[1]),
        )
        self._characters = {c.id: c for c in kb.characters}
        self._titles = {e.number: e.title for e in kb.episodes}
        self._names: dict[str, list[tuple[str, ...]]] = {
            c.id: [
                tuple(normalize(n).split())
                for n in (c.name, *c.aliases, *c.shared_aliases, c.safe_name or "")
                if normalize(n)
            ]
            for c in kb.characters
        }
        self._name_stems = {
            stem(w) for names in self._names.values() for name in names for w in name
        }
        # Per-question work, reused by the scoring of every event (bounded: questions come from outside).
        self._verbs_cache: dict[str, list[tuple[str, int]]] = {}
        self._told_cache: dict[tuple[str, tuple[str, ...], tuple[int, ...]], Event | None] = {}
        # a manner of killing is not what led up to it
        self.killing = frozenset(self.verbs.with_kin({"kill"}))
        self._stems_cache: dict[str, frozenset[str]] = {}
        self._forms_by_first: dict[str, list[int]] = {}
        for number, (_, form) in enumerate(self._forms):
            if form:
                self._forms_by_first.setdefault(form[0], []).append(number)
        # the words verb forms begin with, by initial: what a misspelt verb is mended towards
        self._verb_words_by_initial: dict[str, list[str]] = {}
        for word in sorted({f.split()[0] for forms in self.verbs.forms.values() for f in forms}):
            if len(word) >= _TYPO_MIN and word.isalpha():
                self._verb_words_by_initial.setdefault(word[0], []).append(word)
        self._mend_cache: dict[str, str] = {}
        self._event_stems = {e.id: self._stems_of(e) for e in kb.events}
        self._place_stems = {
            e.id: frozenset(stem(w) for w in normalize(e.where or "").split() if w not in STOPWORDS)
            for e in kb.events
        }
        self._event_by_id = {e.id: e for e in kb.events}
        self._index_of = {e.id: i for i, e in enumerate(kb.events)}
        self._events_with_stem: dict[str, list[int]] = {}
        self._events_with_verb: dict[str, list[int]] = {}
        for index, event in enumerate(kb.events):
            for word in self._event_stems[event.id]:
                self._events_with_stem.setdefault(word, []).append(index)
            self._events_with_verb.setdefault(event.did, []).append(index)
        # each name by its first word (and a one-word name also with a possessive "s")
        self._names_by_first: dict[str, list[str]] = {}
        for character, names in self._names.items():
            for name in names:
                self._names_by_first.setdefault(name[0], []).append(character)
                if len(name) == 1:
                    self._names_by_first.setdefault(name[0] + "s", []).append(character)
        self._stems_of_verb: dict[str, set[str]] = {}
        for verb, form in self._forms:
            self._stems_of_verb.setdefault(verb, set()).update(w for w in form if w != _SLOT)
        # who an event involves: its parties, and anyone its text names ("in her building")
        # a verb few events use tells them on its own ("the guy who heals people")
        uses: dict[str, int] = {}
        for event in kb.events:
            uses[event.did] = uses.get(event.did, 0) + 1
        self._rare_verbs = frozenset(v for v, n in uses.items() if n <= _RARE_VERB_USES)
        self._involved = {e.id: frozenset(e.characters) | self._named_in(e) for e in kb.events}
        # the verbs of an event's reason ("to cover their escape"): what it is done for
        self._purpose_verbs = {
            e.id: frozenset(v for v, _ in self._verbs_in(normalize(e.why)))
            if e.why
            else frozenset()
            for e in kb.events
        }
        self._events_of: dict[str, list[int]] = {}
        # events that only name someone in their words ("the blame for <her> death")
        self._naming: dict[str, list[int]] = {}
        for index, event in enumerate(kb.events):
            for character in set(event.characters):
                self._events_of.setdefault(character, []).append(index)
            for character in sorted(self._involved[event.id] - set(event.characters)):
                self._naming.setdefault(character, []).append(index)

    # -- the plot kinds ---------------------------------------------------------------------------

    def answer(self, aspect: str, query: StoryQuery, intent: str) -> Reply | None:
        """The answer to a story question of the given aspect (`ASPECTS`), reported as `intent`;
        None when the story data has no answer, or for an aspect this class does not know."""
        method = ASPECTS.get(aspect)
        if method is None:
            return None
        if self.consequence_untold(query):
            return None
        told = self._told_event(query)
        if told is not None:
            _, at, end = told
            rest = " ".join(query.text.split()[:at] + query.text.split()[end:])
            # "what happened to him after <she> turned him down" asks what follows: that or
            # nothing, not some other event of theirs
            if (
                aspect not in _SEQUEL_ASPECTS
                and _ASKS_WHAT_NEXT.search(rest)
                and not self._verbs_in(rest)
            ):
                return None
            query = replace(query, premise=told[0].id)
        reply = method(self, query)
        if reply is not None and aspect != "episode" and _ASKS_AN_EPISODE.search(query.text):
            # "does he survive? which ep": the episode by its title as well as its number
            reply = replace(reply, content=self._titled(reply.content))
        return replace(reply, intent=intent) if reply else None

    def _titled(self, text: RichText) -> RichText:
        """The text with each episode it names by number also named by title, once."""
        titled: set[int] = set()

        def title(segment: str, match: re.Match[str]) -> str:
            number = int(match[1])
            if number in titled or number not in self._titles:
                return match[0]
            titled.add(number)
            within = segment.count("(", 0, match.start()) > segment.count(")", 0, match.start())
            name = self._titles[number]
            return f'{match[0]}, "{name}"' if within else f'{match[0]} ("{name}")'

        return tuple(
            replace(s, text=_EPISODE_NUMBER.sub(partial(title, s.text), s.text))
            if not s.user_text
            else s
            for s in text
        )

    def who_did(self, query: StoryQuery) -> Reply | None:
        """Who did X (to Y): the matching events, told whole. Someone's death answers "who
        died", not "who killed them": it does not say who did it."""
        query = self._without_told(query)
        asked = {verb for verb, _ in self._verbs_in(query.text)}
        if self._asks_whom(query):
            # "who did <she> kill", "the doctor <she> remembers": the one it is done to
            done_to = [
                s
                for s in self._best(query, need_verb=True, limit=6)
                if (s.event.whom or s.event.what) and not set(s.event.whom) & set(query.characters)
            ]
            # "who" is answered by someone it is done to: a character, or "her new guard"
            people = [
                s for s in done_to if s.event.whom or set(normalize(s.event.what).split()) & _ROLES
            ]
            return self._events_reply(
                "", people[:_MAX_LINES], self._and_why(query, self._whom_line)
            )
        # a death does not say who did it; nor does an event told without its doer, unless it
        # is the very thing asked ("the other subject kills him": "who killed him")
        found = [
            s
            for s in self._best(query, need_verb=True, limit=6, by_name=True)
            if (s.event.did not in _UNDERGOES or s.event.did in asked)
            and (s.event.who or s.event.did in asked)
        ]
        if found and not found[0].event.who:
            # "someone fires into her apartment": who did it is told where the story later
            # reveals the doer of that same beat
            revealed = self._revealed(found[0].event)
            if revealed is not None:
                found = [_Scored(found[0].score, revealed), *found[1:]]
        if all(set(s.event.who) <= set(query.characters) for s in found[:_MAX_LINES]):
            # "who put <him> up to it": only those named did it; who was behind it is asked
            behind = self._instigator(query)
            if behind is not None:
                return behind
        return self._events_reply("", found[:_MAX_LINES], self._and_why(query, self._doer_line))

    def _instigator(self, query: StoryQuery) -> Reply | None:
        """ "who put <him> up to it", "who asked <her> to ...": the one behind what the named one
        did, when the reason the sources give for it names them ("at <her> request")."""
        if not query.characters or not _INSTIGATING.match(query.text):
            return None
        doer = query.characters[0]
        for scored in self._best(query, need_verb=False, limit=6):
            event = scored.event
            if doer not in event.who or not event.why:
                continue
            behind = sorted(
                self._named_in_text(event.why) - set(event.characters) - set(query.characters)
            )
            if behind:
                return self._events_reply("", [scored], partial(self._why_led_line, behind=behind))
        return None

    def _why_led_line(self, event: Event, behind: list[str]) -> RichText:
        """Who is behind it first, then the event and its reason: "Ann Lee: Bo ... Why: ..."."""
        return (
            *self._led_line(event, behind),
            Segment(f" Why: {event.why}.", self._spoiler(event)),
        )

    def _asks_whom(self, query: StoryQuery) -> bool:
        """Whether "who" asks whom something is done to: "who did <she> kill", "who does <he>
        accidentally shoot", "who's the doctor <she> remembers": after "who" comes only "did"
        (or a description), then everyone the question names, right before its verb."""
        tokens = query.text.split()
        verbs = self._verbs_in(query.text)
        who_at = next((i for i, w in enumerate(tokens) if w in _WHO), None)
        if not query.characters or not verbs or who_at is None:
            return False
        verb_at = min(at for _, at in verbs)
        spans = [self._span(c, tokens) for c in query.characters]
        if self._passive(tokens, verb_at) or any(
            span is None or not who_at < span[0] < verb_at for span in spans
        ):
            return False
        first = min(span[0] for span in spans if span is not None)
        last = max(span[1] for span in spans if span is not None)
        between = tokens[who_at + 1 : first]
        asks_object = bool(between) and (
            all(w in _DO for w in between)  # "who did <she> kill"
            or (between[0] in _DETERMINERS and not self._verbs_in(" ".join(between)))
        )
        # the doer right before the verb: "<she> kills", "<she> accidentally kills"
        return asks_object and all(w.endswith("ly") or w in _ADVERBS for w in tokens[last:verb_at])

    def what_did(self, query: StoryQuery) -> Reply | None:
        """What did X do (to Y): events where the first named character acts."""
        naming = set(query.text.split()) & {"name", "named", "called"}
        if naming and not a_name_done(query.text):
            return None  # a name the story would give is asked as plot.name
        timed = self._timed(query)
        if timed is not None:
            return timed
        after = self._sequel_events(query, acting=True)
        if after is not None:
            # what they do next, or nothing when the story says no more of them
            return (
                self._events_reply("", [_Scored(1, e) for e in after], self._line)
                if after
                else None
            )
        if not query.characters:
            return self._events_reply("", self._best(query, need_verb=True), self._line)
        actor = query.characters[0]
        tokens = query.text.split()
        if (
            not query.episodes
            and set(tokens) & _SEASON_END
            and not self._verbs_in(query.text)
            and any(f.who == actor for f in self.kb.fates)
        ):
            # "what does <he> end up doing at the end of the season": how they end up
            return self.fate(query)
        span = self._span(actor, tokens)
        before = tokens[: span[0]] if span is not None else []
        if any(a in _DETERMINERS and stem(b) in _ROLES for a, b in itertools.pairwise(before)):
            return None  # "what did the cops charge <her> with": someone else acts
        found = [s for s in self._best(query, need_verb=False, limit=6) if actor in s.event.who]
        if not found and len(query.characters) > 1:
            # "what did <she> do with <his> body": of what she does to the others named, the
            # likeliest, though something they do to her is likelier still
            found = self._best(query, need_verb=False, limit=6, only=lambda e: actor in e.who)
        if self._verbs_in(query.text):
            found = [s for s in found if s.event.did in self._related_verbs(query.text)]
        if naming:
            # "what name does she find": only what she finds that is a name
            found = [s for s in found if s.event.what and "name" in s.event.what.split()]
        return self._events_reply("", found[:_MAX_LINES], self._line)

    def _timed(self, query: StoryQuery) -> Reply | None:
        """ "how long was <she> at <the place> before ...": the one beat of hers telling a length
        of time that shares most words with the question."""
        if not query.characters or asked_type(query.text) is not Asked.DURATION:
            return None
        actor = query.characters[0]
        timed = [
            (self._overlap(query, e), e)
            for e in self.kb.events
            if actor in self._involved[e.id] and text_holds(e.text, Asked.DURATION)
        ]
        timed.sort(key=lambda pair: -pair[0])
        if not timed or timed[0][0] < _TIMED_OVERLAP:
            return None
        if len(timed) > 1 and timed[1][0] == timed[0][0]:
            return None  # a guess between two
        return self._events_reply("", [_Scored(*timed[0])], self._line)

    def _between(self, query: StoryQuery) -> Reply | None:
        """ "does <she> kill <her> in the end", "does <he> actually heal <her>": whether
        something happened between two people is told by the events between them with that
        verb (or its kin), not by the first one's fate."""
        if len(query.characters) < 2:
            return None
        asked = self._own_verbs(query.text) - _FATE_VERBS
        if not asked:
            return None
        pair = set(query.characters[:2])
        kin = self.verbs.with_kin(asked)
        found = [
            s
            for s in self._best(query, need_verb=True, limit=4)
            if pair <= set(s.event.characters)
            and (s.event.did in kin or not _asks_yes_or_no(query.text))
        ]
        return self._events_reply("", found[:_MAX_LINES], self._line) if found else None

    def _moment(self, query: StoryQuery) -> frozenset[str]:
        """The ids of the beats a question about an episode's end (or start) is about: the last
        (or first) few of each episode it names; none when it names no episode or moment."""
        if not query.episodes:
            return frozenset()
        tokens = query.text.split()
        # "where do they end up": the phrasal verb, no moment of the episode
        words = {w for at, w in enumerate(tokens) if tokens[at + 1 : at + 2] != ["up"]}
        words_of = vocabulary()
        last = bool(words & words_of.episode_end_words)
        first = bool(words & words_of.episode_start_words)
        if last == first:
            return frozenset()
        ids: set[str] = set()
        named = set(query.characters)
        for number in query.episodes:
            beats = [e for e in self.kb.events if e.episode == number]
            moment = beats[-_MOMENT_BEATS:] if last else beats[:_MOMENT_BEATS]
            if named and not any(named & {*e.who, *e.whom} for e in moment):
                # "what happens to <her> at the end of ep 4", when its last beats are others':
                # her last beats there
                beats = [e for e in beats if named & {*e.who, *e.whom}]
                moment = beats[-_MOMENT_BEATS:] if last else beats[:_MOMENT_BEATS]
            ids.update(e.id for e in moment)
        return frozenset(ids)

    def killing_asked(self, text: str) -> frozenset[str]:
        """The verbs of killing (with their kin) when a question's first story verb is one
        ("how did <she> kill <him>", not "how does <she> cover up <his> death")."""
        found = self._verbs_in(normalize(text))
        if not found or found[0][0] not in self.killing:
            return frozenset()
        return frozenset(self.verbs.with_kin({found[0][0]})) & self.killing

    def verbs_asked(self, text: str) -> frozenset[str]:
        """The story's verbs a question uses ("steal" in "what did they steal"), with their kin."""
        return frozenset(self.verbs.with_kin({verb for verb, _ in self._verbs_in(normalize(text))}))

    def undergoes(self, text: str, character: str) -> bool | None:
        """Whether a question names `character` as the one its nearest story verb is done to
        ("who kills <him>", "who was <he> killed by") rather than the one doing it ("who did <he>
        kill"); None when it has no such verb or does not name them."""
        tokens = normalize(text).split()
        verbs = [at for _, at in self._verbs_in(" ".join(tokens))]
        at = self._position(character, tokens)
        if not verbs or at is None:
            return None
        # the verb nearest the name is the one said of them ("i dont get why <he> killed ...")
        verb = min(verbs, key=lambda v: (abs(v - at), v < at))
        # "how did <he> get killed", "who was <he> killed by": done to the one named before
        passive = (verb > 0 and tokens[verb - 1] in _PASSIVE_AUX) or tokens[
            verb + 1 : verb + 2
        ] == ["by"]
        return at < verb if passive else at > verb

    def consequence_untold(self, query: StoryQuery) -> bool:
        """ "does she go to jail for it", "does he get charged": whether the law caught up with
        someone is told only by an event of it; when the story has none for them, the sources
        don't say (whatever else they did)."""
        if not query.characters or not _asks_yes_or_no(query.text):
            return False
        asked = self._own_verbs(query.text) & _CONSEQUENCES  # "charged with murder": the charge
        if not asked:
            return False
        subject = query.characters[0]
        kin = self.verbs.with_kin(asked)
        caught = [e for e in self.kb.events if subject in e.characters and e.did in kin]
        tokens = query.text.split()
        if "for" in tokens:
            # "... for <her> death": caught for that, so those it names are in it
            after = tokens[tokens.index("for") + 1 :]
            named = {c for c in query.characters[1:] if self._span(c, after) is not None}
            caught = [e for e in caught if named <= self._involved[e.id]]
        return not caught

    def _own_verbs(self, text: str) -> set[str]:
        """The verbs the question asks with, not those of what it only tells to place it: in
        "does she go to jail for shooting him" the jail, not the shooting."""
        found = self._verbs_in(text)
        tokens = text.split()
        told_at = next((i for i, w in enumerate(tokens) if w in _TELLING), len(tokens))
        return {verb for verb, at in found if at < told_at}

    def _without_told(self, query: StoryQuery) -> StoryQuery:
        """ "who saved her after <someone> attacked her": the question without the event it
        only tells to place the one it asks about, when what is left still asks something."""
        tokens = query.text.split()
        at = next((i for i, w in enumerate(tokens) if w in _SEQUENCE), None)
        return query if at is None else self._without_clause(query, at, at)

    def _without_granted(self, query: StoryQuery) -> StoryQuery:
        """ "how does he come back if he died": the question without the condition it only
        grants, when what is left still asks with a verb of its own."""
        tokens = query.text.split()
        at = next((i for i, w in enumerate(tokens) if i > 1 and w in _GRANTED), None)
        if at is None:
            return query
        return self._without_clause(query, at - 1 if tokens[at - 1] == "even" else at, at)

    def _without_clause(self, query: StoryQuery, start: int, at: int) -> StoryQuery:
        """The question without the clause from `start` (its opening word at `at`) to the next
        question word, when what is left still asks with a verb; only those it still names."""
        tokens = query.text.split()
        end = next((i for i in range(at + 1, len(tokens)) if tokens[i] in _WH), len(tokens))
        rest = " ".join(tokens[:start] + tokens[end:])
        if not self._verbs_in(rest):
            return query
        kept = tuple(c for c in query.characters if self._span(c, rest.split()) is not None)
        return replace(query, text=rest, characters=kept or query.characters, likely=())

    def _sequel_events(
        self, query: StoryQuery, *, acting: bool, limit: int = 2
    ) -> list[Event] | None:
        """ "What does she do after <something happens>", "what happens to him before ...":
        the events of the one asked about right after (or before) the event the question tells,
        in story order, up to `limit`: None when the question tells no event to follow, []
        when it does and the story tells nothing of them after (or before) it."""
        tokens = query.text.split()
        told = self._told_event(query, at_the_moment=True)
        if told is None:
            return None
        anchor, at, end = told
        rest = tokens[:at] + tokens[end:]
        asked = [c for c in query.characters if self._span(c, rest) is not None]
        subject = asked[0] if asked else (anchor.who or anchor.characters or ("",))[0]
        index = self.kb.events.index(anchor)
        if tokens[at] == "after":
            later = list(self.kb.events[index + 1 :])
        elif tokens[at] in _AT_THE_MOMENT:
            later = list(self.kb.events[index:])
        else:
            later = list(reversed(self.kb.events[:index]))
        return [
            e for e in later if subject in (e.who if acting else e.characters) and e.id != anchor.id
        ][:limit]

    def _told_event(
        self, query: StoryQuery, *, at_the_moment: bool = False
    ) -> tuple[Event, int, int] | None:
        """The event a question tells after "after" (or "before") to place what it asks, with
        where that telling starts and ends among its words; None when it tells none. With
        `at_the_moment`, "when"/"once" mid-question tell one too ("what does she do when she
        hears ..."); at the start, "when" asks a time."""
        tokens = query.text.split()
        at = next(
            (
                i
                for i, w in enumerate(tokens)
                if w in _SEQUENCE or (at_the_moment and i > 0 and w in _AT_THE_MOMENT)
            ),
            None,
        )
        if at is None:
            return None
        # the told event runs from "after" to the next question word (or the end)
        end = next((i for i in range(at + 1, len(tokens)) if tokens[i] in _WH), len(tokens))
        told = " ".join(tokens[at + 1 : end])
        in_told = tuple(c for c in query.characters if self._span(c, told.split()) is not None)
        anchor = self._told_anchor(told, in_told, query.episodes)
        if (
            anchor is None
            and not in_told
            and tokens[at] in _SEQUENCE
            and told.split()[:1]
            and told.split()[0] in _TOLD_PRONOUNS
        ):
            # "what happens to <her> after she gets arrested": told of the one asked about
            anchor = self._told_anchor(told, query.characters[:1], query.episodes)
        return (anchor, at, end) if anchor is not None else None

    def _told_anchor(
        self, told: str, characters: tuple[str, ...], episodes: tuple[int, ...]
    ) -> Event | None:
        # asked once by the aspect's answer and again for what follows: found once
        key = (told, characters, episodes)
        if key not in self._told_cache:
            found = self._best(StoryQuery(told, characters, episodes), need_verb=True)
            _remember(self._told_cache, key, found[0].event if found else None)
        return self._told_cache[key]

    def episode(self, query: StoryQuery) -> Reply | None:
        """Which episode does X happen in; which one someone first appears in, when asked."""
        first = self._first_seen(query)
        if first is not None:
            return first
        tie = self._tie_revealed(query)
        if tie is not None:
            return tie
        flashbacks = self._flashback_episode(query)
        if flashbacks is not None:
            return flashbacks
        found = self._best(query, need_verb=False)
        if (
            not found
            and query.cue is not None
            and not query.characters
            and "episode" in query.text.split()
            and not self._verbs_in(query.text)
            and len(self._question_stems(query.text)) >= 2
        ):
            # "what episode has the burnt head": no verb follows the cue, so none is asked of
            # the events; the words they share tell them
            stems = self._question_stems(query.text)
            found = self._best(
                replace(query, cue=None),
                need_verb=False,
                only=lambda e: len(stems & self._event_stems[e.id]) >= 2,
            )
        if not found and not query.characters:
            # "which ep had the aquarium chaos": the one where the story mostly is there
            number = self.episode_by_place(query.text)
            asked = self._question_stems(query.text)
            found = [
                _Scored(1, e)
                for e in self.kb.events
                if e.episode == number and not e.backstory and asked & self._place_stems[e.id]
            ][:1]
        if _FIRST_TIME & set(query.text.split()):
            # "which ep does she first take it": of the beats that fit, the earliest leads
            found = sorted(found, key=lambda s: s.event.episode)
        return self._events_reply("", found, self._and_why(query, self._episode_line))

    def _flashback_episode(self, query: StoryQuery) -> Reply | None:
        """ "which ep is the big flashback one (about <her> family)": the episode showing the
        most flashbacks (of those involving anyone named), told by its first ones."""
        if query.episodes or not vocabulary().flashback_words & set(query.text.split()):
            return None  # "ep 7 is all flashbacks, what do we learn" asks what happens in it
        tokens = query.text.split()
        if any(
            tokens[at] not in vocabulary().flashback_words for _, at in self._verbs_in(query.text)
        ):
            return None  # "when does she first see him in a flashback": that act, not the episode
        named = set(query.characters) | self._named_in_text(query.text)
        shown = [
            e for e in self.kb.events if e.flashback and (not named or named & set(e.characters))
        ]
        counts = Counter(e.episode for e in shown)
        if not counts:
            return None
        episode = counts.most_common(1)[0][0]
        first = [_Scored(1, e) for e in shown if e.episode == episode][:_FLASHBACK_LINES]
        return self._events_reply("", first, self._episode_line)

    def _tie_revealed(self, query: StoryQuery) -> Reply | None:
        """ "which ep do we find out <she> is <his> mom": the episode that reveals a tie kept
        secret, when the question asks when it comes out and names both and the tie."""
        query = self._with_relatives(query)
        # "<her> mom": the relative read for the one named, and the one named too
        named = set(query.characters) | self._named_in_text(query.text)
        if len(named) < 2:
            return None
        asked = {verb for verb, _ in self._verbs_in(query.text)}
        if not asked or not asked <= _FINDING_OUT:
            return None
        ties = [
            r
            for r in self.kb.relations
            if r.spoiler_from > max(r.since, 1) and {r.who, r.of} <= named
        ]
        stems = {stem(w) for w in query.text.split()} | set(query.text.split())
        labelled = [
            r for r in ties if any(r.label in self._relation_words.get(w, ()) for w in stems)
        ]
        if len(labelled) > 1:
            # "mother" is said, "adoptive" is not: the tie whose every word the question says
            labelled = [r for r in labelled if set(r.label.split("-")) <= stems]
        if len(labelled) != 1:
            return None
        tie = labelled[0]
        title = self._titles.get(tie.spoiler_from)
        episode = (
            f'Episode {tie.spoiler_from} ("{title}")' if title else f"Episode {tie.spoiler_from}"
        )
        # when it comes out is part of the reveal: behind the same bar
        line = (Segment(f"{episode}: ", self._relation_spoiler(tie)), *self._relation_line(tie))
        return self._reply("", [line], tie.sources)

    def _first_seen(self, query: StoryQuery) -> Reply | None:
        """ "which ep introduces <her>", "when does <he> first show up": the episode of the first
        beat the season shows them in (not one only recalled), told with that beat; None when
        that is not asked or the story never shows them."""
        if len(query.characters) != 1 or not _FIRST_SEEN.search(query.text):
            return None
        who = query.characters[0]
        shown = [e for e in self.kb.events if who in e.characters and not e.backstory]
        if not shown:
            return None
        first = min(shown, key=lambda e: e.episode)
        return self._events_reply("", [_Scored(1, first)], self._episode_line)

    def why(self, query: StoryQuery) -> Reply | None:
        """Why (or how) does X happen: only events whose reason (or manner) the sources give."""
        asks_how = (
            query.text.split()[:1] == ["how"] or " how " in f" {query.text} "
        ) and " how come " not in f" {query.text} "
        query = self._without_granted(query)
        found = self._best(query, need_verb=False, limit=6)
        dying = self._dying_asked(query)
        if asks_how and dying is not None:
            # "how did <he> die": the beats of his death, with their manner; else his fate
            deaths = [
                s
                for s in found
                # the one it is done to dies, else the one it tells of ("he dies")
                if dying in (s.event.whom if s.event.whom or s.event.what else s.event.who)
                and s.event.did in self.verbs.with_kin({"die"})
            ]
            fates = [f for f in self.kb.fates if f.who == dying]
            if deaths and not fates:
                found = deaths
            elif fates:
                # the fate tells how it ends for them; a beat of the death giving its manner
                # comes first
                told = [s.event for s in deaths if s.event.how][:1]
                lines = [*map(self._manner_line, told), *map(self._fate_line, fates)]
                sources = [
                    *(s for e in told for s in e.sources),
                    *(s for f in fates for s in f.sources),
                ]
                return self._reply("", lines, sources)
        if asks_how:
            killing = self.killing_asked(query.text)
            if killing:
                # "how did she kill <him>": that killing of everyone named, not another beat's
                # manner (nor another killing of hers)
                named = set(query.characters)
                found = [
                    s
                    for s in found
                    if s.event.did in killing and named <= self._involved[s.event.id]
                ]
            kept = [s for s in found if s.event.how or s.event.why]
            if not kept and found and not killing:
                # "how does she end up in custody": told by what happens just before, to the
                # same people in the same episode, when the sources give no manner (not how
                # someone was killed: what came before is no manner of killing)
                kept = [*self._lead_up(found[0].event, query.characters), found[0]]
        else:
            kept = [s for s in found if s.event.why]
            if not kept and found and set(query.text.split()) & vocabulary().thwarted_words:
                # "why can't they cross": what stops them is the reason
                kept = found[:1]
            if not kept and found:
                # the reason given just before, to the same people ("they agree he should stop
                # working for her" after "she scolds him for not trusting her")
                lead = [s for s in self._lead_up(found[0].event) if s.event.why]
                kept = [*lead, found[0]] if lead else []
        return self._events_reply(
            "", kept[:2], self._manner_line if asks_how else self._reason_line
        )

    def _dying_asked(self, query: StoryQuery) -> str | None:
        """Whose death "how did <he> die" asks: the first one named, unless named only as whose
        ("<her> family") someone else is."""
        if not query.characters or self._own_verbs(query.text) != {"die"}:
            return None
        who = query.characters[0]
        relative = self._with_relatives(query).characters[:1]
        if relative and relative[0] != who:
            return relative[0]  # "how did <her> mom die"
        words = query.text.split()
        for name in self._names.get(who, ()):
            for at in range(len(words) - len(name) + 1):
                after = words[at + len(name) : at + len(name) + 1]
                if tuple(words[at : at + len(name)]) == name and set(after) & (_ROLES | RELATIONS):
                    return None
        return who

    def _lead_up(self, event: Event, asked: tuple[str, ...] = ()) -> list[_Scored]:
        """The event just before `event` in story order, when it is in the same episode and
        shares someone with it (one of those `asked` about, when the question names any)."""
        index = self._index_of[event.id]
        before = self.kb.events[index - 1] if index > 0 else None
        if before is None or before.episode != event.episode:
            return []
        if not set(before.characters) & set(event.characters):
            return []
        if asked and not set(before.characters) & set(asked):
            return []
        return [_Scored(0, before)]

    def where(self, query: StoryQuery) -> Reply | None:
        """Where does X happen (or go): only events whose place the sources give."""
        told = self._told_event(query, at_the_moment=True)
        if told is not None and query.text.split()[told[1]] in _AT_THE_MOMENT and told[0].where:
            # "where was <he> when <she> first went to see him": where that happened
            return self._events_reply("", [_Scored(1, told[0])], self._place_line)
        later = self._sequel_events(query, acting=True, limit=3)
        if later:
            # "where do they go after <something>": the first place the story gives after it
            placed = [_Scored(1, e) for e in later if e.where][:1]
            return self._events_reply("", placed, self._place_line)
        found = [s for s in self._best(query, need_verb=False, limit=_PLACED) if s.event.where]
        return self._events_reply("", found[:2], self._and_why(query, self._place_line))

    def diagnosis(self, query: StoryQuery) -> Reply | None:
        """What was X diagnosed with, or (of someone named) what else they had or suffered:
        a defect cured, after-effects, an addiction. A diagnosis first, then the likeliest."""
        like = dict(query.likely)
        named = set(query.characters)
        events = [
            e
            for e in self.kb.events
            if (e.did == "diagnose" and (not named or named & set(e.characters)))
            or (named and e.did in _CONDITIONS and e.what and named & set(self._patients(e)))
        ]
        if set(query.text.split()) & _NAMING:
            # "what was her illness called": only a condition the sources name (a proper name,
            # "ALS"), not one they only describe ("a fatal genetic defect")
            events = [e for e in events if e.what and any(w[:1].isupper() for w in e.what.split())]
        if query.episodes:
            # "what's wrong with <her> in ep 12": what she has there
            events = [e for e in events if e.episode in query.episodes]
        events.sort(key=lambda e: (e.did != "diagnose", -like.get(e.id, 0.0)))
        return self._events_reply("", [_Scored(1, e) for e in events][:2], self._line)

    @staticmethod
    def _patients(event: Event) -> tuple[str, ...]:
        """Who has the condition an event tells: the one cured or treated, else the one who
        suffers it."""
        return event.whom if event.did in _TREATMENTS else event.who

    def alias(self, query: StoryQuery) -> Reply | None:
        """Who was X pretending (or claiming) to be; the other name they go by, when asked."""
        other = self._other_name(query)
        if other is not None:
            return other
        allowed = {"pose-as", "claim", "reveal"}
        found: list[_Scored] = []
        for event in self.kb.events:
            if event.did not in allowed:
                continue
            named = bool(set(query.characters) & set(event.characters))
            overlap = self._overlap(query, event)
            score = overlap + 2 * named + (event.did == "pose-as")
            # A claim or reveal must share a word with the question, not just a name.
            if (
                (event.did == "pose-as" and (named or overlap))
                or (named and overlap)
                or overlap >= 2
            ):
                found.append(_Scored(score, event))
        found.sort(key=lambda s: -s.score)
        top = found[0].score if found else 0
        return self._events_reply("", [s for s in found if s.score >= top][:2], self._line)

    def fate(self, query: StoryQuery) -> Reply | None:
        """What happens to X (by the end, or in episode N); does X die or survive."""
        if not query.characters:
            return None
        if self._a_thing_of(query.characters[0], query.text.split()):
            return None  # "what happened to <his> mongoose": the thing's fate, not his
        after = self._sequel_events(query, acting=False)
        if after is not None:
            # "what happened to him after she turned him down": what follows, or nothing when
            # the story says no more of him
            return (
                self._events_reply("", [_Scored(1, e) for e in after], self._line)
                if after
                else None
            )
        between = self._between(query)
        if between is not None:
            return between
        who = query.characters[0]
        if _asks_yes_or_no(query.text) and not set(query.text.split()) & _LIFE_WORDS:
            # "does she ever find out", "does he go to jail": told only by an event of theirs
            # with that verb; their fate answers only whether they die or survive
            asked = self._own_verbs(query.text) - _FATE_VERBS
            kin = self.verbs.with_kin(asked)
            if asked and not any(who in e.characters and e.did in kin for e in self.kb.events):
                return None
        fates = [f for f in self.kb.fates if f.who == who]
        context = self._context_words(query.text)
        if context and not any(context & self._text_stems(f.text) for f in fates):
            # "what happens to him outside the bar": the moment it tells, not how he ends up
            found = [
                s
                for s in self._best(query, need_verb=False, limit=4)
                if who in self._involved[s.event.id]
            ]
            if found:
                return self._events_reply("", found[:_MAX_LINES], self._line)
            if not query.episodes:
                return None
        if query.episodes:
            events = [
                e for e in self.kb.events if who in e.characters and e.episode in query.episodes
            ]
            moment = self._moment(query)  # "at the end of ep 8": its last beats
            if any(e.id in moment for e in events):
                events = [e for e in events if e.id in moment]
            return self._events_reply("", [_Scored(1, e) for e in events][:4], self._line)
        events = [e for e in self.kb.events if who in e.characters]
        if not fates and set(query.text.split()) & _SEASON_END:
            # "at the end": only what the last episode tells of them, if anything
            last = max((e.number for e in self.kb.episodes), default=0)
            events = [e for e in events if e.episode == last]
        lines: list[RichText] = []
        sources: list[str] = []
        for fate in fates:
            lines.append(self._fate_line(fate))
            sources += fate.sources
        if query.watched:
            # In story order: plain up to where the asker is, barred after it.
            seen = [e for e in events if self._spoiler(e) <= query.watched][-2:]
            later = [e for e in events if self._spoiler(e) > query.watched][-2:]
            lines = [self._line(e) for e in seen + later] + lines
            sources += [s for e in seen + later for s in e.sources]
        if not lines:
            for event in events[-2:]:
                lines.append(self._line(event))
                sources += event.sources
        if not lines:
            return None
        return self._reply("", lines, sources)

    def _a_thing_of(self, character: str, tokens: list[str]) -> bool:
        """Whether the character's name is followed by a thing of theirs ("<his> mongoose",
        "<her> apartment"): not a word of how one ends up, a tie, a role, a doing or a time."""
        span = self._span(character, tokens)
        if span is None or span[1] >= len(tokens):
            return False
        word = tokens[span[1]]
        if tokens[span[1] + 1 : span[1] + 2] and (
            tokens[span[1] + 1] in _DETERMINERS or tokens[span[1] + 1] == "to"
        ):
            return False  # "<she> forgive her mom", "<he> manage to": a doing
        return not (
            word in STOPWORDS
            or word in _FATE_WORDS
            or word in RELATIONS
            or word in _ROLES
            or stem(word) in _ROLES
            or word in _AGE_WORDS
            or word in _TIME_WORDS
            or word.isdigit()
            or word in VOCABULARY_WORDS
            or word in EVERYDAY_ENGLISH  # "<her> body", "<his> job": said of them
            or word.endswith("ly")  # "<she> physically": how, of her
            or bool(self._verbs_in(word))
            or stem(word) in self._name_stems  # "<her> and <him>": another name
        )

    def relation(self, query: StoryQuery) -> Reply | None:
        """Who is X's (relation), or how X and Y are related."""
        found = self._relations(query)
        if not found:
            return self._ties(query)
        lines = [self._relation_line(r) for r in found[:4]]
        return self._reply("", lines, [s for r in found for s in r.sources])

    def _ties(self, query: StoryQuery) -> Reply | None:
        """ "what is <the doctor>'s connection to <her>": two people the story gives no family
        or other tie are connected by what they first do together (the first events both are
        parties to, in story order); None when they share none."""
        if len(query.characters) < 2 or not _ASKS_A_TIE.search(query.text):
            return None
        pair = set(query.characters[:2])
        shared = [e for e in self.kb.events if pair <= set(e.characters)]
        return self._events_reply("", [_Scored(1, e) for e in shared[:2]], self._line)

    def _other_name(self, query: StoryQuery) -> Reply | None:
        """ "<his> nickname", "<his> superhero name": the names the season's description of
        the one named calls them besides their own ("also called <a title>", "calls
        himself <a name>"), each behind the reveal of the sentence that gives it; None when
        another name is not asked, or the description gives none."""
        if not query.characters or not asks_another_name(query.text):
            return None
        character = self._characters.get(query.characters[0])
        if character is None:
            return None
        own = set(normalize(character.name).split())
        # each name the description says, as spelt in the aliases, with its sentence's reveal
        told: dict[str, tuple[str, int | None]] = {}
        for alias in (*character.aliases, *character.shared_aliases):
            said = normalize(alias)
            if not said or set(said.split()) <= own or said in told:
                continue
            segment = next(
                (s for s in character.description if f" {said} " in f" {normalize(s.text)} "),
                None,
            )
            if segment is not None:
                told[said] = (alias, segment.spoiler_from)
        # the longest telling of a name ("the big man" over "big man") once
        kept = [told[a] for a in told if not any(a != b and a in b for b in told)]
        if not kept:
            return None
        spoiler = max((reveal or 0 for _, reveal in kept), default=0) or None
        text = f"{character.name} is also called {' or '.join(name for name, _ in kept)}."
        return self._reply("", [(Segment(text, spoiler),)], list(character.sources))

    def name(self, query: StoryQuery) -> Reply | None:
        """What is X's real or full name (secret names stay behind their reveal)."""
        if not query.characters:
            return None
        other = self._other_name(query)
        if other is not None:
            return other
        relations = self._relations(query)
        if relations:
            lines = [self._relation_line(r, named=True) for r in relations[:4]]
            return self._reply("", lines, [s for r in relations for s in r.sources])
        extra = [
            w
            for w in self._content_words(query.text)
            if w not in _NAME_WORDS and stem(w) not in self._name_stems
        ]
        # only described ("the guy who pays his bills"), and an event the question is much
        # like is theirs: the other words say whose name it is
        described = self._span(query.characters[0], query.text.split()) is None and any(
            score >= _LIKED and query.characters[0] in self._event_by_id[event_id].characters
            for event_id, score in query.likely[:_CLOSE_EVENTS]
            if event_id in self._event_by_id
        )
        if self._names_a_thing_of(query):
            return None  # "the name of <her> detective agency": the agency's name is asked
        if extra and query.cue is None and not described:
            # "what is X's company called": about something else than X's name (on a cue, or
            # when X is only described, the other words say whose name it is)
            return None
        character = self._characters.get(query.characters[0])
        if character is None:
            return None
        spoiler = character.name_spoiler_from
        if spoiler is not None and character.safe_name:
            text = f"{character.safe_name} is {character.name}."
        elif len(character.name.split()) < 2:
            return None  # only one name is known: the sources give no full name
        elif self._position(character.id, query.text.split()) is None:
            text = f"That is {character.name}."  # only described ("the director <she> confronts")
        else:
            text = f"Their full name is {character.name}."
        return self._reply("", [(Segment(text, spoiler),)], list(character.sources))

    def recap(self, query: StoryQuery) -> Reply | None:
        """A short recap of episodes 1..N (N named, else how far the asker has watched, else
        the whole season when that is asked); of one character's storyline when one is named."""
        last = max(query.episodes) if query.episodes else query.watched
        if not last and (query.characters or set(query.text.split()) & _WHOLE):
            last = len(self.kb.episodes)  # every line behind its own reveal
        if not last:
            return None
        last = min(last, len(self.kb.episodes))
        if query.characters:
            if query.premise is not None:
                return None  # "does he come back after she turns him down" is no storyline
            return self._storyline(query.characters[0], last)
        lines: list[RichText] = []
        sources: list[str] = []
        told = range(1, last + 1)
        if query.episodes and not set(query.text.split()) & _UP_TO:
            told = range(last, last + 1)  # "what went down in ep 3": that episode's story
        for number in told:
            shown = self._recap_events(
                number, last, beats=_RECAP_BEATS * (2 if len(told) == 1 else 1)
            )
            if shown:
                title = f' ("{self._titles[number]}")' if len(told) == 1 else ""
                text = f"Episode {number}{title}: " + " ".join(e.text for e in shown)
                spoiler = max(self._spoiler(e) for e in shown)
                lines.append((Segment(text, spoiler),))
                sources += [s for e in shown for s in e.sources]
        if not lines:
            return None
        return self._reply("", lines, sources)

    def _storyline(self, character: str, last: int) -> Reply | None:
        """One character's turning points through episode `last`, in story order."""
        events = [
            e
            for e in self.kb.events
            if character in e.characters and e.episode <= last and e.spoiler_from == e.episode
        ]
        major = [e for e in events if e.did in _MAJOR]
        chosen = sorted((major or events)[:_STORYLINE], key=events.index)
        if len(chosen) < _STORYLINE:  # too few turning points: the rest of their story fills in
            extra = [e for e in events if e not in chosen]
            step = max(1, len(extra) // (_STORYLINE - len(chosen)))
            chosen = sorted([*chosen, *extra[::step][: _STORYLINE - len(chosen)]], key=events.index)
        if not chosen:
            return None
        return self._events_reply("", [_Scored(1, e) for e in chosen], self._line)

    def episode_of(self, query: StoryQuery) -> int | None:
        """The one episode whose events the words tell ("<she> gets arrested for the killing"):
        the one the likeliest events vote for clearly, else the one all the best-fitting events
        happen in."""
        voted = self._voted_episode(query)
        if voted is not None:
            return voted
        found = self._best(query, need_verb=True) if self._verbs_in(query.text) else []
        episodes = {s.event.episode for s in found}
        return episodes.pop() if len(episodes) == 1 else None

    def _voted_episode(self, query: StoryQuery) -> int | None:
        """The episode whose events the words are most like, all together: a vote of the
        likeliest events, each by its likeness (fitted on held-out event examples: 90% right)."""
        liked = [
            (self._event_by_id[event_id], score)
            for event_id, score in query.likely
            if event_id in self._event_by_id
        ]
        if liked and liked[0][1] >= _TOP_EVENT:
            # one event far likelier than any of another episode tells the episode alone
            # (fitted the same way: 97% right)
            top, score = liked[0]
            other = max((s for e, s in liked if e.episode != top.episode), default=0.0)
            if score - other >= _TOP_LEAD:
                return top.episode
        votes: dict[int, float] = {}
        for event_id, score in query.likely:
            event = self._event_by_id.get(event_id)
            if event is not None:
                votes[event.episode] = votes.get(event.episode, 0.0) + score
        ranked = sorted(votes.values(), reverse=True)
        if not ranked or ranked[0] < _EPISODE_VOTE:
            return None
        if len(ranked) > 1 and ranked[0] < _EPISODE_LEAD * ranked[1]:
            return None
        return max(votes, key=lambda number: votes[number])

    def described(self, query: StoryQuery) -> dict[str, int | None]:
        """The characters a question may describe by what they did or had done to them ("the
        guard tormenting <her>", "the nurse <they> find living rough"): the other parties of the
        events that clearly fit, each with the episode revealing it when that is a twist."""
        named = set(query.characters)
        tokens = query.text.split()
        # "what was the aquarium doctor called": a word of naming is no act of theirs
        verbs_at = [at for _, at in self._verbs_in(query.text) if tokens[at] not in _NAME_WORDS]
        if not verbs_at:
            return self._described_by_likeness(query)
        query = replace(query, likely=())  # what they did tells who they are
        places = [at for c in named if (at := self._position(c, tokens)) is not None]
        # "the nurse tom finds": one named before a verb acts, so the one described undergoes;
        # "the guard tormenting her": one named after the verb undergoes, the one described acts
        nearest = [min(verbs_at, key=lambda v: (abs(v - at), v < at)) for at in places]
        acting = any(v > at for v, at in zip(nearest, places, strict=True))
        # with no one named, "the guy who heals people" is the one who does it
        undergoing = not acting
        first_verb = min(verbs_at)
        passive = self._passive(tokens, first_verb) and not tokens[first_verb].endswith("ing")
        if not acting and self._someone_else_acts(tokens, first_verb):
            # "the nurse the tall woman hurt": another, only described, does it to them
            acting, undergoing = True, False
        if acting and _DOER_DESCRIBED.search(query.text):
            # "the detective who believes <her> and lets her go": the one described does it,
            # whatever verbs the vocabulary knows between
            acting, undergoing = False, True
        if passive:
            # "<his> guy who got torn apart": the one described undergoes it, and the one named
            # only says whose guy; not what they did
            acting, undergoing = True, False
        dying = "die" in {verb for verb, at in self._verbs_in(query.text) if at in verbs_at}
        out: dict[str, int | None] = {}
        for scored in self._best(query, need_verb=True, rare_alone=not named):
            event = scored.event
            if passive and named & set(event.who):
                continue
            parties = event.whom if acting else event.who if undergoing else event.characters
            if dying and event.did != "die" and event.whom:
                parties = event.whom  # "the cop that died": the one killed
            for character in parties:
                if character in named or character in out:
                    continue
                revealed = max(self._spoiler(scored.event), self._name_spoiler(character))
                out[character] = revealed or None
        return out

    def _described_by_likeness(self, query: StoryQuery) -> dict[str, int | None]:
        """ "the guy with the pet mongoose": no verb tells what they did, but the question is
        much like one about an event: its doers (else its parties) not named in the question."""
        describing = [
            w
            for w in self._content_words(query.text)
            if w not in _NAME_WORDS | _ROLES | _POINTING | vocabulary().filler
        ]
        if not describing or not query.likely:
            return {}  # "what's his name again, the guy" describes no one
        # the events it is about as much like as the likeliest: the one described is in them all
        top = query.likely[0][1]
        close = [
            self._event_by_id[event_id]
            for event_id, score in query.likely
            if score >= max(_DESCRIBED_LIKE, top - _CLOSE_LIKE) and event_id in self._event_by_id
        ]
        if not close:
            return {}
        named = set(query.characters)
        shared: set[str] | None = None
        for event in close:
            parties = {c for c in event.who if c not in named} or {
                c for c in event.characters if c not in named
            }
            shared = parties if shared is None else shared & parties
        specific = set(query.text.split()) & (vocabulary().role_nouns - vocabulary().person_nouns)
        if not shared and not named and specific:
            # "the homeless nurse": found living rough by others in one event, a nurse in another;
            # "the aquarium doctor": the one party most of the close events share
            counts = Counter(c for event in close for c in event.characters if c not in named)
            most = max(counts.values(), default=0)
            leaders = [c for c, n in counts.items() if n == most]
            shared = set(leaders) if most > 1 and len(leaders) == 1 else set()
        out: dict[str, int | None] = {}
        for character in sorted(shared or ()):
            revealed = max(max(self._spoiler(e) for e in close), self._name_spoiler(character))
            out[character] = revealed or None
        return out

    # -- for the /character and /episode cards -----------------------------------------------------

    def character_story_fields(self, character: Character) -> list[CardField]:
        """Card fields for a character: relations and fate, each under its own reveal."""
        fields: list[CardField] = []
        relations = [r for r in self.kb.relations if r.who == character.id]
        if relations:
            lines = [self._relation_label_line(r) for r in relations[:8]]
            fields.append(CardField("Relations", _lines(lines)))
        fates = [f for f in self.kb.fates if f.who == character.id]
        if fates:
            fields.append(CardField("Fate", _lines([self._fate_line(f) for f in fates])))
        return fields

    def episode_brief(self, episode: int, limit: int = _MAX_LINES) -> RichText:
        """The episode's turning points in a line or two (its first events when it has none),
        each behind its own reveal: what "what happens in episode N" should lead with."""
        # as the episode shows it: not the retellings a later reveal makes
        events = [
            e
            for e in self.kb.events
            if e.episode == episode and e.spoiler_from == episode and not e.backstory
        ]
        major = sorted((e for e in events if e.did in _MAJOR), key=lambda e: _MAJOR.index(e.did))
        chosen = sorted((major or events)[:limit], key=events.index)
        out: list[Segment] = []
        for event in chosen:
            if out:
                out.append(Segment(" "))
            out.append(Segment(_sentence(event.text, "").replace(" .", "."), self._spoiler(event)))
        return tuple(out)

    def episode_event_lines(self, episode: int, limit: int = 8) -> RichText:
        """A short list of an episode's events, each behind its own reveal."""
        events = [e for e in self.kb.events if e.episode == episode][:limit]
        return _lines([(Segment("• "), Segment(e.text, self._spoiler(e))) for e in events])

    # -- matching ---------------------------------------------------------------------------------

    def _best(
        self,
        query: StoryQuery,
        *,
        need_verb: bool,
        limit: int = _MAX_LINES,
        verbs: set[str] | None = None,
        rare_alone: bool = False,
        by_name: bool = False,
        only: Callable[[Event], bool] | None = None,
    ) -> list[_Scored]:
        """The events that answer the question best, best first; [] below the minimum match.
        With `rare_alone`, a verb few events use finds them on its own, named parties or not;
        with `by_name`, an event with a verb asked may answer about someone it only names;
        with `only`, the others are not weighed at all (nor set the bar for those that are)."""
        query = self._with_relatives(query)
        asked = self._related_verbs(query.text)
        direct = {verb for verb, _ in self._verbs_in(query.text)}
        tokens = query.text.split()
        verb_at = min((at for _, at in self._verbs_in(query.text)), default=None)
        passive = self._passive(tokens, verb_at)
        # on a cue, the verb asked is the one right after it ("who plays <someone who proposes>"
        # asks about no proposal)
        near: set[str] | None = None
        if query.cue is not None:
            cue = query.cue
            reached = [
                (at, v) for v, at in self._verbs_in(query.text) if cue <= at <= cue + _CUE_REACH
            ]
            first = min((at for at, _ in reached), default=None)
            # the verb the cue asks about is the first after it (and its phrase: "takes the
            # blame"); later ones describe someone ("who tears apart the man <he> sent to ...")
            said = {v for at, v in reached if first is not None and at <= first + _VERB_PHRASE}
            near = self.verbs.with_kin(said)
        # "does she ever find out ...": yes or no is told only by an event with the verb asked
        yes_or_no = self._own_verbs(query.text) if _asks_yes_or_no(query.text) else set()
        yes_or_no = self.verbs.with_kin(yes_or_no)
        # where each named character stands in the question: the same for every event
        positions = {c: self._position(c, tokens) for c in query.characters}
        # an event whose example questions the question closely resembles is asked about
        like = {event_id: score for event_id, score in query.likely if score >= _LIKED}
        # the event the question is most like a way of asking about, whatever verb the cue is
        # followed by ("how does she get the files out": by frightening him into fetching them)
        likeliest = max(like, key=lambda e: like[e]) if like else None
        question_stems = self._question_stems(query.text)
        # only the events of a named character can answer about them
        if query.characters:
            ids = {i for c in query.characters for i in self._events_of.get(c, ())}
            if by_name:
                # of those only naming them, the ones with a verb asked ("who takes the blame
                # for <her> death")
                ids |= {
                    i
                    for c in query.characters
                    for i in self._naming.get(c, ())
                    if self.kb.events[i].did in asked
                }
            # of theirs, only an event sharing a word, liked, with a verb asked, or (of two or
            # more named) involving everyone named can be strong enough: skip the rest unscored
            sharing = {i for w in question_stems for i in self._events_with_stem.get(w, ())}
            sharing |= {self._index_of[e] for e in like if e in self._index_of}
            sharing |= {i for v in asked for i in self._events_with_verb.get(v, ())}
            named = set(query.characters)
            ids = {
                i
                for i in ids
                if i in sharing
                or (len(named) >= 2 and named <= self._involved[self.kb.events[i].id])
                or (not direct and self.kb.events[i].episode in query.episodes)
            }
        else:
            # with no one named, only an event sharing a word, liked, or (when a rare verb may
            # tell it alone) with a verb asked can be strong enough: skip the rest unscored
            ids = {i for w in question_stems for i in self._events_with_stem.get(w, ())}
            ids |= {self._index_of[e] for e in like if e in self._index_of}
            if rare_alone:
                ids |= {i for v in direct for i in self._events_with_verb.get(v, ())}
            if query.episodes:
                # "who dies in ep 12": the events of that episode with the verb asked (or kin)
                ids |= {
                    i
                    for v in asked
                    for i in self._events_with_verb.get(v, ())
                    if self.kb.events[i].episode in query.episodes
                }
        events = [self.kb.events[i] for i in sorted(ids)]
        # "at the end of ep 8": the episode's last beats (when they answer at all)
        moment = self._moment(query)
        if moment and any(e.id in moment for e in events):
            events = [e for e in events if e.id in moment]
        scored: list[_Scored] = []
        with_verb: set[str] = set()
        for event in events:
            if event.id == query.premise or (verbs is not None and event.did not in verbs):
                continue
            if only is not None and not only(event):
                continue
            if yes_or_no and event.did not in yes_or_no:
                continue
            if query.episodes and event.episode not in query.episodes:
                continue
            verb_hit = event.did in direct
            # "what does she do to get away": what is done for the asked verb's sake
            kin_hit = not verb_hit and (
                event.did in asked or bool(direct & self._purpose_verbs[event.id])
            )
            involved = self._involved[event.id]
            present = [c for c in query.characters if c in involved]
            absent = len(query.characters) - len(present)
            overlap = len(question_stems & self._event_stems[event.id])
            likeness = like.get(event.id, 0.0)
            strong = (
                (bool(likeness) and (bool(present) or not query.characters))
                or ((verb_hit or kin_hit) and (present or overlap >= 1))
                or (rare_alone and verb_hit and event.did in self._rare_verbs)
                or (len(present) >= 2 and absent == 0 and (overlap >= 1 or not need_verb))
                or (present and overlap >= 2)
                or (not query.characters and overlap >= 3)
                or (bool(query.episodes) and overlap >= 2)
                # "who dies in ep 12", naming no one: that episode's events with the verb
                or (
                    (verb_hit or kin_hit)
                    and not query.characters
                    and event.episode in query.episodes
                )
                # "what does <she> do in ep 9": what she does there, whatever the words
                or (bool(query.episodes) and bool(present) and not absent and not direct)
            )
            if need_verb and direct and not (verb_hit or kin_hit) and overlap < 2 and not likeness:
                strong = False
            if near is not None and not (
                (event.did in near or (bool(near) and event.id == likeliest))
                and not absent
                and (
                    present
                    or overlap
                    or likeness
                    or (not query.characters and event.episode in query.episodes)
                )
            ):
                strong = False
            if not strong:
                continue  # (where the named stand is only weighed for events that may answer)
            roles = sum(
                3 if self._role_fits(c, event, positions[c], verb_at, passive, direct) else 0.5
                for c in present
            )
            score = (
                4 * verb_hit
                + 2 * kin_hit
                + roles
                - 2 * absent
                + 1.5 * overlap
                + _LIKE_WEIGHT * likeness
            )
            scored.append(_Scored(score, event))
            if verb_hit or event.did in asked:  # its own verb, not one it is done for
                with_verb.add(event.id)
        if need_verb and with_verb and not query.characters:
            # naming no one, "who dies in ep 12": an event with the verb asked beats one that
            # is only like the question
            scored = [s for s in scored if s.event.id in with_verb]
        if set(tokens) & _SEASON_END and scored:
            latest = max(s.event.episode for s in scored)
            scored = [s for s in scored if s.event.episode == latest]
        scored.sort(key=lambda s: -s.score)
        if not scored:
            return []
        top = scored[0].score
        return [s for s in scored if s.score >= top - 1.5][:limit]

    def _with_relatives(self, query: StoryQuery) -> StoryQuery:
        """ "X's kid" names X's son: the relative stands in for X when the story knows them."""
        tokens = query.text.split()
        characters: list[str] = []
        for character in query.characters:
            span = self._span(character, tokens)
            # the words right after the name: "tom's kid", "tom's old bf", not "tom and his mom"
            # nor "tom, ann's kid"
            following: list[str] = []
            for word in tokens[span[1] : span[1] + 2] if span is not None else []:
                if word in STOPWORDS or (
                    stem(word) in self._name_stems and not self._relation_words.get(stem(word))
                ):
                    break
                following.append(word)
            labels = {
                label
                for word in following
                for label in self._relation_words.get(
                    stem(word), self._relation_words.get(word, ())
                )
            }
            relatives = [
                r.who for r in self.kb.relations if r.of == character and r.label in labels
            ]
            characters.extend(relatives or [character])
        return replace(query, characters=tuple(characters))

    def _verbs_in(self, text: str) -> list[tuple[str, int]]:
        """(verb id, word position) for each verb form the text uses."""
        cached = self._verbs_cache.get(text)
        if cached is not None:
            return cached
        stems = [self._verb_stem(w) for w in text.split()]
        found: list[tuple[str, int]] = []
        taken: set[int] = set()
        # only forms whose first word the text has, in their usual order (longest first)
        numbers = sorted(n for s in set(stems) for n in self._forms_by_first.get(s, ()))
        for verb, form in (self._forms[n] for n in numbers):
            size = len(form)
            if _SLOT in form:
                # "make <his death> look like": the object where the form has its slot
                found += [(verb, at) for at in _slotted_at(form, stems, taken)]
                continue
            for at in range(len(stems) - size + 1):
                span = set(range(at, at + size))
                if tuple(stems[at : at + size]) == form and not span & taken:
                    found.append((verb, at))
                    if size > 1:
                        taken |= span
            if size == 2 and form[1] in _PARTICLES:
                # "bailed her out", "cover it up": the particle after the object
                for at in range(len(stems) - 2):
                    if (
                        at not in taken  # "threw <her> out the window": a longer form has it
                        and stems[at] == form[0]
                        and form[1] in stems[at + 2 : at + 2 + _OBJECT_SIZE]
                    ):
                        found.append((verb, at))
        # "kill the guard": someone's role after a determiner is who they are, not what they do
        # (unlike "her diagnosis", which tells the event)
        words = text.split()
        found = [
            (verb, at)
            for verb, at in dict.fromkeys(found)
            if not (at > 0 and words[at - 1] in _DETERMINERS and words[at] in _ROLES)
        ]
        # "who gets her out when they both get arrested": a clause that only says when is no
        # part of what is asked (unless nothing else is)
        opens = next(
            (at for at, w in enumerate(words) if at >= _TIME_CLAUSE_FROM and w in _TIME_WORDS),
            None,
        )
        if opens is not None and any(at < opens for _, at in found):
            found = [(verb, at) for verb, at in found if at < opens]
        _remember(self._verbs_cache, text, found)
        return found

    def _verb_stem(self, word: str) -> str:
        """A word's stem for verb matching, a misspelt verb ("kidnapps", "murderd") mended to the
        verb form it is one slip from. Words that are English, the vocabulary's or a name's are
        taken as typed, and typos keep their first letter."""
        stemmed = stem(self.verbs.base(word))
        if (
            stemmed in self._forms_by_first
            or len(word) < _TYPO_MIN
            or not word.isalpha()
            or word in EVERYDAY_ENGLISH
            or word in VOCABULARY_WORDS
            or stemmed in self._name_stems
        ):
            return stemmed
        mended = self._mend_cache.get(word)
        if mended is None:
            candidates = self._verb_words_by_initial.get(word[0], [])
            best = process.extractOne(
                word, candidates, scorer=fuzz.ratio, score_cutoff=_VERB_TYPO_SCORE
            )
            mended = stem(self.verbs.base(best[0])) if best is not None else stemmed
            _remember(self._mend_cache, word, mended)
        return mended

    def _related_verbs(self, text: str) -> set[str]:
        direct = {verb for verb, _ in self._verbs_in(text)}
        return self.verbs.with_kin(direct)

    @staticmethod
    def _someone_else_acts(tokens: list[str], verb_at: int) -> bool:
        """Whether between the one described and the verb stands another doer: a person word or
        a pronoun ("the nurse the woman hurt", "the doctor they found"), not "who" or "that"."""
        described_at = next((i for i, w in enumerate(tokens[:verb_at]) if w in _ROLES), None)
        if described_at is None or described_at + 1 >= verb_at:
            return False
        # the doer's phrase follows at once ("the nurse the woman hurt"); after "with" or "who"
        # the words only tell more of the one described ("the guy with the sick kid who ...")
        if tokens[described_at + 1] not in _DOING_PRONOUNS | _DETERMINERS:
            return False
        return any(w in _ROLES or w in _DOING_PRONOUNS for w in tokens[described_at + 1 : verb_at])

    @staticmethod
    def _passive(tokens: list[str], verb_at: int | None) -> bool:
        if verb_at is None:
            return False
        # "killed by her", not "heals people by touching them": "by" and a doing is a manner
        after_by = [
            tokens[at + 1] if at + 1 < len(tokens) else ""
            for at in range(verb_at, len(tokens))
            if tokens[at] == "by"
        ]
        agent = any(not word.endswith("ing") for word in after_by)
        return agent or bool(set(tokens[max(0, verb_at - 3) : verb_at]) & _PASSIVE_AUX)

    def _role_fits(
        self,
        character: str,
        event: Event,
        at: int | None,
        verb_at: int | None,
        passive: bool,
        asked: set[str],
    ) -> bool:
        """Whether the character's place in the question (subject or object, the name at token
        `at`) fits the event."""
        if at is None or verb_at is None:
            return True
        acts = at < verb_at and not passive
        if acts and asked & _UNDERGOES and event.did not in _UNDERGOES:
            acts = False  # "where does X die" finds the event where someone kills X
        return character in (event.who if acts else event.whom)

    def _position(self, character: str, tokens: list[str]) -> int | None:
        span = self._span(character, tokens)
        return span[0] if span is not None else None

    def _names_a_thing_of(self, query: StoryQuery) -> bool:
        """Whether the question names something that goes by a name right after someone
        ("<her> agency", "the detective agency") or before anyone ("the drug <she> takes"): its
        name, not theirs, is asked."""
        tokens = query.text.split()
        spans = [span for c in query.characters if (span := self._span(c, tokens)) is not None]
        ends = {end for _, end in spans}
        first_named = min((start for start, _ in spans), default=len(tokens))
        return any(
            word in _NAMED_NOUNS
            and (
                at in ends
                or tokens[at - 1] in _ROLES
                # "the igh drug <she> uses, has it a name": the thing, before anyone named
                or (
                    at < first_named
                    and "the" in tokens[max(0, at - 2) : at]
                    and not _ROLES & set(tokens[:first_named])  # "the hospital inmate she visits"
                )
            )
            for at, word in enumerate(tokens)
            if at > 0
        )

    def _span(self, character: str, tokens: list[str]) -> tuple[int, int] | None:
        """Where the character's name is in the question: (first word, the word after it)."""
        for name in self._names.get(character, []):
            size = len(name)
            first = name[0]
            # "oscars kid": a possessive typed without its apostrophe
            possessive = first + "s" if size == 1 else None
            for at in range(len(tokens) - size + 1):
                word = tokens[at]
                if word != first and word != possessive:
                    continue  # (most words start no name: no slice made for them)
                span = tokens[at : at + size]
                if tuple(span) == name or (
                    span[:-1] == list(name[:-1]) and span[-1] == name[-1] + "s"
                ):
                    return at, at + size
        return None

    def _named_in(self, event: Event) -> frozenset[str]:
        return self._named_in_text(event.text)

    def _named_in_text(self, text: str) -> frozenset[str]:
        tokens = normalize(text).split()
        candidates = {c for word in tokens for c in self._names_by_first.get(word, ())}
        return frozenset(c for c in candidates if self._span(c, tokens) is not None)

    def _context_words(self, text: str) -> set[str]:
        """The stems of what a question about someone's fate says beyond asking it: not names,
        question words, numbers, or words of how one ends up ("happen", "alive", "end")."""
        words = text.split()
        if set(words) & _SEASON_END:
            return set()  # "at the end": how they end up, whatever about
        text = without_season_words(text)  # "in the second season": the season asked about
        return {
            stem(w)
            for w in self._content_words(text)
            if not any(c.isdigit() for c in w)  # "ep3"
            and stem(w) not in self._name_stems
            and stem(w) not in _FATE_STEMS
            and stem(w) not in _QUESTION_STEMS  # "whats"
            and w not in self._relation_words  # "her dad": who, not what else
            and w not in _AGE_WORDS  # "her little brother"
            and w != _THIS_SEASON  # "in the second season": the season asked about
        }

    def _text_stems(self, text: str) -> set[str]:
        return {stem(w) for w in normalize(text).split()}

    def episode_by_place(self, text: str) -> int | None:
        """ "the aquarium episode": the one episode where the story clearly most often happens
        at a place the question names (at least twice, more often than all others together,
        and twice as often as any other)."""
        asked = self._question_stems(text)
        if not asked:
            return None
        counts: Counter[int] = Counter(
            e.episode
            for e in self.kb.events
            if e.where and not e.backstory and asked & self._place_stems[e.id]
        )
        ranked = counts.most_common(2)
        if not ranked or ranked[0][1] < 2 or 2 * ranked[0][1] < counts.total() + 1:
            return None  # a place the story keeps going back to names no one episode
        if len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]:
            return None
        return ranked[0][0]

    def _content_words(self, text: str) -> list[str]:
        return [w for w in text.split() if w not in STOPWORDS and w not in _QUESTION_WORDS]

    def _overlap(self, query: StoryQuery, event: Event) -> int:
        """Question words (not names, not verbs) that the event's text and details use."""
        return len(self._question_stems(query.text) & self._event_stems[event.id])

    def _question_stems(self, text: str) -> frozenset[str]:
        found = self._stems_cache.get(text)
        if found is None:
            verb_stems = {s for verb, _ in self._verbs_in(text) for s in self._verb_stems(verb)}
            # a fan's word for a tie is the one the events use: "mom" is "mother"
            said = [
                word for w in self._content_words(text) for word in _TIE_WORDS.get(w, w).split()
            ]
            words = {stem(w) for w in said if len(w) > 2 and not w.isdigit()}
            found = frozenset(words - self._name_stems - verb_stems)
            _remember(self._stems_cache, text, found)
        return found

    def _verb_stems(self, verb: str) -> set[str]:
        return self._stems_of_verb.get(verb, set())

    def _stems_of(self, event: Event) -> set[str]:
        text = " ".join(
            part for part in (event.text, event.what, event.where, event.why, event.how) if part
        )
        return {stem(w) for w in normalize(text).split() if w not in STOPWORDS}

    def _relations(self, query: StoryQuery) -> list[Relation]:
        if not query.characters:
            return []
        stems = {stem(w) for w in query.text.split()} | set(query.text.split())
        labels = {
            label
            for word, found in self._relation_words.items()
            if word in stems
            for label in found
        }
        named = set(query.characters)
        if len(named) >= 2:
            first, second = query.characters[0], query.characters[1]
            pair = [r for r in self.kb.relations if {r.who, r.of} == {first, second}]
            chosen = [r for r in pair if r.label in labels] or pair
            if self._relative_asked_of(first, query.text.split()):
                # "<her> sister": the one who is her sister first
                return sorted(chosen, key=lambda r: r.of != first)
            return sorted(chosen, key=lambda r: r.who != first)
        if not labels:
            return []
        person = query.characters[0]
        of_person = [r for r in self.kb.relations if r.of == person and r.label in labels]
        tokens = query.text.split()
        if self._span(person, tokens) is None:
            # found as the relative asked of someone named ("<her> sister"): what they are
            # to the one named
            own = [r for r in self.kb.relations if r.who == person and r.label in labels]
            if own:
                return sorted(own, key=lambda r: self._span(r.of, tokens) is None)
        if of_person or self._relative_asked_of(person, tokens):
            return of_person  # "<her> kid": hers, not whose kid she is
        return [r for r in self.kb.relations if r.who == person and r.label in labels]

    def _relative_asked_of(self, person: str, tokens: list[str]) -> bool:
        """Whether a relation word follows the person's name ("<her> sister"): their relative
        is asked, not whose relative they are."""
        span = self._span(person, tokens)
        after = tokens[span[1]] if span is not None and span[1] < len(tokens) else ""
        return after in self._relation_words or stem(after) in self._relation_words

    def _recap_events(self, number: int, last: int, beats: int = _RECAP_BEATS) -> list[Event]:
        events = [e for e in self.kb.events if e.episode == number and self._spoiler(e) <= last]
        major = [e for e in events if e.did in _MAJOR]
        chosen = (major or events)[:beats]
        return sorted(chosen, key=events.index)

    # -- wording ----------------------------------------------------------------------------------

    def _spoiler(self, event: Event) -> int:
        """The episode that reveals the event as told, twists of the names it shows included."""
        return max([event.spoiler_from, *(self._name_spoiler(c) for c in event.characters)])

    def _name_spoiler(self, character_id: str) -> int:
        character = self._characters.get(character_id)
        return (character.name_spoiler_from or 0) if character else 0

    def _line(self, event: Event) -> RichText:
        return (Segment(_sentence(event.text, f"(episode {event.episode})"), self._spoiler(event)),)

    def _doer_line(self, event: Event) -> RichText:
        """The doer's full name first, then the event: "Ann Lee: Ann saves Bo (episode 2)."."""
        return self._led_line(event, event.who)

    def _whom_line(self, event: Event) -> RichText:
        """Whom it is done to first, then the event: "Bo Li: Ann saves Bo (episode 2)."."""
        return self._led_line(event, event.whom)

    def _led_line(self, event: Event, leading: Iterable[str]) -> RichText:
        names = [self._characters[c].name for c in leading if c in self._characters]
        lead = f"{' and '.join(names)}: " if names else ""
        return (
            Segment(
                lead + _sentence(event.text, f"(episode {event.episode})"), self._spoiler(event)
            ),
        )

    def _and_why(
        self, query: StoryQuery, line: Callable[[Event], RichText]
    ) -> Callable[[Event], RichText]:
        """`line`, followed by the reason the sources give, when the question also asks why
        ("who killed him and why")."""
        if not set(query.text.split()) & _WHY_WORDS:
            return line

        def with_reason(event: Event) -> RichText:
            if not event.why:
                return line(event)
            return (*line(event), Segment(f" Why: {event.why}.", self._spoiler(event)))

        return with_reason

    def _episode_line(self, event: Event) -> RichText:
        # the title is how fans name an episode too, and no spoiler
        title = self._titles.get(event.episode)
        named = f'Episode {event.episode} ("{title}")' if title else f"Episode {event.episode}"
        return (Segment(f"{named}: {event.text}", self._spoiler(event)),)

    def _reason_line(self, event: Event) -> RichText:
        """The event and why it happens, else how."""
        return self._explained_line(event, manner_first=False)

    def _manner_line(self, event: Event) -> RichText:
        """The event and how it happens, else why: "how did she get out" asks the manner."""
        return self._explained_line(event, manner_first=True)

    def _explained_line(self, event: Event, *, manner_first: bool) -> RichText:
        told = [("How", event.how), ("Why", event.why)]
        label, said = next(
            ((lab, text) for lab, text in (told if manner_first else told[::-1]) if text),
            ("", ""),
        )
        text = _sentence(event.text, f"(episode {event.episode})")
        if said:
            text += f" {label}: {said}."
        return (Segment(text, self._spoiler(event)),)

    def _place_line(self, event: Event) -> RichText:
        text = f"{event.where[:1].upper()}{event.where[1:]}: {event.text}" if event.where else ""
        return (Segment(_sentence(text, f"(episode {event.episode})"), self._spoiler(event)),)

    def _fate_line(self, fate: Fate) -> RichText:
        spoiler = max([fate.spoiler_from, *(self._name_spoiler(c) for c in (fate.who, *fate.by))])
        return (Segment(fate.text, spoiler),)

    def _relation_spoiler(self, relation: Relation) -> int:
        return max(
            relation.spoiler_from, self._name_spoiler(relation.who), self._name_spoiler(relation.of)
        )

    def _relation_line(self, relation: Relation, *, named: bool = False) -> RichText:
        who = self._characters[relation.who].name if relation.who in self._characters else ""
        of = self._characters[relation.of].name if relation.of in self._characters else ""
        label = relation.label.replace("-", " ")
        if relation.how:
            label = f"{label} {relation.how}"  # "classmate at university"
        since = f" (from episode {relation.since})" if relation.since > 1 else ""
        if relation.spoiler_from > max(relation.since, 1):
            # a tie kept secret until a later episode: when it comes out is worth telling
            since = f" (revealed in episode {relation.spoiler_from})"
        text = f"{who} is {possessive(of)} {label}{since}."
        if named:
            text = f"{possessive(of)} {label} is {who}{since}."
        text = text[:1].upper() + text[1:]
        return (Segment(text, self._relation_spoiler(relation)),)

    def _relation_label_line(self, relation: Relation) -> RichText:
        of = self._characters[relation.of].name if relation.of in self._characters else ""
        label = relation.label.replace("-", " ")
        text = f"{label[:1].upper()}{label[1:]} of {of}"
        return (Segment(text, self._relation_spoiler(relation)),)

    def _events_reply(
        self, intent: str, found: list[_Scored], line: Callable[[Event], RichText]
    ) -> Reply | None:
        if not found:
            return None
        # The likeliest first; before each, the same beat told before its twist (the plain
        # version before the one that retells it).
        events = list(dict.fromkeys(t for s in found for t in (*self._twins(s.event), s.event)))
        return self._reply(
            intent, [line(e) for e in events], [s for e in events for s in e.sources]
        )

    def _revealed(self, event: Event) -> Event | None:
        """The same beat told again once its doer is revealed, if the story has it (the
        reverse of `_twins`)."""
        return next(
            (
                e
                for e in self.kb.events
                if e.who
                and e.episode == event.episode
                and e.did == event.did
                and e.spoiler_from > event.spoiler_from
                and event in self._twins(e)
            ),
            None,
        )

    def _twins(self, event: Event) -> list[Event]:
        """The same beat told before a later reveal (the doer not yet known), if the story has it."""
        if event.spoiler_from <= event.episode:
            return []
        return [
            e
            for e in self.kb.events
            if e is not event
            and e.episode == event.episode
            and e.did == event.did
            and e.spoiler_from < event.spoiler_from
            and ((e.whom and e.whom == event.whom) or (e.what and e.what == event.what))
        ]

    def _reply(self, intent: str, lines: list[RichText], sources: Iterable[str]) -> Reply:
        ids = tuple(dict.fromkeys(sources))
        return Reply(ReplyKind.ANSWER, intent, _lines(lines), sources=self.kb.source_titles(ids))


def _form_stems(form: str, verbs: VerbVocabulary) -> tuple[str, ...]:
    """A verb form as the stems it is matched by, its object slot ("*") kept."""
    return tuple(
        part
        for word in form.split()
        for part in (
            [_SLOT] if word == _SLOT else [stem(verbs.base(w)) for w in normalize(word).split()]
        )
    )


def _slotted_at(form: tuple[str, ...], stems: list[str], taken: set[int]) -> list[int]:
    """Where a form with an object slot is used, its slot filled by one to `_SLOT_SIZE` words;
    the words it spans are then taken."""
    slot = form.index(_SLOT)
    head, tail = form[:slot], form[slot + 1 :]
    found: list[int] = []
    for at in range(len(stems) - len(head)):
        if tuple(stems[at : at + len(head)]) != head or at in taken:
            continue
        for size in range(1, _SLOT_SIZE + 1):
            rest = at + len(head) + size
            if tuple(stems[rest : rest + len(tail)]) == tail:
                found.append(at)
                taken.update(range(at, rest + len(tail)))
                break
    return found


def a_name_done(text: str) -> bool:
    """Whether a (normalized) question asks a name as what someone does something to: "what
    name does she find", "whose name did he see"."""
    return bool(_A_NAME_DONE.search(text))


def asks_another_name(text: str) -> bool:
    """Whether a (normalized) question asks for another name someone goes by: a nickname, a
    hero name, what they call themselves."""
    return bool(_ASKS_ANOTHER_NAME.search(text))


def _asks_yes_or_no(text: str) -> bool:
    """Whether a (normalized) question asks yes or no: "does she ...", "did he ever ..."."""
    first = text.split(maxsplit=1)[:1]
    return bool(first) and first[0] in _YES_NO


def _remember(cache: dict[_K, _T], key: _K, value: _T) -> None:
    if len(cache) >= _CACHE_SIZE:
        cache.clear()
    cache[key] = value


def _lines(lines: Iterable[RichText]) -> RichText:
    out: list[Segment] = []
    for line in lines:
        if not line:
            continue
        if out:
            out.append(Segment("\n"))
        out.extend(line)
    return tuple(out)


def _sentence(text: str, tail: str) -> str:
    body = text.rstrip()
    end = body[-1] if body and body[-1] in ".!?" else "."
    return f"{body.rstrip('.!?')} {tail}{end}"


# The aspects of the story a kind of question may ask for (`aspect:` in kinds.yaml).
ASPECTS: dict[str, Callable[[Story, StoryQuery], Reply | None]] = {
    "who_did": Story.who_did,
    "what_did": Story.what_did,
    "fate": Story.fate,
    "episode": Story.episode,
    "why": Story.why,
    "where": Story.where,
    "relation": Story.relation,
    "name": Story.name,
    "diagnosis": Story.diagnosis,
    "alias": Story.alias,
    "recap": Story.recap,
}
