"""From a question to a reply: split, read, match, decide, build (or decline, or stay silent).

Deciding follows the usual fallback policy of intent-matching assistants: the best match is answered
when its score reaches the calibrated threshold and no different answer is within the calibrated
margin; a kind that needs something the question does not name is resolved from what the question
describes, or asked back; on-topic questions the sources cannot answer get "my sources don't say",
and questions with nothing to do with the season a short note of what the bot covers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from rapidfuzz import fuzz, process

from bot.core.answering.builders import Answers, keywords, protect
from bot.core.answering.dispatch import BUILDERS, BuildRequest
from bot.core.answering.fit import (
    asked_type,
    crew_role_asked,
    holds,
    reply_text,
    tells_the_kind_asked,
    tells_the_measure_asked,
    tells_the_role_asked,
    tells_what_it_stands_for,
)
from bot.core.answering.kinds import Does, KindRegistry, QuestionKind, shipped_kinds
from bot.core.answering.reply import Card, CardField, Reply, ReplyKind
from bot.core.answering.story import Story, StoryQuery, a_name_done, asks_another_name
from bot.core.answering.types import Answer, Choice, Trigger
from bot.core.errors import CharacterNotFound, EpisodeNotFound
from bot.core.knowledge.model import Billing, Character, Fact, Gap, KnowledgeBase, Reception
from bot.core.knowledge.richtext import RichText, Segment, join, plain, to_plain
from bot.core.understanding.entities import EntityIndex, Kind, Mention, find_episode_numbers
from bot.core.understanding.matching import (
    ANYONE,
    FOUND_READING,
    UNTOLD_PREFIX,
    Candidate,
    Matcher,
    calibration,
)
from bot.core.understanding.reading import (
    RELATIONS,
    THIS_SEASON,
    Reader,
    Reading,
    without_season_words,
)
from bot.core.understanding.termcache import TermCache, reading_inputs
from bot.core.understanding.text import (
    COMMON_ENGLISH,
    EVERYDAY_ENGLISH,
    NUMBER_WORDS,
    QUESTION_CONCEPTS,
    STOPWORDS,
    concept,
    normalize,
    stem,
)
from bot.core.understanding.vocabulary import vocabulary

__all__ = ["Answerer"]

MAX_QUESTION = 400  # characters understood; the rest of a wall of text is ignored
MAX_PARTS = 4
CHAT_ASIDE_WORDS = 3  # a part this long that asks and names nothing is chat around a question
MAX_READINGS = 4  # a "which one?" offers two; four readings are plenty to find them
HIDDEN_TITLE = "Answer hidden: spoiler"  # the title of a card whose every word is a reveal
FACT_PREFIX = "fact:"
GAP_PREFIX = UNTOLD_PREFIX  # a detail the sources never give: declined, with what it is
# a cue used by one in this many of a gap's questions is how it is asked ("how did <the suit>
# end"); on the evaluation sets 4 gave 2 fewer story declines, 10 six fewer story answers
GAP_CUE_SHARE = 6
CLOSE = 0.05  # scores this close are the same match as far as the examples can tell
MAJORITY = 0.5  # a share of the nearest examples' vote above this is most of them
_WHO_ARE = re.compile(r"^(?:so\s+|and\s+)?(?:who|whom)\s+(?:are|were|r)\b")  # several asked
_HOW_AUXILIARIES = frozenset("did does do was were is".split())  # "how did ...": a manner asked
_MANNER_ASPECTS = frozenset({"why", "fate"})  # the story's kinds that tell how something happened
WANTING = 3  # the likeliest answers whose needs are looked for in what a question describes
# Kinds whose answers are checked against the knowledge (`verifies: true`) may answer a question
# scoring this share of the threshold, when the check finds an answer.
VERIFIED_SHARE = 0.6
# telling words a question needs before a fact saying them all answers it below the threshold
# (on held-out examples: 1 lost declines, 3 lost answers; asking also for most of the nearest
# examples' vote only lost answers)
FACT_SAYS_WORDS = 2
# ...and other words of it the fact may leave unsaid ("learn" for "lesson"; 0 lost held-out answers)
FACT_SAYS_UNSAID = 1
# the nearest examples' vote two answers on one topic must hold between them, below the threshold
# but above the anchored score, to be one answer rather than a doubt between two
POOLED_SHARE = 0.9
_THIS_SEASON_STEM = stem(THIS_SEASON)
_FACT_ASKED = frozenset({"when", "where", "who", "how_many", "long"})  # concepts asking a fact
# a word that is a name: capitalised (not the English of a sentence's first word, checked apart)
_PROPER_WORD = re.compile(r"\b[A-Z][A-Za-z'’-]+")
_SENTENCE_START = re.compile(r"(?<=[.!?:])\s+|\n+")
# words that make a name for someone a description of them ("<her> dad", "the lawyer")
_DESCRIBING_NOUNS = (
    vocabulary().relation_nouns | vocabulary().role_nouns | vocabulary().person_nouns
) - {"one"}
# "who plays ...", "who directed ...": asked about the making of the show, not its story
_ABOUT_THE_MAKING = re.compile(
    r"\b(?:who|whom|whos)\s+(?:" + "|".join(sorted(vocabulary().asking_verbs)) + r")\b"
)
_POLITE_ASKING = re.compile(r"\bthink\s+(?:you|u)\s+(?:can|could|would|might)\b")
# words that name parts of the show, not things in it ("Episode 9: ...")
_EPISODE = "episode"  # the word the reader makes of "ep", "eps", "episode"
_PARTS_OF_THE_SHOW = frozenset({"episode", "episodes", "season", "seasons", "aka"})
_WHICH = frozenset({"which", "what", "whats"})
_OWN_NAME = frozenset({"full", "real", "first", "last", "surname", "middle", "maiden"})
_OWN_NAME_BEFORE = _OWN_NAME | {"actual"}  # right before "name": "his actual name"
EPISODE_VOTERS = 8  # the likeliest events whose episodes vote for the one a question tells
TOLD_LIKE = 0.6  # how like a question about one story event a question must be to be asked of it
TOLD_ALONE = 0.8  # ...when it names nothing of the season ("the security footage")
SHORT_ASIDE = 5  # words of a part that is only "what do u think?" tacked on a question
LEADING = 2  # a cue this near the start (after "ok so") opens the question
WHOLE_ASKING = 3  # terms a way of asking needs before holding it whole says what is asked

_SPLIT = re.compile(
    r"[?;\n]+|\b(?:and also|also|plus|as well as)\b"
    r"|\band\s+(?=(?:who|what|when|where|which|how|whos|is|was|did|does)\b)"
    r"|,\s*(?=(?:and\s+)?(?:who|what|when|where|which|how|whos)\b)"
)
_ROLE_NOUNS = vocabulary().role_nouns
# roles that are also jobs in the show's making ("the director"): someone of the story only when
# the question names a character they are described by ("the director <she> confronts")
_RATING_UNITS = frozenset({"star", "stars"})  # "4 out of 5 stars" is also said "4 out of 5"
_MAKING_ROLES = frozenset(w for w in _ROLE_NOUNS if concept(w) in vocabulary().making_concepts)
_RELATION_NOUNS = vocabulary().relation_nouns | _ROLE_NOUNS
# role nouns that say no more than "someone"
_ASKING_CONCEPTS = QUESTION_CONCEPTS | {"episode", "season"}
_PHRASE_WORDS = 2  # a keyword of this many words is a phrase, telling on its own
_SHORT_NAME = 3  # letters a name cut short keeps ("jess")
# "the (hospital) one where <something happens>": an episode told by an event in it
_BY_EVENT = re.compile(
    r"\b(?:the\s+)?(?:[a-z']+\s+)?(?:one|ep|episode|scene)\s+(?:where|when|in which)\s+"
    r"(?P<event>[^,?!.;]+)",
    re.IGNORECASE,
)
_BY_PLACE = re.compile(
    r"\bthe\s+(?P<place>[a-z]+)\s+(?:one|ep|episode)\b"
    r"|\b(?:one|ep|episode)\s+(?:with|at|in)\s+the\s+(?P<at>[a-z]+)\b",
    re.IGNORECASE,
)
# Where an aside may begin: punctuation, a dash, and words that join or trail off a clause.
_CLAUSE = re.compile(r"[,.!:()]+|\s[-–—]\s|\b(?:but|or|lol|lmao|tbh|btw|right|though|like)\b")
_TIES_TO_EARLIER = re.compile(
    r"\b(?:from|since|after|than|like|vs|versus|compared to)\s+(?:the )?s(?:eason)?\s?\d"
)
# A person or episode pointed at but not named: "who plays him", "that one episode".
_POINTS_AT_SOMEONE = re.compile(
    r"\b(?:he|him|his|she|her|hers)\b"
    r"|\b(?:that|this|the other)\s+(?:one\s+)?(?:episode|ep|guy|girl|woman|man|character|actor|actress|one)\b"
    r"|\b(?:which|what)\s+(?:episode|one)\s+(?:was|is)\s+(?:that|it|this)\b"
    r"|\bthe\s+(?:guy|girl|woman|man|lady|dude|kid)\W*$"  # nothing said of them
)
# "what was that song called", "who plays the mom": something the asker has in mind but does
# not name ("it" is too often the season itself: "when did it come out")
_POINTS_AT_SOMETHING = re.compile(
    r"\b(?:that|this|the (?:"
    + "|".join(sorted(RELATIONS | {"song", "track", "episode", "ep", "actor", "actress"}))
    + r"))\b"
    + r"|\bit\W*$"  # "who directed it": what is it?
)
_POINTS_AT_A_SCENE = re.compile(
    r"\b(?:that|this)\s+(?:" + "|".join(sorted(vocabulary().scene_nouns)) + r")\b"
    r"|\b(?:that|this|it)\s+(?:happen|happens|happened)\W*$"  # "when does that happen"
)
_ASKS_OTHER_THAN_WHO = frozenset("what whats why how hows when where which".split())
_POINTS_AT_ONLY = re.compile(
    r"\b(?:that|this|it|there|then)(?:\s+(?:again|exactly|tho|though))?\W*$"
)  # "who was that again"
# "what's that track called": one piece of music pointed at, none named
_POINTS_AT_A_PIECE = re.compile(r"\b(?:that|this)\s+(?:song|track|tune|piece|theme)\b")
# words quoted in a question: 'darkly enjoyable', "a slower burn", “...”
# a name asked for: "what's the name of ...", "what is it called?" (not "she called it great")
# the name asked is an episode's: "the aquarium episode called", "the name of that ep"
_EPISODE_NAMED = re.compile(
    r"\b(?:the|that|this|which|what)(?: \w+)? episodes?(?: \w+)? (?:called|named)\b"
    r"|\bname of (?:the |that |this )?(?:\w+ )?episode\b"
)
# the name of a person asked: "the name of the guy with ...", "the name of that nurse"
_PERSON_NAMED = re.compile(
    r"\bname of (?:the|that|this) (?:\w+ )?("
    + "|".join(sorted(vocabulary().person_nouns | vocabulary().role_nouns))
    + r")\b"
)
_NAME_ASKED = re.compile(r"\bnamed?\b|\b(?:called|named)\W*$")
# verbs a question quotes a review with, unquoted ("which critic called it ...")
_SAYING = frozenset("called calls call said says described describes wrote writes".split())
_SAID_WORDS = 10  # words after one that may be quoted
_QUOTED = re.compile(r"""(?:^|\s)['"“‘]([^'"”’]{3,120})['"”’](?=\s|[?.!,]|$)""")
_SCENE_CONCEPTS = frozenset(concept(w) for w in vocabulary().scene_nouns)
_MENTIONS_SOMEONE = re.compile(r"<@!?\d+>")
_ABOUT_RENEWAL = re.compile(
    r"\b(?:renew\w*|order\w*|announc\w*|confirm\w*|green ?l\w*|cancel\w*|pick\w* up)\b"
    r"|\b(?:is|was|will|would|did|does)\s+(?:there|it|they|netflix)\b(?!.*\b(?:when|where|who)\b)"
    r"|\b(?:get|got|getting)\s+(?:a|another)\b|\bexist"
)
_QUESTION_START = re.compile(
    # (not "dont spoil it", which asks nothing; "dont they ..." does)
    r"^(?!do not (?:spoil|tell|ruin|say|post|forget|worry|bother|mind|answer|reply)\b)"
    r"(?:who|whom|whose|what|whats|when|where|which|why|how|is|are|was|were|did|does|do|can|"
    r"could|will|would|has|have|had|tell|list|name|give|show|explain|describe|any|whos|wheres|"
    r"whered|whod|howd|whatd|whyd|whend|hows|whys|"
    r"wat|wut|when's|who's|what's|which)\b"
)


def _alternatives(phrases: tuple[str, ...]) -> str:
    return "(?:" + "|".join(re.escape(p) for p in phrases) + ")"


# "anyone know ...", "can someone list ...": the room asked for a fact
_ASKING_THE_ROOM = (
    f"(?:{_alternatives(vocabulary().asking_the_room)}"
    f"|{_alternatives(vocabulary().room_askers)} {_alternatives(vocabulary().telling_verbs)})"
)
_ANYONE_KNOW = re.compile(
    rf"\b{_ASKING_THE_ROOM}\b"
    r"|\b(?:any ?one|anybody|any1|some ?one|somebody)\W*$"  # "... ep 10 again, anyone?"
)
# "does anyone remember when ...": asking the room, before the question itself
_ROOM_OPENER = re.compile(
    rf"^(?:(?:does|do|did|can|could)\s+)?{_ASKING_THE_ROOM}"
    r"\s+(?=(?:who|whom|whose|what|when|where|which|why|how)\b)",
    re.IGNORECASE,
)
# words asked for as they were said: "what exactly does he say", "her exact last line"
_EXACTLY = re.compile(r"\b(?:exact|exactly|verbatim|word for word|quote|quotes)\b")
_SAID = re.compile(r"\b(?:say|says|said|line|lines|quote|quotes|words)\b")
_WORDS_UNQUOTED = "the words as they were said: they tell what happens, not the dialogue"
# a part only describing someone: "the guy she was living with", "that woman from ep 3", "the
# rival pi", "<his> partner"
_DESCRIBES_SOMEONE = re.compile(
    r"^(?:the|that|this|her|his|their|\w+s)\s+(?:\w+\s+)?(?:"
    + "|".join(sorted(vocabulary().person_nouns | vocabulary().role_nouns))
    + r")\b"
)
# a short aside in brackets: "(the landlord)", "(s2e6)"
_BRACKETED = re.compile(r"\s*\(([^()]{1,40})\)")
# "what was <he> in prison for": why someone was somewhere
_WHY_THERE = re.compile(r"^what (?:is|was|were|are) (?:\w+ ){1,4}in (?:\w+ ){1,3}for\b")
# the asker speaking of themselves after a question: "... i fell asleep", "... im so lost" (not
# the question's own "i": "where can i stream it", "one i can borrow")
_ASKERS_ASIDE = re.compile(r"\s+(?:i|im|ive|id|i'm|i've|i'd|i’m)\s+(\S+).*$", re.IGNORECASE)
_AUXILIARIES = frozenset(
    "can could do did does should would will shall may might must am was have had".split()
)
_TO_OTHERS = re.compile(
    r"\b(?:" + "|".join(re.escape(p) for p in vocabulary().talking_to_others) + r")\b"
)
_OPINION = re.compile(r"\b(?:" + "|".join(sorted(vocabulary().opinion_words)) + r")\b")
_LIKE = "like"
_LIKER_REACH = (
    3  # words before "like" where the one liking stands ("i do not like", "anyone else like")
)
_MEMBERS_VIEW = re.compile(
    r"\b(?:" + "|".join(sorted(vocabulary().view_holders)) + r")\b(?:\s+\w+){0,2}?\s+"
    r"(?:" + "|".join(sorted(vocabulary().opinion_verbs)) + r")\b"
)
_SUGGESTS = re.compile(
    r"(?:" + "|".join(re.escape(p) for p in vocabulary().suggestion_openers) + r")\b"
)
_TRAILING_VOCATIVE = re.compile(
    r"(?:\s+(?:"
    + "|".join(sorted(vocabulary().vocatives | vocabulary().trailing_laughter))
    + r"))+$"
)
_INTERJECTION = "|".join(re.escape(p) for p in vocabulary().interjections)
_OPENING_INTERJECTION = re.compile(
    r"^(?:(?:" + _INTERJECTION + r")(?:[\s,.!:;-]+|$))+", re.IGNORECASE
)
# Where one clause of a chat message ends: punctuation, a dash, words that join or trail off.
_CLAUSE_END = re.compile(
    r"[,.!?;:()]+|\s[-–—]\s|\b(?:but|or|and|lol|lmao|tbh|btw|though)\b", re.IGNORECASE
)
# "sarah you have netflix now?": a message opening with a name and "you" speaks to that person
_NAME_THEN_YOU = re.compile(r"^(?P<first>[a-z]+)\s+(?:you|u|ya)\b")
_THANKS = frozenset({"thank", "thanks", "ty"})
# of a normalized message overheard: interjections and the words that open chat ("real quick")
_LEADING_INTERJECTION = re.compile(
    r"^(?:(?:"
    + "|".join([_INTERJECTION, *map(re.escape, sorted(vocabulary().chat_openers))])
    + r")\s+)+"
)


def _about(reading: Reading, key: str, secret: int | None) -> Reading:
    """The reading about the character `key` the question describes, instead of any it names."""
    mention = Mention(Kind.CHARACTER, key, 0, 0, 100.0, False, secret)
    return replace(
        reading,
        mentions=(*(m for m in reading.mentions if m.kind is not Kind.CHARACTER), mention),
        slots=reading.slots | {"{character}"},
        specific=frozenset(t for t in reading.specific if not t.startswith("{character:"))
        | {"{character:" + key + "}"},
    )


def _naming_outlet(reading: Reading, outlet: str) -> Reading:
    """The reading as if it named the review of `outlet` too (found by a quote, rating or critic)."""
    mention = Mention(Kind.OUTLET, outlet, 0, 0, 100.0, False, None)
    return replace(
        reading,
        mentions=(*reading.mentions, mention),
        slots=reading.slots | {"{outlet}"},
        specific=reading.specific | {"{outlet:" + outlet + "}"},
    )


def _role_at(reading: Reading) -> int | None:
    """Where the question's first role noun ("the nurse", "the guy") is, if it has one."""
    return next((i for i, w in enumerate(reading.text.split()) if w in _ROLE_NOUNS), None)


def _describes_someone_unnamed(reading: Reading) -> bool:
    """Whether a role noun of the question ("the tall guy <she> frees") is outside every name
    it uses ("the woman in red" may be a name)."""
    named = {i for m in reading.mentions if m.kind is Kind.CHARACTER for i in range(m.start, m.end)}
    return any(w in _ROLE_NOUNS and i not in named for i, w in enumerate(reading.text.split()))


def _telling_words(text: str) -> frozenset[str]:
    """The stems of a question's words that everyday talk does not use ("dexter", "rage")."""
    return frozenset(
        stem(w)
        for w in without_season_words(normalize(text)).split()
        if w not in STOPWORDS and w not in EVERYDAY_ENGLISH and w != THIS_SEASON and not w.isdigit()
    )


def _stems(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in normalize(text).split())


def _content_words(text: str) -> frozenset[str]:
    """The stems of a question's words that say what it is about (not how it asks)."""
    return frozenset(
        w
        for w in keywords(without_season_words(normalize(text)))
        if w != _THIS_SEASON_STEM and not w.isdigit()
    )


def _says_all_it_asks(text: str, said: frozenset[str]) -> bool:
    """Whether words said (stems) hold every telling word of a question that has enough of them,
    and all but a few of its other words: "what did she eat while writing it" is not told by
    a text about her writing."""
    telling = _telling_words(text)
    return (
        len(telling) >= FACT_SAYS_WORDS
        and telling <= said
        and len(_content_words(text) - said) <= FACT_SAYS_UNSAID
    )


def _asks_for_a_name(text: str) -> bool:
    """Whether a question asks what someone or something is called; not one asking what was
    done to a name ("what name does she find"), which the story tells as an act."""
    words = normalize(text)
    return (
        bool(vocabulary().naming_words & set(words.split()))
        and not a_name_done(words)
        and not _EPISODE_NAMED.search(words)  # an episode's title is asked
    )


def _names_in(text: str, known: set[str]) -> set[str]:
    """The words of `text` that name something: capitalized ones ("Ann's" as "ann"), except a
    capital that only starts a sentence ("Homophobic thugs ...") and is no known name."""
    found: set[str] = set()
    for sentence in _SENTENCE_START.split(text):
        for at, match in enumerate(_PROPER_WORD.finditer(sentence.strip())):
            word = normalize(match.group())
            opens = at == 0 and match.start() == 0
            if word and (not opens or word in known):
                found.add(word)
    return found


def _asks_own_name(words: list[str]) -> bool:
    """Whether the name asked is someone's own: "what's his actual name", not "the actual name
    of her disease"."""
    naming = vocabulary().naming_words
    for at, word in enumerate(words):
        if word not in naming or words[at + 1 : at + 2] == ["of"]:
            continue
        before = words[max(0, at - 2) : at]
        if before[-1:] and before[-1] in _OWN_NAME_BEFORE and before[:1] != ["the"]:
            return True  # "his actual name", "<her> real name"; not "the actual name"
    return False


def _found_by_tie(reading: Reading) -> bool:
    """Whether the characters a reading names were found through a tie the question tells
    ("her dad"): their name is then what is asked, not known already."""
    words = reading.text.split()
    found = [m for m in reading.mentions if m.kind is Kind.CHARACTER]
    return bool(found) and all(set(words[m.start : m.end]) & _DESCRIBING_NOUNS for m in found)


def _addresses_someone(text: str) -> bool:
    """Whether a (normalized) message opens by speaking to someone by name ("sarah you have
    netflix now?"): a first word that is no question word, small word or thanks, then "you"."""
    opening = _NAME_THEN_YOU.match(text)
    return (
        opening is not None
        and not _QUESTION_START.match(text)
        and opening["first"] not in STOPWORDS | _THANKS
    )


@dataclass(frozen=True)
class _Clause:
    words: str  # normalized, without interjections before it and a call to the room after it
    span: tuple[int, int]  # where it is in the message, its question mark included


def _question_clause(text: str) -> _Clause | None:
    """The clause of a chat message that asks something: the first that opens with a question
    word, asks the room ("anyone know ...") or ends in a question mark. "ok dumb question but was
    season 2 on netflix" asks in its second clause; "lol this ep is wild" asks nothing."""
    start = 0
    for boundary in [*_CLAUSE_END.finditer(text), None]:
        end = boundary.start() if boundary else len(text)
        asks = boundary is not None and "?" in boundary.group()
        words = _TRAILING_VOCATIVE.sub(
            "", _LEADING_INTERJECTION.sub("", normalize(text[start:end]))
        )
        if words and (asks or _QUESTION_START.match(words) or _ANYONE_KNOW.search(words)):
            return _Clause(words, (start, boundary.end() if asks and boundary else end))
        if boundary is not None:
            start = boundary.end()
    return None


def _shares_a_view(clause: str) -> bool:
    """Whether a clause gives or asks members' views ("best finale ever", "what do you think"),
    not a critic's ("what did the hollywood reporter think of her"). "like" is a view only when
    someone does the liking ("did u like it"), not in a likeness ("a hero like in the comics")."""
    for match in _OPINION.finditer(clause):
        before = clause[: match.start()].split()
        if match.group() != _LIKE or vocabulary().view_holders & set(before[-_LIKER_REACH:]):
            return True
    return bool(_MEMBERS_VIEW.search(clause))


def _titled_by_a_name(title: str, words: str) -> bool:
    """Whether a fact's title is a proper name the question does not already say ("Alias
    Investigations"): the fact then tells what something is called."""
    parts = title.split()
    return (
        bool(parts)
        and all(p[:1].isupper() for p in parts)
        and f" {normalize(title)} " not in words
        and not title.rstrip().endswith("?")
    )


def _talks_to_others(clause: str) -> bool:
    """Whether a clause speaks to other members ("did you guys finish it", "lets rewatch")."""
    return bool(_TO_OTHERS.search(clause) or _SUGGESTS.match(clause))


_BEING_OR_POINTING = [[w] for w in ("is", "was", "are", "were", "the", "that", "this")]


def _without_askers_aside(text: str) -> str:
    """The question before what the asker then says of themselves ("ep 9 recap plz i fell
    asleep halfway"); the text itself when it has no such aside."""
    found = _ASKERS_ASIDE.search(text)
    if found is None:
        return text
    before = text[: found.start()].split()
    if (before and before[-1].casefold() in _AUXILIARIES) or found[1].casefold() in _AUXILIARIES:
        return text
    return text[: found.start()]


def _words_asked_unquoted(text: str, reply: Reply) -> bool:
    """Whether a question asks for words as they were said ("what exactly does he say to her",
    "her exact last line") and the answer quotes none: it tells what happened, not the words."""
    asked = normalize(text)
    if not (_EXACTLY.search(asked) and _SAID.search(asked)):
        return False
    shown = reply_text(reply)
    return not any(mark in shown for mark in ('"', "“"))


def _rated(text: str, reception: Reception) -> set[str]:
    """The outlets whose review gave the rating a question names ("who gave it 4 out of 5",
    "who gave it a B"); a one-letter grade only after "a", "an" or "grade"."""
    found = set()
    text = " ".join(str(NUMBER_WORDS.get(word, word)) for word in text.split())  # "four": "4"
    for review in reception.reviews:
        if not review.rating:
            continue
        rating = normalize(review.rating).split()
        while rating and rating[-1] in _RATING_UNITS:
            rating.pop()
        said = " ".join(rating)
        at = f" {text} ".find(f" {said} ")
        if not said or at < 0:
            continue
        before = f" {text} "[:at].split()[-1:]
        if len(said) > 1 or before in (["a"], ["an"], ["grade"]):
            found.add(review.outlet)
    return found


def _making_named_alone(reading: Reading) -> bool:
    """Whether a question names something of the show's making and no one of its story: "why
    did they hire women directors" asks about the making."""
    return not reading.all_of(Kind.CHARACTER) and bool(
        vocabulary().making_concepts & reading.concepts
    )


def _said_unquoted(text: str, told: dict[str, str]) -> set[str]:
    """ "which critic called <her> the most dynamic element": the longest run of the words after
    a verb of saying that one review's words hold (three or more, two of them no stopwords)."""
    words = text.split()
    at = next((i for i, w in enumerate(words) if w in _SAYING), None)
    if at is None:
        return set()
    said = words[at + 1 : at + 1 + _SAID_WORDS]
    for size in range(len(said), 2, -1):
        for start in range(len(said) - size + 1):
            run = said[start : start + size]
            if len([w for w in run if w not in STOPWORDS]) < 2:
                continue
            phrase = f" {' '.join(run)} "
            found = {o for o, words in told.items() if phrase in f" {words} "}
            if found:
                return found
    return set()


def _asks_who_someone_is(words: list[str]) -> bool:
    """Whether (normalized) words ask who someone is: "who was the guy with the pet ...", "who's
    the guy ..." (its "'s" gone in normalizing)."""
    return any(
        w == "who" and words[i + 1 : i + 2] in _BEING_OR_POINTING for i, w in enumerate(words)
    )


def _spoken_to_someone(text: str) -> bool:
    """Whether a chat message is asked of a member: "@sam who directed episode 2?", "sarah you
    have netflix?"."""
    return bool(_MENTIONS_SOMEONE.search(text)) or _addresses_someone(normalize(text))


def _has_words(part: str) -> bool:
    """Whether a part of a question holds any word that could ask something."""
    return any(w not in STOPWORDS and not w.isdigit() for w in normalize(part).split())


def _by_relation(reading: Reading) -> bool:
    """Whether a reading names someone only through their tie to another ("her mother")."""
    return any(m.kind is Kind.CHARACTER and m.start == m.end for m in reading.mentions)


def _secret(reading: Reading) -> int | None:
    """The episode that reveals a twist name this reading was reached through, if any."""
    secrets = [m.secret for m in reading.mentions if m.secret is not None]
    return max(secrets) if secrets else None


def _with_fields(reply: Reply, fields: list[CardField]) -> Reply:
    """The reply with `fields` added to its first card (the story on a slash-command card)."""
    if not fields or not reply.cards:
        return reply
    first = replace(reply.cards[0], fields=(*reply.cards[0].fields, *fields))
    return replace(reply, cards=(first, *reply.cards[1:]))


@dataclass(frozen=True, slots=True)
class _Decision:
    reply: Reply
    score: float
    does: Does = Does.ANSWER  # what the best match was: an answer, chatter, off-topic ...
    reading: Reading | None = None  # what the question was read as, for a following part


class Answerer:
    def __init__(
        self,
        kb: KnowledgeBase,
        kinds: KindRegistry | None = None,
        cache_dir: Path | None = None,
    ) -> None:
        """`cache_dir` keeps what example questions read as between runs (None: no cache)."""
        self.kb = kb
        self.kinds = kinds or shipped_kinds(frozenset(BUILDERS))
        self.index = EntityIndex(kb)
        self.reader = Reader(kb, self.index)
        kind_examples, fact_examples = self._examples()
        self.matcher = Matcher(
            kb, self.reader, kind_examples, fact_examples, self._term_cache(cache_dir)
        )
        self.answers = Answers(kb)
        self.story = Story(kb)
        self._not_sure_name = self.kinds.role(Does.NOT_SURE).name
        # what one question's parts were decided as, while it is being answered
        self._decided: dict[tuple[str, Reading | None, int | None], _Decision] = {}
        self._described: dict[Reading, Reading | None] = {}  # per question, like _decided
        self._roles: dict[str, frozenset[str]] = {}  # per character, for good
        self._characters = {c.id: c for c in kb.characters}
        # the words of every name a thing of the season goes by, to tell a name already said
        self._name_words: dict[str, set[str]] = {}
        for key, names in [
            *((c.id, (c.name, *c.aliases, *c.shared_aliases)) for c in kb.characters),
            *((p.id, (p.name, *p.aliases, *p.shared_aliases)) for p in kb.people),
        ]:
            self._name_words[key] = {w for n in names for w in normalize(n).split()}
        # (names proper: not aliases such as "the <company> doctor")
        self._proper_words = {
            key: set(normalize(name).split())
            for key, name in [
                *((c.id, c.name) for c in kb.characters),
                *((p.id, p.name) for p in kb.people),
            ]
        }
        self._all_name_words = set().union(*self._proper_words.values())
        self._full_names = [tuple(normalize(c.name).split()) for c in kb.characters]
        self._title_words = {w for e in kb.episodes for w in normalize(e.title).split()}
        # an actor and the part they play are one subject ("the actress who plays <her>")
        self._same_subject: dict[str, frozenset[str]] = {}
        for character in kb.characters:
            for person in character.played_by:
                pair = frozenset({f"{{character:{character.id}}}", f"{{person:{person}}}"})
                for term in pair:
                    self._same_subject[term] = self._same_subject.get(term, frozenset()) | pair
        self.calibration = calibration()
        self._facts = {f.id: f for f in kb.facts}
        self._gaps = {g.id: g for g in kb.gaps}
        self._gap_cues: dict[str, frozenset[str]] = {}
        self._gap_verbs: dict[str, frozenset[str]] = {}
        # per gap and character it is about: whether each of its questions has them undergo
        self._gap_ways: dict[tuple[str, str], list[bool]] = {}
        self._gap_people: dict[str, frozenset[str]] = {}
        self._public_names = {c.id: c.public_name for c in kb.characters}
        self._fact_terms_cache: dict[str, frozenset[str]] = {}
        self._fact_words_cache: dict[str, frozenset[str]] = {}
        self._phrases: dict[str, tuple[str, ...]] | None = None

    def _term_cache(self, directory: Path | None) -> TermCache:
        """Reading depends on the season's names, the vocabulary and the reading code."""
        season = replace(self.kb, examples={})
        inputs = [repr(season).encode(), *(p.read_bytes() for p in reading_inputs())]
        return TermCache(directory, inputs)

    def _examples(self) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        kinds = [(kind.name, q) for kind in self.kinds for q in kind.examples]
        facts: list[tuple[str, str]] = []
        for fact in self.kb.facts:
            label = FACT_PREFIX + fact.id
            asked = (*fact.asks, fact.title, *self.kb.examples.get(fact.id, ()))
            facts += [(label, q) for q in asked]
            if fact.keywords:
                facts.append((label, " ".join(fact.keywords)))
        # what the sources never give is asked about particular things too, with their names
        facts += [(GAP_PREFIX + gap.id, q) for gap in self.kb.gaps for q in gap.asks]
        return kinds, facts

    # -- labels -----------------------------------------------------------------------------------

    def _kind(self, label: str) -> QuestionKind | None:
        return self.kinds.get(label)

    def _fact(self, label: str) -> Fact | None:
        return (
            self._facts.get(label.removeprefix(FACT_PREFIX))
            if label.startswith(FACT_PREFIX)
            else None
        )

    def _verifies(self, label: str) -> bool:
        kind = self._kind(label)
        return kind is not None and kind.verifies

    def _gap(self, label: str) -> Gap | None:
        return (
            self._gaps.get(label.removeprefix(GAP_PREFIX)) if label.startswith(GAP_PREFIX) else None
        )

    def _without_gaps_of_others(self, first: Reading, ranked: list[Candidate]) -> list[Candidate]:
        """Without the details the sources never give about someone the question does not name,
        when it names someone else outright: "the name of <her> agency" is not asking the name
        of <his> agency, which is the one the sources leave out."""
        if first.relation is not None:
            return ranked  # "<her> mom's ...": about someone the question names only by a tie
        named = {m.key for m in self._characters_not_the_show(first)}
        if not named:
            return ranked
        return [
            c
            for c in ranked
            if (gap := self._gap(c.label)) is None
            or not (people := self._gap_characters(gap))
            or named & people
        ]

    def _gap_characters(self, gap: Gap) -> frozenset[str]:
        """Everyone a gap is about or names in what it says (the killer of an unnamed victim)."""
        found = self._gap_people.get(gap.id)
        if found is None:
            said = self.reader.read(gap.says, readings=1)[0]
            found = self._gap_people[gap.id] = frozenset(gap.about) | {
                m.key for m in self._characters_not_the_show(said)
            }
        return found

    def _asked_otherwise(self, gap: Gap, text: str, cued: QuestionKind | None = None) -> bool:
        """Whether a question close to a gap asks another way than its questions do: with a
        cue they do not use, or a story verb they never use."""
        cues = [cued] if cued is not None else self.kinds.cued(text)
        verbs = self.story.verbs_asked(text)
        return (
            any(kind.name not in self._cues_of(gap) for kind in cues)
            or bool(verbs and not verbs & self._verbs_of(gap))
            or self._other_way_round(gap, text)
        )

    def _other_way_round(self, gap: Gap, text: str) -> bool:
        """Whether the question does to someone what the gap's questions have them do, or the
        other way round: "who kills <the guard>" beside "who did <the guard> kill"."""
        for character in gap.about:
            asked = self.story.undergoes(text, character)
            if asked is None:
                continue
            ways = self._gap_ways.get((gap.id, character))
            if ways is None:
                ways = self._gap_ways[gap.id, character] = [
                    w for ask in gap.asks if (w := self.story.undergoes(ask, character)) is not None
                ]
            # asked the way few of its questions are (under one in six of those with a verb)
            if ways and ways.count(asked) * GAP_CUE_SHARE < len(ways):
                return True
        return False

    def _more_like_an_event(self, reading: Reading, gap: Candidate) -> bool:
        """Whether the question is at least as like a way of asking about a story event as like
        any way of asking for the missing detail: then it asks what the story tells."""
        like = self.matcher.events_like(reading, top=1)
        return bool(like) and like[0][1] >= gap.score

    def _verbs_of(self, gap: Gap) -> frozenset[str]:
        """The story's verbs a gap's questions use."""
        if gap.id not in self._gap_verbs:
            self._gap_verbs[gap.id] = frozenset().union(
                *(self.story.verbs_asked(ask) for ask in gap.asks)
            )
        return self._gap_verbs[gap.id]

    def _cues_of(self, gap: Gap) -> frozenset[str]:
        """The kinds whose cues a gap's own questions use, in a quarter of them or more: how the
        missing detail is asked for ("why", "what's the name")."""
        if gap.id not in self._gap_cues:
            counts: dict[str, int] = {}
            for ask in gap.asks:
                for kind in self.kinds.cued(ask):
                    counts[kind.name] = counts.get(kind.name, 0) + 1
            self._gap_cues[gap.id] = frozenset(
                name for name, n in counts.items() if n * GAP_CUE_SHARE >= len(gap.asks)
            )
        return self._gap_cues[gap.id]

    def _does(self, label: str) -> Does:
        if label.startswith(GAP_PREFIX):
            return Does.DECLINE
        kind = self._kind(label)
        return kind.does if kind else Does.ANSWER

    # -- free text --------------------------------------------------------------------------------

    def ask(
        self, question: str, trigger: Trigger = Trigger.ASK, watched: int | None = None
    ) -> Answer:
        # "wait, who ...", "ok so who ...": what opens a chat message is no part of its question
        text = _OPENING_INTERJECTION.sub("", question.strip()[:MAX_QUESTION]) or question.strip()
        self._decided.clear()  # parts and clauses of one question often repeat each other
        self._described.clear()
        # "does anyone remember when ...": asking the room first; its words ("remember") are
        # no part of the question, unless only the whole message is understood
        asked_alone = _ROOM_OPENER.sub("", text)
        decision = self._decide(asked_alone or text, watched)
        if asked_alone and asked_alone != text:
            if decision.reply.answered:
                text = asked_alone
            else:
                decision = self._decide(text, watched)
        if decision.does is Does.NOT_SURE:
            # "ep 9 recap plz i fell asleep halfway": what the asker says of themselves after
            # the question is no part of it
            before = _without_askers_aside(text)
            if before != text and len(before.split()) >= 2:
                alone = self._decide(before, watched)
                if alone.reply.answered:
                    decision, text = alone, before
        if trigger is Trigger.AUTO and not self._worth_answering_unasked(text, decision):
            # "whos the composer? the music is so good", "just finished ep 5, who was the
            # doctor": the question alone, without what is said around it
            clause = _question_clause(text)
            if clause is None or clause.span == (0, len(text)) or _spoken_to_someone(text):
                return Answer(None, None)
            asked = text[clause.span[0] : clause.span[1]]
            decision = self._decide(asked, watched)
            if not self._worth_answering_unasked(asked, decision):
                return Answer(None, None)
        return Answer(decision.reply, decision.reply.intent)

    def _decide(self, text: str, watched: int | None) -> _Decision:
        # "why does <he> (the landlord) want her out": a bracketed description of someone named
        # says who, not what is asked
        text = _BRACKETED.sub(
            lambda m: "" if _DESCRIBES_SOMEONE.match(normalize(m[1])) else m[0], text
        )
        named = self._episode_named_by_event(text)
        if named is not None:
            # "who directed the one where she gets arrested": asked of that episode
            decision = self._decide_parts(named, watched)
            if decision.reply.answered:
                return decision
        decision = self._decide_parts(text, watched)
        if decision.reply.intent != self._not_sure_name:
            return decision
        # Not understood whole: a question among asides ("who plays her again, she was in the
        # matrix right") is understood by its one clause that asks something answerable.
        clauses = [c.strip() for c in _CLAUSE.split(text) if c and len(c.split()) >= 2]
        if len(clauses) < 2:
            return decision
        answered: list[_Decision] = []
        asking: list[_Decision] = []  # of clauses worded as a question
        context: Reading | None = None
        declined: _Decision | None = None
        for at, clause in enumerate(clauses[:MAX_PARTS]):
            found = self._decide_one(clause, context, watched)
            context = found.reading or context
            words = _LEADING_INTERJECTION.sub("", normalize(clause))
            asks = bool(_QUESTION_START.match(words)) or at == len(clauses) - 1
            if found.does is Does.DECLINE and asks:
                return found  # the question is there, and the sources don't say
            if found.does is Does.DECLINE:
                # "i loved s1. what's s2 about": a remark the sources can't speak to is no
                # question; the one that follows may be
                declined = declined or found
            if found.reply.answered and found.does is Does.ANSWER:
                answered.append(found)
                if _QUESTION_START.match(words):
                    asking.append(found)
        for group in (answered, asking):
            # "what was ep 7 called, the one with the flashbacks": the asking clause, when the
            # others only describe
            if len({self._reply_key(d.reply) for d in group}) == 1:
                return group[0]
        return declined or decision

    def _decide_parts(self, text: str, watched: int | None) -> _Decision:
        # "...? lol" or "...? 2": a part with no words of its own is no second question
        parts = [p.strip() for p in _SPLIT.split(text) if p and _has_words(p)]
        if len(parts) < 2:
            return self._decide_one(text, None, watched)
        decisions: list[_Decision] = []
        context: Reading | None = None
        asides: list[_Decision] = []
        asked: list[_Decision] = []  # the decisions of the parts that ask
        asking_parts = 0
        short_asides = False  # "since when", "disney" (of "disney plus"): may still qualify it
        for part in parts[:MAX_PARTS]:
            if self._only_asks_a_view(part):
                # "was she right or nah, what do u think": the bot's own view of all of it
                return self._decide_one(part, context, watched)
            decision = self._decide_one(part, context, watched)
            context = decision.reading or context
            aside = self._an_aside(part, text)
            asking_parts += not aside
            short_asides |= aside and len(part.split()) < CHAT_ASIDE_WORDS
            if self._asks(part, text):
                asked.append(decision)
            if decision.reply.answered:
                (asides if aside else decisions).append(decision)
        if (
            asking_parts == 1
            and len(decisions) == 1
            and not short_asides
            and len(parts) <= MAX_PARTS
        ):
            # "who directed <an episode>? trying to settle a bet": the one part that asks is the
            # question; the rest asks nothing and names nothing of the season
            return decisions[0]
        if (
            len(asked) == 1
            and asked[0].reply.answered
            and self._asks(parts[0], text)
            and all(_DESCRIBES_SOMEONE.match(normalize(p)) for p in parts[1:MAX_PARTS])
        ):
            # "who killed <him>? the guy she was living with": the question first, then only
            # who it is about
            return asked[0]
        # "yo spoilers ok, how does <he> die": a part with no question of its own is answered
        # only when no other part is
        decisions = decisions or asides
        distinct = {self._reply_key(d.reply) for d in decisions}
        if len(decisions) >= 2 and len(distinct) >= 2:
            return self._combine(decisions)
        whole = self._decide_one(text, None, watched)
        if not whole.reply.answered and decisions and len(distinct) == 1:
            # a question wrapped in chat ("ok so we're rewatching, who directed ep 5"): the one
            # part that asks something answerable is the question
            return decisions[0]
        return whole

    def _each_one_asked(self, best: Candidate, text: str, watched: int | None) -> _Decision | None:
        """ "who are <him> and <him>": who each of the characters named is, in turn."""
        kind = self._kind(best.label)
        characters = [m for m in best.reading.mentions if m.kind is Kind.CHARACTER]
        if (
            kind is None
            or kind is not self.kinds.built_by("character", "info")
            or len({m.key for m in characters}) < 2
            or not _WHO_ARE.match(normalize(text))
        ):
            return None
        others = [m for m in best.reading.mentions if m.kind is not Kind.CHARACTER]
        decisions = []
        for mention in dict.fromkeys(characters):
            alone = replace(best.reading, mentions=(*others, mention))
            reply = self._build(replace(best, reading=alone), text, watched)
            if reply is not None and reply.answered:
                decisions.append(_Decision(reply, best.score))
        return self._combine(decisions) if len(decisions) >= 2 else None

    def _asks(self, part: str, text: str) -> bool:
        """Whether a part of a message asks something: a question word opens it or a question
        mark closes it ("the guy she was living with", after the question, only describes)."""
        at = text.find(part)
        if at >= 0 and text[at + len(part) :].lstrip().startswith("?"):
            return True
        return bool(_QUESTION_START.match(_LEADING_INTERJECTION.sub("", normalize(part))))

    def _an_aside(self, part: str, text: str) -> bool:
        """Whether a part of a message neither asks (no question word opens it, no question mark
        closes it) nor names anything of the season: "yo spoilers ok", "seems harsh"."""
        if self._asks(part, text):
            return False
        words = _LEADING_INTERJECTION.sub("", normalize(part))
        return not self.reader.read(words, readings=1)[0].on_topic

    def _only_asks_a_view(self, part: str) -> bool:
        """Whether a part of a question is no more than a declining kind's cue ("what do u
        think?", "your take?"): it asks the bot's view of the rest."""
        words = normalize(part).split()
        return len(words) <= SHORT_ASIDE and any(
            kind.does is Does.DECLINE and kind.cued_at(words) is not None
            for kind in self.kinds.cued(part)
        )

    @staticmethod
    def _reply_key(reply: Reply) -> tuple[str | None, tuple[str, ...]]:
        return reply.intent, tuple(c.title for c in reply.cards)

    def _combine(self, decisions: list[_Decision]) -> _Decision:
        seen: set[tuple[str | None, tuple[str, ...]]] = set()
        cards: list[Card] = []
        intents: list[str] = []
        said: list[RichText] = []
        sources: list[str] = []
        for d in decisions:
            key = self._reply_key(d.reply)
            if key in seen:
                continue
            seen.add(key)
            # a story answer is told in the message itself, not in a card: kept for each part,
            # unless another part already told the same
            told = to_plain(d.reply.content)
            if told and not any(told in to_plain(before) for before in said):
                said.append(d.reply.content)
            for card in d.reply.cards:
                cards = _merged(cards, card)
            sources.extend(s for s in d.reply.sources if s not in sources)
            intents.append(d.reply.intent or "")
        reply = Reply(
            ReplyKind.ANSWER,
            "+".join(intents),
            join(said, sep="\n"),
            tuple(cards[:10]),
            sources=tuple(sources),
        )
        return _Decision(reply, min(d.score for d in decisions))

    def _decide_one(self, text: str, context: Reading | None, watched: int | None) -> _Decision:
        key = (text.strip(), context, watched)
        known = self._decided.get(key)
        if known is None:
            known = self._decided[key] = self._decide_one_afresh(text, context, watched)
        return known

    def _decide_one_afresh(
        self, text: str, context: Reading | None, watched: int | None
    ) -> _Decision:
        readings = self.reader.read(text, readings=MAX_READINGS)
        if context is not None:
            readings = [self._with_context(r, context) for r in readings]
        decision = self._choose(text, readings, watched)
        if decision.reply.answered and not self._tells_what_is_asked(text, readings[0], decision):
            # the sources don't say; what is missing is said when it is a known gap
            gap = self._likeliest_gap(self.matcher.rank(readings[:1]))
            role = crew_role_asked(text)
            if _words_asked_unquoted(text, decision.reply):
                decision = self._decline(
                    self._unknown_kind(), readings[0], [], what=_WORDS_UNQUOTED
                )
            elif role is not None and not tells_the_role_asked(text, decision.reply):
                what = f"who the {role} was"
                decision = self._decline(self._unknown_kind(), readings[0], [], what=what)
            elif gap is not None:
                decision = self._decline_gap(gap, [])
            else:
                decision = self._decline(self._unknown_kind(), readings[0], [])
        return replace(decision, reading=readings[0])

    def _tells_what_is_asked(self, text: str, reading: Reading, decision: _Decision) -> bool:
        """Whether an answer holds what its question asks for; if not, the sources don't say:
        - an amount, a year, a time or a job ("how much money did she leave with");
        - a name ("what was the nurse she killed called": telling that she did is no name);
        - a reason ("why was he following her": that he was is no reason);
        - the measure's qualifier ("the audience score": the critics' score is another);
        - the words letters stand for ("what does <it> stand for");
        - the thing of "what kind of gun" (an answer that never says "gun" does not tell)."""
        reply = decision.reply
        asked = asked_type(text)
        return (
            (asked is None or holds(reply, asked))
            and self._names_what_is_asked(text, reading, decision)
            and not self._reason_untold(text, reply)
            and tells_the_measure_asked(text, reply)
            and tells_what_it_stands_for(text, reply)
            and tells_the_kind_asked(text, reply)
            and tells_the_role_asked(text, reply)
            and self._speaks_of_the_named(reading, reply)
            and not _words_asked_unquoted(text, reply)
        )

    def _speaks_of_the_named(self, reading: Reading, reply: Reply) -> bool:
        """Whether an answer about the whole season (its companies, its network) says anything
        of a character the question names ("the name of <his> company"); true of any other
        answer."""
        kind = self._kind((reply.intent or "").split("+")[0])
        if kind is None or kind.needs or kind.verifies or kind.does is not Does.ANSWER:
            return True
        named = [
            m.key
            for m in reading.mentions
            if m.kind is Kind.CHARACTER and m.exact and m.key not in reading.maybe_the_show
        ]
        if not named:
            return True
        told = set(normalize(reply_text(reply)).split())
        return any(self._name_words.get(key, set()) & told for key in named)

    def _reason_untold(self, text: str, reply: Reply) -> bool:
        """Whether a question opening with "why" got a story answer of another kind: the story
        tells reasons only as the reason kind does."""
        kind = self._kind((reply.intent or "").split("+")[0])
        if _WHY_THERE.search(normalize(text)):
            # "what was <he> in prison for": only the story's reasons tell why he was there
            return kind is None or kind.aspect != "why"
        words = normalize(text).split()
        if (
            words[:1] == ["how"]
            and words[1:2]
            and words[1] in _HOW_AUXILIARIES
            and kind is not None
            and kind.verifies
            and kind.aspect not in _MANNER_ASPECTS
            and self.story.killing_asked(text)
        ):
            # "how did <she> kill <him>": that she did is no manner of killing
            return True
        return words[:1] == ["why"] and kind is not None and kind.verifies and kind.aspect != "why"

    def _names_what_is_asked(self, text: str, reading: Reading, decision: _Decision) -> bool:
        """Whether an answer to a question asking what something is called holds a name the
        question did not already say (true of any answer to any other question). Someone's own
        full or real name may repeat the name asked about."""
        tokens = normalize(text).split()
        words = set(tokens)
        # "which university", "which tv network": a word between them may qualify the noun
        which_named = any(
            word in _WHICH and vocabulary().named_nouns & set(tokens[at + 1 : at + 3])
            for at, word in enumerate(tokens)
        )
        if (
            not (words & vocabulary().naming_words or which_named)
            or words & _OWN_NAME
            or _asks_own_name(tokens)
        ):
            return True
        said = set(words)
        tokens_read = reading.text.split()
        another = asks_another_name(" ".join(tokens))
        for mention in reading.mentions:  # as read literally: not the actor of a part named
            called = set(tokens_read[mention.start : mention.end])
            if not called & _DESCRIBING_NOUNS and not another:
                # named (by name or nickname), not described ("her dad"): their other names
                # are no news
                said |= self._name_words.get(mention.key, set())
        if which_named and not words & vocabulary().naming_words:
            # a university is not called after anyone in the story, nor after an episode
            said |= self._all_name_words | self._title_words
        told = reply_text(decision.reply)
        found = _names_in(told, self._all_name_words | self._title_words)
        if any(
            word not in said and word not in COMMON_ENGLISH and word not in _PARTS_OF_THE_SHOW
            for word in found
            if word
        ):
            return True
        # a name whole, though its words are everyday ones ("<an award> <surname>")
        if not words & vocabulary().naming_words:
            return False  # "what street": a character's name tells no street
        plain = f" {normalize(told)} "
        proper = words.union(*(self._proper_words.get(m.key, set()) for m in reading.mentions))
        return any(
            len(name) > 1 and not set(name) <= proper and f" {' '.join(name)} " in plain
            for name in self._full_names
        )

    def _choose(self, text: str, readings: list[Reading], watched: int | None) -> _Decision:
        first = readings[0]
        known = self._known_for_named(text, first)
        if known is not None:
            # "<she> was in <a title she is known for>, right?": her other work answers it,
            # whatever the examples would match
            reply = self._build(known, text, watched)
            if reply is not None:
                return _Decision(reply, known.score)
        in_the_comics = self._comics_of_named(text, first)
        if in_the_comics is not None:
            # "<her> hero name in the comics": what the sources say of their comics self
            reply = self._build(in_the_comics, text, watched)
            if reply is not None:
                return _Decision(reply, in_the_comics.score)
        plain = Reader.without_chat(first)
        quoted = self._quoted_review(text, first)
        critic = self._critic_s_review(first)
        readings = [
            *readings,
            *([plain] if plain else []),
            *self.matcher.relation_readings(first),
            *([quoted] if quoted else []),
            *([critic] if critic else []),
        ]
        ranked = self.matcher.rank(readings)
        characters = first.all_of(Kind.CHARACTER)
        if (
            characters
            and not (ranked and self._gap(ranked[0].label))
            and self.story.consequence_untold(StoryQuery.ask(first.text, characters))
        ):
            # "does <he> go to prison for it": only an event of it tells, whatever fact matches
            return self._decline(self._unknown_kind(), first, ranked)
        if quoted is not None:
            # words quoted from one review: that review answers, whatever else is asked of it
            review = Candidate(self.kinds.built_by("review").name, 1.0, quoted)
            reply = self._build(review, text, watched)
            if reply is not None:
                return _Decision(reply, review.score)
        # What the likely answers need and the question only describes ("the lawyer", "the one
        # with the aquarium") competes with what it says outright, a little discounted.
        wanted = {
            need
            for c in ranked[:WANTING]
            if (kind := self._kind(c.label)) is not None
            for need in kind.needs
            if not self._has(c.reading, need)
        }
        if not first.all_of(Kind.PERSON) and self.matcher.person_described(first) is not None:
            wanted.add(Kind.PERSON)  # "the guy from <another show>": someone known from it
        roles_said = _ROLE_NOUNS & set(first.text.split())
        if not first.all_of(Kind.CHARACTER):
            roles_said -= _MAKING_ROLES  # "title director writer": the episode's, not a person's
        described_one = bool(roles_said)
        if described_one and not first.all_of(Kind.CHARACTER):
            wanted.add(Kind.CHARACTER)  # "the guy with the pet ...": someone only described
        elif described_one and self._asks_about_the_described(first):
            # "who plays the doc who experimented on <her>": about the doc, not about her
            subject = self._described_subject(first) or self._by_their_role(first)
            if subject is not None:
                # asked of them with the words before the description: "who plays the ..."
                asking = self.reader.read(" ".join(first.text.split()[: _role_at(first)]))[0]
                subject = replace(subject, concepts=asking.concepts, unknown=())
                ranked = self.matcher.rank(
                    [*readings, replace(subject, weight=subject.weight * FOUND_READING)]
                )
        if wanted:
            described = self.matcher.described_readings(first, wanted)
            if Kind.CHARACTER in wanted and not any(
                Kind.CHARACTER is m.kind for r in described for m in r.mentions
            ):
                # not by what the season says of them, perhaps by what they did in it
                by_story = self._described_subject(first)
                if by_story is not None:
                    described.append(replace(by_story, weight=by_story.weight * FOUND_READING))
            # "who plays the lawyer": the role found someone, and what is asked of them is
            # what is left ("who plays {character}")
            roles = {concept(w) for w in first.text.split() if w in _ROLE_NOUNS}
            introduced = self.matcher.introduced_as(first) if roles else None
            described += [
                replace(r, concepts=r.concepts - roles)
                for r in described
                if introduced is not None
                and r.concepts - roles
                and any(m.key == introduced.key for m in r.mentions)
            ]
            if described:
                ranked = self.matcher.rank([*readings, *described])
        ranked = self._without_gaps_of_others(first, ranked)
        if (
            _ABOUT_THE_MAKING.search(normalize(text))
            or self._only_real_people_named(first)
            or _about_the_source(text)
            or _making_named_alone(first)
        ):
            # "who plays <her ex>", "why did <the showrunner> leave <the show>", "<her> name in
            # the comics": whatever the story tells of them, the question is about the show's
            # making or its source
            ranked = [c for c in ranked if not self._verifies(c.label)]
        special = self._other_season_or_episode(text, first, ranked)
        if special is not None:
            return special
        best = ranked[0] if ranked else None
        cued = self._cued(text, first, best, watched)
        if cued is not None:
            return cued
        if best is not None and best.score < self.calibration.threshold:
            anchored = self._sure_by_its_words(best, ranked)
            if anchored is not None:
                best = anchored
        gap = self._gap(best.label) if best is not None else None
        if (
            best is not None
            and gap is not None
            and self.calibration.anchored <= best.score < self.calibration.threshold
            and not self._asked_otherwise(gap, text)
            and not self._more_like_an_event(first, best)
            and not self._a_person_named_beside(gap, text)
        ):
            # likeliest a detail the sources never give: no other answer is told instead
            return replace(self._decline_gap(gap, ranked), score=best.score)
        if gap is not None and self._a_person_named_beside(gap, text):
            # "the name of the guy with the pet <animal>": his name, not the animal's
            named = self._name_of_the_described(first, text, watched)
            if named is not None:
                return named
        if (
            (
                best is None
                or best.score < self.calibration.threshold
                # "the name of the <role> <she> visits in prison": no name is the detail untold
                or (
                    gap is not None
                    and not vocabulary().naming_words & set(normalize(gap.says).split())
                )
            )
            and _asks_for_a_name(text)
            and not self._likely_a_name_untold(ranked)
        ):
            # "what's the homeless nurse's name": nothing matches well (a name the sources never
            # give least of all), and the one the season calls that is found by what they are
            # and did
            named = self._name_of_the_described(first, text, watched)
            if named is not None:
                return named
        if best is None or best.score < self.calibration.threshold:
            verified = (
                self._verified(text, ranked, watched)
                or self._one_topic(text, ranked, watched)
                or self._contained(text, ranked, watched)
                or self._covered(text, ranked, watched)
                or self._fact_says(text, ranked, watched)
                or self._keyword_phrase(text, ranked, watched)
                or self._told(text, first, ranked, watched)
            )
            return verified or self._not_sure(first, ranked)
        best = self._prefer_structured(best, ranked)
        best = self._prefer_what_is_named(best, ranked)
        if (
            _by_relation(best.reading)
            and first.relation is not None
            and any(
                c.label == best.label
                and _by_relation(c.reading)
                and c.reading is not best.reading
                and c.score >= best.score - CLOSE
                for c in ranked
            )
        ):
            # "<her> mother": her mother and her adoptive one both answer it; asked literally,
            # the answer tells each
            best = replace(best, reading=first)
        does = self._does(best.label)
        if does is Does.OFF_TOPIC and not first.on_topic:
            return self._off_topic()
        if does is Does.OFF_TOPIC:  # off-topic wording about something of the season
            unknown = self._unknown_kind()
            return replace(self._decline(unknown, first, ranked), score=best.score)
        if does is Does.CHATTER:
            return replace(self._not_sure(first, ranked), does=does)
        if does is Does.ANSWER and self._needs_unmet(best) and self._unresolvable(best):
            # "what did <an executive> say": a review needs an outlet the question never names
            # nor describes (no critic of one); what it does name is asked about
            named_kinds = {m.kind for m in first.mentions}
            about_named = [
                c
                for c in ranked
                if c.score >= self.calibration.threshold
                and (kind := self._kind(c.label)) is not None
                and kind.does is Does.ANSWER
                and set(kind.needs) & named_kinds
                and not self._needs_unmet(c)
            ]
            if about_named:
                best = about_named[0]
        if (
            (self._points_at_someone(text) and not (first.mentions or first.episodes))
            or (self._no_subject(text, first) and (self._needs_unmet(best) or does is Does.DECLINE))
            or (
                _POINTS_AT_SOMETHING.search(normalize(text))
                and self._needs_unmet(best)
                and not (first.mentions or first.episodes)
            )
            or (
                # "who was that?", "what happened there": only pointing, nothing else asked
                self._no_subject(text, first) and _POINTS_AT_ONLY.search(normalize(text))
            )
            or (
                _POINTS_AT_A_PIECE.search(normalize(text))
                and not (first.mentions or first.episodes)
            )
            or (
                # "what happened in that scene": a moment pointed at, none named
                _POINTS_AT_A_SCENE.search(normalize(text))
                and not (first.mentions or first.episodes)
                and not self._anchored(first, ignoring=_SCENE_CONCEPTS)
            )
        ):
            # "who plays him?", "how long is it": about someone or something never named
            return self._ask_back(first, ranked)
        if does is Does.DECLINE and self._needs_unmet(best):
            # "where did they film": not "that about a single episode" when none is named;
            # the next match that needs nothing missing is the better reading
            feasible = [c for c in ranked if not self._needs_unmet(c)]
            if feasible and feasible[0].score >= self.calibration.threshold:
                best = feasible[0]
                does = self._does(best.label)
                if does in (Does.CHATTER, Does.OFF_TOPIC):
                    return replace(self._not_sure(first, ranked), does=does)
        if does is Does.DECLINE:
            gap = self._gap(best.label)
            if gap is not None:
                # "who's getting him a passport" beside "how did they get the passport": asked
                # another way, the story may tell it
                told = (
                    self._told(text, first, ranked, watched)
                    if self._asked_otherwise(gap, text) or self._more_like_an_event(first, best)
                    else None
                )
                return told or replace(self._decline_gap(gap, ranked), score=best.score)
            kind = self._kind(best.label)
            assert kind is not None
            return replace(self._decline(kind, best.reading, ranked), score=best.score)
        rival = self._rival(best, ranked)
        if rival is not None and self._all_called_so(best, rival, text):
            # "who are <her> partners": a name they share, asked of them all
            replies = [self._build(c, text, watched) for c in (best, rival)]
            decisions = [_Decision(r, best.score) for r in replies if r is not None and r.answered]
            if len(decisions) == 2:
                return self._combine(decisions)
        if rival is not None:
            return self._clarify(best, rival)
        best_kind = self._kind(best.label)
        if best_kind is not None and not best_kind.names and _asks_for_a_name(text):
            # "what's the doctor called": someone named by what they are, asked their name
            called = self._name_of_the_one_called_otherwise(first, text, watched)
            if called is not None:
                return called
            # "what's the name of the nurse she kills": what happened is no answer to that
            return self._decline(self._unknown_kind(), first, ranked)
        asked = asked_type(text)
        each = self._each_one_asked(best, text, watched)
        if each is not None:
            return each
        reply = self._build(best, text, watched)
        if reply is not None and (asked is None or holds(reply, asked)):
            return _Decision(reply, best.score)
        # The best match cannot be built (a review by someone who wrote none, a name read two
        # ways): a close second may be. Anything further off would be an unrelated answer. An
        # answer of the wrong type ("when was she cast" told the part she plays) may give way
        # to any good match of the asked type.
        mistyped = reply is not None
        best_kind = self._kind(best.label)
        story_said_no = (
            not mistyped
            and best_kind is not None
            and best_kind.verifies
            and not self._needs_unmet(best)
        )
        floor = max(self.calibration.threshold, best.score - max(self.calibration.margin, CLOSE))
        unsure_floor = self.calibration.threshold
        if self._needs_unmet(best):
            # "a summary of the second season": the best match asks what the question never
            # names (an episode), so it was no reading of it; one as close that needs nothing
            # missing and more of the nearest examples vote for is, sure or not
            floor = unsure_floor = best.score - CLOSE
        for candidate in ranked:
            if candidate.score < (self.calibration.threshold if mistyped else floor):
                break
            if candidate.score < self.calibration.threshold and (
                candidate.score < unsure_floor or candidate.share <= best.share
            ):
                continue
            if candidate is best or self._does(candidate.label) is not Does.ANSWER:
                continue
            if (
                mistyped
                and candidate.score < floor
                and self._family(candidate) != self._family(best)
            ):
                continue  # further off, only an answer on the same topic
            if story_said_no and (other := self._kind(candidate.label)) and other.verifies:
                continue  # the story has no answer to "who killed her"; her fate is no answer
            reply = self._build(candidate, text, watched)
            if reply is not None and (asked is None or holds(reply, asked)):
                return _Decision(reply, candidate.score)
        if mistyped:
            # "when was she cast": the part she plays is no answer, a fact saying every telling
            # word of the question, with a date, may be
            said = self._fact_says(text, [c for c in ranked if c is not best], watched)
            if said is not None and (asked is None or holds(said.reply, asked)):
                return said
            return self._decline(self._unknown_kind(), first, ranked)
        kind = self._kind(best.label)
        if kind is not None and kind.ask_back:
            return self._ask_back(first, ranked, kind.ask_back)
        if _asks_for_a_name(text) and (
            called := self._name_of_the_one_called_otherwise(first, text, watched)
        ):
            return called  # "what's the doctor called": a name asked by what someone is
        if kind is not None and kind.verifies and not self._needs_unmet(best):
            # clearly a story question, and the story has no answer: Pam's surname, the name of
            # a firm nobody names. The sources don't say; no other reading is offered instead.
            declined = self._decline(self._unknown_kind(), first, ranked)
            suggestions = tuple(
                q for q in declined.reply.suggestions if q != self._question_for(best)
            )
            return replace(declined, reply=replace(declined.reply, suggestions=suggestions))
        if kind is not None and self._needs_unmet(best):
            if self._points_at_someone(text):
                return self._ask_back(first, ranked)
            # "who directed the defenders": an answerable kind of question about something the
            # season does not have; the honest answer is that the sources don't say.
            return self._decline(kind, first, ranked, unmet=True)
        return self._not_sure(first, ranked)

    def _one_topic(
        self, text: str, ranked: list[Candidate], watched: int | None
    ) -> _Decision | None:
        """Below the threshold, the two likeliest answers may be one: a kind and a fact on the
        same topic (the album and a fact about its composer), both above the anchored score and
        holding nearly all of the nearest examples' vote between them. The kind answers."""
        if len(ranked) < 2 or asked_type(text) is not None:
            return None  # "how much did it sell": a guess between two is no figure
        best, second = ranked[0], ranked[1]
        pair = (best, second)
        if (
            min(c.score for c in pair) < self.calibration.anchored
            or best.share + second.share < POOLED_SHARE
            or self._family(best) != self._family(second)
            or any(self._does(c.label) is not Does.ANSWER or self._needs_unmet(c) for c in pair)
        ):
            return None
        kinds = [c for c in pair if self._kind(c.label) is not None]
        if len(kinds) != 1:
            return None  # two kinds are two questions (when it aired, who wrote it)
        chosen = kinds[0]
        reply = self._build(chosen, text, watched)
        return _Decision(reply, chosen.score) if reply is not None else None

    def _sure_by_its_words(self, best: Candidate, ranked: list[Candidate]) -> Candidate | None:
        """A match below the threshold is still sure enough when the question asks with no word
        and names nothing its examples never do, and names exactly what its kind needs ("<an
        actor> other stuff?"); from a lower score fitted on held-out examples."""
        kind = self._kind(best.label)
        fact = self._fact(best.label)
        reading = best.reading
        if best.score < self.calibration.anchored or (kind is None and fact is None):
            return None
        words = self.matcher.label_words.get(best.label, frozenset())
        extra = reading.concepts - words
        # "ep 4 pulp cover artist": what the kind's examples never say, a close fact about all
        # of them does (the covers are pulp-style); most of the nearest examples ask the kind
        described_by = [
            c.label
            for c in ranked
            if extra
            and kind is not None
            and best.share > MAJORITY
            and c.label != best.label
            and c.score > best.score - CLOSE
            and self._fact(c.label) is not None
            and extra <= self.matcher.label_words.get(c.label, frozenset())
        ]
        if extra and not described_by:
            return None  # "the name of <her> doctor in ep 4": more is asked than it tells
        if kind is not None:
            if kind.does is not Does.ANSWER or kind.verifies or not kind.needs:
                return None  # a story question has the story's own checks
            exact = {m.kind for m in reading.mentions if m.exact}
            named = {m.kind for m in reading.mentions}
            if reading.episodes:
                exact.add(Kind.EPISODE)
                named.add(Kind.EPISODE)
            if not set(kind.needs) <= exact or named - set(kind.needs):
                return None
        elif any("{" + m.kind.value + ":" + m.key + "}" not in words for m in reading.mentions):
            return None  # a fact about someone its examples never name
        if any(
            c.label != best.label and c.label not in described_by and c.score > best.score - CLOSE
            for c in ranked
        ):
            return None  # as like another answer (or a detail the sources never give)
        return replace(best, score=self.calibration.threshold)

    def _only_real_people_named(self, reading: Reading) -> bool:
        """Whether a question names someone of the cast or crew and no character but the one
        the show is named after, by the show's name: the story has nothing to tell of them."""
        words = reading.text.split()
        people = [m for m in reading.mentions if m.kind is Kind.PERSON]
        characters = self._characters_not_the_show(reading)
        return bool(people) and not characters and not _ROLE_NOUNS & set(words)

    def _characters_not_the_show(self, reading: Reading) -> list[Mention]:
        """The characters a question names, but not by the show's name ("besides <the show>")."""
        words = reading.text.split()
        return [
            m
            for m in reading.mentions
            if m.kind is Kind.CHARACTER
            and " ".join(words[m.start : m.end]) not in self.reader.show_names
        ]

    @staticmethod
    def _a_person_named_beside(gap: Gap, text: str) -> bool:
        """Whether a question asks the name of someone ("the name of the guy with ...") while
        the untold name is of something else, which the gap does not call so."""
        asked = _PERSON_NAMED.search(normalize(text))
        return asked is not None and asked[1] not in normalize(gap.says).split()

    def _likely_a_name_untold(self, ranked: list[Candidate]) -> bool:
        """Whether the likeliest answer, clearly ahead of the next, is a name the sources never
        give ("the new guard's name")."""
        best = ranked[0] if ranked else None
        gap = self._gap(best.label) if best is not None else None
        if best is None or gap is None:
            return False
        naming = self.kinds.built_by("story", "name").name
        second = next((c.score for c in ranked if c.label != best.label), 0.0)
        return naming in self._cues_of(gap) and best.score - second > CLOSE

    def _name_of_the_described(
        self, reading: Reading, text: str, watched: int | None
    ) -> _Decision | None:
        """The name of someone a question only describes ("the lady cop who works with <him>"),
        when the description fits one character."""
        if not _ROLE_NOUNS & set(reading.text.split()):
            return None
        if reading.all_of(Kind.CHARACTER) and not self._asks_about_the_described(reading):
            # "<her> nurse's name": about someone named; "the name of the <role> <she> visits":
            # about the one named by what they are
            return self._name_of_the_one_called_otherwise(reading, text, watched)
        subject = self._described_subject(reading)
        if subject is None and not reading.all_of(Kind.CHARACTER):
            found = self.matcher.character_described(reading)
            subject = _about(reading, found.key, found.secret) if found else None
        elif subject is None:
            subject = self._by_their_role(reading)
        if subject is None:
            subject = self._the_one_introduced_so(reading)
        if subject is None:
            return None
        return self._name_of_the_one_called_otherwise(subject, text, watched)

    def _the_one_introduced_so(self, reading: Reading) -> Reading | None:
        """ "the director <she> goes after, name?": when nothing else tells who is described, the
        one character the season introduces as that role, if only one is (and is not named)."""
        roles = {stem(w) for w in reading.text.split() if w in _ROLE_NOUNS} - ANYONE
        if not roles:
            return None
        named = {m.key for m in reading.mentions}
        fitting = [
            c.id
            for c in self.kb.characters
            if c.id not in named and roles <= self.matcher.introduced_as_words(c.id)
        ]
        if len(fitting) != 1:
            return None
        # what they are introduced as is told from the start; a name kept secret stays so
        return _about(reading, fitting[0], self._characters[fitting[0]].name_spoiler_from)

    def _by_their_role(self, reading: Reading) -> Reading | None:
        """The one character whose description fits a question that also names others, when
        the season calls them what the question does ("the new super in <her> building"); not
        by other words alone ("the guy <he> sent to rob <her> office" is no one it names)."""
        roles = {stem(w) for w in reading.text.split() if w in _ROLE_NOUNS} - ANYONE
        found = self.matcher.character_described(reading) if roles else None
        if found is None or not roles <= self._roles_of(found.key):
            return None
        return _about(reading, found.key, found.secret)

    def _by_their_name(self, mention: Mention, words: list[str]) -> bool:
        """Whether a character is named in a question by a word of their own name."""
        character = self.kb.character(mention.key)
        own = set(normalize(character.name).split()) if character else set()
        # a name cut short ("jess") is still their name
        return any(
            word in own or (len(word) >= _SHORT_NAME and any(n.startswith(word) for n in own))
            for word in words[mention.start : mention.end]
        )

    def _name_of_the_one_called_otherwise(
        self, reading: Reading, text: str, watched: int | None
    ) -> _Decision | None:
        """The name of the one character a question calls by a word that is none of their
        names ("the doctor", a nickname): asked what they are called, that is the answer."""
        words = reading.text.split()
        called = [m for m in reading.mentions if m.kind is Kind.CHARACTER]
        if len(called) > 1:
            # of several named, the one called by what they are ("the <role> <she> visits")
            otherwise = [m for m in called if not self._by_their_name(m, words)]
            if len(otherwise) != 1:
                return None
            reading = _about(reading, otherwise[0].key, otherwise[0].secret)
            words = reading.text.split()
            called = [m for m in reading.mentions if m.kind is Kind.CHARACTER]
        if len(called) != 1:
            return None
        if self.kb.character(called[0].key) is None:
            return None
        if self._by_their_name(called[0], words):
            return None  # named by their name: "what's <first name>'s full name" is asked apart
        if set(words[called[0].end : called[0].end + 1]) & vocabulary().named_nouns:
            return None  # "the detective agency": the name asked is the agency's
        naming = self.kinds.built_by("story", "name")  # the story's kind that tells a name
        candidate = Candidate(naming.name, 1.0, reading)
        asked = normalize(text).split()
        naming_words = vocabulary().naming_words
        cue = next((at for at, word in enumerate(asked) if word in naming_words), None)
        reply = self._build(candidate, text, watched, cue=cue)
        return _Decision(reply, candidate.score) if reply is not None else None

    def _cued(
        self, text: str, first: Reading, best: Candidate | None, watched: int | None
    ) -> _Decision | None:
        """A question using a kind's cue ("which episode", "who") is answered by that kind when
        the knowledge clearly holds the answer (an event with the asked verb and everyone named),
        whatever the examples matched: "which ep does she quit the show" asks for an episode even
        when a fact about the show matches its words better."""
        kinds = self.kinds.cued(text)
        if not kinds:
            return None
        # on the season when it names something, or describes one of its characters ("the
        # guy who heals people")
        words = normalize(text).split()
        asking_an_episode = (
            [k for k in kinds if any(_EPISODE in cue for cue in k.cues)]
            if _EPISODE in first.text.split()
            else []
        )
        if not first.on_topic and asking_an_episode and self._anchored(first):
            # "which episode has the aquarium scene": which episode is asked of the season
            kinds = asking_an_episode
        elif not first.on_topic and not (
            (any(Kind.CHARACTER in k.needs for k in kinds) or _asks_who_someone_is(words))
            and self._described_subject(first)
        ):
            return None
        # the bot's own view asked anywhere ("..., what do u think") is asked before anything
        # the same words also cue ("what do ...")
        kinds.sort(key=lambda k: k.does is not Does.DECLINE)
        for kind in kinds:
            if kind.does is Does.DECLINE:
                if _POLITE_ASKING.search(" ".join(words)):
                    continue  # "do you think you could tell me ...": a polite way of asking
                return self._decline(kind, first, [])  # the bot's own view, of anything
            leading = (kind.cued_at(words) or 0) <= LEADING
            if not self._may_override(best, kind, text, leading=leading):
                return None
            if not kind.names and _asks_for_a_name(text):
                continue  # what happened is no answer to what someone is called
            if kind is self.kinds.built_by("story", "name") and _EPISODE_NAMED.search(
                normalize(text)
            ):
                continue  # "what's the aquarium episode called": its title, no one's name
            if kind.verifies and (
                _ABOUT_THE_MAKING.search(normalize(text))
                or (self._only_real_people_named(first) and kind not in asking_an_episode)
                or _making_named_alone(first)
            ):
                # "the guy who plays <him>, what's his name": the actor's; "who does <an
                # actress> play", "when was <an actor>'s return announced": about the cast, not
                # the story, unless an episode is asked ("which ep does <he> show up in")
                continue
            reading, asked = first, text
            if Kind.CHARACTER not in kind.needs:
                # the clause the cue opens: "how did she get her powers, is it explained" asks
                # how she got them, not how anything was explained
                asked = self._clause_of(text, kind)
                reading = self.reader.read(asked, readings=1)[0] if asked != text else first
            if Kind.CHARACTER in kind.needs:
                # "the guard who torments her, what's his name": about the one described; else
                # about the one named ("what happens to <her>")
                described = self._described_subject(first)
                related = self.matcher.relation_readings(first)  # "her partner"
                if described is not None:
                    reading = described
                elif related:
                    reading = related[0]
                elif not first.all_of(Kind.CHARACTER) or (
                    _asks_for_a_name(text)
                    and not _asks_own_name(words)
                    and not _found_by_tie(first)
                ):
                    continue  # the name asked is of someone described, not of the one named
            candidate = Candidate(kind.name, best.score if best else 0.0, reading)
            cue = kind.cued_at(normalize(asked).split())
            reply = self._build(candidate, asked, watched, cue=cue)
            if reply is None and cue is not None and Kind.CHARACTER not in kind.needs:
                reply = self._who_the_described_is(first, words, cue, asked, watched)
            if reply is not None:
                return _Decision(reply, candidate.score)
        return None

    def _who_the_described_is(
        self, first: Reading, words: list[str], cue: int, text: str, watched: int | None
    ) -> Reply | None:
        """ "who was the guy with the pet mongoose": no event tells it, but the one described is
        clear; who they are is their card."""
        if not _describes_someone_unnamed(first) or not _asks_who_someone_is(words[cue:]):
            return None  # ("who is <the woman in red>": a name, not a description)
        described = self._described_subject(first)
        if described is None:
            return None
        info = self.kinds.built_by("character", "info")
        return self._build(Candidate(info.name, 0.0, described), text, watched)

    def _episode_named_by_event(self, text: str) -> str | None:
        """The question with "the one where <something happens>" replaced by the episode the
        story tells it in, or None when it describes no episode that way (or not clearly)."""
        place = _BY_PLACE.search(text)
        if place is not None:
            # "the aquarium episode", "the ep at the aquarium": where the story mostly is
            number = self.story.episode_by_place(normalize(place["place"] or place["at"]))
            if number is not None:
                return f"{text[: place.start()]} episode {number} {text[place.end() :]}".strip()
        match = _BY_EVENT.search(text)
        if match is None:
            return None
        told = match.group("event")
        reading = self.reader.read(told, readings=1)[0]
        number = self.story.episode_of(
            StoryQuery.ask(
                told,
                reading.all_of(Kind.CHARACTER),
                reading.episodes,
                likely=self.matcher.events_like(reading, top=EPISODE_VOTERS),
            )
        )
        if number is None:
            return None
        return f"{text[: match.start()]} episode {number} {text[match.end() :]}".strip()

    @staticmethod
    def _clause_of(text: str, kind: QuestionKind) -> str:
        """The clause of the question from the kind's cue on (the whole, if no clause holds it)."""
        clauses = [c for c in _CLAUSE.split(text) if c and c.strip()]
        for number, clause in enumerate(clauses):
            if kind.cued_at(normalize(clause).split()) is not None:
                # a clause that is only the asking ("which ep is it") keeps the next one
                return " ".join(clauses[number : number + 2]) if len(clause.split()) < 4 else clause
        return text

    @staticmethod
    def _asks_about_the_described(reading: Reading) -> bool:
        """Whether the question's subject is someone it describes, a role noun coming before any
        name: "who plays the nurse <she> attacked", not "who plays <her> nurse"."""
        first_role = _role_at(reading)
        first_name = min(
            (m.start for m in reading.mentions if m.kind is Kind.CHARACTER), default=None
        )
        return first_role is not None and first_name is not None and first_role < first_name

    def _described_subject(self, reading: Reading) -> Reading | None:
        """The reading about the one character the question describes (not one it names), or
        None when no description clearly fits one."""
        if reading not in self._described:
            self._described[reading] = self._described_subject_afresh(reading)
        return self._described[reading]

    def _described_subject_afresh(self, reading: Reading) -> Reading | None:
        words = set(reading.text.split())
        if not _ROLE_NOUNS & words or not _describes_someone_unnamed(reading):
            # "the name of her business" describes no one; "detective <her name>" names her
            return None
        if vocabulary().asking_verbs & words and reading.all_of(Kind.CHARACTER):
            return None  # "the guy playing <him>" is the actor of the one named
        query = StoryQuery.ask(
            reading.text,
            reading.all_of(Kind.CHARACTER),
            reading.episodes,
            likely=self.matcher.events_like(reading),
        )
        by_story = self.story.described(query)
        # "the nurse she killed": only someone the season calls a nurse
        roles = {stem(w) for w in reading.text.split() if w in _ROLE_NOUNS} - ANYONE
        if roles:
            by_story = {k: v for k, v in by_story.items() if roles <= self._roles_of(k)}
        # "the guy who ...": no one the sources call "she"
        said = {
            pronoun for pronoun, nouns in vocabulary().nouns_by_pronoun.items() if nouns & words
        }
        if len(said) == 1:
            by_story = {
                k: v
                for k, v in by_story.items()
                if (c := self._characters.get(k)) is None or c.pronoun in ("", *said)
            }
        # the one party of the events the question tells; of several, the one whose description
        # fits clearly best, else the one party of the event the question is most like
        found = (
            self.matcher.character_described(reading, among=set(by_story))
            if len(by_story) > 1
            else None
        )
        if len(by_story) == 1:
            key, secret = next(iter(by_story.items()))
        elif found is not None:
            key, secret = found.key, by_story.get(found.key, found.secret)
        elif (party := self._party_of_likeliest(reading, set(by_story))) is not None:
            key, secret = party, by_story[party]
        else:
            return None
        return _about(reading, key, secret)

    def _party_of_likeliest(self, reading: Reading, among: set[str]) -> str | None:
        """The one of `among` that the story event the question is most like involves, when it
        involves exactly one of them."""
        like = self.matcher.events_like(reading, top=1)
        event = self.kb.event(like[0][0]) if like else None
        parties = set(event.characters) & among if event else set()
        return next(iter(parties)) if len(parties) == 1 else None

    def _known_for_named(self, text: str, first: Reading) -> Candidate | None:
        """The one person a question names, asked about their other work: with a title the
        sources say they are known for ("she was in the matrix right?") or in so many words
        ("<her> other stuff", "what else has <he> been in")."""
        people = first.all_of(Kind.PERSON)
        if len(people) != 1 or first.episodes:
            return None
        played = {c.id for c in self.kb.characters_played_by(people[0])}
        if {m.key for m in self._characters_not_the_show(first)} - played:
            return None  # someone else named: "what else did <she> do with <him>"
        words = normalize(text).split()
        person = self.kb.person(people[0])
        if person is None or not person.known_for:
            return None
        said = f" {' '.join(words)} "
        titled = any(f" {normalize(title)} " in said for title in person.known_for)
        # "<her> other stuff", "what else has <he> been in": their work outside the season
        otherwise = bool(set(words) & vocabulary().other_work_alone) and words[:1] != ["why"]
        if not titled and not otherwise:
            return None
        if titled and words[:1] and words[0] in _ASKS_OTHER_THAN_WHO:
            return None  # "what did <she> learn from <that show>": something else is asked
        return Candidate(self.kinds.built_by("person", "info").name, 1.0, first)

    def _comics_of_named(self, text: str, first: Reading) -> Candidate | None:
        """The one character a question names, asked about the books the show adapts ("is
        <she> <her comics name> in the comics?"), when the sources say who they are there."""
        characters = first.all_of(Kind.CHARACTER)
        if len(characters) != 1 or first.all_of(Kind.PERSON) or first.episodes:
            return None
        if not _about_the_source(text):
            return None
        character = self.kb.character(characters[0])
        if character is None or not character.comics:
            return None
        return Candidate(self.kinds.built_by("character", "info").name, 1.0, first)

    def _critic_s_review(self, first: Reading) -> Reading | None:
        """ "<a critic> review": a critic named is their outlet's review, read beside the
        person, a little discounted, so a question about the critic still finds the person."""
        reception = self.kb.reception
        if reception is None or first.entity(Kind.OUTLET) is not None:
            return None
        people = {m.key for m in first.mentions if m.kind is Kind.PERSON}
        names = {p.name for p in self.kb.people if p.id in people}
        outlets = {r.outlet for r in reception.reviews if r.critic and r.critic in names}
        if len(outlets) != 1:
            return None
        return replace(_naming_outlet(first, outlets.pop()), weight=first.weight * FOUND_READING)

    def _quoted_review(self, text: str, first: Reading) -> Reading | None:
        """ "which critic called it 'darkly enjoyable'": words quoted from exactly one review (its
        quote or summary) name that review, however common the words are."""
        reception = self.kb.reception
        if reception is None:
            return None
        named = first.entity(Kind.OUTLET)
        phrases = [normalize(q) for q in _QUOTED.findall(text)]
        phrases = [p for p in phrases if len(p.split()) >= 2]
        told = {
            r.outlet: normalize(" ".join([r.quote or "", to_plain(r.summary)]))
            for r in reception.reviews
        }
        told.update({a.name: normalize(to_plain(a.consensus)) for a in reception.aggregators})
        found = {o for o, words in told.items() if any(f" {p} " in f" {words} " for p in phrases)}
        if not phrases:
            found = _said_unquoted(normalize(text), told) or _rated(normalize(text), reception)
        if len(found) != 1:
            return None
        outlet = found.pop()
        if named is not None:
            # "who did <the outlet> call the most dynamic element": its own words, asked of it
            return first if named == outlet else None
        return _naming_outlet(first, outlet)

    def _roles_of(self, character_id: str) -> frozenset[str]:
        """The stems of every word the season uses of a character: description, aliases ("the
        healer") and relations."""
        if character_id not in self._roles:
            self._roles[character_id] = self._roles_of_afresh(character_id)
        return self._roles[character_id]

    def _roles_of_afresh(self, character_id: str) -> frozenset[str]:
        character = self._characters.get(character_id)
        if character is None:
            return frozenset()
        told = [to_plain(character.description), *character.aliases] + [
            r.label.replace("-", " ") for r in self.kb.relations if r.who == character_id
        ]
        stems = {stem(w) for text in told for w in normalize(text).split()}
        # what they are ("a police detective") is what a fan calls them ("the cop")
        return frozenset(stems | self.matcher.introduced_as_words(character_id))

    def _may_override(
        self, best: Candidate | None, cued: QuestionKind, text: str, *, leading: bool
    ) -> bool:
        """Whether a cue may set aside the examples' best match: when nothing matched well, or
        the best match is a fact or another kind on the cued kind's topic (a sentence about the
        radio show rather than the episode it ends in), or any answer when the cue opens the
        question ("what happens to <him>" asks his fate, not who he is). A likelier decline, or
        a clear match of the cued kind itself, keeps its usual checks."""
        if best is None or best.score < self.calibration.threshold:
            return True
        gap = self._gap(best.label)
        if gap is not None:
            # A detail the sources never give leaves the story to answer what is asked of it
            # another way: with another cue ("who takes the blame" beside "why does she take
            # the blame") or a verb its questions never use ("who saves him" beside "who were
            # the thugs who jumped him").
            return self._asked_otherwise(gap, text, cued)
        if (
            self._does(best.label) is Does.CHATTER
            and leading
            and best.reading.all_of(Kind.CHARACTER)
        ):
            return True  # "which ep do <they> hook up" asks of them, however like chat it reads
        if self._does(best.label) is not Does.ANSWER:
            return False  # the likeliest reading declines, stays silent or is an opinion
        if best.label == cued.name:
            return False
        fact = self._fact(best.label)
        if fact is not None:
            # "where was s2 shot", "when did s2 leave netflix": the season itself is what is
            # asked about, and a fact on its making is no story event's to take
            return not (
                cued.verifies
                and fact.topic != cued.topic
                and self._season_is_the_subject(best.reading)
            )
        kind = self._kind(best.label)
        # an episode named to place a story question ("in ep 4, who ...") is no question
        # about the episode's card
        placed = Kind.EPISODE in (kind.needs if kind else ()) and cued.verifies
        return (
            kind is not None
            and kind.does is Does.ANSWER
            and (leading or kind.topic == cued.topic or placed)
        )

    @staticmethod
    def _season_is_the_subject(reading: Reading) -> bool:
        """Whether the season is named and nothing in it: no one, no episode."""
        return (
            THIS_SEASON in reading.text.split()
            and not reading.all_of(Kind.CHARACTER)
            and not reading.episodes
        )

    def _contained(
        self, text: str, ranked: list[Candidate], watched: int | None
    ) -> _Decision | None:
        """Below the threshold, a question that holds a whole known way of asking ("who plays
        {character}" in "who plays lil <name>") asks that, whatever else it says: the words
        around it are chat or description, as long as the one match is clear."""
        if _asks_for_a_name(text):
            return None  # the words around it say whose name is asked: they are the question
        floor = self.calibration.threshold * VERIFIED_SHARE
        held = [
            (size, candidate)
            for candidate in self._answerable_lead(ranked)[:WANTING]
            if candidate.score >= floor
            and candidate.reading.on_topic
            and self._does(candidate.label) is Does.ANSWER
            and not self._needs_unmet(candidate)
            and (size := self.matcher.contained(candidate)) >= WHOLE_ASKING
        ]
        if not held:
            return None
        # the largest way of asking held; of two alike, a kind (its answer is built from
        # structured data), then the likelier
        size, candidate = max(held, key=lambda pair: (pair[0], self._fact(pair[1].label) is None))
        reply = self._build(candidate, text, watched)
        return _Decision(reply, candidate.score) if reply is not None else None

    def _covered(self, text: str, ranked: list[Candidate], watched: int | None) -> _Decision | None:
        """Below the threshold, a question all of whose words one example of the likeliest answer
        uses ("soundtrack album called?") asks that: it is only a shorter way of asking. (Fitted
        on held-out examples, demanding also a majority of the nearest examples' vote only lost
        answers.)"""
        best = ranked[0] if ranked else None
        if (
            best is None
            or best.score < self.calibration.threshold * VERIFIED_SHARE
            or self._does(best.label) is not Does.ANSWER
            or self._needs_unmet(best)
            or len(Reader.terms(best.reading)) < 2
            or self._no_subject(text, best.reading)  # "when does he show up": who is he?
            or not self.matcher.covered(best)
        ):
            return None
        reply = self._build(best, text, watched)
        return _Decision(reply, best.score) if reply is not None else None

    def _fact_says(
        self, text: str, ranked: list[Candidate], watched: int | None
    ) -> _Decision | None:
        """Below the threshold, the likeliest fact answers when it says every telling word of
        the question and all but one of its other words ("what did <the showrunner> learn
        from <her old show>"): a detail it does not say ("her favourite food") keeps the
        question unanswered. (The same test of any kind's built answer lost held-out declines.)"""
        if _NAME_ASKED.search(normalize(text)):
            return None  # "what is <his> agency called": a fact about it need not name it
        best = ranked[0] if ranked else None
        fact = self._fact(best.label) if best is not None else None
        if best is None or fact is None or best.score < self.calibration.threshold * VERIFIED_SHARE:
            return None
        if not _says_all_it_asks(text, self._fact_words(fact)):
            return None
        reply = self._build(best, text, watched)
        return _Decision(reply, best.score) if reply is not None else None

    def _keyword_phrase(
        self, text: str, ranked: list[Candidate], watched: int | None
    ) -> _Decision | None:
        """Below the threshold, a fact among the likeliest whose keywords hold a phrase of
        several words that the question uses and no other fact's keywords hold ("filmed back
        to back", "the working title") is what the question asks about."""
        # "what is <her> show called": a fact about it need not name it, unless the fact is
        # titled by a name ("what's the name of <her> detective agency")
        name_asked = bool(_NAME_ASKED.search(normalize(text)))
        words = f" {normalize(text)} "
        floor = self.calibration.threshold * VERIFIED_SHARE
        above: list[Candidate] = []  # the likelier kinds' answers
        for candidate in self._answerable_lead(ranked)[:WANTING]:
            fact = self._fact(candidate.label)
            if candidate.score < floor or self._needs_unmet(candidate):
                continue
            if fact is None:
                above.append(candidate)
                continue
            if name_asked and not _titled_by_a_name(fact.title, words):
                continue
            for phrase in self._own_phrases().get(fact.id, ()):
                if f" {phrase} " not in words:
                    continue
                said = {concept(w) for w in phrase.split() if w not in STOPWORDS}
                if any(said <= self.matcher.label_words.get(c.label, frozenset()) for c in above):
                    return None  # "list the episode titles": a likelier kind asks with it too
                reply = self._build(candidate, text, watched)
                return _Decision(reply, candidate.score) if reply and reply.answered else None
        return None

    def _own_phrases(self) -> dict[str, tuple[str, ...]]:
        """Each fact's keyword phrases of several words that no other fact's keywords hold."""
        if self._phrases is None:
            holders: dict[str, set[str]] = {}
            for fact in self.kb.facts:
                for keyword in fact.keywords:
                    # a topic in everyday words ("working title"): not a name ("Digital Spy"),
                    # which a question may name to ask something else of it, nor a number
                    phrase = normalize(keyword)
                    telling = [w for w in phrase.split() if w not in STOPWORDS]
                    if (
                        len(telling) >= _PHRASE_WORDS
                        and keyword == keyword.lower()
                        and not any(ch.isdigit() for ch in keyword)
                        # not only words of asking ("episode titles")
                        and not {concept(w) for w in telling} <= _ASKING_CONCEPTS
                    ):
                        holders.setdefault(phrase, set()).add(fact.id)
            own: dict[str, list[str]] = {}
            for phrase, facts in holders.items():
                if len(facts) == 1:
                    own.setdefault(next(iter(facts)), []).append(phrase)
            self._phrases = {fact: tuple(phrases) for fact, phrases in own.items()}
        return self._phrases

    def _event_says(self, text: str, event_id: str) -> bool:
        """Whether a story event's telling says every telling word of the question and all but
        one of its other words, as a fact may."""
        event = self.kb.event(event_id)
        if event is None:
            return False
        told = " ".join(filter(None, (event.text, event.what, event.where, event.why, event.how)))
        return _says_all_it_asks(text, _stems(told))

    def _fact_words(self, fact: Fact) -> frozenset[str]:
        if fact.id not in self._fact_words_cache:
            told = " ".join((fact.title, to_plain(fact.text), *fact.asks, *fact.keywords))
            self._fact_words_cache[fact.id] = _stems(told)
        return self._fact_words_cache[fact.id]

    def _answerable_lead(self, ranked: list[Candidate]) -> list[Candidate]:
        """The likeliest candidates down to the first that does not answer: below the threshold,
        an answer may come from the readings likelier than any decline, chatter or opinion
        ("is <the hero> better than <another>" is an opinion before it is about her fate)."""
        lead: list[Candidate] = []
        for candidate in ranked:
            if lead and self._gap(candidate.label) is not None:
                continue  # a missing detail below an answer is no view that stops it
            if self._does(candidate.label) is not Does.ANSWER:
                break
            lead.append(candidate)
        return lead

    def _verified(
        self, text: str, ranked: list[Candidate], watched: int | None
    ) -> _Decision | None:
        """Below the threshold, a question about the story may still be answered: when one of
        the likelier kinds is checked against the story itself ("who smashes the glass at the
        aquarium" by an event with that verb and those words) and the story has a clear answer.
        Wording the examples never used does not then stop the answer the knowledge holds."""
        floor = self.calibration.threshold * VERIFIED_SHARE
        for candidate in self._answerable_lead(ranked):
            if candidate.score < floor:
                break
            kind = self._kind(candidate.label)
            if kind is None or not kind.verifies or not candidate.reading.on_topic:
                continue
            if not kind.names and _asks_for_a_name(text):
                continue  # what happened is no answer to what someone is called
            reply = self._build(candidate, text, watched)
            # only the likeliest story reading: when the story cannot say who killed her, her
            # fate is no answer either
            return _Decision(reply, candidate.score) if reply is not None else None
        return None

    def _told(
        self, text: str, first: Reading, ranked: list[Candidate], watched: int | None
    ) -> _Decision | None:
        """Below the threshold, a question about the season much like the ways fans ask about
        a story event is asked of the story: by the kind its cue asks for ("who", "why"), else
        the likeliest story kind, answering only when the story verifies it."""
        if _asks_for_a_name(text) or _ABOUT_THE_MAKING.search(normalize(text)):
            return None  # a name asked, "who plays ...": not what the story tells
        if not any(w not in STOPWORDS for w in first.text.split()):
            return None  # "who is he": like many ways of asking, about nothing it says
        like = self.matcher.events_like(first, top=1)
        if not like:
            return None
        if like[0][1] < (TOLD_LIKE if first.on_topic else TOLD_ALONE) and not self._event_says(
            text, like[0][0]
        ):
            return None
        verifying = [
            kind for c in ranked if (kind := self._kind(c.label)) is not None and kind.verifies
        ]
        event = self.kb.event(like[0][0])
        # last, what the one the clearly meant event is about did ("what's on the footage")
        acts = self.kinds.built_by("story", "what_did")
        for kind in dict.fromkeys([*self.kinds.cued(text), *verifying, acts]):
            reading = first
            if Kind.CHARACTER in kind.needs and not first.all_of(Kind.CHARACTER):
                # about someone never named: the one the clearly meant event is about
                party = (*event.who, *event.characters)[:1] if event else ()
                if like[0][1] < TOLD_ALONE or not party:
                    continue
                reading = _about(first, party[0], None)
            candidate = Candidate(kind.name, ranked[0].score if ranked else 0.0, reading)
            reply = self._build(candidate, text, watched)
            if reply is not None:
                return _Decision(reply, candidate.score)
        return None

    def _prefer_what_is_named(self, best: Candidate, ranked: list[Candidate]) -> Candidate:
        """Of two answers about as likely, the one about what the question names: "who played
        <a character> when he shows up" is about that character, not the whole cast."""
        named = {m.kind for m in best.reading.mentions if m.key not in best.reading.maybe_the_show}
        kind = self._kind(best.label)
        if kind is None and best.reading.episodes:
            # "what's the finale called": a fact about all the episodes' titles is less the
            # answer than the named episode's own, when most of the nearest examples say so
            for other in ranked[1:]:
                other_kind = self._kind(other.label)
                if (
                    (
                        other.score >= self.calibration.threshold
                        # most of the nearest examples, against a fact (not a detail untold)
                        or (other.share > MAJORITY and self._fact(best.label) is not None)
                    )
                    and other.share > best.share
                    and other_kind is not None
                    and other_kind.does is Does.ANSWER
                    and Kind.EPISODE in other_kind.needs
                    and not self._needs_unmet(other)
                ):
                    return other
            return best
        if not named or kind is None or set(kind.needs) & named:
            return best
        for other in ranked[1:]:
            if other.score < best.score - CLOSE:
                break
            other_kind = self._kind(other.label)
            if (
                other_kind is not None
                and other_kind.does is Does.ANSWER
                and set(other_kind.needs) & named
                and not self._needs_unmet(other)
            ):
                return other
        return best

    def _prefer_structured(self, best: Candidate, ranked: list[Candidate]) -> Candidate:
        """Between a fact and a kind on the same topic scoring about the same, take the kind: its
        answer is built from structured data (the whole cast entry, not a sentence about it)."""
        if self._fact(best.label) is None:
            return best
        for other in ranked[1:]:
            if other.score < best.score - max(self.calibration.margin, CLOSE):
                break
            if (
                self._does(other.label) is Does.ANSWER
                and self._kind(other.label) is not None
                and self._family(other) == self._family(best)
                and not self._needs_unmet(other)
            ):
                return other
        return best

    # -- special readings -------------------------------------------------------------------------

    def _other_season_or_episode(
        self, text: str, first: Reading, ranked: list[Candidate]
    ) -> _Decision | None:
        season = self.kb.season
        unknown = self._unknown_kind()
        if first.other_season is not None and first.other_season > season.number:
            # The next season: whether it was ordered may be known; anything else is not.
            next_one = first.other_season == season.number + 1
            renewal = next((k for k in self.kinds if k.aspect == "renewal"), None)
            if next_one and renewal and _ABOUT_RENEWAL.search(normalize(text)):
                return _Decision(self.answers.season_fact(renewal.aspect, renewal.name), 1.0)
            return self._decline(
                unknown,
                first,
                ranked,
                what=f"anything about season {first.other_season}: I cover {season.title} only",
            )
        earlier = first.other_season is not None and first.other_season < season.number
        if earlier:
            token = f"season{first.other_season}"
            # a fact about that season and about what is asked of it ("the music": not a fact
            # about its cast)
            asked = first.concepts - {token} - vocabulary().question_concepts
            named = [
                m.key
                for m in first.mentions
                if m.kind is Kind.CHARACTER and m.key not in first.maybe_the_show
            ]
            covering = [
                c
                for c in ranked[:3]
                if token in (terms := self._fact_terms(c.label))
                and (not asked or asked & terms)
                # "is <his> actor the same as in s1": a fact about season 1 that says nothing of
                # him is no answer
                and all(self._fact_names(c.label, key) for key in named)
            ]
            floor = self.calibration.threshold * VERIFIED_SHARE
            if covering and covering[0].score >= floor:
                # a fact about that very season answers it, however its words are put
                reply = self._build(covering[0], text, None)  # a reveal in its reading stays barred
                if reply is not None:
                    return _Decision(reply, covering[0].score)
            if (
                not covering
                and not named  # "is <he> played by the same guy as in s1": he is in this one
                and not self._about_this_season(text, first)
                and not self._only_places_earlier(text, first)
            ):
                return self._decline(
                    unknown,
                    first,
                    ranked,
                    what=f"anything about season {first.other_season} itself: I cover "
                    f"{season.title} only",
                )
        if first.bad_episode and not first.episodes:
            count = season.episode_count
            what = (
                f"about that episode: {season.title} has {count} episodes, numbered "
                f"1-{count} ({season.first_overall_episode}-"
                f"{season.first_overall_episode + count - 1} overall)"
            )
            return self._decline(unknown, first, ranked, what=what)
        return None

    def _fact_names(self, label: str, character: str) -> bool:
        """Whether a fact's text says any of a character's names."""
        fact = self._fact(label)
        if fact is None:
            return False
        said = set(normalize(to_plain(fact.text)).split())
        return bool(self._name_words.get(character, set()) & said)

    def _fact_terms(self, label: str) -> frozenset[str]:
        """Everything a fact's asks and keywords use (for "does this fact speak of season 1")."""
        fact = self._fact(label)
        if fact is None:
            return frozenset()
        if label not in self._fact_terms_cache:
            text = " ".join((*fact.asks, *fact.keywords))
            self._fact_terms_cache[label] = self.reader.example_terms(text)
        return self._fact_terms_cache[label]

    def _unknown_kind(self) -> QuestionKind:
        """The general "my sources don't say" kind: the decline kind without needs or text."""
        return next(
            k for k in self.kinds if k.does is Does.DECLINE and not k.needs and k.decline == "that"
        )

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

    def _only_places_earlier(self, text: str, reading: Reading) -> bool:
        """Whether a question about someone of this season names the earlier season only in a
        clause of its own ("her wife, the one who died in s1, what was her name"), or names
        this season in another clause ("loved s1. what's s2 about")."""
        if not reading.all_of(Kind.CHARACTER) and THIS_SEASON not in reading.text.split():
            return False
        clauses = [c for c in _CLAUSE.split(text) if c and c.strip()]
        earlier = [c for c in clauses if self.reader.read(c, readings=1)[0].other_season]
        return len(clauses) > 1 and len(earlier) < len(clauses)

    def _anchored(self, reading: Reading, ignoring: frozenset[str] = frozenset()) -> bool:
        """Whether a question names anything of this season, or uses a word only questions about
        the season use; "how do i make pancakes" does neither. (`ignoring`: concepts that do not
        count, such as "scene" in "what happened in that scene".)"""
        if reading.on_topic or THIS_SEASON in reading.text.split():  # "... for s2"
            return True
        generic = QUESTION_CONCEPTS | {"season", "about"} | self.matcher.common_concepts | ignoring
        known = self.matcher.idf
        return any(c in known and c not in generic for c in reading.concepts)

    # -- what a kind needs --------------------------------------------------------------------------

    def _needs_unmet(self, candidate: Candidate) -> bool:
        kind = self._kind(candidate.label)
        return kind is not None and any(not self._has(candidate.reading, n) for n in kind.needs)

    @staticmethod
    def _has(reading: Reading, need: Kind) -> bool:
        if need is Kind.EPISODE and reading.episodes:
            return True
        return reading.entity(need) is not None

    def _unresolvable(self, candidate: Candidate) -> bool:
        """Whether what a kind needs is found neither in the question nor by what it describes
        (a resolved reading names all of it)."""
        return self._resolve(candidate) is None

    def _resolve(self, candidate: Candidate) -> Reading | None:
        """A reading that names what the kind needs, found from what the question describes."""
        kind = self._kind(candidate.label)
        reading = candidate.reading
        if kind is None:
            return reading
        for need in kind.needs:
            if self._has(reading, need):
                continue
            found = {
                Kind.CHARACTER: self.matcher.character_described,
                Kind.OUTLET: self.matcher.review_described,
                Kind.EPISODE: self.matcher.episode_described,
            }.get(need)
            described = found(reading) if found else None
            if described is None and need is Kind.OUTLET:
                by_critic = self._critic_s_review(reading)
                if by_critic is not None:
                    reading = replace(by_critic, weight=reading.weight)
                    continue
            if described is None:
                return None
            mention = Mention(
                need, described.key, 0, 0, described.score * 100, False, described.secret
            )
            reading = replace(reading, mentions=(*reading.mentions, mention))
        return reading

    # -- building -------------------------------------------------------------------------------

    def _build(
        self, candidate: Candidate, text: str, watched: int | None, *, cue: int | None = None
    ) -> Reply | None:
        fact = self._fact(candidate.label)
        reading = candidate.reading
        if fact is not None:
            reply: Reply | None = self.answers.fact(fact, question=text)
        else:
            kind = self._kind(candidate.label)
            resolved = self._resolve(candidate)
            if kind is None or resolved is None:
                return None
            # a kind that checks its answer against the story learns which events are meant
            likely = self.matcher.events_like(resolved) if kind.verifies else ()
            request = BuildRequest(
                kind, resolved, self.kb, self.answers, self.story, text, watched, cue, likely
            )
            builder = BUILDERS.get(kind.build)
            if builder is None:
                return None  # a kind that declines or stays silent builds no answer
            reply = builder(request)
            reading = resolved
        secret = _secret(reading)
        if reply is not None and secret is not None:
            # Asked through a name that is itself the twist: linking anything to it spoils.
            reply = protect(reply, secret, HIDDEN_TITLE)
        return reply

    def _with_context(self, reading: Reading, context: Reading) -> Reading:
        """'...and who wrote it': a part naming nothing borrows what the previous part named.

        Only a part that asks something of its own borrows: "? lol" or "? 2" after a question
        is not a second question about the same thing."""
        if not reading.concepts - set(reading.unknown):
            return reading
        season = concept(THIS_SEASON)
        if (
            not (reading.mentions or reading.episodes or context.mentions or context.episodes)
            and THIS_SEASON in context.text.split()
            and season not in reading.concepts
            and reading.concepts & _FACT_ASKED  # "what year", not "what do u think"
        ):
            # "where did s2 air, what year": the season the first part named
            return replace(reading, concepts=reading.concepts | {season})
        if reading.mentions or reading.episodes or not (context.mentions or context.episodes):
            return reading
        return replace(
            reading,
            slots=reading.slots | context.slots,
            specific=reading.specific | context.specific,
            mentions=context.mentions,
            episodes=context.episodes,
        )

    # -- ambiguity --------------------------------------------------------------------------------

    def _all_called_so(self, best: Candidate, rival: Candidate, text: str) -> bool:
        """Whether two readings differ only in which of the characters one plural name they
        share stands for ("<her> partners"), and the question asks of them all."""
        if best.label != rival.label:
            return False
        mine = [m for m in best.reading.mentions if m.kind is Kind.CHARACTER]
        theirs = [m for m in rival.reading.mentions if m.kind is Kind.CHARACTER]
        if len(mine) != 1 or len(theirs) != 1 or mine[0].key == theirs[0].key:
            return False
        if (mine[0].start, mine[0].end) != (theirs[0].start, theirs[0].end):
            return False
        called = normalize(text).split()[mine[0].start : mine[0].end]
        return bool(called) and called[-1].endswith("s") and called[-1][:-1] in _RELATION_NOUNS

    def _rival(self, best: Candidate, ranked: list[Candidate]) -> Candidate | None:
        """A close second that would give a different answer: another reading of a name about
        a different thing, or (within the calibrated margin) a different kind of answer."""
        margin = self.calibration.margin
        for other in ranked[1:]:
            if other.score < best.score - max(margin, 0.03):
                return None
            if other.label == best.label and other.reading is best.reading:
                continue
            if self._does(other.label) is not Does.ANSWER:
                continue
            if other.reading is not best.reading:
                one_is_fact = (self._fact(other.label) is None) != (self._fact(best.label) is None)
                if one_is_fact and self._family(other) == self._family(best):
                    continue  # a fact and a kind on one topic: the same answer either way
                mine, theirs = self._target(best), self._target(other)
                # Different subjects, neither within the other ("which of the two sisters?").
                if (mine or theirs) and not (mine <= theirs or theirs <= mine):
                    return other
            elif (
                other.score >= best.score - CLOSE
                and best.share - other.share < margin
                and self._family(other) != self._family(best)
                and not self._same_subject_named(best, other)
                # a question one example of the likeliest holds whole is asked that way
                and not self.matcher.covered(best)
            ):
                return other
        return None

    def _same_subject_named(self, best: Candidate, other: Candidate) -> bool:
        """Whether two answers are about one thing the question names ("did <he> show up"):
        told either way, the answer is about them, and asking which is no help."""
        mine, theirs = self._target(best), self._target(other)
        return bool(mine and theirs) and (mine <= theirs or theirs <= mine)

    def _family(self, candidate: Candidate) -> str:
        """The topic an answer is on: "soundtrack" for soundtrack.track and its facts."""
        fact = self._fact(candidate.label)
        if fact is not None:
            return fact.topic
        kind = self._kind(candidate.label)
        return (kind.topic if kind else "") or candidate.label

    def _target(self, candidate: Candidate) -> frozenset[str]:
        """What an answer is about: the names and episodes its kind uses."""
        kind = self._kind(candidate.label)
        reading = candidate.reading
        if kind is None:
            return frozenset(reading.specific)
        used = {need.value for need in kind.needs}
        named = {t for t in reading.specific if t[1:].split(":")[0] in used}
        return frozenset(named.union(*(self._same_subject.get(t, ()) for t in named)))

    # -- declining ----------------------------------------------------------------------------------

    def _decline(
        self,
        kind: QuestionKind,
        reading: Reading,
        ranked: list[Candidate],
        *,
        what: str = "",
        unmet: bool = False,
    ) -> _Decision:
        if unmet:
            what = "that: I don't know what you mean" + (
                f" by {' '.join(reading.unknown)!r}" if reading.unknown else ""
            )
            intent = self._unknown_kind().name
        else:
            what = what or (kind.decline if kind.decline != "that" else "")
            intent = kind.name
        gap = self._likeliest_gap(ranked) if not what else None
        if gap is not None:  # declined anyway: what is missing is said
            declined = self._decline_gap(gap, ranked)
            return replace(declined, reply=replace(declined.reply, intent=intent))
        reply = self.answers.sources_dont_say(intent, what)
        suggestions = self._suggestions(ranked, exclude=kind.name)
        return _Decision(replace(reply, suggestions=suggestions), 0.0, Does.DECLINE)

    def _likeliest_gap(self, ranked: list[Candidate]) -> Gap | None:
        """The gap that is the likeliest reading of a question, if one is and matches fairly."""
        best = ranked[0] if ranked else None
        if best is None or best.score < self.calibration.threshold * VERIFIED_SHARE:
            return None
        return self._gap(best.label)

    def _decline_gap(self, gap: Gap, ranked: list[Candidate]) -> _Decision:
        """ "My sources don't say the name of the mongoose": what is missing, said outright."""
        intent = self._unknown_kind().name
        reply = self.answers.sources_dont_say(intent, gap.says, revealed_from=gap.spoiler_from)
        suggestions = self._suggestions(ranked)
        return _Decision(replace(reply, suggestions=suggestions), 0.0, Does.DECLINE)

    @staticmethod
    def _points_at_someone(text: str) -> bool:
        return bool(_POINTS_AT_SOMEONE.search(normalize(text)))

    def _no_subject(self, text: str, reading: Reading) -> bool:
        """'who plays him?', 'which ep was that again', 'how long is it': the question points
        at something it never names (a part after another borrows that one's subject first)."""
        if reading.mentions or reading.episodes:
            return False
        if self._points_at_someone(text):
            return True
        return not (reading.concepts - QUESTION_CONCEPTS - self.matcher.common_concepts) and (
            not reading.slots
        )

    def _ask_back(self, reading: Reading, ranked: list[Candidate], body: str = "") -> _Decision:
        body = body or (
            "Who or which one do you mean? Ask again with a name, an episode number or a title, "
            'for example "who directed episode 3".'
        )
        card = Card(
            "Which one?", plain(body), footer=self.kb.season.title, color=self.kb.season.color
        )
        clarify = self.kinds.role(Does.CLARIFY).name
        return _Decision(Reply(ReplyKind.CLARIFY, clarify, (), (card,)), 0.0, Does.CLARIFY)

    def _not_sure(self, reading: Reading, ranked: list[Candidate]) -> _Decision:
        if not self._anchored(reading):
            return self._off_topic()
        suggestions = self._suggestions(ranked)
        body = (
            "I'm not sure what you're asking, and I'd rather not guess. "
            f"I can answer questions about {self.kb.season.title}: episodes, story, cast and "
            "characters, production, release, reception and the soundtrack."
        )
        if suggestions:
            body += " Did you mean one of these?"
        card = Card(
            "Not sure", plain(body), footer=self.kb.season.title, color=self.kb.season.color
        )
        unknown = self.kinds.role(Does.NOT_SURE).name
        return _Decision(
            Reply(ReplyKind.UNKNOWN, unknown, (), (card,), suggestions), 0.0, Does.NOT_SURE
        )

    def _off_topic(self) -> _Decision:
        body = (
            f"I'm a bot for questions about {self.kb.season.title}: episodes, story, cast and "
            'characters, production, release, reception and music. Try "who plays '
            'the lead?" or "what happens in episode 1?"'
        )
        card = Card(
            "What I can help with",
            plain(body),
            footer=self.kb.season.title,
            color=self.kb.season.color,
        )
        off_topic = self.kinds.role(Does.OFF_TOPIC).name
        return _Decision(Reply(ReplyKind.OFF_TOPIC, off_topic, (), (card,)), 0.0, Does.OFF_TOPIC)

    def _clarify(self, best: Candidate, rival: Candidate) -> _Decision:
        options = [self._question_for(best), self._question_for(rival)]
        options = [o for o in dict.fromkeys(options) if o]
        body = "I can read that two ways. Which one did you mean?"
        card = Card(
            "Which one?", plain(body), footer=self.kb.season.title, color=self.kb.season.color
        )
        clarify = self.kinds.role(Does.CLARIFY).name
        return _Decision(
            Reply(ReplyKind.CLARIFY, clarify, (), (card,), tuple(options)), 0.0, Does.CLARIFY
        )

    def _suggestions(self, ranked: list[Candidate], exclude: str = "") -> tuple[str, ...]:
        floor = self.calibration.threshold * 0.6
        out: list[str] = []
        for candidate in ranked:
            if candidate.score < floor:
                break
            if self._does(candidate.label) is not Does.ANSWER or candidate.label == exclude:
                continue
            question = self._question_for(candidate)
            if question and question not in out:
                out.append(question)
            if len(out) == 3:
                break
        return tuple(out)

    def _question_for(self, candidate: Candidate) -> str:
        """A spoiler-free question that asks for this reading, for a suggestion button."""
        reading = candidate.reading
        if _secret(reading) is not None:
            return ""  # no label can name this reading without naming the twist
        if any(m.start == m.end for m in reading.mentions):
            # someone found by what the question describes, not named by it: a button naming
            # them would tell who the description fits (who killed the one asked about)
            return ""
        fact = self._fact(candidate.label)
        if fact is not None:
            # a title is spoiler-free, but offering a fact that tells reveals, next to the
            # question asked, can link the two (a storyline named for the one who ordered it)
            revealing = any(segment.spoiler_from is not None for segment in fact.text)
            return "" if revealing else fact.title
        kind = self._kind(candidate.label)
        template = kind.question if kind else ""
        for need in Kind:
            placeholder = "{" + need.value + "}"
            if placeholder in template:
                name = self._name_of(need, reading)
                if name is None:
                    return ""
                template = template.replace(placeholder, name)
        if not template:
            return ""
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
        """An overheard message is answered only when it is clearly a question about the season
        that the bot can answer, asked of the room rather than of another member."""
        if not decision.reply.answered or decision.does is not Does.ANSWER:
            return False
        said = _TRAILING_VOCATIVE.sub("", _LEADING_INTERJECTION.sub("", normalize(text)))
        if not self._anchored(self.reader.read(said, readings=1)[0]):
            return False  # "yo how was your day guys": nothing of the season in it
        if _spoken_to_someone(text):
            return False
        question = _question_clause(text)
        if question is None:
            return False
        # "does anyone know who directed the finale?" asks the room for a fact: fair game
        asking_for_a_fact = any(
            _ANYONE_KNOW.search(words)
            for words in (question.words, _LEADING_INTERJECTION.sub("", normalize(text)))
        )
        if _shares_a_view(question.words):
            return False
        after = normalize(text[question.span[1] :])
        if _talks_to_others(after) and _MEMBERS_VIEW.search(after):
            return False  # "should i watch <it> first? what do you guys think": the room's view
        return asking_for_a_fact or not _talks_to_others(question.words)

    # -- slash-command look-ups ----------------------------------------------------------------------

    def episode_reply(self, query: str) -> Reply:
        number = self._episode_number(query)
        episode = self.kb.episode(number) if number else None
        if episode is None:
            raise EpisodeNotFound(f"no episode matches {query!r}")
        reply = self.answers.episode(
            episode, "info", intent=self.kinds.built_by("episode", "info").name
        )
        events = self.story.episode_event_lines(episode.number)
        return _with_fields(reply, [CardField("Events", events)] if events else [])

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
        reply = self.answers.character_info(
            character, self.kinds.built_by("character", "info").name
        )
        return _with_fields(reply, self.story.character_story_fields(character))

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


def _about_the_source(text: str) -> bool:
    """Whether a question speaks of the books the show adapts ("<her> name in the comics")."""
    return bool(vocabulary().source_material_words & set(normalize(text).split()))


def _merged(cards: list[Card], card: Card) -> list[Card]:
    """`cards` and `card`; a card on the same thing as one before it ("who directed ep 7 and
    who wrote it") adds its lead to that card instead of repeating the card."""
    same = next((i for i, c in enumerate(cards) if c.title == card.title != HIDDEN_TITLE), None)
    if same is None:
        return [*cards, card]
    first = cards[same]
    lead = to_plain(card.description).split("\n")[0]
    if not lead or lead in to_plain(first.description):
        return cards
    added = _first_line(card.description)
    description = join([first.description, added], sep="\n") if first.description else added
    return [*cards[:same], replace(first, description=description), *cards[same + 1 :]]


def _first_line(text: RichText) -> RichText:
    """The segments of `text` up to its first line break, each keeping its spoiler mark."""
    line: list[Segment] = []
    for segment in text:
        before, newline, _ = segment.text.partition("\n")
        if before:
            line.append(replace(segment, text=before))
        if newline:
            break
    return tuple(line)


def _twist_name_prefix(text: str, character: Character) -> bool:
    """Whether `text` (normalised) is the start of a name of `character` that is itself a twist:
    its secret name, or the start of it (three letters or more). Only the name
    itself counts, not descriptive aliases, so no typed description is confirmed."""
    if not (character.safe_name and character.name_spoiler_from) or len(text) < TWIST_PREFIX_MIN:
        return False
    name = normalize(character.name)
    return bool(name) and name.startswith(text)
