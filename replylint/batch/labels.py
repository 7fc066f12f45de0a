"""What a label cell (an agent, an id, a channel) says once what cannot be seen is gone.

A cell holding only a zero-width space (U+200B), a word joiner (U+2060) or a byte-order
mark (U+FEFF) looks empty in every sheet and help desk, as one of spaces or a no-break
space does; read as written, it was counted as an agent of its own, and its replies were
never ``unassigned``. So blanks and the invisible format characters
(:data:`replylint.invisibles.INVISIBLE_RANGES`) around a label are not part of it.
"""

from __future__ import annotations

from replylint.invisibles import INVISIBLE_RANGES

#: The invisible format characters, as one string for :meth:`str.strip` (a set of
#: characters; a regex ``[...]+$`` retried every run of blanks inside a long cell).
_INVISIBLES = "".join(chr(c) for low, high in INVISIBLE_RANGES for c in range(low, high + 1))


def label_text(cell: object) -> str:
    """``cell`` without the blanks (any Unicode space, a no-break space too) and invisible
    format characters around it; ``""`` for None or a cell of nothing else
    (``"\\u200b"``, ``" \\u2060 "``)."""
    text = str(cell or "")
    while True:
        trimmed = text.strip().strip(_INVISIBLES)
        if trimmed == text:
            return text
        text = trimmed
