"""Plot answers from the structured story: the fact first, every reveal behind its own episode."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.answering.reply import Reply
from bot.core.answering.story import Story, StoryQuery
from bot.core.knowledge.loader import load_knowledge
from bot.core.knowledge.model import Event, KnowledgeBase
from bot.core.knowledge.richtext import SpoilerMode, SpoilerPolicy, to_plain
from bot.core.rendering.render import render_message
from tests.conftest import FIXTURES, KNOWLEDGE_ROOT

_BARS = re.compile(r"\|\|.*?\|\|", re.S)


@cache
def _kb() -> KnowledgeBase:
    return load_knowledge(KNOWLEDGE_ROOT / "jessica-jones-s2")


@cache
def _answer(story: Story, kind: str, query: StoryQuery) -> Reply | None:
    """The story's answer to a question of a plot kind ("plot.who_did" asks for "who_did")."""
    return story.answer(kind.removeprefix("plot."), query, kind)


def _story() -> Story:
    return Story(_kb())


def _ask(
    kind: str,
    question: str,
    *characters: str,
    episodes: tuple[int, ...] = (),
    watched: int | None = None,
) -> Reply:
    reply = _answer(_story(), kind, StoryQuery.ask(question, characters, episodes, watched))
    assert reply is not None, question
    return reply


def _no_answer(kind: str, question: str, *characters: str, episodes: tuple[int, ...] = ()) -> None:
    assert _answer(_story(), kind, StoryQuery.ask(question, characters, episodes)) is None, question


def _shown(reply: Reply, watched: int, mode: SpoilerMode = SpoilerMode.TAGGED) -> str:
    message = render_message(reply, SpoilerPolicy(mode, watched))
    parts = [message["content"]] + [e.get("description", "") for e in message["embeds"]]
    parts += [f.get("value", "") for e in message["embeds"] for f in e.get("fields", [])]
    return "\n".join(parts)


def _outside_bars(reply: Reply, watched: int, mode: SpoilerMode = SpoilerMode.TAGGED) -> str:
    return _BARS.sub(" ", _shown(reply, watched, mode))


def _both_sides(reply: Reply, words: str, revealed_by: int) -> None:
    """Hidden (tagged: barred, blocked: withheld) before `revealed_by`, plain from it on."""
    assert words not in _outside_bars(reply, revealed_by - 1)
    assert words in _shown(reply, revealed_by - 1)  # behind bars, still there to click
    assert words not in _shown(reply, revealed_by - 1, SpoilerMode.BLOCKED)
    assert words in _outside_bars(reply, revealed_by)
    assert words in _outside_bars(reply, revealed_by, SpoilerMode.BLOCKED)


def _lead(reply: Reply) -> str:
    return to_plain(reply.content).split("\n")[0]


# -- one test per plot kind -----------------------------------------------------------------------


def test_who_did_answers_the_doer_of_the_named_victim() -> None:
    reply = _ask("plot.who_did", "who kills alisa", "alisa-jones")
    assert (
        _lead(reply)
        == 'Patricia "Trish" Walker: Trish goes to Playland and kills Alisa (episode 13).'
    )
    _both_sides(reply, "kills Alisa", 13)


def test_who_did_with_the_named_doer_answers_the_victim() -> None:
    reply = _ask("plot.who_did", "who did trish kill", "trish-walker")
    assert _lead(reply).startswith("Alisa Jones: ")  # whom it was done to leads, not the doer
    assert "kills Alisa" in _lead(reply)
    assert len(to_plain(reply.content)) < 300


@pytest.mark.parametrize(
    ("question", "characters", "lead"),
    [
        # the doer is named right before the verb: "who" asks whom
        ("who does jess accidentally kill in ep 10", ("jessica-jones",), "Dale Holiday: "),
        # a description, then the doer and the verb: the described one is whom it is done to
        ("who's the creepy doctor jess remembers at the aquarium", ("jessica-jones",), "Karl"),
        # the named one is whom it is done to: "who" still asks the doer
        ("who put jess to sleep with a sedative", ("jessica-jones",), "Karl Malus: "),
        ("who is getting malus a fake passport", ("karl-malus",), "Oscar Arocho: "),
    ],
)
def test_who_asks_the_doer_or_whom_it_is_done_to_by_where_the_named_stand(
    question: str, characters: tuple[str, ...], lead: str
) -> None:
    episodes = (10,) if "ep 10" in question else ()
    reply = _ask("plot.who_did", question, *characters, episodes=episodes)
    assert _lead(reply).startswith(lead)


def test_the_likeliest_event_leads_even_when_a_later_reveal_is_less_likely() -> None:
    reply = _ask("plot.who_did", "who does alisa kill to bust out of prison", "alisa-jones")
    assert "new guard" in _lead(reply)


def test_a_twist_retold_follows_the_twist_s_episode() -> None:
    reply = _ask("plot.who_did", "who smashes the glass at the aquarium")
    text = to_plain(reply.content)
    assert text.index("the woman smashes") < text.index("Alisa")
    _both_sides(reply, "the woman smashes the glass", 5)
    _both_sides(reply, "mother Alisa", 6)  # her identity is episode 6's reveal, not episode 5's


def test_who_did_through_a_relative() -> None:
    reply = _ask("plot.who_did", "who kidnaps oscars kid", "oscar-arocho")
    assert "kidnaps their son, Vido" in _lead(reply)
    _both_sides(reply, "Vido", 9)


def test_a_verb_one_slip_off_is_read_as_the_verb() -> None:
    # "kidnapps", "murderd": a misspelt verb still finds the event it names
    assert "kidnaps their son, Vido" in _lead(
        _ask("plot.who_did", "who kidnapps oscars kid", "oscar-arocho")
    )
    assert "Alisa" in _lead(_ask("plot.who_did", "who murderd sunday", "ruth-sunday"))


def test_a_word_that_is_english_is_no_misspelt_verb() -> None:
    story = _story()
    # "killer" is a word of its own, not a slip for "killed"
    assert story._verb_stem("killer") == "killer"
    assert story._verb_stem("kidnapps") == story._verb_stem("kidnapped")


def test_how_someone_dies_is_their_fate() -> None:
    # not some other beat of theirs that has a manner ("released from prison")
    lead = _lead(_ask("plot.why", "how did ryback die", "shane-ryback"))
    assert "shot by Inez Green" in lead


def test_an_episode_asked_is_named_by_its_title_too() -> None:
    reply = _ask("plot.fate", "does simpson survive? which ep", "will-simpson")
    assert 'episode 2 ("AKA Freak Accident")' in _lead(reply)
    # only when an episode is asked
    assert "Freak Accident" not in _lead(_ask("plot.fate", "does simpson survive", "will-simpson"))


def test_a_misspelt_or_unusual_verb_of_the_story_finds_its_event() -> None:
    # "spot" is recognising someone; "throw out the <place> window" is killing
    assert "Karl Malus" in _lead(_ask("plot.who_did", "who did jess spot at the aquarium"))
    reply = _ask("plot.who_did", "who did alisa throw out the hospital window", "alisa-jones")
    assert "Sunday" in _lead(reply)


def test_a_recap_of_one_episode_tells_that_episode_and_one_up_to_it_the_story_so_far() -> None:
    one = to_plain(_ask("plot.recap", "what went down in episode 4", episodes=(4,)).content)
    assert one.startswith('Episode 4 ("AKA God Help the Hobo"): ')
    assert "Episode 1" not in one
    so_far = to_plain(_ask("plot.recap", "recap up to episode 4", episodes=(4,)).content)
    assert so_far.startswith("Episode 1: ")


def test_what_did_lists_the_named_character_s_acts() -> None:
    reply = _ask(
        "plot.what_did",
        "what dirt does malcolm dig up on benowitz",
        "malcolm-ducasse",
        "steven-benowitz",
    )
    assert "Benowitz is secretly gay" in to_plain(reply.content)
    _both_sides(reply, "secretly gay", 8)


def test_fate_is_progress_aware() -> None:
    reply = _ask("plot.fate", "what happens to malus", "karl-malus", watched=8)
    shown = _outside_bars(reply, 8)
    assert "Jessica calls the police to Malus's house" in shown  # seen: plain
    assert "blows up" not in shown  # episode 11: barred
    _both_sides(reply, "blows up the old IGH facility", 11)


def test_does_x_survive_answers_from_the_fate() -> None:
    reply = _ask("plot.fate", "does will simpson make it out of s2 alive", "will-simpson")
    assert _lead(reply).startswith("Will Simpson is killed in episode 2")
    _both_sides(reply, "is killed", 2)


def test_episode_names_where_the_event_happens() -> None:
    reply = _ask("plot.episode", "which episode does malus die in", "karl-malus")
    assert _lead(reply).startswith("Episode 11 (")
    _both_sides(reply, "Episode 11", 11)


def test_why_gives_the_reason_the_sources_give() -> None:
    reply = _ask("plot.why", "why does cheng shoot at alisa", "pryce-cheng", "alisa-jones")
    assert "revenge" in to_plain(reply.content)
    _both_sides(reply, "revenge", 9)  # the shooter is only known from episode 9


def test_how_questions_accept_the_telling_itself() -> None:
    reply = _ask("plot.why", "how does alisa end up in custody the first time", "alisa-jones")
    assert "surrenders" in to_plain(reply.content)
    _both_sides(reply, "surrenders", 9)


def test_where_answers_with_the_place() -> None:
    reply = _ask("plot.where", "where does alisa die", "alisa-jones")
    assert _lead(reply).startswith("Playland")
    _both_sides(reply, "Playland", 13)


def test_relation_follows_the_twist() -> None:
    reply = _ask("plot.relation", "who is jessica's mother", "jessica-jones")
    assert _lead(reply) == "Alisa Jones is Jessica Jones' mother (revealed in episode 6)."
    _both_sides(reply, "Alisa Jones is", 6)


def test_names_of_relatives() -> None:
    reply = _ask(
        "plot.name",
        "jessicas dad and brother who died in the crash, what were their names",
        "jessica-jones",
    )
    text = to_plain(reply.content)
    assert "Brian Jones" in text
    assert "Phillip Jones" in text
    _both_sides(reply, "Phillip Jones", 7)


def test_a_secret_name_stays_barred_until_its_reveal() -> None:
    reply = _ask("plot.name", "what is the mysterious woman's real name", "alisa-jones")
    _both_sides(reply, "Alisa Jones", 6)


def test_a_plain_full_name_is_plain() -> None:
    reply = _ask("plot.name", "what is malcolm's last name", "malcolm-ducasse")
    assert "Malcolm Ducasse" in _outside_bars(reply, 0)


def test_diagnosis() -> None:
    reply = _ask("plot.diagnosis", "whats jeri diagnosed with", "jeri-hogarth")
    assert _lead(reply) == "Hogarth is diagnosed with ALS (episode 3)."
    _both_sides(reply, "ALS", 3)


def test_alias_who_was_she_pretending_to_be() -> None:
    reply = _ask("plot.alias", "who was the mysterious woman pretending to be", "alisa-jones")
    assert "Hansen" in to_plain(reply.content)
    _both_sides(reply, "Hansen", 3)


def test_recap_stops_at_the_asked_episode() -> None:
    reply = _ask("plot.recap", "recap up to ep 6", episodes=(6,))
    text = to_plain(reply.content)
    assert "Episode 6:" in text
    assert "Episode 7:" not in text
    assert all(s.spoiler_from is None or s.spoiler_from <= 6 for s in reply.content)
    _both_sides(reply, "Episode 6:", 6)


def test_recap_so_far_uses_the_asker_s_progress() -> None:
    reply = _ask("plot.recap", "what happened so far", watched=3)
    assert "Episode 4:" not in to_plain(reply.content)
    assert _BARS.search(_shown(reply, 3)) is None  # all seen: nothing to bar


def test_a_recap_of_the_whole_season_bars_each_line_until_its_episode() -> None:
    reply = _ask("plot.recap", "recap the whole season for me")
    plain = to_plain(reply.content)
    assert plain.startswith("Episode 1:")
    assert "Episode 13:" in plain
    assert "Playland" not in _outside_bars(reply, 0)  # nothing watched: the finale stays barred


def test_a_character_s_storyline_follows_them_in_story_order() -> None:
    reply = _ask("plot.recap", "give me hogarths storyline", "jeri-hogarth")
    lines = to_plain(reply.content).split("\n")
    assert 3 <= len(lines) <= 6
    assert any("ALS" in line for line in lines)
    episodes = [int(line.rsplit("(episode ", 1)[1].split(")")[0]) for line in lines]
    assert episodes == sorted(episodes)


# -- what the sources do not say -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "question", "characters"),
    [
        ("plot.name", "what is the mongoose's name", ()),
        ("plot.name", "what's the name of cheng's company", ("pryce-cheng",)),
        ("plot.what_did", "what is the name of hogarth's new law firm", ("jeri-hogarth",)),
        ("plot.who_did", "what does igh stand for", ()),
        ("plot.who_did", "who does oscar kill", ("oscar-arocho",)),
        ("plot.why", "why did malus decide to kill himself", ("karl-malus",)),
        ("plot.why", "why does griffin propose to trish", ("griffin-sinclair", "trish-walker")),
        ("plot.where", "where does hogarth get diagnosed", ("jeri-hogarth",)),
        ("plot.diagnosis", "what is malcolm diagnosed with", ("malcolm-ducasse",)),
        ("plot.recap", "what happened so far", ()),
        ("plot.alias", "the woman living with malus, who does she say she is", ("karl-malus",)),
        ("plot.fate", "what happens to him", ()),
    ],
)
def test_unanswerable_details_get_no_nearby_event(
    kind: str, question: str, characters: tuple[str, ...]
) -> None:
    _no_answer(kind, question, *characters)


# -- the card helpers ------------------------------------------------------------------------------


def test_character_fields_hold_relations_and_a_barred_fate() -> None:
    alisa = _kb().character("alisa-jones")
    assert alisa is not None
    fields = {f.name: f.value for f in _story().character_story_fields(alisa)}
    assert set(fields) == {"Relations", "Fate"}
    assert "Mother of Jessica Jones" in to_plain(fields["Relations"])
    assert all(
        s.spoiler_from and s.spoiler_from >= 6 for s in fields["Relations"] if s.text.strip()
    )
    assert {s.spoiler_from for s in fields["Fate"]} == {13}


def test_episode_lines_list_its_events_each_behind_its_reveal() -> None:
    lines = _story().episode_event_lines(5, limit=30)
    text = to_plain(lines)
    assert text.startswith("• ")
    assert "aquarium" in text
    assert {s.spoiler_from for s in lines if s.text.strip() not in ("", "•")} == {5, 6}


# -- every event, every progress level -------------------------------------------------------------


def _question_for(event: Event) -> tuple[str, tuple[str, ...]]:
    kb = _kb()
    names = [kb.character(c) for c in event.characters]
    words = " ".join(c.name.split()[0].lower() for c in names if c is not None)
    verb = event.did.replace("-", " ")
    return f"who did {verb} {words}", event.characters


@settings(max_examples=150, deadline=None)
@given(
    index=st.integers(min_value=0, max_value=10_000),
    kind=st.sampled_from(
        ["plot.who_did", "plot.what_did", "plot.episode", "plot.where", "plot.why", "plot.fate"]
    ),
    watched=st.integers(min_value=0, max_value=13),
    mode=st.sampled_from([SpoilerMode.TAGGED, SpoilerMode.BLOCKED]),
)
def test_no_event_text_shows_outside_bars_before_its_reveal(
    index: int, kind: str, watched: int, mode: SpoilerMode
) -> None:
    kb = _kb()
    event = kb.events[index % len(kb.events)]
    question, characters = _question_for(event)
    reply = _answer(_story(), kind, StoryQuery.ask(question, characters, (), watched))
    if reply is None:
        return
    visible = _outside_bars(reply, watched, mode)
    for shown in kb.events:
        if shown.spoiler_from > watched:
            assert shown.text not in visible, (question, shown.id)
    for fate in kb.fates:
        if fate.spoiler_from > watched:
            assert fate.text not in visible


def test_the_same_code_answers_another_season() -> None:
    story = Story(load_knowledge(FIXTURES / "knowledge" / "harbor-lights-s1"))
    reply = _answer(story, "plot.who_did", StoryQuery.ask("who rescues mara", ["mara-quinn"]))
    assert reply is not None
    assert (
        to_plain(reply.content) == "Tom Quinn: The keeper pulls Mara out of the harbor (episode 2)."
    )
    relation = _answer(
        story, "plot.relation", StoryQuery.ask("who is mara's father", ["mara-quinn"])
    )
    assert relation is not None
    assert "Tom Quinn is Mara Quinn's father (revealed in episode 2)." in to_plain(relation.content)
    assert {s.spoiler_from for s in relation.content if s.text.strip()} == {2}
    fate = _answer(story, "plot.fate", StoryQuery.ask("what happens to tom", ["tom-quinn"]))
    assert fate is not None
    assert "leaves town" in to_plain(fate.content)
    assert _answer(story, "plot.who_did", StoryQuery.ask("who sinks the ferry", [])) is None


def test_a_phrasal_verb_split_by_its_object_is_read() -> None:
    reply = _ask("plot.who_did", "who bailed trish walker out of jail", "trish-walker")
    assert "Dorothy" in to_plain(reply.content)


def test_a_relative_stands_in_only_right_after_the_name() -> None:
    story = _story()
    own = story._with_relatives(StoryQuery.ask("who kidnapped oscars kid", ["oscar-arocho"]))
    assert own.characters == ("vido-arocho",)
    both = story._with_relatives(
        StoryQuery.ask("what did jessica and her mom do", ["jessica-jones"])
    )
    assert both.characters == ("jessica-jones",)
    # "working" after the name is what he does, not "his work partner"
    working = story._with_relatives(
        StoryQuery.ask("who is malcolm working for by the end", ["malcolm-ducasse"])
    )
    assert working.characters == ("malcolm-ducasse",)


def test_a_death_does_not_answer_who_did_the_killing() -> None:
    # the sources find the real doctor's head but never say who killed her
    _no_answer("plot.who_did", "who murdered the real leslie hansen", "leslie-hansen")


def test_the_end_of_someone_the_finale_does_not_show_is_not_answered_by_earlier_events() -> None:
    _no_answer("plot.fate", "where is dorothy by the end", "dorothy-walker")


def test_what_someone_does_after_a_told_event_follows_it_in_story_order() -> None:
    reply = _ask(
        "plot.what_did", "what does trish do after malus dies", "trish-walker", "karl-malus"
    )
    lead = _lead(reply)
    assert "furious" in lead
    assert "(episode 12)" in lead
    _both_sides(reply, "furious", 12)


def test_before_a_told_event_looks_back() -> None:
    reply = _ask(
        "plot.what_did",
        "what does jessica do before she kills holiday",
        "jessica-jones",
        "dale-holiday",
    )
    assert "looks into Holiday" in to_plain(reply.content)


def test_an_episode_s_brief_leads_with_its_turning_points_each_behind_its_reveal() -> None:
    story = _story()
    brief = story.episode_brief(10)
    assert "Jessica kills Holiday" in to_plain(brief)
    assert all(s.spoiler_from == 10 for s in brief if s.text.strip())
    # a retelling that a later reveal makes is not how the episode shows it
    assert "Alisa" not in to_plain(story.episode_brief(5))


def test_a_rare_verb_describes_its_doer_when_no_one_is_named() -> None:
    # one event heals: "the man who heals" is its doer, not the one healed; who he is comes out
    # in the episode of that event, so naming him is barred until then
    assert _story().described(StoryQuery.ask("the man who heals the sick")) == {"shane-ryback": 8}


def test_the_one_who_died_is_the_one_killed() -> None:
    # "the cop that died": the one an event of killing is done to, not its doer
    query = StoryQuery.ask("the cop who died in episode 12", episodes=(12,))
    assert _story().described(query) == {"ruth-sunday": 12}


def test_someone_the_event_only_names_counts_as_involved() -> None:
    # the basement is in Hansen's building: naming her does not rule the event out
    reply = _ask(
        "plot.what_did",
        "what do jessica and trish find under hansens place, in the basement",
        "jessica-jones",
        "trish-walker",
        "leslie-hansen",
    )
    assert "head" in _lead(reply)


def test_someone_described_without_a_verb_is_found_through_the_events_they_are_in() -> None:
    # the matcher found the question most like ones about the speedster's pet (and a little
    # like another event): the one described is the doer the close events share
    query = StoryQuery.ask(
        "the guy with the pet mongoose",
        likely=[("coleman-keeps-mongoose", 0.7), ("malcolm-works-with-jessica", 0.3)],
    )
    assert _story().described(query) == {"robert-coleman": 1}
    vague = StoryQuery.ask("the guy", likely=[("coleman-keeps-mongoose", 0.9)])
    assert _story().described(vague) == {}


def test_where_someone_goes_after_a_told_event_is_the_next_place_the_story_gives() -> None:
    reply = _ask(
        "plot.where", "where does alisa go after she blames trish", "alisa-jones", "trish-walker"
    )
    assert "studio" in _lead(reply)
    # nothing the story tells after it has a place: no place from before it either
    _no_answer(
        "plot.where",
        "where does jessica go after trish kills alisa",
        "jessica-jones",
        "trish-walker",
        "alisa-jones",
    )


def test_the_episode_told_is_voted_by_the_likeliest_events() -> None:
    story = _story()
    by_id = {e.id: e for e in _kb().events}
    fifth = [e.id for e in _kb().events if e.episode == 5][:3]
    clear = StoryQuery.ask("the aquarium bit", likely=[(i, 0.5) for i in fifth])
    assert story.episode_of(clear) == 5
    other = next(e.id for e in _kb().events if e.episode == 7)
    split = StoryQuery.ask(
        "the aquarium bit", likely=[(fifth[0], 0.6), (other, 0.6), (fifth[1], 0.1)]
    )
    assert story.episode_of(split) is None  # no episode clearly ahead
    assert by_id[fifth[0]].episode == 5


def test_who_did_asks_about_the_act_not_the_event_that_only_places_it() -> None:
    query = StoryQuery.ask("who saved inez after alisa attacked her", ("inez-green", "alisa-jones"))
    asked = _story()._without_told(query)
    assert asked.text == "who saved inez"
    assert asked.characters == ("inez-green",)
    # with nothing asked outside it, the told event is the question
    whole = StoryQuery.ask("what happens after alisa escapes", ("alisa-jones",))
    assert _story()._without_told(whole) == whole


def test_whether_something_happened_between_two_people_is_told_by_their_events() -> None:
    reply = _ask("plot.fate", "does ryback manage to heal hogarth", "shane-ryback", "jeri-hogarth")
    assert "heal" in _lead(reply)  # not Ryback's own fate


def test_one_event_far_likelier_than_any_other_episode_s_tells_the_episode() -> None:
    by_episode = {e.episode: e.id for e in _kb().events}
    query = StoryQuery.ask(
        "the bit where she learns she is ill",
        likely=[(by_episode[3], 0.9), (by_episode[12], 0.5), (by_episode[9], 0.5)],
    )
    assert _story().episode_of(query) == 3


def test_a_yes_or_no_question_is_told_only_by_an_event_with_the_verb_asked() -> None:
    # nothing says she goes to jail; the shooting it names only places the question
    _no_answer(
        "plot.fate", "does inez go to jail for shooting ryback", "inez-green", "shane-ryback"
    )
    _no_answer("plot.fate", "does griffin ever find out about the drug", "griffin-sinclair")
    # what the story does tell is still told
    killed = _ask("plot.fate", "does trish kill alisa", "trish-walker", "alisa-jones")
    assert "kills Alisa" in _lead(killed)
    assert "survives" in _lead(_ask("plot.fate", "does hogarth die from the als", "jeri-hogarth"))


def test_the_verbs_a_question_asks_with_are_not_those_of_what_it_only_tells() -> None:
    story = _story()
    assert story._own_verbs("does she go to jail for shooting him") == {"imprison"} | (
        story._own_verbs("does she go to jail")
    )
    assert "shoot" not in story._own_verbs("does she go to jail for shooting him")


def test_a_question_also_asking_why_gets_the_reason_the_sources_give() -> None:
    reply = _ask("plot.who_did", "who killed stirling adams and why", "stirling-adams")
    assert "Why: he seemed to be exploiting Jessica." in _lead(reply)
    # asked only who, the reason is left out
    assert "Why:" not in to_plain(
        _ask("plot.who_did", "who killed stirling adams", "stirling-adams").content
    )


def test_what_happens_to_someone_at_a_moment_is_that_moment_not_their_fate() -> None:
    moment = _ask("plot.fate", "what happens to malcolm outside the bar", "malcolm-ducasse")
    assert "attack Malcolm outside the gay bar" in _lead(moment)
    # asked only what becomes of him, his fate answers
    fate = _ask("plot.fate", "what happens to malcolm in the end", "malcolm-ducasse")
    assert "ends the season" in _lead(fate)
    # what else it asks that neither his fate nor his story tells gets no answer
    _no_answer("plot.fate", "what happens to malcolm's goldfish", "malcolm-ducasse")


def test_someone_s_relative_is_theirs_not_whose_relative_they_are() -> None:
    # nobody is her kid; that she is her mother's daughter is no answer
    _no_answer("plot.relation", "who is trish's kid", "trish-walker")
    assert "daughter" in _lead(_ask("plot.relation", "trish is whose daughter", "trish-walker"))


def test_how_or_why_without_a_given_manner_or_reason_is_told_by_what_leads_up_to_it() -> None:
    # the sources give a reason for the quitting: it is told with it
    why = _ask("plot.why", "why does trish quit the radio show", "trish-walker")
    assert "superficiality" in _lead(why)
    assert "quits" in _lead(why)
    # the parting's reason is the telling-off just before it (one sentence in the sources)
    both = ("jessica-jones", "malcolm-ducasse")
    assert "not trust her" in _lead(_ask("plot.why", "why do jess and malcolm stop working", *both))


def test_the_end_of_an_episode_is_its_last_beats() -> None:
    reply = _ask(
        "plot.fate", "what happens to jess at the end of ep 8", "jessica-jones", episodes=(8,)
    )
    assert "fires into Jessica's apartment" in _lead(reply)
    opening = _ask(
        "plot.fate", "what happens to jess at the start of ep 8", "jessica-jones", episodes=(8,)
    )
    assert "fires into" not in _lead(opening)


def test_a_clause_saying_when_is_not_what_is_asked() -> None:
    story = _story()
    verbs = story._verbs_in("who gets her out of there when they both get arrested")
    assert "arrest" not in {verb for verb, _ in verbs}
    assert story._verbs_in("when does she get arrested")  # a question opening with "when"


def test_what_someone_had_is_told_by_the_condition_cured_or_suffered() -> None:
    # no diagnosis is told of him: the defect he was cured of is what was wrong with him
    reply = _ask("plot.diagnosis", "what was wrong with eric as a kid", "eric-ambrose")
    assert "genetic defect" in _shown(reply, 13)
    # a diagnosis still comes first, and a cure with no condition named is none
    shown = _shown(_ask("plot.diagnosis", "whats jeri diagnosed with", "jeri-hogarth"), 13)
    assert "ALS" in shown
    assert "heal" not in shown


def test_why_they_cannot_is_told_by_what_stops_them() -> None:
    # the event the question is most like tells no reason of its own: it is the reason
    query = StoryQuery.ask(
        "why cant they get into canada",
        ["jessica-jones", "alisa-jones"],
        likely=[("police-roadblocks-stop-them", 0.9)],
    )
    reply = _answer(_story(), "plot.why", query)
    assert reply is not None
    assert "roadblocks" in _shown(reply, 13)
    plain = replace(query, text="why do they get into canada")
    assert _answer(_story(), "plot.why", plain) is None


def test_on_a_cue_the_event_the_question_is_most_like_may_answer_with_another_verb() -> None:
    # "get ... out" reads as releasing someone; the question is a way of asking about the
    # files being fetched
    query = StoryQuery.ask(
        "how does jess get the igh files out of the hospital",
        ["jessica-jones"],
        cue=0,
        likely=[("tatum-delivers-igh-files", 0.84), ("jessica-frees-cheng", 0.3)],
    )
    reply = _answer(_story(), "plot.why", query)
    assert reply is not None
    assert "Tatum" in _shown(reply, 13)


def test_what_happens_to_someone_after_an_event_the_story_ends_them_with_is_untold() -> None:
    # the story says nothing of him after she turns him down: not his earlier events
    _no_answer(
        "plot.fate",
        "what happened to griffin after trish turned him down",
        "griffin-sinclair",
        "trish-walker",
    )


def test_the_end_of_an_episode_for_someone_named_is_their_last_beats() -> None:
    """The episode's last beats are others' (Trish's, Malcolm's): hers are where it ends for her."""
    story = _story()
    query = StoryQuery.ask("what happens to jessica at the end of ep 4", ("jessica-jones",), (4,))
    assert "jessica-arrested-for-murder" in story._moment(query)
    everyone = StoryQuery.ask("what happens at the end of ep 4", (), (4,))
    assert "jessica-arrested-for-murder" not in story._moment(everyone)


def test_how_asks_the_manner_and_how_come_the_reason() -> None:
    """An event with both: "how did she break out" is told how, "how come" is told why."""
    how = _lead(_ask("plot.why", "how did alisa break out of igh", "alisa-jones", episodes=(7,)))
    assert "How: by killing a nurse" in how
    why = _lead(_ask("plot.why", "how come alisa broke out of igh", "alisa-jones", episodes=(7,)))
    assert "Why:" in why


def test_off_alone_is_no_killing() -> None:
    """ "taken off netflix", "snuck them off to the lab": a particle, not the slang "offed"."""
    story = _story()
    assert "kill" not in story.verbs_asked("when was it taken off netflix")
    assert "kill" in story.verbs_asked("who finished him off")


def test_what_is_done_for_an_asked_verb_s_sake_is_among_its_answers() -> None:
    # "get away" is not what smashing the tank is, but what it is done for
    query = StoryQuery.ask("what does alisa do at the aquarium to get away", ("alisa-jones",), ())
    found = [s.event.id for s in _story()._best(query, need_verb=True, limit=8)]
    assert "alisa-smashes-aquarium-tank" in found


def test_what_someone_does_when_something_happens_is_told_from_that_moment() -> None:
    reply = _ask(
        "plot.what_did",
        "what does alisa do when she learns malus has died",
        "alisa-jones",
        "karl-malus",
    )
    assert "new guard" in _lead(reply)
    _both_sides(reply, "new guard", 11)


def test_an_episode_s_brief_skips_what_happened_before_the_season() -> None:
    brief = to_plain(_story().episode_brief(1))
    assert "Coleman" in brief
    assert "season 1 finale" not in brief


def test_naming_the_season_asks_nothing_more_of_a_fate() -> None:
    reply = _ask("plot.fate", "what happens to malus in the second season", "karl-malus")
    assert "Malus" in _lead(reply)


def test_a_verb_and_its_particle_apart_are_one_verb() -> None:
    # "lets <her> go": the object between the verb and its particle
    reply = _ask("plot.who_did", "who lets jess go after her arrest", "jessica-jones")
    assert "Costa" in to_plain(reply.content)


def test_paying_someone_s_bills_is_funding_them() -> None:
    reply = _ask("plot.who_did", "who's been paying malus' bills all these years", "karl-malus")
    assert "Ambrose" in to_plain(reply.content)


def test_the_name_of_something_of_someone_is_not_their_name() -> None:
    _no_answer("plot.name", "what's the name of jessica's detective agency", "jessica-jones")
    _no_answer("plot.name", "whats the name of the detective agency", "eddy-costa")


@pytest.mark.parametrize(
    ("question", "undergoes"),
    [
        ("who kills the prison guard dale holiday", True),
        ("who did dale holiday kill", False),
        ("how did holiday get killed", True),
        ("i dont get why holiday killed them", False),
    ],
)
def test_whether_the_one_named_does_it_or_has_it_done(question: str, undergoes: bool) -> None:
    assert _story().undergoes(question, "dale-holiday") is undergoes


def test_a_reason_the_sources_give_by_sequence_is_told() -> None:
    # "learns of a shared interest in octopuses ... and visits the aquarium"
    reply = _ask("plot.why", "why would jessica visit an aquarium", "jessica-jones")
    assert "octopus" in to_plain(reply.content)
    _both_sides(reply, "octopus", 5)


def test_who_is_behind_what_the_named_one_did() -> None:
    # the reason the sources give names the one behind it ("at Hogarth's request")
    reply = _ask(
        "plot.who_did", "who put cheng up to recruiting jessica", "pryce-cheng", "jessica-jones"
    )
    assert _lead(reply).startswith("Jeri Hogarth: ")


def test_the_event_a_question_only_tells_to_place_what_it_asks_answers_nothing() -> None:
    """ "after <she> turns him down" is the question's premise: it is no answer to who acts or
    what happens next, and a question asking what follows is answered only by what follows."""
    story = _story()
    query = StoryQuery.ask(
        "what happened to griffin after trish turned him down",
        ("griffin-sinclair", "trish-walker"),
    )
    for kind in ("plot.who_did", "plot.episode", "plot.what_did", "plot.fate"):
        assert _answer(story, kind, query) is None, kind
    # what does follow is still told
    reply = _ask(
        "plot.what_did",
        "what does jess do after she kills holiday",
        "jessica-jones",
        "dale-holiday",
    )
    assert "suicide" in _lead(reply)


def test_what_follows_an_event_told_of_the_one_asked_about_by_a_pronoun() -> None:
    """ "after she gets arrested": she is the one asked about, so her arrest is what it follows."""
    reply = _ask("plot.fate", "what happens to alisa after she gets arrested", "alisa-jones")
    assert "plea deal" in _lead(reply)
    # a moment "when she ..." is not read so: what she did then is asked, not what followed
    query = StoryQuery.ask("what did alisa do back when she broke out of igh", ("alisa-jones",))
    assert _story()._told_event(query, at_the_moment=True) is None


def test_the_name_of_a_thing_asked_before_anyone_is_named_is_not_theirs() -> None:
    """ "the igh drug <she> uses": the drug's name is asked, which is not hers."""
    _no_answer("plot.name", "does the igh drug trish uses have an actual name", "trish-walker")


def test_what_happens_to_a_thing_of_someones_is_not_their_fate() -> None:
    """ "<his> mongoose": the story tells nothing of it, and his own end is no answer."""
    _no_answer("plot.fate", "what happened to whizzers mongoose after he died", "robert-coleman")
    # what is said of them ("<her> body", "<she> physically") is still theirs
    _ask("plot.fate", "what happens to trish physically in the end", "trish-walker")


def test_how_long_someone_was_somewhere_is_told_by_their_beat_with_a_length_of_time() -> None:
    """Asked with "before ...", it is still the length asked, not what came before."""
    reply = _ask(
        "plot.what_did",
        "how long was young jess at igh before they sent her back to the hospital",
        "jessica-jones",
    )
    assert "20 days" in _lead(reply)


def test_what_someone_ends_up_doing_at_the_seasons_end_is_how_they_end_up() -> None:
    reply = _ask(
        "plot.what_did",
        "what does malcolm end up doing at the end of the season",
        "malcolm-ducasse",
    )
    assert "Hogarth" in _lead(reply)


def test_a_verb_form_with_an_object_slot_reads_the_object_in_between() -> None:
    story = _story()
    assert "stage" in story.verbs_asked("what does jess make holidays death look like")
    assert "stage" in story.verbs_asked("she made it look like an accident")
    assert "stage" not in story.verbs_asked("make the four of them look like fools")
    reply = _ask("plot.what_did", "what does jess make holiday's death look like", "jessica-jones")
    assert "suicide" in _lead(reply)
    assert "escape" in story.verbs_asked("how did alisa get out of igh back in the day")


def test_a_particle_may_follow_an_object_of_four_words() -> None:
    story = _story()
    assert "transfer" in story.verbs_asked("who snuck jessica and her mom off to igh")
    assert "evict" in story.verbs_asked("why did the super want jessica out")
    assert "attack" in story.verbs_asked("where did he get jumped")
    assert "torment" in story.verbs_asked("the guard who was torturing her")
    # a longer form holds the particle's verb: thrown out of a window is no eviction
    assert story.verbs_asked("who threw her out the window") & {"kill"}
    assert "evict" not in story.verbs_asked("who threw her out the window")
    assert "kill" in story.verbs_asked("who let the cop fall")


def test_two_people_with_no_tie_given_are_connected_by_what_they_first_do_together() -> None:
    reply = _ask(
        "plot.relation",
        "how is leslie hansen connected to jessica",
        "leslie-hansen",
        "jessica-jones",
    )
    assert "moves Alisa and Jessica" in _lead(reply)
    # without a word asking how they are tied, nothing is told
    _no_answer("plot.relation", "leslie hansen and alisa", "leslie-hansen", "alisa-jones")


def test_who_did_finds_an_event_that_only_names_the_one_asked_about() -> None:
    """ "the blame for <her> death": she is named in the event's words, not among its parties."""
    query = StoryQuery.ask("who takes the blame for alisa's death", ("alisa-jones",), cue=0)
    reply = _answer(_story(), "plot.who_did", query)
    assert reply is not None
    assert "Jessica takes the blame" in _lead(reply)


def test_the_verb_a_cue_asks_about_is_the_first_after_it() -> None:
    """The later verbs only describe the one it is done to ("the guy <he> sent to steal ...")."""
    story = _story()
    query = StoryQuery.ask(
        "who ripped apart the guy cheng sent to steal jessicas research",
        ("pryce-cheng",),
        cue=0,
    )
    found = [s.event.did for s in story._best(query, need_verb=True, limit=3)]
    assert found
    assert not {"send", "steal"} & set(found)


def test_the_one_described_as_doing_something_is_the_doer() -> None:
    """ "the detective who believes <her> and lets her go": "believes" is no verb the story
    knows, so "her" stands before "lets"; the one described still does it."""
    story = _story()
    query = StoryQuery.ask(
        "whats the name of the detective who believes jess and lets her go", ("jessica-jones",)
    )
    assert set(story.described(query)) == {"eddy-costa"}


@pytest.mark.parametrize(
    ("question", "character", "expected"),
    [
        ("what's kilgrave's nickname", "kilgrave", "also called The Purple Man"),
        ("what does coleman call himself", "robert-coleman", "also called Whizzer"),
    ],
)
def test_another_name_asked_is_one_the_description_calls_them(
    question: str, character: str, expected: str
) -> None:
    for kind in ("plot.alias", "plot.name"):
        assert expected in _lead(_ask(kind, question, character))


def test_a_spelling_kept_as_an_alias_is_no_other_name() -> None:
    """ "Killgrave" is an alias for finding him, never said of him as a name."""
    reply = _ask("plot.alias", "kilgrave's other name?", "kilgrave")
    assert "Killgrave" not in _lead(reply)


def test_a_name_asked_as_what_someone_finds_is_told_by_the_finding() -> None:
    reply = _ask("plot.what_did", "what name does jess find in the igh building", "jessica-jones")
    assert "Leslie Hansen" in _lead(reply)
    # asked of someone's own name, what they did is no answer
    _no_answer("plot.what_did", "what is jessica's name", "jessica-jones")


def test_the_first_episode_someone_is_shown_in_is_their_first_beat_not_a_recalled_one() -> None:
    """Killed before the season, he is only recalled in episode 1; he is first seen in 11."""
    reply = _ask("plot.episode", "when does kilgrave first show up", "kilgrave")
    assert _lead(reply).startswith("Episode 11")
    reply = _ask("plot.episode", "what episode does oscar show up in first", "oscar-arocho")
    assert _lead(reply).startswith("Episode 3")


def test_who_dies_in_an_episode_naming_no_one_is_told_by_its_deaths() -> None:
    reply = _ask("plot.who_did", "who dies in episode 12", episodes=(12,))
    assert "Sunday" in _lead(reply)


def test_who_did_an_act_told_without_its_doer_is_told_by_its_reveal() -> None:
    """Someone fires into her flat in episode 8; who it was is revealed in 9, behind its bar."""
    reply = _ask("plot.who_did", "who shot jessica through the window", "jessica-jones")
    _both_sides(reply, "Cheng", revealed_by=9)


def test_a_granted_condition_is_no_premise_of_how() -> None:
    """ "if he died" only grants what the asker knows; how he comes back is asked."""
    reply = _ask("plot.why", "how does kilgrave come back if he died", "kilgrave")
    assert "hallucination" in _lead(reply)
    assert "Holiday" not in to_plain(reply.content)


def test_where_someone_was_when_something_happened_is_where_it_happened() -> None:
    reply = _ask(
        "plot.where",
        "where was ryback when hogarth first went to see him",
        "shane-ryback",
        "jeri-hogarth",
    )
    assert "prison" in _lead(reply).lower()


def test_what_someone_has_in_an_episode_is_what_they_suffer_there() -> None:
    reply = _ask(
        "plot.diagnosis", "whats wrong with trish in ep 12", "trish-walker", episodes=(12,)
    )
    assert "convulsions" in _lead(reply)


def test_what_someone_did_with_another_is_their_own_act_though_one_done_to_them_is_likelier() -> (
    None
):
    reply = _ask(
        "plot.what_did",
        "what did jess do with holidays body",
        "jessica-jones",
        "dale-holiday",
    )
    assert "suicide" in to_plain(reply.content)
    assert all(line.startswith("Jessica") for line in to_plain(reply.content).split("\n"))


def test_what_someone_else_did_to_the_named_one_is_not_what_they_did() -> None:
    _no_answer(
        "plot.what_did",
        "what did the cops charge trish with in ep 4",
        "trish-walker",
        episodes=(4,),
    )


def test_a_storyline_is_no_answer_to_what_follows_a_told_event() -> None:
    _no_answer(
        "plot.recap",
        "does griffin come back after trish turns him down",
        "griffin-sinclair",
        "trish-walker",
    )


def test_a_name_after_a_name_is_not_a_relative_of_the_first() -> None:
    """ "sunday, costa's partner": she is his partner, not the one asked about."""
    reply = _ask("plot.who_did", "who killed ruth sunday costas partner", "ruth-sunday")
    assert "Alisa" in _lead(reply)


def test_whether_the_law_caught_someone_is_told_only_by_an_event_of_it() -> None:
    _no_answer("plot.fate", "does inez go to jail", "inez-green")
    reply = _ask("plot.fate", "does alisa get arrested", "alisa-jones")
    assert "custody" in to_plain(reply.content)


def test_the_episode_of_a_place_is_where_the_story_mostly_is_there() -> None:
    """Five beats at the aquarium in episode 5, two outside it in 6."""
    assert _story().episode_by_place("the aquarium") == 5


@pytest.mark.parametrize(
    ("kind", "question", "characters", "expected"),
    [
        # a short verb typed one letter short is still the verb
        ("plot.why", "why did alisa kil stirling", ("alisa-jones", "stirling-adams"), "exploit"),
        # "push <her> out": the object between the verb's words
        ("plot.why", "why do her partners push jeri out", ("jeri-hogarth",), "ALS"),
        # "run to" a place is travelling there
        (
            "plot.where",
            "where do jessica and alisa run to",
            ("jessica-jones", "alisa-jones"),
            "border",
        ),
    ],
)
def test_verb_phrases_fans_use(
    kind: str, question: str, characters: tuple[str, ...], expected: str
) -> None:
    assert expected in to_plain(_ask(kind, question, *characters).content)


def test_an_episode_asked_with_no_verb_is_found_by_the_words_it_shares() -> None:
    query = StoryQuery.ask("which episode has the charred head in the basement", (), (), None)
    reply = _answer(_story(), "plot.episode", replace(query, cue=0))
    assert reply is not None
    assert "Sole Survivor" in to_plain(reply.content)


def test_an_episode_asked_with_no_verb_and_nothing_else_finds_nothing() -> None:
    query = StoryQuery.ask("which episode was that thing with the guy", (), (), None)
    assert _answer(_story(), "plot.episode", replace(query, cue=0)) is None


@pytest.mark.parametrize(
    ("question", "verb_at", "passive"),
    [
        ("who was killed by alisa", 2, True),
        ("the guy who heals people by touching them", 3, False),  # "by" + a doing: a manner
        ("who is he stabbed by", 3, True),
    ],
)
def test_by_names_a_doer_unless_a_doing_follows(question: str, verb_at: int, passive: bool) -> None:
    assert Story._passive(question.split(), verb_at) is passive


@pytest.mark.parametrize(
    "question",
    [
        "when do we find out alisa is jessica's mother",
        "which ep does alisa say she is jessica's mom",
    ],
)
def test_the_episode_that_reveals_a_secret_tie(question: str) -> None:
    reply = _ask("plot.episode", question, "alisa-jones", "jessica-jones")
    assert to_plain(reply.content).startswith('Episode 6 ("AKA Facetime")')
    _both_sides(reply, "mother", 6)


def test_the_flashback_episode_is_the_one_showing_most_flashbacks() -> None:
    reply = _ask(
        "plot.episode", "which ep is the flashback one about jessica's family", "jessica-jones"
    )
    assert "I Want Your Cray Cray" in to_plain(reply.content)


def test_an_episode_named_with_flashbacks_asks_what_happens_in_it() -> None:
    story = _story()
    query = StoryQuery.ask("ep 7 flashbacks, what do we learn", (), (7,), None)
    assert story._flashback_episode(query) is None


def test_the_first_time_asked_leads_with_the_earliest_episode() -> None:
    reply = _ask("plot.episode", "which ep does trish first try the igh drug", "trish-walker")
    assert to_plain(reply.content).startswith("Episode 4")


def test_no_longer_working_for_someone_is_parting_ways() -> None:
    reply = _ask(
        "plot.why", "why did malcolm stop working for jessica", "malcolm-ducasse", "jessica-jones"
    )
    assert "trust" in to_plain(reply.content)
