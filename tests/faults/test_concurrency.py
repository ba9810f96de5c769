"""200 questions at once from 50 members, on a real event loop (SimCord runs one member action at
a time): every one is answered, and the settings are read once per member, not once per question.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from bot.adapter.responder import Responder
from bot.adapter.storage import AskedQuestion, CachedStore, SQLiteStore
from bot.core.engine import Engine
from tests.faults.conftest import SlowStore
from tests.faults.test_deadlines import StandInInteraction


async def test_200_concurrent_questions_are_all_answered_with_one_read_per_member(
    tmp_path: Path,
) -> None:
    engine = Engine.load()
    store = CachedStore(SQLiteStore(tmp_path / "bot.sqlite3"))
    await store.open()
    counting = SlowStore(store.inner, 0.01)
    store.inner = counting  # type: ignore[assignment]
    responder = Responder(engine, store)
    interactions = []
    for index in range(200):
        interaction = StandInInteraction()
        interaction.user.id = 1000 + index % 50
        interactions.append(interaction)
    try:
        await asyncio.gather(
            *(
                responder.answer_interaction(i, AskedQuestion("ask", "who plays trish"))  # type: ignore[arg-type]
                for i in interactions
            )
        )
        # Only the settings: the answers are remembered too (for "Not what I asked").
        reads = counting.calls["context"]
    finally:
        await store.close()
    for interaction in interactions:
        # one answer each; on a machine busy enough to pass the deadline, after a defer
        kinds = [kind for kind, _, _ in interaction.events]
        assert kinds in (["send_message"], ["defer", "followup"]), kinds
        _, _, sent = interaction.events[-1]
        assert "Rachael Taylor" in str([embed.to_dict() for embed in sent["embeds"]])
    assert reads == 50
