"""Turning a neutral `Reply` into the exact JSON body of a Discord message.

The output is valid by construction: every string is within Discord's limits (`bot.core.rendering.limits`),
including the 2000-character content and the 6000-character total over a message's embeds, and
`allowed_mentions` is always `{"parse": []}` so nothing the bot says can ping anyone.

Spoilers never leak, also by construction:

* Only `RichText` (content, embed descriptions, field values) may hold spoilers; titles, field
  names, footers and button labels are plain strings the model keeps spoiler-free: only clipped.
* A segment the policy hides is either wrapped in spoiler bars (TAGGED) or replaced by a marker such
  as "[spoiler: episode 5]" (BLOCKED), plus one short note saying how to see it.
* The only `||` in the output are the bars added here: every `|` and `\\` in the text is escaped.
  Bar contents are fully escaped (`escape_markdown`), so no `*`, `_`, `~`, `` ` `` or `]` inside a
  bar can close a span opened before it (which would leave the bar half outside the span, visible).
  Bars never span lines (a quote or heading line could otherwise end in the middle of one), and
  when a text holds bars its backticks are escaped, so a code span cannot swallow a bar whole.
* Text is cut to size as a list of escaped sentences ("atoms") *before* the bars are added, and the
  bars are re-added to whatever survives, so they are always balanced.

Model text (the answers) otherwise keeps its Markdown; text a member typed (`user_text`) is escaped.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import groupby, islice
from typing import Any, Literal, NamedTuple

from bot.core.answering.reply import Card, CardField, Reply
from bot.core.knowledge.richtext import RichText, Segment, SpoilerMode, SpoilerPolicy
from bot.core.rendering import limits
from bot.core.rendering.markdown import ZWSP, escape_markdown

__all__ = [
    "ASK_PREFIX",
    "REVEAL_CUSTOM_ID",
    "REVEAL_LABEL",
    "blocked_note",
    "message_to_console",
    "needs_reveal",
    "render_message",
    "render_text",
]

ELLIPSIS = "…"
REVEAL_LABEL = "Show me privately"
REVEAL_CUSTOM_ID = "reveal"
ASK_PREFIX = "ask:"  # custom_id of a suggestion button: "ask:" + the question it asks
CONTINUED = " (cont.)"  # name suffix of the extra fields a long field value is split into
# Below this many characters per part, shortening everything stops being readable: trailing
# fields and embeds are dropped instead, so the first ones stay whole.
READABLE_PART = 200
SPOILER_BAR = "||"
# Discord rejects an empty field name or value; a zero-width space is the usual stand-in.
EMPTY_FIELD = ZWSP

# Where a text may be cut: after a sentence end (with any closing quote or bracket, possibly
# escaped) and the whitespace after it, or after a line break.
_SENTENCE_END = re.compile(r"[.!?…]+(?:\\?[\"'”’»)\]])*\s+|\n\s*")
# A URL at the very end of the text before a bar would swallow the bar ("https://x.co||s||").
_URL_AT_END = re.compile(r"://\S*\Z")
_MARKDOWN_ESCAPE = re.compile(r"\\([^\w\s])")

_Kind = Literal["plain", "bar", "withheld"]


# -- public API -----------------------------------------------------------------------------------


def render_message(
    reply: Reply, policy: SpoilerPolicy, *, reveal_button: bool = False
) -> dict[str, Any]:
    """The JSON body of a Discord message (or interaction response `data`) for `reply`.

    Keys: "content" (possibly ""), "embeds" (possibly []), "components" (only when there are
    buttons) and "allowed_mentions" (always `{"parse": []}`). With `reveal_button`, a primary
    "Show me privately" button (custom_id "reveal") comes first.
    """
    note = blocked_note(reply, policy)
    embeds = _render_embeds(reply.cards, policy, note)
    content = _render_content(reply.content, policy, None if embeds else note)
    message: dict[str, Any] = {"content": content, "embeds": embeds}
    components = _components(reply.suggestions, reveal_button)
    if components:
        message["components"] = components
    message["allowed_mentions"] = {"parse": []}
    return message


def render_text(text: RichText, policy: SpoilerPolicy, limit: int) -> str:
    """`text` as Discord markup under `policy`, at most `limit` characters (cut with "…")."""
    return _truncate(_prepare(text, policy), limit)


def needs_reveal(reply: Reply, policy: SpoilerPolicy) -> bool:
    """Whether anything in `reply` would be tagged or withheld for this reader."""
    return any(policy.hides(segment) for segment in _segments(reply))


def blocked_note(reply: Reply, policy: SpoilerPolicy) -> str | None:
    """The note a BLOCKED channel shows when `reply` withholds something, else None."""
    if policy.mode is not SpoilerMode.BLOCKED:
        return None
    hidden = [s.spoiler_from for s in _segments(reply) if policy.hides(s)]
    first = min((episode for episode in hidden if episode is not None), default=None)
    if first is None:
        return None
    return (
        f"Spoilers from episode {first} on are hidden here; set your progress with /progress "
        "or use Show me privately."
    )


def message_to_console(message: Mapping[str, Any]) -> str:
    """A plain-text view of a rendered message for a terminal; spoiler bars stay as ||...||."""
    blocks: list[str] = []
    if message.get("content"):
        blocks.append(_readable(message["content"]))
    blocks.extend(_embed_to_console(embed) for embed in message.get("embeds") or ())
    labels = [
        f"[{button.get('label', '')}]"
        for row in message.get("components") or ()
        for button in row.get("components", ())
    ]
    if labels:
        blocks.append(" ".join(labels))
    return "\n\n".join(block for block in blocks if block)


# -- from rich text to runs and atoms --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Run:
    """Escaped text ready for Discord; `bar` runs get spoiler bars when rendered."""

    text: str
    bar: bool


class _Atom(NamedTuple):
    """The smallest piece a text is cut at (a sentence, or part of one): escaped, without bars.

    Consecutive atoms of the same run render together, inside one set of bars if `bar`.
    (A tuple: texts of 4000 characters make thousands of these.)
    """

    text: str
    run: int
    bar: bool


def _segments(reply: Reply) -> Iterable[Segment]:
    """Every non-empty segment that may be rendered (empty ones show nothing, so hide nothing)."""
    texts: list[RichText] = [reply.content]
    for card in reply.cards:
        texts.append(card.description)
        texts.extend(card_field.value for card_field in card.fields)
    return (segment for text in texts for segment in text if segment.text)


def _prepare(text: RichText, policy: SpoilerPolicy) -> list[_Atom]:
    return _atoms(_runs(text, policy))


def _kind(segment: Segment, policy: SpoilerPolicy) -> _Kind:
    """How a segment shows: plain, inside spoiler bars, or withheld behind a marker."""
    if not policy.hides(segment):
        return "plain"
    return "withheld" if policy.mode is SpoilerMode.BLOCKED else "bar"


def _absorb_gaps(segments: Sequence[Segment], kinds: list[_Kind]) -> None:
    """Whitespace between two hidden segments joins them into one bar or one marker.

    Adjacent hidden segments always share one bar (whatever their episodes: all spoil this
    reader), so two bars never touch: "||a||||b||" is fragile markup.
    """
    index = 1
    while index < len(kinds):
        end = index
        while end < len(kinds) and kinds[end] == "plain" and segments[end].text.isspace():
            end += 1
        gap = end > index
        if gap and end < len(kinds) and kinds[index - 1] == kinds[end] != "plain":
            kinds[index:end] = [kinds[end]] * (end - index)
        index = end if gap else index + 1


def _runs(text: RichText, policy: SpoilerPolicy) -> list[_Run]:
    segments = [segment for segment in text if segment.text]
    kinds = [_kind(segment, policy) for segment in segments]
    _absorb_gaps(segments, kinds)
    # Backticks only matter next to a bar (a code span could swallow it), so text without bars
    # keeps its inline code.
    has_bars = "bar" in kinds
    pieces: list[_Run] = []
    for kind, group in groupby(zip(kinds, segments, strict=True), key=lambda pair: pair[0]):
        grouped = [segment for _, segment in group]
        pieces.append(_piece(kind, grouped, has_bars))
    # Markers are plain text: merge them with their neighbours into as few runs as possible.
    return _merge_plain(pieces)


def _merge_plain(pieces: Sequence[_Run]) -> list[_Run]:
    merged: list[_Run] = []
    for piece in pieces:
        if merged and not piece.bar and not merged[-1].bar:
            merged[-1] = _Run(merged[-1].text + piece.text, False)
        else:
            merged.append(piece)
    return merged


def _piece(kind: _Kind, segments: Sequence[Segment], has_bars: bool) -> _Run:
    if kind == "bar":
        # Fully escaped, whoever wrote it: markup inside a bar could close a span opened outside.
        return _Run("".join(escape_markdown(s.text) for s in segments), True)
    if kind == "withheld":
        episode = min(s.spoiler_from for s in segments if s.spoiler_from is not None)
        return _Run(f"[spoiler: episode {episode}]", False)
    return _Run("".join(_escape_plain(s, has_bars) for s in segments), False)


def _escape_plain(segment: Segment, has_bars: bool) -> str:
    if segment.user_text:
        return escape_markdown(segment.text)
    # Model text keeps its Markdown, except what could fake, break or swallow a spoiler bar.
    text = segment.text.replace("\\", "\\\\").replace("|", "\\|")
    return text.replace("`", "\\`") if has_bars else text


def _atoms(runs: Sequence[_Run]) -> list[_Atom]:
    atoms: list[_Atom] = []
    for index, run in enumerate(runs):
        start = 0
        for match in _SENTENCE_END.finditer(run.text):
            atoms.append(_Atom(run.text[start : match.end()], index, run.bar))
            start = match.end()
        if start < len(run.text):
            atoms.append(_Atom(run.text[start:], index, run.bar))
    return atoms


# -- rendering atoms, cutting them to size ---------------------------------------------------------


def _render(atoms: Sequence[_Atom]) -> str:
    """The atoms as Discord markup: runs joined, bars added, outer whitespace trimmed."""
    groups = _join_runs(atoms)
    # Trim before wrapping, so trailing space never hides inside a final bar ("||a. ||").
    while groups and not groups[0][0].strip():
        groups.pop(0)
    while groups and not groups[-1][0].strip():
        groups.pop()
    if not groups:
        return ""
    groups[0] = (groups[0][0].lstrip(), groups[0][1])
    groups[-1] = (groups[-1][0].rstrip(), groups[-1][1])
    out: list[str] = []
    for text, bar in groups:
        if bar and out and _URL_AT_END.search(out[-1]):
            out.append(" ")
        out.append(_wrap(text) if bar else text)
    return "".join(out)


def _join_runs(atoms: Sequence[_Atom]) -> list[tuple[str, bool]]:
    """(text, bar) per run. A plain loop: this is the hot path of every cut."""
    parts: list[tuple[list[str], bool]] = []
    last_run = -1
    for text, run, bar in atoms:
        if run == last_run:
            parts[-1][0].append(text)
        else:
            parts.append(([text], bar))
            last_run = run
    return [("".join(texts), bar) for texts, bar in parts]


def _wrap(text: str) -> str:
    """Spoiler bars around each non-blank line of `text` (already escaped)."""
    return "\n".join(_wrap_line(line) if line.strip() else line for line in text.split("\n"))


def _wrap_line(line: str) -> str:
    # "||a\|||" would close on the escaped pipe and show the last "|": keep them apart.
    tail = " " if line.endswith("\\|") else ""
    return f"{SPOILER_BAR}{line}{tail}{SPOILER_BAR}"


def _truncate(atoms: Sequence[_Atom], limit: int) -> str:
    """The atoms rendered within `limit`, cut at a sentence (or else a word) and marked "…"."""
    full = _render(atoms)
    if len(full) <= limit:
        return full
    if limit < 1:
        return ""
    head, _, at_sentence = _take(atoms, limit - len(" " + ELLIPSIS))
    body = _render(head)
    if not body:
        return ELLIPSIS
    return body + (" " + ELLIPSIS if at_sentence else ELLIPSIS)


def _paginate(atoms: Sequence[_Atom], limit: int, max_pages: int) -> list[str]:
    """The atoms split into at most `max_pages` pages within `limit`; the last one may be cut."""
    pages: list[str] = []
    rest = list(atoms)
    while rest:
        if len(pages) >= max_pages - 1:
            pages.append(_truncate(rest, limit))
            break
        head, rest, _ = _take(rest, limit)
        if not head:  # not even one character fits: only with absurdly small limits
            pages.append(_truncate(rest, limit))
            break
        page = _render(head)
        if page:
            pages.append(page)
    return [page for page in pages if page]


def _take(atoms: Sequence[_Atom], budget: int) -> tuple[list[_Atom], list[_Atom], bool]:
    """Split `atoms` into a head that renders within `budget` and the rest.

    Whole atoms (sentences) are preferred; when they fill less than half the budget, the next atom
    is cut at a word instead, so one long sentence does not leave the text nearly empty. The flag
    says whether the cut fell between atoms.
    """
    count = _fitting_count(atoms, budget)
    head = list(atoms[:count])
    if count == len(atoms):
        return head, [], True
    if count and len(_render(head)) * 2 >= budget:
        return head, list(atoms[count:]), True
    cut = _fitting_prefix(head, atoms[count], budget)
    if cut == 0:
        return head, list(atoms[count:]), True
    first, second = atoms[count].text[:cut], atoms[count].text[cut:]
    head.append(atoms[count]._replace(text=first))
    return head, [atoms[count]._replace(text=second), *atoms[count + 1 :]], False


def _fitting_count(atoms: Sequence[_Atom], budget: int) -> int:
    """The most leading atoms that render within `budget` (rendered length grows with the count)."""
    low, high = 0, len(atoms)
    while low < high:
        middle = (low + high + 1) // 2
        if len(_render(atoms[:middle])) <= budget:
            low = middle
        else:
            high = middle - 1
    return low


def _fitting_prefix(head: Sequence[_Atom], atom: _Atom, budget: int) -> int:
    """How much of `atom` fits after `head`, cut at a safe place (0: nothing)."""
    low, high = 0, len(atom.text)
    while low < high:
        middle = (low + high + 1) // 2
        if len(_render([*head, atom._replace(text=atom.text[:middle])])) <= budget:
            low = middle
        else:
            high = middle - 1
    return _safe_cut(atom.text, low)


def _safe_cut(text: str, cut: int) -> int:
    """`cut` moved back to a word boundary if one is near, and never inside an escape or a glyph."""
    space = next((i for i in range(cut - 1, cut // 2, -1) if text[i].isspace()), None)
    if space is not None:
        cut = space
    while cut > 0 and _splits_glyph_or_escape(text, cut):
        cut -= 1
    return cut


def _splits_glyph_or_escape(text: str, cut: int) -> bool:
    backslashes = len(text[:cut]) - len(text[:cut].rstrip("\\"))
    if backslashes % 2:  # would separate "\" from the character it escapes
        return True
    if cut >= len(text):
        return False
    following = text[cut]
    # Combining marks, variation selectors and joiners belong to the character before them.
    return (
        bool(unicodedata.combining(following))
        or following in "\u200d\ufe0e\ufe0f"
        or (text[cut - 1] == "\u200d")
    )


# -- content -------------------------------------------------------------------------------------


def _render_content(text: RichText, policy: SpoilerPolicy, note: str | None) -> str:
    atoms = _prepare(text, policy)
    if not note:
        return _truncate(atoms, limits.CONTENT)
    separator = "\n\n"
    body = _truncate(atoms, limits.CONTENT - len(separator) - len(note))
    return f"{body}{separator}{note}" if body else note


# -- embeds --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _FieldPlan:
    name: str
    value: list[_Atom]
    value_size: int  # rendered length before any cut
    inline: bool


@dataclass(frozen=True, slots=True)
class _EmbedPlan:
    title: str
    description: list[_Atom]
    description_size: int
    fields: tuple[_FieldPlan, ...]
    footer: str
    color: int | None


def _plan_field(card_field: CardField, policy: SpoilerPolicy) -> _FieldPlan:
    atoms = _prepare(card_field.value, policy)
    return _FieldPlan(card_field.name.strip(), atoms, len(_render(atoms)), card_field.inline)


def _plan_embed(card: Card, policy: SpoilerPolicy) -> _EmbedPlan | None:
    """What one card will show, or None when it would be an empty embed."""
    description = _prepare(card.description, policy)
    fields = tuple(_plan_field(f, policy) for f in card.fields[: limits.FIELDS])
    plan = _EmbedPlan(
        title=card.title.strip(),
        description=description,
        description_size=len(_render(description)),
        fields=fields,
        footer=card.footer.strip(),
        color=card.color if card.color is not None and 0 <= card.color <= 0xFFFFFF else None,
    )
    return None if _is_empty(plan) else plan


def _is_empty(plan: _EmbedPlan) -> bool:
    return not (plan.title or plan.description_size or plan.fields or plan.footer)


def _render_embeds(
    cards: Sequence[Card], policy: SpoilerPolicy, note: str | None
) -> list[dict[str, Any]]:
    """The embeds, within every per-embed limit and EMBED_TOTAL over all of them.

    First at full size (long field values split into continuation fields). If the total is too
    big, trailing fields and embeds are dropped while the rest would otherwise be cut below
    READABLE_PART characters each, then every part is capped at one common length (the longest
    parts shrink, short ones stay whole) and field values are no longer split.
    """
    planned = (plan for plan in (_plan_embed(card, policy) for card in cards) if plan)
    plans = list(islice(planned, limits.EMBEDS))
    if not plans:
        return []
    budget = limits.EMBED_TOTAL - (len(note) + 1 if note else 0)
    embeds = _build_embeds(plans, None, note)
    if _embeds_size(embeds) <= limits.EMBED_TOTAL:
        return embeds
    plans = _readable_prefix(plans, budget)
    embeds = _build_embeds(plans, None, note)
    if _embeds_size(embeds) <= limits.EMBED_TOTAL:
        return embeds
    return _build_embeds(plans, max(_water_level(_part_sizes(plans), budget), 1), note)


def _readable_prefix(plans: list[_EmbedPlan], budget: int) -> list[_EmbedPlan]:
    """Drop trailing fields, then embeds, until the parts left can each keep READABLE_PART."""
    while _water_level(_part_sizes(plans), budget) < READABLE_PART:
        shorter = _without_last_part(plans)
        if not shorter:
            break
        plans = shorter
    return plans


def _without_last_part(plans: list[_EmbedPlan]) -> list[_EmbedPlan]:
    """`plans` without the last field (or last embed, if it has none); [] if nothing is left."""
    *rest, last = plans
    if not last.fields:
        return rest
    trimmed = replace(last, fields=last.fields[:-1])
    # A card that was only fields has nothing left to show: Discord rejects an empty embed.
    return rest if _is_empty(trimmed) else [*rest, trimmed]


def _part_sizes(plans: Iterable[_EmbedPlan]) -> list[int]:
    """The length of every part of the embeds when unsplit, each within its own limit."""
    sizes: list[int] = []
    for plan in plans:
        sizes.append(min(len(plan.title), limits.TITLE))
        sizes.append(min(plan.description_size, limits.DESCRIPTION))
        sizes.append(min(len(plan.footer), limits.FOOTER))
        for f in plan.fields:
            sizes.append(max(min(len(f.name), limits.FIELD_NAME), 1))
            sizes.append(max(min(f.value_size, limits.FIELD_VALUE), 1))
    return sizes


def _water_level(sizes: Sequence[int], total: int) -> int:
    """The largest cap C with sum(min(size, C)) <= total: how far the longest parts must shrink."""
    ordered = sorted(sizes)
    remaining = total
    for index, size in enumerate(ordered):
        parts_left = len(ordered) - index
        if size * parts_left > remaining:
            return max(remaining // parts_left, 0)
        remaining -= size
    return max(ordered, default=total)


def _build_embeds(
    plans: Sequence[_EmbedPlan], cap: int | None, note: str | None
) -> list[dict[str, Any]]:
    last = len(plans) - 1
    return [_build_embed(plan, cap, note if i == last else None) for i, plan in enumerate(plans)]


def _build_embed(plan: _EmbedPlan, cap: int | None, note: str | None) -> dict[str, Any]:
    """One embed. `cap` (None: none) bounds every part and turns off field splitting."""
    embed: dict[str, Any] = {}
    title = _clip(plan.title, _capped(limits.TITLE, cap))
    if title:
        embed["title"] = title
    description = _truncate(plan.description, _capped(limits.DESCRIPTION, cap))
    if description:
        embed["description"] = description
    if plan.color is not None:
        embed["color"] = plan.color
    fields = _build_fields(plan.fields, cap)
    if fields:
        embed["fields"] = fields
    footer = _footer(plan.footer, note, cap)
    if footer:
        embed["footer"] = {"text": footer}
    return embed


def _build_fields(plans: Sequence[_FieldPlan], cap: int | None) -> list[dict[str, Any]]:
    """The fields; without a cap, a long value spills into "Name (cont.)" fields if room is left."""
    spare = 0 if cap is not None else limits.FIELDS - len(plans)
    fields: list[dict[str, Any]] = []
    for plan in plans:
        value_limit = _capped(limits.FIELD_VALUE, cap)
        pages = _paginate(plan.value, value_limit, 1 + spare) or [EMPTY_FIELD]
        spare -= len(pages) - 1
        name = _clip(plan.name, _capped(limits.FIELD_NAME, cap)) or EMPTY_FIELD
        for number, page in enumerate(pages):
            if number:
                name = _clip(plan.name, limits.FIELD_NAME - len(CONTINUED)) + CONTINUED
            fields.append({"name": name, "value": page, "inline": plan.inline})
    return fields


def _footer(footer: str, note: str | None, cap: int | None) -> str:
    """The card's footer, then the blocked-mode note (never cut) on its own line."""
    room = limits.FOOTER - (len(note) + 1 if note else 0)
    text = _clip(footer, _capped(room, cap))
    if not note:
        return text
    return f"{text}\n{note}" if text else note


def _capped(limit: int, cap: int | None) -> int:
    return limit if cap is None else min(limit, cap)


def _clip(text: str, limit: int) -> str:
    """A plain string cut to `limit` characters, ending in "…" when cut."""
    if len(text) <= limit:
        return text
    if limit < 1:
        return ""
    cut = limit - 1
    while cut > 0 and _splits_glyph_or_escape(text, cut):
        cut -= 1
    return text[:cut].rstrip() + ELLIPSIS


def _embeds_size(embeds: Iterable[Mapping[str, Any]]) -> int:
    """What Discord counts against EMBED_TOTAL."""
    total = 0
    for embed in embeds:
        total += len(embed.get("title", "")) + len(embed.get("description", ""))
        total += len(embed.get("footer", {}).get("text", ""))
        total += len(embed.get("author", {}).get("name", ""))
        total += sum(len(f["name"]) + len(f["value"]) for f in embed.get("fields", ()))
    return total


# -- components ----------------------------------------------------------------------------------


def _components(suggestions: Sequence[str], reveal_button: bool) -> list[dict[str, Any]]:
    """Action rows: the reveal button first, then one secondary button per suggestion."""
    buttons: list[dict[str, Any]] = []
    if reveal_button:
        buttons.append(_button(REVEAL_LABEL, REVEAL_CUSTOM_ID, style=1))
    seen = {REVEAL_CUSTOM_ID}
    for suggestion in suggestions:
        label = _clip(" ".join(suggestion.split()), limits.BUTTON_LABEL)
        custom_id = (ASK_PREFIX + suggestion.strip())[: limits.CUSTOM_ID]
        # Discord rejects a message whose custom_ids repeat; a button needs a label.
        if label and custom_id not in seen:
            seen.add(custom_id)
            buttons.append(_button(label, custom_id, style=2))
    buttons = buttons[: limits.BUTTONS_PER_ROW * limits.ROWS]
    step = limits.BUTTONS_PER_ROW
    return [{"type": 1, "components": buttons[i : i + step]} for i in range(0, len(buttons), step)]


def _button(label: str, custom_id: str, *, style: int) -> dict[str, Any]:
    return {"type": 2, "style": style, "label": label, "custom_id": custom_id}


# -- console -------------------------------------------------------------------------------------


def _readable(text: str) -> str:
    """Markup escapes and zero-width spaces removed, for a terminal."""
    return _MARKDOWN_ESCAPE.sub(r"\1", text).replace(ZWSP, "")


def _embed_to_console(embed: Mapping[str, Any]) -> str:
    lines: list[str] = []
    if embed.get("title"):
        lines.append(f"== {embed['title']} ==")
    if embed.get("description"):
        lines.append(_readable(embed["description"]))
    for f in embed.get("fields") or ():
        lines.append(f"{_readable(f['name'])}: {_readable(f['value'])}".rstrip())
    footer = (embed.get("footer") or {}).get("text")
    if footer:
        lines.append(f"-- {footer}")
    return "\n".join(lines)
