"""Separator lines: ``---`` and its variants, and the signature they may separate.

Macros and replies draw a line between parts with any of Markdown's rules (``---``,
``***``, ``___``, ``- - -``), a setext-style ``===`` line, or the typographic dashes an
editor writes for them (``———``, ``–––``, ``═══``); an HTML reply's ``<hr>`` is rendered as
a ``---`` line (:mod:`replylint.normalize.htmltext`). Each is read as ``---`` is, wherever it
stands:

- at the very top, a pair of like rules around ``key: value`` lines is the macro's front
  matter (:mod:`replylint.normalize.frontmatter`);
- under the agent's sign-off, a rule followed by a few lines of company or contact
  details (no sentence of the reply among them) separates the signature, as the e-mail
  delimiter ``--`` does (:mod:`replylint.normalize.quoting`): those lines are cut, so the
  sign-off is again the end of the reply;
- anywhere else it is a rule the customer sees, between two parts of the reply, and
  never a word of a sentence: a line going on in lower case under it is not joined to it
  (:mod:`replylint.normalize.reflow`).

A rule above the closing ("...\\n---\\nThanks,\\nSam") separates no signature: nobody has
signed yet. Two dashes are the e-mail delimiter itself, and ``~~~`` and three backticks
open a Markdown code block: none is a rule here.
"""

from __future__ import annotations

import re

from replylint.normalize.edits import Edit
from replylint.normalize.quoting import MAX_SIGNATURE_LINES, is_signature_block
from replylint.normalize.signoff import find_signoff

#: Three or more of one rule character, spaces or tabs between them allowed. Its blanks
#: are tried from the first of a run only: searched from each one, a long run of tabs
#: took quadratic time.
_RULE = r"(?<![ \t])[ \t]*(?:([-*_=])(?:[ \t]*\1){2,}|([—–―─━═])(?:[ \t]*\2){2,})[ \t]*"
_SEPARATOR_LINE = re.compile(_RULE)
_SEPARATOR_LINES = re.compile(rf"(?m)^{_RULE}$")
#: Cheap test first: nearly every reply has no three rule characters in a row.
_TRIGGER = re.compile(r"([-*_=—–―─━═])[ \t]*\1[ \t]*\1")


def is_separator_line(line: str) -> bool:
    """Whether ``line`` (without its line break) is a separator line."""
    return _SEPARATOR_LINE.fullmatch(line) is not None


def separator_signature_edits(text: str) -> list[Edit]:
    """An edit cutting, as a signature, the first separator line right under the sign-off
    and the few lines of details under it; none when there is no such line."""
    if _TRIGGER.search(text) is None:
        return []
    # a signature is short, so only the tail can hold its separator
    tail = len(text.rstrip())
    for _ in range(MAX_SIGNATURE_LINES + 1):
        tail = text.rfind("\n", 0, tail)
        if tail < 0:
            tail = 0
            break
    for match in _SEPARATOR_LINES.finditer(text, tail):
        block = text[match.end() :].strip()
        before = text[: match.start()].rstrip()
        if not block or not before or not is_signature_block(block):
            continue
        if find_signoff(before) is not None:  # (a sign-off is found at the end only)
            return [Edit(match.start(), len(text), removed="signature")]
    return []
