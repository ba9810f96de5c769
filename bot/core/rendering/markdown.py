"""Making text a member typed safe to echo back inside a Discord message.

Discord renders a subset of Markdown plus its own spoiler bars (`||...||`) and mentions. Text we
echo back (a question quoted in "did you mean ...", a name that was not found) must show exactly as
typed: it must not open or close a spoiler bar, a code span or a masked link, start a heading or a
quote, or ping anyone.
"""

from __future__ import annotations

import re

__all__ = ["ZWSP", "escape_markdown"]

# A zero-width space: invisible, but breaks "@everyone" and "<@123>" apart so they never parse.
ZWSP = "\u200b"

# Characters that are markup wherever they appear. The backslash comes first in the class only for
# readability: the substitution is a single pass, so escapes are never escaped twice.
_INLINE_MARKUP = re.compile(r"([\\*_~`|\[\]()])")
# Markup that only counts at the start of a line (after optional indentation): quotes, headings,
# "-" lists and "-#" subtext, and ordered lists ("1. "), where escaping the dot is enough.
_LINE_START_MARKUP = re.compile(r"^([ \t]*)([>#-])", re.MULTILINE)
_ORDERED_LIST = re.compile(r"^([ \t]*\d+)\.", re.MULTILINE)


def escape_markdown(text: str) -> str:
    """`text` escaped so Discord shows it literally and it can neither ping nor break markup.

    Every Markdown character that works mid-line is backslash-escaped; quote, heading and list
    markers only at the start of a line, where they take effect. Mentions are neutralised with a
    zero-width space after each "@" and "<", so `@everyone`, `<@123>`, `<@&123>` and `<#123>` stay
    plain text even if `allowed_mentions` were ever forgotten.
    """
    escaped = _INLINE_MARKUP.sub(r"\\\1", text)
    escaped = _LINE_START_MARKUP.sub(r"\1\\\2", escaped)
    escaped = _ORDERED_LIST.sub(r"\1\\.", escaped)
    return escaped.replace("@", "@" + ZWSP).replace("<", "<" + ZWSP)
