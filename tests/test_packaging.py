"""`pip install .` (not editable) gives a bot that answers from any directory."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

SHIPPED = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "bot", "knowledge")


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package built and installed from a copy of the checkout into a folder of its own."""
    root = tmp_path_factory.mktemp("install")
    source = root / "source"
    for name in SHIPPED:
        path = REPO_ROOT / name
        if path.is_dir():
            shutil.copytree(path, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            source.mkdir(exist_ok=True)
            shutil.copy2(path, source / name)
    target = root / "site"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(target),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return target


def run_installed(installed: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"KNOWLEDGE_DIR", "PYTHONPATH"}}
    env["PYTHONPATH"] = str(installed)  # first on the path: the installed copy, not the checkout
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_the_season_travels_with_the_package(installed: Path) -> None:
    assert (installed / "bot" / "knowledge").is_dir()
    assert sorted(p.name for p in (installed / "bot" / "knowledge").iterdir()) == sorted(
        p.name for p in (REPO_ROOT / "knowledge").iterdir() if p.is_dir()
    )


def test_installed_bot_answers_from_another_directory(installed: Path, tmp_path: Path) -> None:
    done = run_installed(installed, tmp_path, "ask", "--json", "who plays trish")
    assert done.returncode == 0, done.stderr
    assert '"answered": true' in done.stdout
    assert "Rachael Taylor" in done.stdout


def test_knowledge_dir_still_overrides_the_shipped_season(installed: Path, tmp_path: Path) -> None:
    fixture = REPO_ROOT / "tests" / "fixtures" / "knowledge"
    done = run_installed(installed, tmp_path, "ask", "--knowledge", str(fixture), "who plays trish")
    assert "Rachael Taylor" not in done.stdout


def test_version(installed: Path, tmp_path: Path) -> None:
    done = run_installed(installed, tmp_path, "--version")
    assert done.returncode == 0
    assert done.stdout.strip().endswith("0.1.0")
