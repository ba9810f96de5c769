"""The builders a kind names in `kinds.yaml` (`build:`), each turning what a question names into a
reply. A builder returns None when the knowledge base has nothing for what was named; the caller
then declines or tries the next reading.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from bot.core.answering.builders import Answers
from bot.core.answering.kinds import QuestionKind
from bot.core.answering.reply import Reply, ReplyKind
from bot.core.answering.story import Story, StoryQuery
from bot.core.knowledge.model import KnowledgeBase
from bot.core.understanding.entities import Kind as EntityKind
from bot.core.understanding.reading import Reading
from bot.core.understanding.vocabulary import vocabulary

__all__ = ["BUILDERS", "BuildRequest", "Builder"]


@dataclass(frozen=True, slots=True)
class BuildRequest:
    """Everything a builder may use: the kind, the reading of the question, the season."""

    kind: QuestionKind
    reading: Reading
    kb: KnowledgeBase
    answers: Answers
    story: Story
    question: str  # the question as typed (one part of it)
    watched: int | None = None
    cue: int | None = None  # where the kind's cue is, when it alone chose the kind
    # the story events the question is most like a question about (event id, similarity)
    likely: tuple[tuple[str, float], ...] = ()


Builder = Callable[[BuildRequest], Reply | None]


def _episodes(request: BuildRequest) -> list[int]:
    numbers = list(request.reading.episodes)
    if not numbers:
        numbers = [int(k) for k in request.reading.all_of(EntityKind.EPISODE)]
    return numbers


def _episode(request: BuildRequest) -> Reply | None:
    kb, name = request.kb, request.kind.name
    episodes = [e for n in _episodes(request) if (e := kb.episode(n)) is not None]
    if not episodes:
        return None
    aspect = request.kind.aspect
    replies = [
        request.answers.episode(e, aspect, intent=name, question=request.question) for e in episodes
    ]
    if len(replies) == 1 and aspect == "plot":
        # "what happens in episode 5": its turning points first, the whole synopsis after
        brief = request.story.episode_brief(episodes[0].number)
        return replace(replies[0], content=brief) if brief else replies[0]
    if len(replies) == 1:
        return replies[0]
    cards = tuple(card for reply in replies for card in reply.cards)[:10]
    return Reply(ReplyKind.ANSWER, name, (), cards)


def _character(request: BuildRequest) -> Reply | None:
    character = request.kb.character(request.reading.entity(EntityKind.CHARACTER) or "")
    if character is None:
        return None
    a, name = request.answers, request.kind.name
    if request.kind.aspect == "actor":
        younger = _age_modifier(request.reading, character.id)
        if younger:
            # "who plays young <her>": the sources name the actor of the character, not of
            # that version of them
            return a.sources_dont_say(
                name, f"who plays the {younger} {a.character_label(character)}"
            )
        return a.character_actor(character, name)
    return a.character_info(character, name, question=request.question)


def _age_modifier(reading: Reading, character: str) -> str | None:
    """The word right before the character's name that asks for another age of them."""
    words = reading.text.split()
    for mention in reading.mentions:
        if mention.key == character and 0 < mention.start <= len(words):
            before = words[mention.start - 1]
            if before in vocabulary().age_modifiers:
                return before
    return None


def _person(request: BuildRequest) -> Reply | None:
    person = request.kb.person(request.reading.entity(EntityKind.PERSON) or "")
    if person is None:
        return None
    a, name, aspect = request.answers, request.kind.name, request.kind.aspect
    if aspect == "role" and not a.asks_other_work(person, request.question):
        return a.person_role(person, name)
    if aspect == "credits":
        return a.person_credits(person, name, question=request.question)
    return a.person_info(person, name, question=request.question)


def _track(request: BuildRequest) -> Reply | None:
    key = request.reading.entity(EntityKind.TRACK)
    return request.answers.track(int(key), request.kind.name) if key else None


def _review(request: BuildRequest) -> Reply | None:
    key = request.reading.entity(EntityKind.OUTLET)
    if key is None:
        person = request.kb.person(request.reading.entity(EntityKind.PERSON) or "")
        key = person.name if person else None
    return (
        request.answers.review(key, request.kind.name, question=request.question) if key else None
    )


def _story(request: BuildRequest) -> Reply | None:
    query = StoryQuery.ask(
        request.question,
        characters=request.reading.all_of(EntityKind.CHARACTER),
        episodes=_episodes(request),
        watched=request.watched,
        cue=request.cue,
        likely=request.likely,
    )
    return request.story.answer(request.kind.aspect, query, request.kind.name)


BUILDERS: dict[str, Builder] = {
    "season_overview": lambda r: r.answers.season_overview(r.kind.name),
    "season_fact": lambda r: r.answers.season_fact(r.kind.aspect, r.kind.name),
    "episode": _episode,
    "episode_list": lambda r: r.answers.episode_list(r.kind.name),
    "cast_list": lambda r: r.answers.cast_list(r.kind.name),
    "character": _character,
    "person": _person,
    "soundtrack": lambda r: r.answers.soundtrack(r.kind.name, question=r.question),
    "track": _track,
    "reception_scores": lambda r: r.answers.reception_scores(r.kind.name, question=r.question),
    "review": _review,
    "awards": lambda r: r.answers.awards(r.kind.name),
    "story": _story,
}
