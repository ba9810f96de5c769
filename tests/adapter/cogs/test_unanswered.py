"""The unanswered log end to end: declines and "Not what I asked" clicks go in, moderators read,
export and clear it with /unanswered, and nothing in it spoils a reveal outside spoiler bars."""

from __future__ import annotations

import csv
import io
import logging
import time

import pytest
import simcord

from bot.adapter.app import create_bot
from bot.adapter.settings import Settings
from bot.adapter.storage import StoreError
from bot.adapter.unanswered import CSV_HEADER
from bot.core import Reply, ReplyKind
from bot.core.engine import Engine
from tests.adapter.helpers import World, buttons_of, outside_bars, text_of

pytestmark = pytest.mark.e2e

#: Declined by the core ("my sources don't say"); checked by `test_the_questions_decline`.
DECLINED = "what is trishs favorite color"
#: Declined too, and it names a twist name: it may only ever be shown behind spoiler bars.
TWIST_DECLINED = "what is alisas favorite color"
TWIST_NAME = "alisa"
AMBIGUOUS = "jones"  # "which one?", with a suggestion to pick


def test_the_questions_decline(engine: Engine) -> None:
    for question in (DECLINED, TWIST_DECLINED):
        reply = engine.ask(question).reply
        assert reply is not None, question
        assert not reply.answered, question
    reply = engine.ask(AMBIGUOUS).reply
    assert reply is not None
    assert reply.kind is ReplyKind.CLARIFY
    assert reply.suggestions
    assert engine.question_reveals(TWIST_DECLINED)
    assert not engine.question_reveals(DECLINED)


async def listed(world: World, member: simcord.MemberActor | None = None) -> str:
    result = await (member or world.admin).slash(world.general, "unanswered list")
    assert result.response is not None
    assert result.response.ephemeral
    return text_of(result.response)


async def entries(world: World) -> dict[str, tuple[str, int]]:
    found = await world.bot.store.unanswered(world.guild.id, limit=100)
    return {e.question: (e.reason, e.count) for e in found}


async def test_declines_are_listed_with_counts(world: World) -> None:
    for member in (world.alice, world.bob, world.alice):
        await member.slash(world.general, "ask", question=DECLINED)
    await world.bob.send(world.general, f"{world.mention} <@{world.alice.id}> {DECLINED}")
    await world.alice.slash(world.general, "ask", question="who plays trish")  # answered
    assert await entries(world) == {DECLINED: ("sources_dont_say", 4)}
    text = await listed(world)
    assert DECLINED in text
    assert "4 times" in text
    assert "sources don't say" in text
    assert "who plays trish" not in text


async def test_mentions_are_stripped_and_no_user_is_kept(world: World) -> None:
    await world.alice.send(world.general, f"{world.mention} <@{world.bob.id}> @everyone {DECLINED}")
    [entry] = await world.bot.store.unanswered(world.guild.id, limit=5)
    assert entry.question == DECLINED
    assert str(world.alice.id) not in repr(entry)
    assert str(world.bob.id) not in repr(entry)


async def test_a_resolved_which_one_leaves_the_log(world: World) -> None:
    first = await world.alice.slash(world.general, "ask", question=AMBIGUOUS)
    await world.bob.slash(world.general, "ask", question=AMBIGUOUS)
    assert await entries(world) == {AMBIGUOUS: ("which_one", 2)}
    assert first.response is not None
    suggestion = next(
        b for b in buttons_of(first.response) if str(b["custom_id"]).startswith("ask:")
    )
    for member in (world.alice, world.bob):  # one message resolves one asking, however clicked
        await member.click(first.response, custom_id=str(suggestion["custom_id"]))
    assert await entries(world) == {AMBIGUOUS: ("which_one", 1)}


async def test_not_what_i_asked_counts_once_per_member_and_message(world: World) -> None:
    first = await world.alice.slash(world.general, "ask", question="who plays trish")
    second = await world.bob.slash(world.general, "ask", question="who plays trish")
    assert first.response is not None
    assert second.response is not None
    for member, message in (
        (world.alice, first.response),
        (world.alice, first.response),  # again: not counted
        (world.bob, first.response),
        (world.alice, second.response),
    ):
        clicked = await member.click(message, label="Not what I asked")
        assert clicked.response is not None
        assert clicked.response.ephemeral
    assert await entries(world) == {"who plays trish": ("not_what_i_asked", 3)}
    [entry] = await world.bot.store.unanswered(world.guild.id, limit=5)
    assert entry.closest == "character.actor"  # the kind of answer it gave
    again = await world.alice.click(first.response, label="Not what I asked")
    assert again.response is not None
    assert "already" in again.response.content


async def test_not_what_i_asked_offers_the_suggestions(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = await world.alice.slash(world.general, "ask", question="who plays trish")
    assert asked.response is not None
    plain = await world.bob.click(asked.response, label="Not what I asked")
    assert plain.response is not None
    assert "other words" in plain.response.content  # no suggestions: how to ask better
    # An answer that came with suggestions offers them, as buttons that ask privately.
    with_suggestions = Reply(ReplyKind.ANSWER, "character.actor", suggestions=("Who is A?",))
    monkeypatch.setattr(world.bot.responder, "reply_for", lambda *_: with_suggestions)
    clicked = await world.alice.click(asked.response, label="Not what I asked")
    assert clicked.response is not None
    assert clicked.response.ephemeral
    assert "Did you mean" in clicked.response.content
    assert [b["custom_id"] for b in buttons_of(clicked.response)] == ["ask:Who is A?"]


async def test_declines_carry_no_feedback_button(world: World) -> None:
    declined = await world.alice.slash(world.general, "ask", question=DECLINED)
    assert declined.response is not None
    assert "Not what I asked" not in [b["label"] for b in buttons_of(declined.response)]
    lookup = await world.alice.slash(world.general, "cast")
    assert lookup.response is not None
    assert "Not what I asked" not in [b["label"] for b in buttons_of(lookup.response)]


async def test_the_button_label_never_spoils(world: World) -> None:
    asked = await world.alice.slash(world.general, "ask", question="tell me about trish")
    assert asked.response is not None
    feedback = [b for b in buttons_of(asked.response) if b["custom_id"] == "feedback"]
    assert [b["label"] for b in feedback] == ["Not what I asked"]


async def test_members_without_manage_server_are_refused(world: World) -> None:
    await world.alice.slash(world.general, "ask", question=DECLINED)
    before = await entries(world)
    members = (world.alice, world.chanmod)
    for member in members:  # Discord hides the command from them ...
        with pytest.raises(simcord.SetupError, match="not visible"):
            await member.slash(world.general, "unanswered list")
    # ... until a server owner grants it to them; Manage Server is still required.
    command = world.env.backend.find_command("unanswered", None, type=1)
    assert command is not None
    world.guild.set_command_permissions(int(command["id"]), dict.fromkeys(members, True))
    for member in members:  # Manage Channels is not enough
        for command in ("unanswered list", "unanswered export", "unanswered clear"):
            result = await member.slash(world.general, command)
            assert result.response is not None
            assert result.response.ephemeral
            assert "Manage Server" in result.response.content
            assert not result.response.attachments
            assert DECLINED not in text_of(result.response)
    assert await entries(world) == before


async def test_export_is_a_csv_with_a_header(world: World) -> None:
    for member in (world.alice, world.bob):
        await member.slash(world.general, "ask", question=DECLINED)
    result = await world.admin.slash(world.general, "unanswered export")
    assert result.response is not None
    assert result.response.ephemeral
    [attachment] = result.response.attachments
    assert attachment.filename.endswith(".csv")
    rows = list(csv.reader(io.StringIO((await attachment.read()).decode("utf-8"))))
    assert tuple(rows[0]) == CSV_HEADER
    assert [r[1:5] for r in rows[1:]] == [
        [DECLINED, "sources_dont_say", "character.unsourced", "2"]
    ]


async def test_an_export_naming_a_reveal_is_sent_as_a_spoiler(world: World) -> None:
    await world.alice.slash(world.general, "ask", question=TWIST_DECLINED)
    result = await world.admin.slash(world.general, "unanswered export")
    assert result.response is not None
    [attachment] = result.response.attachments
    assert attachment.is_spoiler()
    assert TWIST_NAME not in outside_bars(result.response.content).casefold()


async def test_clear_needs_the_confirmation(world: World) -> None:
    await world.alice.slash(world.general, "ask", question=DECLINED)
    asked = await world.admin.slash(world.general, "unanswered clear")
    assert asked.response is not None
    assert asked.response.ephemeral
    assert len(await entries(world)) == 1  # nothing yet
    cancelled = await world.admin.click(asked.response, label="Cancel")
    assert cancelled.response is not None
    assert "unchanged" in cancelled.response.content
    assert len(await entries(world)) == 1
    asked = await world.admin.slash(world.general, "unanswered clear")
    assert asked.response is not None
    confirmed = await world.admin.click(asked.response, label="Clear the log")
    assert confirmed.response is not None
    assert "1 entries removed" in confirmed.response.content
    assert await entries(world) == {}
    assert "Nothing in the log" in await listed(world)


async def test_retention_drops_old_rows(world: World) -> None:
    long_ago = int(time.time()) - (world.bot.settings.unanswered_retention_days + 1) * 86400
    await world.bot.store.record_unanswered(
        world.guild.id, "asked long ago", "not_sure", "", at=long_ago
    )
    await world.alice.slash(world.general, "ask", question=DECLINED)
    text = await listed(world)
    assert "asked long ago" not in text
    assert DECLINED in text
    assert set(await entries(world)) == {DECLINED}  # dropped from the database, not just hidden


async def test_retention_is_configurable(db_url: str) -> None:
    settings = Settings.from_env({"DATABASE_URL": db_url, "UNANSWERED_RETENTION_DAYS": "7"})
    assert settings.unanswered_retention_days == 7
    bot = create_bot(settings, engine=Engine.load())
    assert bot.responder.unanswered.retention_days == 7


async def test_the_log_survives_a_restart(world: World, settings: Settings, engine: Engine) -> None:
    await world.alice.slash(world.general, "ask", question=DECLINED)
    asked = await world.alice.slash(world.general, "ask", question="who plays trish")
    assert asked.response is not None
    fresh = create_bot(settings, engine=engine)
    await world.env.restart_bot(fresh)
    try:
        assert DECLINED in await listed(world)
        clicked = await world.bob.click(asked.response, label="Not what I asked")  # old message
        assert clicked.response is not None
        assert "noted" in clicked.response.content
        assert "who plays trish" in await listed(world)
    finally:
        await fresh.store.close()


async def test_pages_never_spoil_outside_spoiler_bars(world: World) -> None:
    await world.alice.slash(world.general, "ask", question=TWIST_DECLINED)
    await world.bob.slash(world.general, "ask", question=DECLINED)
    text = await listed(world)
    assert TWIST_NAME in text.casefold()  # shown as typed ...
    assert TWIST_NAME not in outside_bars(text).casefold()  # ... behind spoiler bars only
    assert DECLINED in outside_bars(text)  # a harmless question stays readable


async def test_the_list_is_paginated_with_buttons(world: World) -> None:
    store = world.bot.store
    for i in range(13):
        for _ in range(20 - i):
            await store.record_unanswered(world.guild.id, f"question number {i}", "not_sure", "")
    await store.record_unanswered(world.guild.id, TWIST_DECLINED, "not_sure", "")
    first = await world.admin.slash(world.general, "unanswered list", limit=14)
    assert first.response is not None
    page1 = text_of(first.response)
    assert "question number 0" in page1
    assert "question number 9" in page1
    assert "question number 10" not in page1
    labels = {b["label"]: b for b in buttons_of(first.response)}
    assert labels["Previous"]["disabled"]
    assert not labels["Next"]["disabled"]
    second = await world.admin.click(first.response, label="Next")
    assert second.response is not None
    page2 = text_of(second.response)
    assert "question number 10" in page2
    assert "question number 12" in page2
    assert "question number 9 " not in page2
    assert TWIST_NAME not in outside_bars(page2).casefold()
    assert TWIST_NAME in page2.casefold()
    labels = {b["label"]: b for b in buttons_of(second.response)}
    assert labels["Next"]["disabled"]
    back = await world.admin.click(second.response, label="Previous")
    assert back.response is not None
    assert "question number 0" in text_of(back.response)


async def test_a_failing_log_never_breaks_an_answer(
    world: World, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken(*args: object, **kwargs: object) -> bool:
        raise StoreError("database is locked")

    monkeypatch.setattr(world.bot.store, "record_unanswered", broken)
    with caplog.at_level(logging.ERROR):
        result = await world.alice.slash(world.general, "ask", question=DECLINED)
        assert result.response is not None
        assert not result.response.ephemeral
        assert "sources" in text_of(result.response).casefold()
        await world.alice.send(world.general, f"{world.mention} {DECLINED}")
        reply = world.general.last_message
        assert reply is not None
        assert reply.author.id == world.me.id
        asked = await world.bob.slash(world.general, "ask", question="who plays trish")
        assert asked.response is not None
        clicked = await world.bob.click(asked.response, label="Not what I asked")
        assert clicked.response is not None
        assert "couldn't note it" in clicked.response.content
    assert "unanswered log" in caplog.text
