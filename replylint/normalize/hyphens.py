"""Unicode hyphens read as the ASCII hyphen.

Word inserts a non-breaking hyphen (U+2011) for Ctrl+Shift+- and some editors a "hyphen"
(U+2010); a macro pasted from them reads "tier‑2" where the checks' lists and the
tokenizer know "tier-2", so the term went unflagged and a phrase with a hyphen unmatched.
The checks read "-" instead; the offset map still points at the raw character (one for
one), so a finding's ``text`` is what the caller passed in.
"""

from __future__ import annotations

import re

from replylint.normalize.edits import Edit

#: U+2010 HYPHEN and U+2011 NON-BREAKING HYPHEN: the same mark as "-" in a word. (Dashes,
#: U+2012 to U+2015, separate words and are read as they are.)
_HYPHENS = re.compile("[\u2010\u2011]")


def hyphen_edits(text: str) -> list[Edit]:
    """Edits that replace each Unicode hyphen by "-"."""
    if text.isascii():  # most replies: no scan needed
        return []
    return [Edit(match.start(), match.end(), "-") for match in _HYPHENS.finditer(text)]
