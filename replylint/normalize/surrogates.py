"""Lone surrogates: code points that are not text, left behind by bad decoding.

A Python ``str`` can hold UTF-16 surrogates (U+D800-U+DFFF) on their own: text decoded
with ``surrogateescape``, JSON with a ``"\\ud83d"`` escape, a string a JavaScript client
cut in the middle of an emoji. They cannot be encoded as UTF-8, so spaCy's tokenizer
(which hashes every token's UTF-8 bytes) raises on them. The checks read U+FFFD, the
replacement character, in their place; a pair that does form a valid character becomes
that character. The offset map still points at the raw code units, so a finding's
``text`` is exactly what the caller passed in.
"""

from __future__ import annotations

import re

from replylint.normalize.edits import Edit

#: A high-low pair (one real character, stored as two code units), or any other surrogate.
_SURROGATES = re.compile("[\ud800-\udbff][\udc00-\udfff]|[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def surrogate_edits(text: str) -> list[Edit]:
    """Edits that replace surrogates by the character they encode, or by U+FFFD."""
    edits: list[Edit] = []
    for match in _SURROGATES.finditer(text):
        units = match.group()
        if len(units) == 2:
            character = units.encode("utf-16-le", "surrogatepass").decode("utf-16-le")
        else:
            character = REPLACEMENT
        edits.append(Edit(match.start(), match.end(), character))
    return edits
