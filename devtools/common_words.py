"""Regenerate `bot/core/understanding/data/common_words.txt` from word-frequency data.

    python -m devtools.common_words            # needs the dev extra: pip install -e ".[dev]"

The bot asks "is this an everyday English word?" to tell a misspelt name from a real word and a
question about the season from chatter. The answer comes from `wordfreq` (frequencies over many
corpora), frozen into a plain word list so the bot itself needs neither the package nor its data.
"""

from __future__ import annotations

from pathlib import Path

TOP = 5000
TARGET = Path(__file__).resolve().parents[1] / "bot/core/understanding/data/common_words.txt"


def main() -> int:
    from wordfreq import top_n_list

    words = [w for w in top_n_list("en", TOP) if w.isalpha() and w.isascii()]
    header = f"# The {len(words)} most frequent English words (wordfreq top {TOP}): see {__name__}\n"
    TARGET.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"wrote {len(words)} words to {TARGET}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
