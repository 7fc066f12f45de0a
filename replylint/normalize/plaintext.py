"""First pass over a plain-text reply: line endings, odd spaces, escaped entities.

Replies exported from ticketing tools and social APIs carry ``\\r\\n`` line
ends, non-breaking spaces, zero-width characters, and (Twitter) HTML-escaped
text such as ``Settings &gt; General``, sometimes escaped twice (``T&amp;amp;C``).
The checks should read ``\\n``, plain spaces, ``>`` and ``&``; the map still
points at the raw characters.
"""

from __future__ import annotations

import re
from html import unescape

from replylint.normalize.edits import Draft
from replylint.normalize.offsets import OffsetBuilder, OffsetMap

#: Characters and escapes rewritten in plain text. Named entities are limited
#: to the ones escaping tools emit and the typographic ones rich-text editors
#: leave in plain-text macros ("3&ndash;5 days"), so prose like "R&D;" stays
#: as typed.
_FIXUPS = re.compile(
    r"\r\n?"
    r"|[\u2028\u2029\x85]"
    r"|[\xa0\u2007\u202f]"
    r"|[\u200b-\u200d\u2060\ufeff]+"
    r"|&(?:amp;)?(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|amp|lt|gt|quot|apos|nbsp"
    r"|ndash|mdash|hellip|lsquo|rsquo|ldquo|rdquo);"
)

#: How decoded text is tidied before it enters the normalised text.
_DECODED_FIXUPS = str.maketrans(
    {
        "\r": "\n",
        "\u2028": "\n",
        "\u2029": "\n",
        "\x85": "\n",
        "\xa0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\u2060": None,
        "\ufeff": None,
    }
)


def tidy_decoded(text: str) -> str:
    """Apply the plain-text character fixups to text produced by decoding an entity."""
    return text.translate(_DECODED_FIXUPS)


def prepare_plain(raw: str) -> Draft:
    """Turn a raw plain-text reply into the first intermediate `Draft`."""
    if _FIXUPS.search(raw) is None:
        return Draft(raw, OffsetMap.identity(len(raw)))
    builder = OffsetBuilder()
    cursor = 0
    for match in _FIXUPS.finditer(raw):
        start, end = match.span()
        builder.copy(raw[cursor:start], cursor)
        token = match.group()
        first = token[0]
        if token == "\r\n":
            builder.copy("\n", start + 1)
        elif first == "&":
            # Escaped twice ("T&amp;amp;C", "Settings &amp;gt; Privacy") when a tool escapes
            # text that the social API had escaped already: both layers come off.
            decoded = tidy_decoded(unescape(unescape(token)))
            if decoded != token:
                builder.replace(decoded, start, end)
            else:
                builder.copy(token, start)
        elif first in "\r\u2028\u2029\x85":
            builder.replace("\n", start, end)
        elif first in "\xa0\u2007\u202f":
            builder.replace(" ", start, end)
        # zero-width characters are dropped
        cursor = end
    builder.copy(raw[cursor:], cursor)
    text, offsets = builder.build()
    return Draft(text, offsets)
