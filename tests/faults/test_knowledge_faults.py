"""A hostile or broken knowledge folder, through the commands a user runs: a short, clear report
and exit 1, never a flood of output or a crash."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, REPO_ROOT
from tests.core.knowledge.test_loader import _alias_bomb


def season(tmp_path: Path) -> Path:
    folder = tmp_path / "harbor-lights-s1"
    shutil.copytree(FIXTURES / "knowledge" / "harbor-lights-s1", folder)
    return folder


def bot(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        timeout=60,
        check=False,
        input=b"",
    )


@pytest.mark.parametrize("command", ["check-knowledge", "ask"])
def test_an_alias_bomb_gets_a_short_report(tmp_path: Path, command: str) -> None:
    """Issue 8, defect 3, end to end: 312 MB of output at 8 levels, out of memory at 9."""
    folder = season(tmp_path)
    episodes = folder / "episodes.yaml"
    text = episodes.read_text().replace(
        "release_date: 2021-06-04", f"release_date: {_alias_bomb(9)}", 1
    )
    episodes.write_text(text)
    args = (
        [command, str(folder)]
        if command == "check-knowledge"
        else [command, "--knowledge", str(folder), "hi"]
    )
    done = bot(*args)
    assert done.returncode == 1
    output = done.stdout + done.stderr
    assert b"alias" in output
    assert len(output) < 2000
    assert b"Traceback" not in output


def test_an_empty_file_stops_the_bot_from_saying_there_is_nothing(tmp_path: Path) -> None:
    """Issue 8, defect 4, end to end."""
    folder = season(tmp_path)
    (folder / "awards.yaml").write_bytes(b"")
    done = bot("check-knowledge", str(folder))
    assert done.returncode == 1
    assert b"awards.yaml: is empty" in done.stdout
