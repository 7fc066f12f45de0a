"""Final tidying of whitespace left behind by the earlier steps.

Cutting a quote or rendering ``</p><p>`` leaves blank lines, trailing spaces
and empty edges. Checks split sentences and lines on this text, and a
sign-off is recognised by its last lines, so the layout is made regular:
no leading or trailing whitespace, no spaces before a line break, at most one
blank line in a row. Only deletions, so every kept character stays verbatim.
"""

from __future__ import annotations

import re

from replylint.normalize.edits import Edit

#: Two or more blank lines in a row, or spaces and tabs before a line break. A run of
#: spaces is only tried from its first character: tried from every one, a long run with
#: no line break after it would take quadratic time. One character class opens it (a
#: line break, a space or a tab), the rest of each alternative read after it, so the
#: search skips to those characters instead of trying both alternatives at every one.
_UNTIDY = re.compile(r"[\n \t](?:(?<=\n)(?:[ \t]*\n){2,}|(?<![ \t][ \t])(?<=[ \t])[ \t]*(?=\n))")


def whitespace_edits(text: str) -> list[Edit]:
    """Edits that strip the text and collapse runs of blank lines to one."""
    last = len(text.rstrip())
    first = len(text) - len(text.lstrip()) if last else 0
    edits: list[Edit] = []
    if first:
        edits.append(Edit(0, first))
    for match in _UNTIDY.finditer(text, first, last):
        start, end = match.span()
        if text[start] == "\n":
            edits.append(Edit(start + 1, end - 1))
        else:
            edits.append(Edit(start, end))
    if last < len(text):
        edits.append(Edit(last, len(text)))
    return edits
