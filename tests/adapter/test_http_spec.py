"""Every request body the bot sends is valid against Discord's OpenAPI description, and within the
2000-character content and 6000-character embed limits the description does not encode.

One scenario drives every path that makes the bot send something: each slash command and its
autocomplete, casual questions, every spoiler mode, both kinds of button, refusals, notes and
apologies; then every recorded request is checked.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.adapter.helpers import World
from tests.discord_spec import check_message_limits, load_spec, validate_request

pytestmark = [pytest.mark.e2e, pytest.mark.shared]

#: Requests whose body is (or wraps) a message, for the limits the spec leaves out.
MESSAGE_PATHS = ("/messages", "/callback", "/webhooks/")


async def drive_everything(world: World) -> None:
    w, g, lounge = world, world.general, world.lounge
    a = w.alice
    # Fresh members for each block, so the per-member cooldown only bites where it is meant to.
    c, d, e = (w.guild.add_member(w.env.create_user(name)) for name in ("carol", "dave", "erin"))
    for question in ("who plays trish", "@everyone who plays jessica", "jones", "hello"):
        await a.slash(g, "ask", question=question)
    for typed in ("", "3", "sole", "@everyone"):
        await a.autocomplete(g, "episode", "episode", typed)
        await a.autocomplete(g, "character", "name", typed)
    for episode in ("1", "13", "AKA Playland", "no such episode"):
        await w.bob.slash(g, "episode", episode=episode)
    for name in ("trish-walker", "alisa-jones", "kilgrave", "nobody at all"):
        await c.slash(g, "character", name=name)
    for command in ("cast", "season", "help"):
        await w.admin.slash(g, command)
    await a.user.slash("ask", question="who plays malcolm")
    await a.user.autocomplete("episode", "episode", "2")

    await w.admin.slash(g, "spoilers set", mode="open")
    await w.chanmod.slash(g, "spoilers set", mode="blocked", channel=lounge)
    await a.slash(g, "spoilers set", mode="tagged")  # refused
    await a.slash(lounge, "spoilers status")
    await a.user.slash("spoilers status")
    await w.admin.slash(g, "spoilers reset")
    await w.chanmod.slash(lounge, "autoanswer on")
    await a.slash(g, "progress set", episode=4)
    await a.slash(g, "progress show")
    await a.slash(g, "progress clear")

    blocked = await d.slash(lounge, "character", name="trish-walker")
    assert blocked.response is not None
    await w.bob.click(blocked.response, label="Show me privately")
    ambiguous = await d.slash(g, "ask", question="jones")
    assert ambiguous.response is not None
    buttons = [
        c["custom_id"]
        for row in ambiguous.response.components
        for c in row["components"]
        if str(c.get("custom_id", "")).startswith("ask:")
    ]
    if buttons:
        await w.bob.click(ambiguous.response, custom_id=buttons[0])

    await e.send(g, f"{w.mention} @everyone who plays trish")
    answer = g.last_message
    assert answer is not None
    await e.send(g, "and who plays jessica?", reply_to=answer)
    await e.send(lounge, "who directed episode 5?")
    await e.send_dm("tell me about trish")
    await e.send(g, w.mention)
    for _ in range(w.bot.settings.cooldown_rate + 1):
        await w.chanmod.send(g, f"{w.mention} who plays trish")  # ends with the cooldown note

    # The unanswered log: a decline, "Not what I asked", every /unanswered reply and button.
    f = w.guild.add_member(w.env.create_user("frank"))
    await f.slash(g, "ask", question="what is trishs favorite color")
    await f.slash(g, "ask", question="what is alisas favorite color")
    answered = await f.slash(g, "ask", question="who plays trish")
    assert answered.response is not None
    await w.bob.click(answered.response, label="Not what I asked")
    for i in range(12):
        await w.bot.store.record_unanswered(w.guild.id, f"question {i}", "not_sure", "")
    listed = await w.admin.slash(g, "unanswered list", limit=15)
    assert listed.response is not None
    await w.admin.click(listed.response, label="Next")
    await w.admin.slash(g, "unanswered export")
    for choice in ("Cancel", "Clear the log"):
        asked = await w.admin.slash(g, "unanswered clear")
        assert asked.response is not None
        await w.admin.click(asked.response, label=choice)
    await w.admin.slash(g, "unanswered clear")  # already empty
    await w.admin.slash(g, "unanswered list")  # empty
    command = w.env.backend.find_command("unanswered", None, type=1)
    assert command is not None
    w.guild.set_command_permissions(int(command["id"]), {w.chanmod: True})
    await w.chanmod.slash(g, "unanswered list")  # refused
    await f.autocomplete(g, "character", "name", "ali")

    w.env.inject_error("POST", "/channels/*/messages", status=500)
    await w.admin.send(g, f"{w.mention} who plays trish")
    w.env.inject_error("POST", "/interactions/*/callback", status=500)
    await w.admin.slash(g, "ask", question="who plays trish")


async def test_every_request_body_is_valid(world: World, discord_openapi_path: Path) -> None:
    spec = load_spec(discord_openapi_path)
    await drive_everything(world)
    checked: dict[str, int] = {}
    problems: list[str] = []
    for request in world.env.http_requests:
        body: Any = request.json
        if body is None:
            continue
        try:
            validate_request(spec, request.method, request.path, body)
            if request.method in {"POST", "PATCH"} and any(
                p in request.path for p in MESSAGE_PATHS
            ):
                check_message_limits(body)
        except AssertionError as exc:
            problems.append(f"{request.method} {request.path}: {exc}")
        key = f"{request.method} {spec.find_path(request.path)}"
        checked[key] = checked.get(key, 0) + 1
    assert not problems, "\n\n".join(problems)
    # The scenario really exercised every kind of request the bot makes.
    assert any("/commands" in k and k.startswith("PUT") for k in checked)
    assert any(k.startswith("POST /channels/") for k in checked)
    assert sum(n for k, n in checked.items() if k.endswith("/callback")) >= 40
