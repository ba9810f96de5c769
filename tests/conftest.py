"""Fixtures shared by every test package."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
KNOWLEDGE_ROOT = REPO_ROOT / "knowledge"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# ../shared/ lives beside the checkout in development and CI, never in a user's clone.
SHARED_DIR = Path(os.environ.get("JJ_SHARED_DIR", REPO_ROOT.parent / "shared"))


def require_shared(*parts: str) -> Path:
    """The path under ../shared/, or skip (fail when JJ_REQUIRE_SHARED=1, as .ci/run sets)."""
    path = SHARED_DIR.joinpath(*parts)
    if not path.exists():
        reason = f"{path} is absent: ../shared/ only exists beside the development checkout"
        if os.environ.get("JJ_REQUIRE_SHARED") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return require_shared("seeds")


@pytest.fixture(scope="session")
def discord_openapi_path() -> Path:
    return require_shared("discord-api-spec", "openapi.json")
