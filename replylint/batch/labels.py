"""What a label cell (an agent, an id, a channel) says once what cannot be seen is gone.

A cell holding only a zero-width space (U+200B), a word joiner (U+2060) or a byte-order
mark (U+FEFF) looks empty in every sheet and help desk, as one of spaces or a no-break
space does; read as written, it was counted as an agent of its own, and its replies were
never ``unassigned``. So blanks and the invisible format characters
(:data:`replylint.invisibles.INVISIBLE_RANGES`) around a label are not part of it.
"""

from __future__ import annotations

import re

from replylint.invisibles import invisible_class

#: Blanks (``\\s``: any Unicode space, a no-break space too) and invisible format
#: characters at either end of a cell.
_UNSEEN_EDGES = re.compile(rf"^[\s{invisible_class()}]+|[\s{invisible_class()}]+$")


def label_text(cell: object) -> str:
    """``cell`` without the blanks and invisible format characters around it; ``""``
    for None or a cell of nothing else (``"\\u200b"``, ``" \\u2060 "``)."""
    return _UNSEEN_EDGES.sub("", str(cell or ""))
