"""`.env` in the working directory: read by `python -m bot run` and `sync`, never at import.

Variables already in the environment win over the file. The file is parsed by python-dotenv
without `${VAR}` expansion (a password may hold a `$`), and refused above 64 KiB.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

__all__ = ["ENV_FILE", "EnvFileError", "environment", "read_env_file"]

ENV_FILE = ".env"
MAX_BYTES = 64 * 1024


class EnvFileError(ValueError):
    """The `.env` file cannot be read; the message says why (never what it holds)."""


def read_env_file(path: Path) -> dict[str, str]:
    """The variables a `.env` file sets (empty if there is no such file)."""
    from dotenv import dotenv_values

    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise EnvFileError(f"cannot read {path}: {exc.strerror}") from exc
    if size > MAX_BYTES:
        raise EnvFileError(f"{path} is larger than {MAX_BYTES // 1024} KiB: is it the right file?")
    try:
        values = dotenv_values(path, interpolate=False, encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise EnvFileError(f"cannot read {path}: {type(exc).__name__}") from exc
    return {key: value for key, value in values.items() if value is not None}


def environment(
    directory: Path | None = None, environ: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The environment with `.env` of `directory` (default: the working directory) beneath it."""
    base = os.environ if environ is None else environ
    from_file = read_env_file((directory or Path.cwd()) / ENV_FILE)
    return {**from_file, **base}
