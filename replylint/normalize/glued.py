"""Sentence ends glued to the next word: "Thanks.^Kartika", "this link .Thanks!".

Brand replies on social media are typed fast: the agent's "^Kartika" marker follows the
full stop with no space, or the full stop after a link is set off from the link (so it
is not read as part of the address) and glued to the next sentence instead. The
tokenizer reads "Thanks.^Kartika" and ".Thanks" as one word each, so the closing thanks
is lost inside the sign-off token and the sentence splitter sees no sentence end. A
space is inserted where the sentence ends; the offset map still points at the raw
characters, so findings quote the reply exactly as written.
"""

from __future__ import annotations

import re

from replylint.normalize.edits import Edit

#: Sentence-final punctuation right before a "^" sign-off marker and a letter.
_BEFORE_MARKER = re.compile(r"(?<=[.!?])(?=\^[^\W\d_])")
#: A link, a space, and a full stop glued to a capitalised word: "https://... .Thanks".
#: (Elsewhere " .Word" is more often a file or a CSS class: ".Thunderbird", ".CodeMirror".)
_AFTER_LINK_STOP = re.compile(r"(?:https?://|www\.)[^\s]{1,500}[ \t]\.(?=[A-Z][a-z])")


def glued_sentence_edits(text: str) -> list[Edit]:
    """Edits that insert a space where a sentence end is glued to the next word."""
    if "^" not in text and " ." not in text:  # most replies: nothing to look at
        return []
    positions = {m.start() for m in _BEFORE_MARKER.finditer(text)}
    if " ." in text:
        positions.update(m.end() for m in _AFTER_LINK_STOP.finditer(text))
    return [Edit(position, position, " ") for position in sorted(positions)]
