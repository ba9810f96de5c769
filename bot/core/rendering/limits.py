"""Discord's message limits, in characters (Python `len`, i.e. code points) unless noted.

The renderer keeps every message within these by construction. Most are also in Discord's OpenAPI
description; `CONTENT` (2000 for bot messages, the spec says 4000) and `EMBED_TOTAL` are not.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "AUTHOR",
    "BUTTONS_PER_ROW",
    "BUTTON_LABEL",
    "CHOICES",
    "CHOICE_NAME",
    "CONTENT",
    "CUSTOM_ID",
    "DESCRIPTION",
    "EMBEDS",
    "EMBED_TOTAL",
    "FIELDS",
    "FIELD_NAME",
    "FIELD_VALUE",
    "FOOTER",
    "ROWS",
    "TITLE",
]

CONTENT: Final = 2000  # message content
EMBEDS: Final = 10  # embeds per message
TITLE: Final = 256  # embed title
DESCRIPTION: Final = 4096  # embed description
FIELDS: Final = 25  # fields per embed
FIELD_NAME: Final = 256
FIELD_VALUE: Final = 1024
FOOTER: Final = 2048  # embed footer text
AUTHOR: Final = 256  # embed author name
# Sum over all embeds of a message: title + description + field names and values + footer + author.
EMBED_TOTAL: Final = 6000
BUTTON_LABEL: Final = 80
CUSTOM_ID: Final = 100  # component custom_id
BUTTONS_PER_ROW: Final = 5
ROWS: Final = 5  # action rows per message
CHOICE_NAME: Final = 100  # autocomplete / option choice name
CHOICES: Final = 25  # choices per autocomplete answer
