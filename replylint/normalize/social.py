"""Leading @handles of social-media replies.

A brand's tweet starts with the handles it answers ("@115917 @AmazonHelp Hi
there"). They address the message, they are not words of it: a greeting check
must see "Hi there" as the first words. A handle inside a sentence ("please
DM @AcmeHelp") is a word of the sentence and stays.
"""

from __future__ import annotations

import re

from replylint.normalize.edits import Edit

#: One or more handles at the very start, each followed by a separator or the
#: end. Each repetition starts with "@", so the loop cannot backtrack badly.
_LEADING_HANDLES = re.compile(
    r"\A[ \t\r\n]*(?:\.?@[A-Za-z0-9_]{1,30}(?![A-Za-z0-9_@'\u2019])[ \t\r\n:,]*){1,50}"
)
_TRAILING_SEPARATORS = " \t\r\n:,"


def handle_edits(text: str) -> list[Edit]:
    """Edits that remove the handles a reply starts with."""
    first = len(text) - len(text.lstrip(" \t\r\n"))
    if text[first : first + 1] != "@" and text[first : first + 2] != ".@":
        return []
    match = _LEADING_HANDLES.match(text)
    if match is None:
        return []
    end = match.end()
    handles_end = len(text[:end].rstrip(_TRAILING_SEPARATORS))
    edits = [Edit(first, handles_end, removed="handle")]
    if end > handles_end:
        edits.append(Edit(handles_end, end))
    return edits
