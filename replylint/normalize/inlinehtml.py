"""Inline HTML tags in a Markdown or plain-text reply: cut, its own line breaks kept.

Markdown has no syntax for everything, so macros kept as Markdown hold a few inline tags
("within <b>5 days</b>", "<a href=...>the guide</a>", a ``<br>``). Such a reply is not
read as HTML (:func:`replylint.normalize.htmltext.looks_like_html`): HTML collapses its
line breaks, and the greeting, the closing and the sign-off are found line by line. The
customer sees the words without the tags, so ``auto`` cuts the tags (as markup) and
keeps the words where they are; the offset map still points at the raw characters. A
``<br>`` breaks the line, unless a line break of the text already stands beside it
("Thanks,<br>" at the end of a line). A tag the text escapes (``&lt;b&gt;``) is text the
customer sees, and stays.
"""

from __future__ import annotations

import re

from replylint.normalize.edits import Draft, Edit
from replylint.normalize.htmltext import INLINE_TAGS

_INLINE_TAG = re.compile(
    rf"</?(?P<tag>{'|'.join(sorted(INLINE_TAGS, key=len, reverse=True))})(?:\s[^<>]{{0,2000}})?/?>",
    re.IGNORECASE,
)
#: Blanks between a ``<br>`` and the line break of the text it stands beside.
_BLANKS = " \t"


def inline_tag_edits(draft: Draft, raw: str) -> list[Edit]:
    """Edits cutting the inline tags of a plain-text ``draft`` of ``raw``; only tags
    written as such in ``raw``, not ones its escapes decoded into (``&lt;b&gt;``)."""
    text = draft.text
    if "<" not in text:
        return []
    edits = []
    for match in _INLINE_TAG.finditer(text):
        start, end = match.span()
        raw_start, raw_end = draft.offsets.to_original(start, end)
        if raw[raw_start : raw_start + 1] != "<" or raw[raw_end - 1 : raw_end] != ">":
            continue  # decoded from an escape: the customer sees it as typed
        breaks = match.group("tag").lower() == "br" and not _beside_line_break(text, start, end)
        edits.append(Edit(start, end, "\n" if breaks else "", removed="markup"))
    return edits


def _beside_line_break(text: str, start: int, end: int) -> bool:
    """Whether only blanks stand between ``text[start:end]`` and a line break, or the
    start or end of the text, on either side."""
    before, after = start, end  # walked, not sliced: a reply may hold 50,000 tags
    while before and text[before - 1] in _BLANKS:
        before -= 1
    while after < len(text) and text[after] in _BLANKS:
        after += 1
    return before == 0 or text[before - 1] == "\n" or after == len(text) or text[after] == "\n"
