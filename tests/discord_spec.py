"""Checking request bodies against Discord's own OpenAPI description of its HTTP API.

The description lives in ../shared/discord-api-spec/openapi.json (see its README); tests get its
path from the `discord_openapi_path` fixture in tests/conftest.py, which skips when ../shared is
absent.

    from tests.discord_spec import check_message_limits, load_spec, validate_request

    def test_reply_is_a_valid_message(discord_openapi_path):
        spec = load_spec(discord_openapi_path)   # parsed once per process, then cached
        body = render_message(reply, policy)
        validate_request(spec, "POST", "/channels/{channel_id}/messages", body)
        check_message_limits(body)               # what the spec does not encode

`validate_request` takes the JSON request-body schema of one operation and validates with
JSON Schema draft 2020-12; `$ref`s such as "#/components/schemas/RichEmbed" resolve through a
`referencing` registry holding the whole document. On failure it raises `AssertionError` listing
every error with its location in the body (for `anyOf`/`oneOf`: the errors of the branch the body
came closest to). Validators are cached per operation, so validating many bodies is cheap.

Operations are found by method and path. Parameter names do not matter, and a concrete path works
too, so these all find the same operation:

    "/webhooks/{application_id}/{interaction_token}/messages/@original"   (Discord's docs' names)
    "/webhooks/{webhook_id}/{webhook_token}/messages/@original"           (the spec's names)
    "/webhooks/123/abc/messages/@original"                                 (a recorded request)

Literal segments win over parameters ("@original" over "{message_id}"). Operations used so far:

    POST  /channels/{channel_id}/messages                         a message in a channel
    POST  /interactions/{interaction_id}/{interaction_token}/callback
          {"type": 4, "data": message} answers, {"type": 5} defers, {"type": 8, "data": {"choices"}}
    PATCH /webhooks/{application_id}/{interaction_token}/messages/@original     edit the answer
    POST  /webhooks/{application_id}/{interaction_token}                         a follow-up
    PUT   /applications/{application_id}/commands                  global slash commands
    PUT   /applications/{application_id}/guilds/{guild_id}/commands

Not checked: `format` keywords (uri, date-time, snowflake: annotations only, as in draft 2020-12's
default), multipart bodies (pass `media_type` for another content type), and the limits the spec
leaves out, which `check_message_limits` covers: 2000 characters of content for a bot message (the
spec says 4000) and 6000 characters over all embeds of a message.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from referencing import Registry
from referencing.jsonschema import DRAFT202012

__all__ = [
    "CONTENT_LIMIT",
    "EMBED_TOTAL_LIMIT",
    "Spec",
    "check_message_limits",
    "embed_total",
    "load_spec",
    "validate_message",
    "validate_request",
]

CONTENT_LIMIT = 2000  # a bot's message content; the spec allows 4000 (that is for Nitro users)
EMBED_TOTAL_LIMIT = 6000  # titles, descriptions, field names and values, footers, author names
# The URI the document is registered under; its "#/components/..." refs resolve against it.
SPEC_URI = "urn:discord:openapi"
JSON = "application/json"
_METHODS = frozenset({"get", "put", "post", "patch", "delete"})
_MAX_MESSAGE = 300  # characters of one error message (they quote the instance, which can be huge)


@dataclass(frozen=True, eq=False)
class Spec:
    """Discord's OpenAPI document, ready to validate request bodies. Get one from `load_spec`."""

    source: Path
    document: Mapping[str, Any]
    registry: Registry[Any] = field(repr=False)
    _validators: dict[tuple[str, str, str], Draft202012Validator] = field(
        default_factory=dict, repr=False
    )

    def find_path(self, path: str) -> str:
        """The spec's path template matching `path` (a template with any names, or concrete)."""
        wanted = _split(path)
        scored = [
            (score, template)
            for template in self.document["paths"]
            if (score := _match_score(_split(template), wanted)) is not None
        ]
        if not scored:
            close = difflib.get_close_matches(path, list(self.document["paths"]), n=3, cutoff=0.5)
            raise LookupError(f"no path like {path!r} in {self.source.name}; close: {close}")
        return str(max(scored)[1])

    def request_schema_pointer(self, method: str, path: str, media_type: str = JSON) -> str:
        """The JSON pointer (within the document) of that operation's request-body schema."""
        template = self.find_path(path)
        verb = method.lower()
        operation = self.document["paths"][template].get(verb)
        if verb not in _METHODS or operation is None:
            raise LookupError(f"{template} has no {method.upper()} operation")
        content = (operation.get("requestBody") or {}).get("content") or {}
        if media_type not in content:
            raise LookupError(f"{method.upper()} {template} takes no {media_type} body")
        parts = ["paths", template, verb, "requestBody", "content", media_type, "schema"]
        return "/" + "/".join(part.replace("~", "~0").replace("/", "~1") for part in parts)

    def validator(self, method: str, path: str, media_type: str = JSON) -> Draft202012Validator:
        """A (cached) validator for the request body of `method path`."""
        key = (method.lower(), self.find_path(path), media_type)
        if key not in self._validators:
            pointer = self.request_schema_pointer(method, path, media_type)
            schema = {"$ref": f"{SPEC_URI}#{quote(pointer, safe='/~')}"}
            self._validators[key] = Draft202012Validator(schema, registry=self.registry)
        return self._validators[key]


def load_spec(path: str | Path) -> Spec:
    """The spec at `path`, parsed once per process (the file is 1.2 MB)."""
    return _load_spec(str(Path(path).resolve()))


@lru_cache(maxsize=4)
def _load_spec(path: str) -> Spec:
    document = json.loads(Path(path).read_text(encoding="utf-8"))
    registry: Registry[Any] = Registry().with_resource(
        SPEC_URI, DRAFT202012.create_resource(document)
    )
    return Spec(Path(path), document, registry)


def validate_request(
    spec: Spec, method: str, path_template: str, body: Any, *, media_type: str = JSON
) -> None:
    """Assert that `body` is a valid request body for `method path_template`.

    Raises AssertionError listing every schema error, each with its location in the body.
    """
    validator = spec.validator(method, path_template, media_type)
    errors = sorted(validator.iter_errors(body), key=lambda e: [str(p) for p in e.absolute_path])
    if errors:
        where = f"{method.upper()} {spec.find_path(path_template)}"
        lines = [_describe(error) for error in errors]
        raise AssertionError(f"{len(errors)} schema error(s) for {where}:\n" + "\n".join(lines))


def embed_total(embeds: Iterable[Mapping[str, Any]]) -> int:
    """The characters Discord counts against the 6000 limit over a message's embeds."""
    total = 0
    for embed in embeds:
        total += len(embed.get("title") or "") + len(embed.get("description") or "")
        total += len((embed.get("footer") or {}).get("text") or "")
        total += len((embed.get("author") or {}).get("name") or "")
        for embed_field in embed.get("fields") or ():
            total += len(embed_field.get("name") or "") + len(embed_field.get("value") or "")
    return total


def check_message_limits(body: Mapping[str, Any]) -> None:
    """Assert the limits the spec does not encode: content <= 2000, all embeds <= 6000 in total.

    `body` is a message (channel message, webhook or follow-up body) or an interaction callback,
    whose `data` is checked.
    """
    if "data" in body and "type" in body:
        body = body.get("data") or {}
    problems: list[str] = []
    content = body.get("content") or ""
    if len(content) > CONTENT_LIMIT:
        problems.append(f"content is {len(content)} characters, over {CONTENT_LIMIT}")
    total = embed_total(body.get("embeds") or ())
    if total > EMBED_TOTAL_LIMIT:
        problems.append(f"embeds total {total} characters, over {EMBED_TOTAL_LIMIT}")
    if problems:
        raise AssertionError("message over Discord's limits: " + "; ".join(problems))


def validate_message(
    spec: Spec,
    body: Mapping[str, Any],
    method: str = "POST",
    path_template: str = "/channels/{channel_id}/messages",
) -> None:
    """`validate_request` and `check_message_limits` in one call (a channel message by default)."""
    validate_request(spec, method, path_template, body)
    check_message_limits(body)


# -- helpers ---------------------------------------------------------------------------------------


def _split(path: str) -> list[str]:
    return [part for part in path.strip().split("?")[0].split("/") if part]


def _is_parameter(segment: str) -> bool:
    return segment.startswith("{") and segment.endswith("}")


def _match_score(template: list[str], wanted: list[str]) -> int | None:
    """How many literal segments match (None: no match); a parameter matches any one segment."""
    if len(template) != len(wanted):
        return None
    score = 0
    for ours, theirs in zip(template, wanted, strict=True):
        if _is_parameter(ours):
            continue
        if ours != theirs:
            return None
        score += 1
    return score


def _describe(error: ValidationError) -> str:
    reasons = _reasons(error)
    lines = [f"  {reason.json_path}: {_message(reason)}" for reason in reasons]
    if reasons != [error]:
        lines.insert(0, f"  {error.json_path}: matches none of the allowed shapes; closest:")
        lines[1:] = ["  " + line for line in lines[1:]]
    return "\n".join(lines)


def _reasons(error: ValidationError) -> list[ValidationError]:
    """The errors that explain `error`: for anyOf/oneOf, those of the branch that came closest.

    A branch whose "type" property (or JSON type) does not match was not the one meant, e.g. an
    autocomplete callback when the body says {"type": 4}; of the rest, the branch with the fewest
    errors (then the deepest) is the one the body was trying to be.
    """
    if not error.context:
        return [error]
    branches: dict[object, list[ValidationError]] = {}
    for sub in error.context:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    meant = [b for b in branches.values() if not any(_other_variant(e) for e in b)]
    explained = [[leaf for sub in b for leaf in _reasons(sub)] for b in meant or branches.values()]
    depth = len(error.absolute_path)
    candidates = [leaves for leaves in explained if _deepest(leaves) > depth]
    if not candidates:  # nothing deeper: the parent's own message says it best
        return [error]
    # The fewest errors, then the deepest: the branch the body most nearly is.
    return max(candidates, key=lambda leaves: (-len(leaves), _deepest(leaves)))


def _other_variant(error: ValidationError) -> bool:
    wrong_type = error.validator == "type" and not error.relative_path
    wrong_tag = error.validator in ("enum", "const") and list(error.relative_path) == ["type"]
    return wrong_type or wrong_tag


def _deepest(errors: list[ValidationError]) -> int:
    return max(len(e.absolute_path) for e in errors)


def _message(error: ValidationError) -> str:
    """The error's message, without quoting a huge instance."""
    instance, limit = error.instance, error.validator_value
    if error.validator in ("maxLength", "minLength") and isinstance(instance, str):
        return f"{len(instance)} characters, {error.validator} is {limit}"
    if error.validator in ("maxItems", "minItems") and isinstance(instance, list):
        return f"{len(instance)} items, {error.validator} is {limit}"
    message = str(error.message)
    return message if len(message) <= _MAX_MESSAGE else message[: _MAX_MESSAGE - 1] + "…"
