"""Packaging is declared in pyproject.toml; this only ships the season with the package.

`pip install .` copies `knowledge/` into the built package as `bot/knowledge/`, so an installed
bot answers from any directory (`bot.core.engine.default_knowledge_dir` finds it with
importlib.resources). An editable install reads the checkout's `knowledge/` instead.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithKnowledge(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        target = Path(self.build_lib) / "bot" / "knowledge"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(
            Path(__file__).resolve().parent / "knowledge",
            target,
            ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".*"),
        )


setup(cmdclass={"build_py": BuildWithKnowledge})
