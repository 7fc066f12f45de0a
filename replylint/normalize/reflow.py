"""Plain-text layout that carries no meaning: hard-wrapped lines and doubled spaces.

A sentence broken across lines by the editor, not by the writer, reads as two sentences.

Plain-text macros and emails are often wrapped at 72-80 columns. The analysis treats a
line break as a sentence boundary (chat and social replies use them that way), so
"we will refund you within 24\\nhours." would lose its timeframe, and no phrase could
match across the break. A line that goes on in lower case continues the sentence above
it: that break becomes a space. A line starting with a capital, a digit, a bullet, a
quote mark or indentation is left alone, so lists, code, sign-offs and new sentences keep
their lines, and so is a line under a rule (``---``, ``***``, ``===``), which is no sentence
to go on. Only plain text is reflowed: a line break rendered from HTML (``<br>``,
``<li>``, ``<pre>``) was put there on purpose.

Two spaces between words (after a full stop, or from a careless edit) become one: the
tokenizer makes the extra space a token of its own, and "per our  policy" would no
longer match the phrase "per our policy". Indentation is kept.
"""

from __future__ import annotations

import re

from replylint.normalize.edits import Edit
from replylint.normalize.separators import is_separator_line

#: A line break between a line ending in a non-space character other than a colon (which
#: introduces a list) and an unindented line that goes on in lower case.
_WRAPPED = re.compile(r"(?<=[^\s:])\n(?=[a-z])")
#: A last line this short, without a full stop, is a sign-off ("thanks,\nsam").
_MIN_LAST_LINE_WORDS = 3


#: Spaces after the first in a run between two words (not at the start of a line).
_EXTRA_SPACES = re.compile(r"(?<=[^\s]) ( +)(?=[^\s])")


def reflow_edits(text: str) -> list[Edit]:
    """Edits that turn hard-wrap line breaks into spaces and doubled spaces into one."""
    edits = [Edit(*m.span(1)) for m in _EXTRA_SPACES.finditer(text)] if "  " in text else []
    if "\n" not in text:
        return edits
    last_break = text.rfind("\n")
    for match in _WRAPPED.finditer(text):
        start = match.start()
        if is_separator_line(text[text.rfind("\n", 0, start) + 1 : start]):
            continue  # a rule ("---", "***") is no sentence for the line under it to go on
        if start == last_break:
            last = text[start + 1 :].rstrip()
            if len(last.split()) < _MIN_LAST_LINE_WORDS and not last.endswith((".", "!", "?")):
                continue
        edits.append(Edit(start, start + 1, " "))
    return edits
