"""Markdown's hard line break in plain-text and Markdown replies: ``Best regards,\\``.

A backslash ending a line tells Markdown to break the line there, as a paragraph's line
breaks otherwise are not: macros kept as Markdown write ``Best regards,\\`` over ``Sam``
so the name stands on a line of its own. The customer reads "Best regards," and "Sam";
the checks read a valediction ending in a backslash, which is none, and so no sign-off.
The backslash is cut as markup; the line break stays.

Precision first: only a single backslash right after a word or punctuation mark
(``C:\\Users\\`` at the end of a line loses its last backslash, which reads the same),
over a line that goes on in the same paragraph (a backslash closing the text or a
paragraph breaks nothing), outside fenced code (a shell command's `` \\`` continuation).
HTML is rendered already (a hard break is ``<br>``), so this step is for plain text only.
"""

from __future__ import annotations

import re

from replylint.normalize.edits import Edit
from replylint.normalize.emphasis import prose_lines

#: A backslash ending a line after a character that is no space and no backslash.
_HARD_BREAK = re.compile(r"(?<=[^\s\\])\\\Z")


def hard_break_edits(text: str, *, html: bool = False) -> list[Edit]:
    """Edits that remove the backslash of each Markdown hard line break (none for HTML)."""
    if html or "\\\n" not in text:  # most replies: nothing to look at
        return []
    edits: list[Edit] = []
    for start, end in prose_lines(text):
        following = text.find("\n", end + 1)
        next_line = text[end + 1 : following if following >= 0 else len(text)]
        if end < len(text) and next_line.strip() and _HARD_BREAK.search(text, start, end):
            edits.append(Edit(end - 1, end, removed="markup"))
    return edits
