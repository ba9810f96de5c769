"""Replies lead with what was asked, stay short, and keep every spoiler barred.

The builders are used directly, on the shipped season and on the tiny made-up fixture season, and
their replies are rendered the way a fan sees them.
"""

from __future__ import annotations

import re
import statistics
from typing import Any

import pytest

from bot.core.answering.builders import FACT_BUDGET, Answers, best_first, sentences
from bot.core.answering.reply import Card, Reply
from bot.core.knowledge.loader import load_knowledge
from bot.core.knowledge.model import KnowledgeBase
from bot.core.knowledge.richtext import (
    RichText,
    Segment,
    SpoilerMode,
    SpoilerPolicy,
    plain,
    to_plain,
)
from bot.core.rendering.render import render_message
from tests.conftest import FIXTURES, KNOWLEDGE_ROOT

LEAD_CHARS = 300  # what a fan reads first: content, first embed title and description
OPEN = SpoilerPolicy(SpoilerMode.OPEN, 99)
TAGGED_NONE = SpoilerPolicy(SpoilerMode.TAGGED, 0)
BLOCKED_NONE = SpoilerPolicy(SpoilerMode.BLOCKED, 0)
CREDIT_ASPECTS = ("director", "writer", "credits", "title", "release", "cover")


@pytest.fixture(scope="module")
def shipped() -> KnowledgeBase:
    return load_knowledge(KNOWLEDGE_ROOT / "jessica-jones-s2")


@pytest.fixture(scope="module")
def mini() -> KnowledgeBase:
    return load_knowledge(FIXTURES / "knowledge" / "harbor-lights-s1")


def _shown(text: str) -> str:
    """Markdown escapes shown as the bare character, as Discord displays them."""
    return re.sub(r"\\([^\w\s])", r"\1", text)


def _lead(message: dict[str, Any]) -> str:
    parts = [message.get("content") or ""]
    if message["embeds"]:
        first = message["embeds"][0]
        parts += [first.get("title") or "", first.get("description") or ""]
    return _shown("\n".join(p for p in parts if p))[:LEAD_CHARS]


def _all_text(message: dict[str, Any]) -> str:
    parts = [message.get("content") or ""]
    for embed in message["embeds"]:
        parts += [embed.get("title") or "", embed.get("description") or ""]
        for field in embed.get("fields", []):
            parts += [field["name"], field["value"]]
        parts.append(embed.get("footer", {}).get("text", ""))
    return _shown("\n".join(p for p in parts if p))


def _outside_bars(text: str) -> str:
    return re.sub(r"\|\|.*?\|\|", " ", text, flags=re.S)


def _description(reply: Reply) -> str:
    return to_plain(reply.cards[0].description)


def _render(reply: Reply | None, policy: SpoilerPolicy = OPEN) -> dict[str, Any]:
    assert reply is not None
    return render_message(reply, policy)


# -- sentences and ranking ---------------------------------------------------------------------


def test_plain_text_is_cut_into_sentences_but_not_at_titles_or_initials() -> None:
    text = plain("Dr. Smith met J. R. Doe. They talked for hours! Did it help? It did.")
    assert [to_plain(s) for s in sentences(text)] == [
        "Dr. Smith met J. R. Doe.",
        "They talked for hours!",
        "Did it help?",
        "It did.",
    ]


def test_a_spoiler_segment_is_cut_into_sentences_that_keep_its_episode() -> None:
    # a long reveal is no one block that never fits a short reply: its asked sentence can lead
    twist = Segment("She is his mother. She lied for years.", 6)
    text = (Segment("A stranger arrives. Nobody knows her."), Segment(" "), twist)
    units = sentences(text)
    assert [to_plain(u) for u in units] == [
        "A stranger arrives.",
        "Nobody knows her.",
        "She is his mother.",
        "She lied for years.",
    ]
    assert units[-2:] == [(Segment("She is his mother.", 6),), (Segment("She lied for years.", 6),)]


def test_what_a_user_typed_is_never_cut() -> None:
    typed = Segment("I said hi. Then bye.", user_text=True)
    assert sentences((typed,)) == [(typed,)]


def test_a_rare_word_shared_outweighs_an_everyday_one() -> None:
    units = [plain("The story ends in a park."), plain("He will not forgive her.")]
    assert to_plain(best_first(units, "does he forgive her at the end")[0]) == (
        "He will not forgive her."
    )


def test_a_how_long_question_is_led_by_a_stretch_of_time() -> None:
    units = [plain("She was taken to the lab."), plain("She was back within 20 days.")]
    assert to_plain(best_first(units, "how long was she at the lab")[0]) == (
        "She was back within 20 days."
    )


def test_a_sentence_running_across_segments_stays_one() -> None:
    text = (Segment("He is shot;", 8), Segment(" "), Segment("the shooter is a rival.", 9))
    units = sentences(text)
    assert len(units) == 1
    assert [s.spoiler_from for s in units[0] if s.text.strip()] == [8, 9]


def test_the_best_matching_sentence_leads_and_ties_go_to_the_first() -> None:
    units = [plain("The show is set in a town."), plain("It was filmed in Maine."), plain("Fin.")]
    assert to_plain(best_first(units, "where was it filmed")[0]) == "It was filmed in Maine."
    assert best_first(units, "something else entirely")[0] == units[0]
    assert best_first(units, None) == units


def test_filming_films_and_filmed_meet_as_one_word() -> None:
    units = [plain("The cast was announced."), plain("Filming began in May.")]
    assert to_plain(best_first(units, "when did they film")[0]) == "Filming began in May."


def test_a_budget_keeps_the_lead_whole_and_drops_what_does_not_fit() -> None:
    long_lead = plain("Maine " + "x" * 400 + ".")
    units = [plain("Short first."), long_lead, plain("Short last.")]
    picked = best_first(units, "maine", budget=100)
    assert picked == [long_lead]


# -- episodes ----------------------------------------------------------------------------------


def test_a_director_question_is_answered_in_the_first_sentence(shipped: KnowledgeBase) -> None:
    reply = Answers(shipped).episode(shipped.episode(3), "director")  # type: ignore[arg-type]
    assert _description(reply).startswith(
        'Episode 3, "AKA Sole Survivor", was directed by Mairzee Almas.'
    )


@pytest.mark.parametrize("intent", CREDIT_ASPECTS)
def test_credit_answers_are_small_cards_with_the_fact_up_front(
    shipped: KnowledgeBase, intent: str
) -> None:
    answers = Answers(shipped)
    for episode in shipped.episodes:
        reply = answers.episode(episode, intent)
        message = _render(reply)
        asked = {
            "director": episode.directors[0],
            "writer": episode.writers[0].name,
            "credits": episode.directors[0],
            "title": episode.title,
            "release": str(episode.release_date.year),
            "cover": episode.cover_artist or "cover",
        }[intent]
        assert asked in _lead(message), (intent, episode.number)
        assert len(_all_text(message)) <= 300, (intent, episode.number)
        # no synopsis for a credits question
        assert to_plain(episode.synopsis)[:40] not in _all_text(message)


def test_story_and_teleplay_credits_read_as_a_sentence(mini: KnowledgeBase) -> None:
    reply = Answers(mini).episode(mini.episode(2), "writer")  # type: ignore[arg-type]
    assert (
        _description(reply)
        == 'Episode 2, "Low Tide", has story by Dan Reyes and teleplay by Nia Vale.'
    )


def test_the_plot_beat_that_matches_the_question_comes_first(shipped: KnowledgeBase) -> None:
    episode = shipped.episode(3)
    assert episode is not None
    reply = Answers(shipped).episode(episode, "plot", question="whose head is in the basement?")
    message = _render(reply)
    assert "in the basement a charred human head" in _lead(message)
    assert _description(reply).startswith("Jessica and Trish find Hansen's apartment empty")
    beats = [s for s in reply.cards[0].description if s.text.strip()]
    assert 1 <= len(beats) <= 3
    assert all(beat in episode.synopsis for beat in beats)  # whole beats, never cut apart


def test_a_plot_question_about_the_whole_episode_gets_every_beat(shipped: KnowledgeBase) -> None:
    episode = shipped.episode(13)
    assert episode is not None
    answers = Answers(shipped)
    short = answers.episode(episode, "plot", question="what about the roadblocks in episode 13")
    for asked in ("full recap of episode 13", "what happens in episode 13", "ep 13 plot?"):
        whole = answers.episode(episode, "plot", question=asked)
        assert _description(whole) == to_plain(episode.synopsis), asked
    assert len(_description(short)) < len(to_plain(episode.synopsis))
    assert not short.cards[0].fields


@pytest.mark.parametrize("number", range(1, 14))
def test_plot_beats_stay_spoilers_for_someone_who_watched_nothing(
    shipped: KnowledgeBase, number: int
) -> None:
    episode = shipped.episode(number)
    assert episode is not None
    reply = Answers(shipped).episode(episode, "plot", question="who dies in it")
    beats = [s.text for s in reply.cards[0].description if s.text.strip()]
    tagged = _all_text(_render(reply, TAGGED_NONE))
    blocked = _all_text(_render(reply, BLOCKED_NONE))
    for beat in beats:
        words = beat.split()[:6]
        snippet = " ".join(words)
        assert snippet not in _outside_bars(tagged)
        assert snippet not in blocked


# -- characters and people ---------------------------------------------------------------------


def test_who_plays_leads_with_the_actor(shipped: KnowledgeBase) -> None:
    trish = shipped.character("trish-walker")
    assert trish is not None
    reply = Answers(shipped).character_actor(trish)
    assert _description(reply).startswith('Patricia "Trish" Walker is played by Rachael Taylor.')
    assert len(_all_text(_render(reply))) <= 300


def test_a_secret_identity_in_the_lead_stays_barred(mini: KnowledgeBase) -> None:
    keeper = mini.character("tom-quinn")
    assert keeper is not None
    reply = Answers(mini).character_actor(keeper)
    opened = _lead(_render(reply))
    assert opened.startswith("The keeper\nThe keeper (Tom Quinn) is played by Ben Stone.")
    tagged = _all_text(_render(reply, TAGGED_NONE))
    assert "Tom Quinn" in tagged
    assert "Tom Quinn" not in _outside_bars(tagged)
    assert "Ben Stone" in _outside_bars(tagged)
    assert "Tom Quinn" not in _all_text(_render(reply, BLOCKED_NONE))


def test_who_is_leads_with_the_spoiler_free_introduction(mini: KnowledgeBase) -> None:
    mara = mini.character("mara-quinn")
    assert mara is not None
    reply = Answers(mini).character_info(mara)
    assert _description(reply).startswith("A ferry captain who grew up in the town.")
    asked = Answers(mini).character_info(mara, question="who is mara quinn")
    first, second = _description(asked).split("\n")[:2]
    assert first == "Mara Quinn is played by Ada Bright."  # asked who she is: who plays her too
    assert second.startswith("A ferry captain who grew up in the town.")


def test_a_story_question_about_a_character_leads_with_the_matching_spoiler(
    mini: KnowledgeBase,
) -> None:
    mara = mini.character("mara-quinn")
    assert mara is not None
    reply = Answers(mini).character_info(mara, question="what does mara learn about her father?")
    assert _description(reply).startswith("She learns her father is alive.")
    tagged = _all_text(_render(reply, TAGGED_NONE))
    assert "father is alive" not in _outside_bars(tagged)
    assert "father is alive" not in _all_text(_render(reply, BLOCKED_NONE))


def test_what_did_an_actor_play_is_one_line(shipped: KnowledgeBase, mini: KnowledgeBase) -> None:
    ada = mini.person("ada-bright")
    assert ada is not None
    reply = Answers(mini).person_role(ada)
    assert _description(reply) == "Ada Bright plays Mara Quinn (main cast, new this season)."
    ritter = shipped.person_named("Krysten Ritter")
    assert ritter is not None
    message = _render(Answers(shipped).person_role(ritter))
    assert "Krysten Ritter plays Jessica Jones" in _lead(message)
    assert len(_all_text(message)) <= 300


def test_a_secret_role_stays_barred(shipped: KnowledgeBase) -> None:
    mcteer = shipped.person_named("Janet McTeer")
    assert mcteer is not None
    for reply in (Answers(shipped).person_role(mcteer), Answers(shipped).person_info(mcteer)):
        tagged = _all_text(_render(reply, TAGGED_NONE))
        assert "Alisa" not in _outside_bars(tagged)
        assert "Alisa" not in _all_text(_render(reply, BLOCKED_NONE))


def test_people_lead_with_one_line_on_who_they_are(mini: KnowledgeBase) -> None:
    answers = Answers(mini)
    cleo = mini.person("cleo-park")
    dan = mini.person("dan-reyes")
    ada = mini.person("ada-bright")
    assert cleo is not None
    assert dan is not None
    assert ada is not None
    assert _description(answers.person_credits(cleo)).startswith(
        'Cleo Park\'s credits (3 episodes): Episode 1: "The Beacon" (directed);'
    )
    assert _description(answers.person_info(dan)).startswith(
        'Dan Reyes\'s credits (2 episodes): Episode 2: "Low Tide" (story)'
    )
    assert _description(answers.person_info(ada)).startswith("Ada Bright plays Mara Quinn")


def test_an_actor_s_credits_are_the_other_work_the_sources_name(shipped: KnowledgeBase) -> None:
    moss = shipped.person_named("Carrie-Anne Moss")
    assert moss is not None
    text = _description(Answers(shipped).person_credits(moss))
    assert text.startswith("Carrie-Anne Moss is also known for The Matrix.")
    assert "Jeri Hogarth" in text


# -- facts, season, music, reception -----------------------------------------------------------


def _fact(kb: KnowledgeBase, fact_id: str) -> Any:
    return next(f for f in kb.facts if f.id == fact_id)


def test_a_fact_leads_with_the_sentence_that_answers_the_question(shipped: KnowledgeBase) -> None:
    fact = _fact(shipped, "cast-whizzer")
    reply = Answers(shipped).fact(fact, question="what is the whizzer's real name")
    assert _description(reply).startswith("He is Robert Coleman")
    assert "Robert Coleman" in _lead(_render(reply))
    assert len(_description(reply)) < len(to_plain(fact.text))


def test_a_fact_without_a_question_or_a_match_reads_from_the_start(
    shipped: KnowledgeBase,
) -> None:
    fact = _fact(shipped, "cast-whizzer")
    answers = Answers(shipped)
    first = to_plain(sentences(fact.text)[0])
    assert _description(answers.fact(fact)) == to_plain(fact.text)
    assert _description(answers.fact(fact, question="qwerty zxcv")).startswith(first)


def test_a_yes_or_no_stays_with_the_sentence_after_it() -> None:
    units = sentences(plain("Yes. He is back. It was confirmed in 2017."))
    assert [to_plain(u) for u in units] == ["Yes. He is back.", "It was confirmed in 2017."]


def test_a_fact_on_the_fixture_season(mini: KnowledgeBase) -> None:
    reply = Answers(mini).fact(_fact(mini, "filming-location"), question="where was it filmed?")
    assert _lead(_render(reply)) == "Filming\nThe season was filmed on the coast of Maine in 2020."


def test_a_spoiler_sentence_that_answers_a_fact_question_leads_whole_and_barred(
    shipped: KnowledgeBase,
) -> None:
    fact = _fact(shipped, "cast-kilgrave-return")
    twist = next(s for s in fact.text if s.spoiler_from)
    reply = Answers(shipped).fact(
        fact, question="is kilgrave a hallucination jessica has after killing holiday"
    )
    description = reply.cards[0].description
    assert description[0] == twist  # the whole segment, with its episode
    tagged = _all_text(_render(reply, TAGGED_NONE))
    assert "hallucination" in tagged
    assert "hallucination" not in _outside_bars(tagged)
    assert "hallucination" not in _all_text(_render(reply, BLOCKED_NONE))


def test_every_fact_answer_stays_short_and_keeps_its_spoilers(shipped: KnowledgeBase) -> None:
    answers = Answers(shipped)
    for fact in shipped.facts:
        question = fact.asks[0] if fact.asks else fact.title
        reply = answers.fact(fact, question=question)
        units = sentences(fact.text)
        lead = reply.cards[0].description
        assert len(to_plain(lead)) <= max(len(to_plain(u)) for u in units) + FACT_BUDGET + 1, (
            fact.id
        )
        hidden = [s for s in reply.cards[0].description if s.spoiler_from and s.text.strip()]
        # each reveal shown is a piece of one of the fact's reveals, from its episode
        assert all(
            any(s.text.strip() in t.text and s.spoiler_from == t.spoiler_from for t in fact.text)
            for s in hidden
        ), fact.id
        visible = _outside_bars(_all_text(_render(reply, TAGGED_NONE)))
        assert all(s.text[:30] not in visible for s in hidden), fact.id


def test_season_facts_answer_just_what_was_asked(mini: KnowledgeBase) -> None:
    answers = Answers(mini)
    reply = answers.season_fact("showrunner")
    assert _description(reply) == "The showrunner of Harbor Lights season 1 is Nia Vale."
    assert not reply.cards[0].fields
    network = answers.season_fact("network")
    assert _description(network) == "Harbor Lights season 1 was released on Seaview+."


def test_a_track_answer_leads_with_its_number_title_and_length(shipped: KnowledgeBase) -> None:
    assert shipped.soundtrack is not None
    track = shipped.soundtrack.tracks[2]
    reply = Answers(shipped).track(track.number)
    assert reply is not None
    assert _description(reply).startswith(
        f'Track {track.number}, "{track.title}", runs {track.length}.'
    )


def test_a_track_title_that_spoils_stays_barred(shipped: KnowledgeBase) -> None:
    assert shipped.soundtrack is not None
    track = next(t for t in shipped.soundtrack.tracks if t.spoiler_from)
    reply = Answers(shipped).track(track.number)
    tagged = _all_text(_render(reply, TAGGED_NONE))
    assert track.title not in _outside_bars(tagged)
    assert f"runs {track.length}" in tagged
    assert track.title not in _all_text(_render(reply, BLOCKED_NONE))


def test_scores_lead_with_the_aggregate_numbers(shipped: KnowledgeBase) -> None:
    reply = Answers(shipped).reception_scores()
    assert reply is not None
    assert _description(reply).startswith("Rotten Tomatoes: 82%")
    assert "Metacritic: 70/100" in _lead(_render(reply))
    assert len(_all_text(_render(reply))) <= 400


@pytest.mark.parametrize(
    ("outlet", "lead"),
    [
        ("Collider", "Allison Keene (Collider) gave it 4 out of 5 stars, a positive review."),
        ("IndieWire", "Liz Shannon Miller (IndieWire) graded it B, a positive review."),
        ("Den of Geek", "Den of Geek gave it a positive review."),
    ],
)
def test_a_review_leads_with_who_and_their_grade(
    shipped: KnowledgeBase, outlet: str, lead: str
) -> None:
    reply = Answers(shipped).review(outlet)
    assert reply is not None
    assert _description(reply).startswith(lead)
    assert len(_all_text(_render(reply))) <= 600


def test_a_review_question_puts_the_matching_sentence_after_the_grade(
    shipped: KnowledgeBase,
) -> None:
    reply = Answers(shipped).review("Collider", question="what did collider say about the music")
    assert reply is not None
    text = _description(reply)
    assert text.startswith("Allison Keene (Collider) gave it 4 out of 5 stars")
    assert "music" in _lead(_render(reply))


# -- footers and lengths -----------------------------------------------------------------------


def test_footers_name_short_sources_once(shipped: KnowledgeBase) -> None:
    answers = Answers(shipped)
    reply = answers.episode(shipped.episode(1), "director")  # type: ignore[arg-type]
    assert reply.cards[0].footer == "Source: Encyclopedia article"
    card = answers.card("Same", plain("x"), (), ("001",))
    twice = answers.reply("test", card, card)
    assert [c.footer for c in twice.cards] == [card.footer, ""]


def _hidden_names(kb: KnowledgeBase) -> list[str]:
    return [c.name for c in kb.characters if c.safe_name and c.name_spoiler_from]


def _plain_strings(card: Card) -> list[str]:
    return [card.title, card.footer, *(f.name for f in card.fields)]


def test_titles_field_names_and_footers_never_hold_a_secret(mini: KnowledgeBase) -> None:
    answers = Answers(mini)
    replies: list[Reply | None] = [answers.cast_list(), answers.season_overview()]
    for character in mini.characters:
        replies += [
            answers.character_actor(character),
            answers.character_info(character),
            answers.character_info(character, question="who is the keeper really"),
        ]
    for person in mini.people:
        replies += [answers.person_role(person), answers.person_info(person)]
    for episode in mini.episodes:
        replies += [answers.episode(episode, i) for i in (*CREDIT_ASPECTS, "info")]
        replies.append(answers.episode(episode, "plot", question="who is the keeper"))
    for reply in replies:
        assert reply is not None
        for card in reply.cards:
            for text in _plain_strings(card):
                assert not any(name in text for name in _hidden_names(mini)), text


def _single_fact_replies(kb: KnowledgeBase) -> list[Reply]:
    answers = Answers(kb)
    replies: list[Reply | None] = []
    for episode in kb.episodes:
        replies += [answers.episode(episode, intent) for intent in CREDIT_ASPECTS]
    replies += [answers.character_actor(c) for c in kb.characters if c.played_by]
    replies += [answers.person_role(p) for p in kb.people if kb.characters_played_by(p.id)]
    replies += [
        answers.season_fact(i) for i in ("release", "network", "episode_count", "showrunner")
    ]
    if kb.soundtrack:
        replies += [answers.track(t.number) for t in kb.soundtrack.tracks]
    replies += [answers.fact(f, question=f.asks[0]) for f in kb.facts if f.asks]
    return [r for r in replies if r is not None]


def test_the_median_single_fact_answer_is_short(
    shipped: KnowledgeBase, mini: KnowledgeBase
) -> None:
    for kb in (shipped, mini):
        lengths = [len(_all_text(_render(r))) for r in _single_fact_replies(kb)]
        assert statistics.median(lengths) <= 300, kb.season.id


def _rich_lead(text: RichText) -> str:
    return to_plain(text)[:80]


def test_every_single_fact_answer_is_within_the_first_300_characters(
    shipped: KnowledgeBase,
) -> None:
    """The description's first sentence (the answer) is read within the first 300 characters."""
    for reply in _single_fact_replies(shipped):
        message = _render(reply)
        first = to_plain(sentences(reply.cards[0].description)[0])
        assert _shown(first)[:60] in _lead(message) or len(first) > 250, _rich_lead(
            reply.cards[0].description
        )


@pytest.mark.parametrize(
    ("question", "first_line"),
    [
        ("what's the closing track of the album", '"Starting at the Beginning"'),
        ("the third song on the ost?", '"Malcolm Suits Up"'),
        ("which tracks are about hogarth", '"Hogarth\'s Unexpected News"'),
        ("does rachael taylor sing on it", '"I Want Your Cray Cray"'),
    ],
)
def test_the_album_leads_with_the_tracks_a_question_points_at(
    shipped: KnowledgeBase, question: str, first_line: str
) -> None:
    reply = Answers(shipped).soundtrack(question=question)
    assert reply is not None
    assert first_line in _description(reply).split("\n")[0]


def test_the_album_without_a_pointed_track_leads_with_itself(shipped: KnowledgeBase) -> None:
    reply = Answers(shipped).soundtrack(question="jessica jones season 2 soundtrack")
    assert reply is not None
    assert _description(reply).startswith('"Jessica Jones: Season 2 (Original Soundtrack)"')


def test_someone_s_other_work_leads_when_asked(shipped: KnowledgeBase) -> None:
    person = shipped.person("krysten-ritter")
    assert person is not None
    asked = Answers(shipped).person_info(person, question="what else has she been in")
    assert _description(asked).startswith("Krysten Ritter is also known for Breaking Bad")
    plain_card = Answers(shipped).person_info(person, question="who is she")
    assert _description(plain_card).startswith("Krysten Ritter plays Jessica Jones")
