"""A macro file's own header: YAML front matter and a leading Markdown title.

Teams keep macros in git as Markdown files that open with a ``---`` block of
``key: value`` lines (YAML front matter) and a ``# Title`` heading. Some fence the block
with another rule (``***``, ``===``, ``___``, ``———``: any separator line of
:mod:`replylint.normalize.separators`), closed by the same line: it is read as front
matter all the same. The title may be written either way Markdown has: ``# Title``, or
``Title`` over a line of ``===`` or ``---`` (a setext heading), whose title is a phrase:
a first line ending as a greeting or a sentence does ("Hi Dana,", "It is done.") is the
reply's opening with a rule drawn under it. Both name the
macro for the team; the customer never reads them, and left in place the title
would be read as the reply's opening sentence ("# Refund approved" is not a
greeting, and the "Hi {{name}}," below it would no longer be first). They are cut
as markup, and only at the very start of the text: a heading further down is part
of the reply, and a hashtag ("#refund", no space) is not a heading.
"""

from __future__ import annotations

import re

from replylint.normalize.directives import lone_cr_as_lf
from replylint.normalize.edits import Edit
from replylint.normalize.separators import is_separator_line

#: Lines a front-matter block may hold: "key: value", "- item", an indented
#: continuation, a comment, or a blank line.
_YAML_LINE = re.compile(r"[A-Za-z_][\w .-]{0,60}:(?:[ \t].*)?|[ \t]*-(?:[ \t].*)?|[ \t].*|#.*|")
_YAML_KEY = re.compile(r"[A-Za-z_][\w .-]{0,60}:")
#: YAML's own end of a document, which may close a ``---`` block.
_YAML_END = "..."
#: An ATX heading: one to six "#" and a space ("# Refund approved").
_HEADING = re.compile(r"#{1,6}[ \t]+\S[^\n]*")
#: A setext heading: a line of words ending in no punctuation, over a line of ``=`` or
#: ``-`` ("Refund approved\n==============="). Tried from a line's start only: tried
#: from every character of a long line, it took quadratic time.
_SETEXT_HEADING = re.compile(
    r"(?<![^\n])[ ]{0,3}[^\s#>][^\n]*[^\s\n.,;:!?…][ \t]*\r?\n"
    r"[ ]{0,3}(?:={3,}|-{3,})[ \t]*(?=\r?\n|\Z)"
)
_MAX_FRONT_MATTER_LINES = 60


def _may_underline(text: str) -> bool:
    """Whether ``text`` holds the ``===`` or ``---`` a setext heading's underline needs:
    most replies hold neither, and matching the heading reads all of the first line."""
    return "===" in text or "---" in text


_BLANK = re.compile(r"\s*")


def frontmatter_edits(text: str) -> list[Edit]:
    """Edits that cut leading front matter and leading Markdown headings."""
    start = _skip_blank(text, 0)
    edits: list[Edit] = []
    end = front_matter_end(text)
    if end is not None:
        edits.append(Edit(start, end, removed="markup"))
        start = _skip_blank(text, end)
    while True:
        line_start = text.rfind("\n", 0, start) + 1  # (only blanks between them)
        heading = _HEADING.match(text, start) or (
            _SETEXT_HEADING.match(text, line_start) if _may_underline(text) else None
        )
        if heading is None:
            break
        after = _skip_blank(text, heading.end())
        if after >= len(text):
            break  # a heading and nothing else: keep it, it is all there is to read
        edits.append(Edit(start, after, removed="markup"))
        start = after
    return edits


def front_matter_end(text: str) -> int | None:
    """Where the front-matter block that opens ``text`` ends (after its closing fence and
    that line's break), or None when there is none. Public so that what writes into a
    macro (the editor's quick fix) keeps the block first, where site generators and
    this module look for it."""
    text = lone_cr_as_lf(text)  # lines as the normaliser's plain-text pass reads them
    return _front_matter_end(text, _skip_blank(text, 0))


def _skip_blank(text: str, position: int) -> int:
    match = _BLANK.match(text, position)
    return match.end() if match is not None else position


def _front_matter_end(text: str, start: int) -> int | None:
    """Where a front-matter block opening at `start` ends (after its closing fence)."""
    first_end = text.find("\n", start)
    fence = text[start:first_end].rstrip() if first_end >= 0 else ""
    if not is_separator_line(fence):
        return None
    closing = (fence, _YAML_END) if fence == "---" else (fence,)
    position = first_end + 1
    keys = 0
    for _ in range(_MAX_FRONT_MATTER_LINES):
        line_end = text.find("\n", position)
        stop = len(text) if line_end < 0 else line_end
        line = text[position:stop].rstrip()
        if line in closing:
            return stop + 1 if keys and line_end >= 0 else (stop if keys else None)
        if not _YAML_LINE.fullmatch(line):
            return None
        keys += _YAML_KEY.match(line) is not None
        if line_end < 0:
            return None
        position = line_end + 1
    return None
