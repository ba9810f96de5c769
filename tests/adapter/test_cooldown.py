from __future__ import annotations

from bot.adapter.cooldown import Cooldown, Verdict


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_allows_rate_then_one_note_then_silence() -> None:
    clock = Clock()
    cooldown = Cooldown(3, 10.0, clock=clock)
    assert [cooldown.hit(1) for _ in range(3)] == [Verdict.ALLOW] * 3
    assert cooldown.hit(1) is Verdict.NOTE
    assert cooldown.hit(1) is Verdict.SILENT
    assert cooldown.hit(1) is Verdict.SILENT
    assert cooldown.hit(2) is Verdict.ALLOW  # per member


def test_window_slides_and_a_new_flood_gets_a_new_note() -> None:
    clock = Clock()
    cooldown = Cooldown(2, 10.0, clock=clock)
    cooldown.hit(1)
    clock.now += 5
    cooldown.hit(1)
    assert cooldown.hit(1) is Verdict.NOTE
    assert 4.9 < cooldown.retry_after(1) <= 5.0
    clock.now += 5  # the first question left the window
    assert cooldown.retry_after(1) == 0.0
    assert cooldown.hit(1) is Verdict.ALLOW
    assert cooldown.hit(1) is Verdict.NOTE  # noted again: it is a new flood


def test_idle_members_are_forgotten_on_busy_servers() -> None:
    clock = Clock()
    cooldown = Cooldown(1, 1.0, clock=clock)
    for member in range(5000):
        cooldown.hit(member)
    clock.now += 2
    cooldown.hit(99999)
    assert len(cooldown._windows) < 5000
