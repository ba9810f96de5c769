"""Cues: words that ask for a story kind ("which episode", "who") let the story answer a question
the examples match to something else or to nothing, but only with a clear answer."""

from __future__ import annotations

import pytest

from bot.core.answering.decide import Answerer
from bot.core.answering.dispatch import BUILDERS
from bot.core.answering.kinds import parse_kinds, shipped_kinds
from bot.core.engine import Engine
from bot.core.errors import KnowledgeInvalid
from bot.core.knowledge.richtext import SpoilerMode, SpoilerPolicy
from bot.core.knowledge.verbs import verb_vocabulary
from bot.core.rendering.render import render_message

FIVE = ["a", "b", "c", "d", "e"]


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.load()


def _shown(engine: Engine, question: str) -> str:
    reply = engine.ask(question).reply
    assert reply is not None
    message = render_message(reply, SpoilerPolicy(SpoilerMode.OPEN, 13))
    embeds = message.get("embeds", [])
    assert isinstance(embeds, list)
    return str(message.get("content", "")) + "".join(str(e.get("description", "")) for e in embeds)


def test_cued_kinds_come_earliest_cue_first() -> None:
    kinds = shipped_kinds(frozenset(BUILDERS))
    cued = [k.aspect for k in kinds.cued("ok so why does she leave, and which ep is that")]
    assert cued[:2] == ["why", "episode"]
    assert kinds.cued("how was your day") == []


def test_only_kinds_that_verify_may_have_cues() -> None:
    roles = {
        "off_topic": {"does": "off_topic"},
        "chatter": {"does": "chatter"},
        "clarify": {"does": "clarify"},
        "unknown": {"does": "not_sure"},
    }
    declared = {"kinds": {**roles, "cast.list": {"build": "cast_list", "cues": ["who"]}}}
    examples = {"off_topic": FIVE, "chatter": FIVE, "cast.list": FIVE}
    with pytest.raises(KnowledgeInvalid) as caught:
        parse_kinds(declared, examples, BUILDERS)
    assert (
        "kinds.cast.list.cues: only kinds that verify their answers, or decline, have cues"
        in str(caught.value)
    )


def test_irregular_past_forms_find_their_verb() -> None:
    verbs = verb_vocabulary()
    assert verbs.base("took") == "take"
    assert verbs.base("shot") == "shoot"
    assert verbs.base("smashed") == "smashed"  # regular forms are the stemmer's job


def test_which_episode_is_answered_with_the_episode_over_a_fact_about_the_show(
    engine: Engine,
) -> None:
    question = "so in which episode does trish quit her radio show"
    assert engine.ask(question).intent == "plot.episode"
    assert "Episode 9" in _shown(engine, question)


def test_a_cue_in_a_relative_clause_does_not_turn_an_actor_question_into_a_plot_one(
    engine: Engine,
) -> None:
    answer = engine.ask("who plays griffin, the guy who proposes to trish")
    assert answer.intent == "character.actor"


def test_an_irregular_past_reads_as_its_verb(engine: Engine) -> None:
    question = "so who was it that shot shane ryback"
    assert engine.ask(question).intent == "plot.who_did"
    assert "Inez" in _shown(engine, question)


def test_the_name_of_someone_described_by_what_they_did(engine: Engine) -> None:
    question = "what's the name of the guy who pays for all of malus's expenses"
    assert engine.ask(question).intent == "plot.name"
    assert "Justis Ambrose" in _shown(engine, question)


def test_a_described_twist_stays_barred_until_its_reveal(engine: Engine) -> None:
    question = "what's the name of the man who shoots jessica through her window"
    reply = engine.ask(question).reply
    assert reply is not None
    for watched, barred in ((8, True), (9, False)):
        message = render_message(reply, SpoilerPolicy(SpoilerMode.TAGGED, watched))
        content = str(message.get("content", ""))
        assert "Cheng" in content
        assert ("||" in content) is barred


def test_the_name_of_a_thing_is_not_answered_with_a_person(engine: Engine) -> None:
    assert engine.ask("whats the name of the tv job trish is offered").intent != "plot.name"


def test_a_whole_known_question_among_unknown_words_is_answered(engine: Engine) -> None:
    # "baby" and "lmao" match no example, but "who plays {character}" is all there
    assert "Kevin Chacon" in _shown(engine, "who plays baby vido lmao")


def test_holding_a_known_question_does_not_answer_a_name_it_does_not_know(engine: Engine) -> None:
    reply = engine.ask("whats the name of the cafe trish goes to").reply
    assert reply is not None
    assert not reply.answered


def test_a_cue_answers_from_its_own_clause() -> None:
    kinds = shipped_kinds(frozenset(BUILDERS))
    why = next(k for k in kinds if k.aspect == "why")
    clause = Answerer._clause_of("how did she get her powers, is it explained anywhere", why)
    assert clause == "how did she get her powers"


def test_an_episode_told_by_what_happens_in_it(engine: Engine) -> None:
    question = "who directed the one where trish quits her radio show on air"
    assert engine.ask(question).intent == "episode.director"
    assert "Rosemary Rodriguez" in _shown(engine, question)


def test_the_one_where_is_a_description_not_a_where_question() -> None:
    kinds = shipped_kinds(frozenset(BUILDERS))
    assert all(k.aspect != "where" for k in kinds.cued("the one where she quits, who wrote it"))


def test_a_name_asked_of_someone_only_described_is_answered(engine: Engine) -> None:
    # nothing is named: the description alone puts the question on the season
    question = "name of that man who heals the sick?"
    assert engine.ask(question).intent == "plot.name"
    assert "Shane Ryback" in _shown(engine, question)


def test_a_common_phrasal_wording_finds_its_verb(engine: Engine) -> None:
    # "messing with" is how fans say "tormenting"
    question = "the guard who keeps messing with her in lockup, whats he called"
    assert "Dale Holiday" in _shown(engine, question)


def test_the_story_event_a_question_is_like_comes_first(engine: Engine) -> None:
    # learnt from the event's example questions, none of which says it this way
    answerer = engine._answerer
    reading = answerer.reader.read("jeri lied to inez about the healer, right?", readings=1)[0]
    liked = answerer.matcher.events_like(reading)
    assert liked[0][0] == "hogarth-lies-about-ryback"


def test_a_question_like_one_about_a_story_event_is_asked_of_the_story(engine: Engine) -> None:
    # below the threshold and with no cue the examples settle, the event it resembles answers
    question = "so what did hogarth tell inez about the healer to turn her against him"
    assert "conning" in _shown(engine, question)


def test_an_address_asks_for_a_number(engine: Engine) -> None:
    assert not engine.ask("what is jessica's apartment address").answered


def test_the_actress_who_plays_someone_is_no_second_subject_to_ask_back_about(
    engine: Engine,
) -> None:
    # "the actress that plays <her>" also reads as that actress: one subject, not two
    question = "who's the actress that plays dorothy walker"
    # asked of the part or of the actress, one answer: not a question back
    assert engine.ask(question).intent in {"character.actor", "person.info"}
    assert "Rebecca De Mornay" in _shown(engine, question)


def test_a_name_asked_needs_a_name_the_question_did_not_say(engine: Engine) -> None:
    # the story tells that she killed a nurse, not what the nurse was called
    assert not engine.ask(
        "the nurse alisa kills during her escape from igh, whats her name"
    ).answered
    assert "Eka Darville" in _shown(engine, "name of the actor playing malcolm?")
    assert engine.ask("what is jessicas full name").answered  # her own name may repeat hers


def test_which_of_the_things_that_have_names_asks_for_one(engine: Engine) -> None:
    # the story says he went back to his old university, never which one
    assert not engine.ask("which university did malcolm attend").answered
    assert "IGH" in _shown(engine, "which company is behind jessica's powers")


def test_the_one_where_is_the_episode_whose_events_the_words_are_most_like(
    engine: Engine,
) -> None:
    # no story verb in "visits the aquarium"; the events it is like are mostly in episode 5
    assert "Jamie King" in _shown(engine, "who wrote the one where jessica visits the aquarium")
    assert "Pork Chop" not in _shown(
        engine, "whats the title of the ep where trish loses it on air and quits"
    )
    assert "Shark in the Bathtub" in _shown(
        engine, "whats the title of the ep where trish loses it on air and quits"
    )


def test_a_name_for_someone_that_describes_them_is_no_name_said(engine: Engine) -> None:
    # "hogarths wife" names Jeri by name: Jeri's names are not news, her wife's name is
    assert "Wendy" in _shown(engine, "name of hogarths wife?")


def test_a_question_about_someone_described_before_anyone_named_is_about_them(
    engine: Engine,
) -> None:
    # "the detective" comes before "jessica": the question asks about the detective
    assert "Eddy Costa" in _shown(engine, "the detective who released jessica, whats his name")
    assert "Karl Malus" in _shown(engine, "the doctor jessica spots at the aquarium, who is that")


def test_the_word_episode_beside_a_title_is_part_of_the_title(engine: Engine) -> None:
    # "ep" after "facetime" names the episode; it does not ask what an episode is called
    assert engine.ask("what happens in the facetime ep").intent == "episode.plot"
    assert engine.ask("quick summary of the pork chop episode pls").intent == "episode.plot"
    assert engine.ask("the facetime ep").answered  # all it says: still about the episode


def test_who_plays_someone_described_by_the_story_is_no_story_question(engine: Engine) -> None:
    # the story knows who was diagnosed; the question asks who plays her
    answer = engine.ask("who plays the lawyer lady who gets diagnosed with als")
    assert answer.intent != "plot.diagnosis"


def test_what_kind_of_thing_needs_an_answer_that_says_that_thing(engine: Engine) -> None:
    # the story tells that he shot at them, never with what
    assert not engine.ask("what kind of rifle did cheng shoot jessica with").answered
    assert not engine.ask("which tv network hires trish after she quits her show").answered


def test_a_role_after_a_determiner_is_who_someone_is_not_what_they_do(engine: Engine) -> None:
    # "the guard" is the one killed, not someone guarding
    assert "Episode 10" in _shown(engine, "what episode does jessica end up killing the guard in")


def test_who_plays_someone_the_sources_cast_no_one_as_is_not_told_by_the_story(
    engine: Engine,
) -> None:
    # the story knows Pam is her ex; it does not know who plays her
    assert not engine.ask("who plays pam, the ex of jeri").answered


def test_a_phrasal_verb_split_by_its_object_with_into() -> None:
    from bot.core.answering.story import Story
    from bot.core.knowledge.loader import load_knowledge
    from tests.conftest import KNOWLEDGE_ROOT

    story = Story(load_knowledge(KNOWLEDGE_ROOT / "jessica-jones-s2"))
    assert "persuade" in {verb for verb, _ in story._verbs_in("who talked her into it")}


def test_a_question_asking_the_bot_s_own_view_is_declined_whatever_it_is_about(
    engine: Engine,
) -> None:
    # "what happened to her" would cue her fate; "do you think" asks for a view first
    assert engine.ask("do you think trish deserved what happened to her").intent == "opinion"
    assert not engine.ask("your take on the finale?").answered
    # "..., what do u think" tacked on a question asks the bot's view of all of it
    assert engine.ask("was trish right to kill alisa or nah, what do u think").intent == "opinion"
    assert engine.ask("who plays trish? what do you think of her").answered
    # a polite way of asking is no request for a view
    assert engine.ask("do you think you could tell me who directed ep 5").answered


def test_a_declining_kind_may_have_cues() -> None:
    roles = {
        "off_topic": {"does": "off_topic"},
        "chatter": {"does": "chatter"},
        "clarify": {"does": "clarify"},
        "unknown": {"does": "not_sure"},
    }
    declared = {"kinds": {**roles, "views": {"does": "decline", "cues": ["your opinion"]}}}
    examples = {"off_topic": FIVE, "chatter": FIVE, "views": FIVE}
    kinds = parse_kinds(declared, examples, BUILDERS)
    assert kinds["views"].cued_at(["in", "your", "opinion"]) == 1


def test_an_everyday_word_is_no_slip_for_a_name_word(engine: Engine) -> None:
    # "<her> after" is not "<her> father": the question is about who took her in
    question = "who adopted jessica after the crash"
    assert "Walker" in _shown(engine, question)


def test_of_several_described_the_party_of_the_likeliest_event_is_named(engine: Engine) -> None:
    # two characters the season calls a nurse; the one the asked event involves is meant
    assert "Inez Green" in _shown(engine, "name of the nurse jess finds living rough")


def test_a_missing_detail_gives_way_to_what_is_asked_as_closely(engine: Engine) -> None:
    # as close to a way of asking about the mongoose's owner as to "the mongoose's name"
    assert "Jay Klaitz" in _shown(engine, "the mongoose guy, whizzer, whos the actor")


def test_which_place_asks_where(engine: Engine) -> None:
    # "which border" asks for a place as "where" does; the first one they head for leads
    shown = _shown(engine, "which border do jess and alisa head for first")
    assert shown.index("Mexico") < shown.index("Canada")


def test_a_fact_saying_every_telling_word_answers_below_the_threshold(engine: Engine) -> None:
    # no example asks it this way; the fact says "Rosenberg" and "Dexter"
    assert "never cured" in _shown(engine, "what did rosenberg learn from dexter")
    # a detail the fact does not say stays unanswered
    assert engine.ask("what did rosenberg eat while writing dexter").intent.startswith("unknown")


def test_an_event_saying_every_telling_word_is_asked_of_the_story(engine: Engine) -> None:
    # no example is much like it; the event of his cure says "Eric", "Ambrose", "born"
    assert "genetic defect" in _shown(engine, "what was wrong with eric ambrose when he was born")


def test_a_fact_of_the_asked_type_answers_when_the_likeliest_answer_is_not(engine: Engine) -> None:
    # the part she plays is no answer to when she was cast; the casting timeline is
    assert "July 2017" in _shown(engine, "when did leah gibson get cast?")


def test_a_fact_about_something_does_not_answer_what_it_is_called(engine: Engine) -> None:
    # the fact tells of the rival's agency but never names it
    assert engine.ask("what is pryce cheng's agency called").intent.startswith("unknown")
