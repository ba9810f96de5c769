"""The door into the core: load a season once, then ask it questions.

    engine = Engine.load("knowledge/<season-id>")
    answer = engine.ask("who directed episode 1")   # -> Answer(reply, intent, answered)
    message = render_message(answer.reply, SpoilerPolicy(SpoilerMode.TAGGED, watched=3))

Everything here is synchronous and pure: no I/O after `load`, no Discord.
"""

from __future__ import annotations

from pathlib import Path

from bot.core.answering.decide import Answerer
from bot.core.answering.reply import Reply
from bot.core.answering.reveals import RevealFinder
from bot.core.answering.types import Answer, Choice, Trigger
from bot.core.knowledge.loader import load_knowledge
from bot.core.knowledge.model import KnowledgeBase
from bot.core.knowledge.parsecache import save_parsed_yaml
from bot.core.understanding.termcache import default_cache_dir

__all__ = ["Answer", "Choice", "Engine", "Trigger", "default_knowledge_dir"]


def default_knowledge_dir() -> Path:
    """The shipped season: the copy installed inside the package (`pip install .`), else the
    `knowledge/` folder of this checkout, else that of the current directory."""
    from importlib.resources import files

    installed = Path(str(files("bot") / "knowledge"))
    if installed.is_dir():
        return installed
    beside_package = Path(__file__).resolve().parents[2] / "knowledge"
    return beside_package if beside_package.is_dir() else Path.cwd() / "knowledge"


class Engine:
    """A loaded season that answers questions."""

    def __init__(self, kb: KnowledgeBase, cache_dir: Path | None = None) -> None:
        """`cache_dir` keeps what the example questions read as between runs (None: no cache)."""
        self.kb = kb
        self._answerer = Answerer(kb, cache_dir=cache_dir)
        self._reveals: RevealFinder | None = None  # built when first needed: few starts ask it

    @classmethod
    def load(cls, directory: str | Path | None = None, *, cache: bool = True) -> Engine:
        """Load and validate a season folder, or a knowledge root holding exactly one season.

        With `cache`, what the example questions read as and the YAML files parsed are kept in
        the user's cache folder (`JJ_CACHE_DIR`), so later starts skip that work; without it,
        nothing is written (YAML parsed at an earlier start may still be read back: it is the
        same data). Raises `KnowledgeNotFound` or `KnowledgeInvalid` (with every problem listed).
        """
        kb = load_knowledge(Path(directory) if directory else default_knowledge_dir())
        engine = cls(kb, default_cache_dir() if cache else None)
        if cache:
            save_parsed_yaml()  # the season's and the package's YAML, read back as JSON next time
        return engine

    @property
    def episode_count(self) -> int:
        """How many episodes the season has (progress runs from 0 to this)."""
        return self.kb.season.episode_count

    # -- free text -------------------------------------------------------------------------------

    def ask(
        self, question: str, trigger: Trigger = Trigger.ASK, watched: int | None = None
    ) -> Answer:
        """Answer a free-text question. With `Trigger.AUTO`, chatter gets `Answer(None, None)`.

        `watched` (the asker's progress, when known) only shapes story answers that depend on it,
        such as "what happened so far"; spoiler bars are the renderer's business."""
        return self._answerer.ask(question, trigger, watched)

    # -- structured look-ups for slash commands ----------------------------------------------------

    def episode_reply(self, episode: str) -> Reply:
        """The card for one episode, given "3", "ep 3", "s2e3" or a (fuzzy) title.

        Raises `EpisodeNotFound`.
        """
        return self._answerer.episode_reply(episode)

    def character_reply(self, name: str) -> Reply:
        """The card for one character, given its id, name or any alias (fuzzy).

        Raises `CharacterNotFound`.
        """
        return self._answerer.character_reply(name)

    def cast_reply(self) -> Reply:
        """The cast list, main cast first."""
        return self._answerer.cast_reply()

    def season_reply(self) -> Reply:
        """The season overview: release, episode list, showrunner, reception."""
        return self._answerer.season_reply()

    def help_reply(self) -> Reply:
        """What the bot covers and how to ask."""
        return self._answerer.help_reply()

    # -- autocomplete ------------------------------------------------------------------------------

    def episode_choices(self, current: str, limit: int = 25) -> list[Choice]:
        """Episodes matching what the member has typed so far (number or title), at most `limit`."""
        return self._answerer.episode_choices(current, limit)

    def character_choices(self, current: str, limit: int = 25) -> list[Choice]:
        """Characters matching what the member has typed so far, by spoiler-free names only."""
        return self._answerer.character_choices(current, limit)

    # -- showing questions back ----------------------------------------------------------------------

    def question_reveals(self, question: str) -> bool:
        """Whether a question, shown as typed to someone who has seen nothing, would spoil a reveal:
        it names a twist name, uses words only reveals use, or its answer holds reveals. Errs on
        the side of hiding.
        """
        if self._reveals is None:
            self._reveals = RevealFinder(self.kb)
        return self._reveals.question_reveals(question, self.ask(question))
