"""The cache of what example questions read as: shared across runs, harmless when broken."""

from __future__ import annotations

from pathlib import Path

from bot.core.understanding.termcache import TermCache


def _work_out(calls: list[str]):  # type: ignore[no-untyped-def]
    def work_out(text: str) -> frozenset[str]:
        calls.append(text)
        return frozenset(text.split())

    return work_out


def test_terms_are_worked_out_once_across_runs(tmp_path: Path) -> None:
    calls: list[str] = []
    first = TermCache(tmp_path, [b"season", b"code"])
    assert first.terms("who directed", _work_out(calls)) == {"who", "directed"}
    first.save()
    second = TermCache(tmp_path, [b"season", b"code"])
    assert second.terms("who directed", _work_out(calls)) == {"who", "directed"}
    assert calls == ["who directed"]


def test_other_inputs_use_another_cache(tmp_path: Path) -> None:
    calls: list[str] = []
    TermCache(tmp_path, [b"season one"]).terms("q", _work_out(calls))
    cache = TermCache(tmp_path, [b"season one"])
    cache.terms("q", _work_out(calls))
    cache.save()
    TermCache(tmp_path, [b"season two"]).terms("q", _work_out(calls))
    assert len(calls) == 3


def test_a_corrupt_cache_is_ignored(tmp_path: Path) -> None:
    cache = TermCache(tmp_path, [b"x"])
    assert cache.path is not None
    cache.path.write_text("{not json", encoding="utf-8")
    calls: list[str] = []
    assert TermCache(tmp_path, [b"x"]).terms("a b", _work_out(calls)) == {"a", "b"}
    assert calls == ["a b"]


def test_an_unwritable_folder_only_costs_time(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    cache = TermCache(blocked / "cache", [b"x"])
    assert cache.terms("a", _work_out([])) == {"a"}
    cache.save()  # nothing raised


def test_no_folder_means_no_cache(tmp_path: Path) -> None:
    cache = TermCache(None, [b"x"])
    assert cache.path is None
    calls: list[str] = []
    cache.terms("a", _work_out(calls))
    cache.save()
    TermCache(None, [b"x"]).terms("a", _work_out(calls))
    assert calls == ["a", "a"]


def test_only_the_newest_caches_are_kept(tmp_path: Path) -> None:
    for n in range(7):
        cache = TermCache(tmp_path, [str(n).encode()])
        cache.terms("q", _work_out([]))
        cache.save()
    assert len(list(tmp_path.glob("terms-*.json"))) == 4
