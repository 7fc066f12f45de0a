"""Plain-text layout that carries no meaning: hard-wrapped lines and doubled spaces.

A sentence broken across lines by the editor, not by the writer, reads as two sentences.

Plain-text macros and emails are often wrapped at 72-80 columns. The analysis treats a
line break as a sentence boundary (chat and social replies use them that way), so
"we will refund you within 24\\nhours." would lose its timeframe, and no phrase could
match across the break. A line that goes on in lower case continues the sentence above
it: that break becomes a space. A line starting with a capital, a digit, a bullet, a
quote mark or indentation is left alone, so lists, code, sign-offs and new sentences keep
their lines, and so is a line under a rule (``---``, ``***``, ``===``), which is no sentence
to go on. So are the items of a list under a lead-in ending in a colon, in lower case and
unbulleted too ("To reset it:\\nopen Settings\\ntap Account"), where each line ends short
of the paragraph's widest one, which an editor never does (:func:`_parts_items`); and so
is the line under a greeting alone on its line ("Hi Dana,\\nthanks for writing in."), the
greeting being a sentence of its own, unless an editor wrapped there (the line as typed,
a social reply's handles and all, was full). Only
plain text is reflowed: a line break rendered from HTML (``<br>``, ``<li>``, ``<pre>``)
was put there on purpose. Yet a ``<br>`` can stand inside a sentence
("We will email you<br>within 2 days."): where the line before it goes on (no punctuation
ends it) and the line after it goes on in lower case and ends the sentence (or goes on,
in turn, through such a ``<br>``), the browser's line break is inside a sentence, and
reads as a space (:func:`continued_line_edits`). Any other ``<br>`` ends a line-like unit:
a sign-off ("Thanks,<br>sam"), an item ("Open Settings > Privacy<br>untick "Send usage
data""), a list's lead-in ("Your options:<br>a refund."), and each ``<br>`` under that
lead-in up to the end of its block: the list's items, in lower case and unbulleted too
("To reset it:<br>open Settings<br>tap Account<br>choose Reset password." is three items,
not one sentence); and so is each ``<br>`` of a run of three lines or more that each open
with a step's verb, with no lead-in ("open Settings<br>tap Account<br>choose Reset
password."). A greeting alone on its line ends one too ("Hi Dana<br>thanks for writing
in.").

Two spaces between words (after a full stop, or from a careless edit) become one: the
tokenizer makes the extra space a token of its own, and "per our  policy" would no
longer match the phrase "per our policy". Indentation is kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from replylint.grammar import CLAUSE_GOES_ON
from replylint.normalize.edits import Edit
from replylint.normalize.separators import is_separator_line
from replylint.normalize.vocabulary import alternation, shipped_lexicon

#: A line break between a line ending in a non-space character other than a colon (which
#: introduces a list) and an unindented line that goes on in lower case.
_WRAPPED = re.compile(r"(?<=[^\s:])\n(?=[a-z])")
#: What ends a line that goes on into the next one in HTML: no sentence or clause
#: punctuation (``,`` ends a greeting's or a valediction's line).
_GOES_ON = re.compile(r"[^\s.!?…:;,]\Z")
#: A list's lead-in: a line ending in a colon ("To reset it:").
_LEAD_IN = re.compile(r":\s*\Z")
#: ... any line of a block ending so.
_LEAD_IN_LINE = re.compile(r":[ \t]*$", re.MULTILINE)
#: A line that ends a sentence, possibly inside quotes or brackets.
_ENDS_SENTENCE = re.compile(r"[.!?…][\"'”’)\]]*\Z")
#: A last line this short, without a full stop, is a sign-off ("thanks,\nsam").
_MIN_LAST_LINE_WORDS = 3
#: A line that is a greeting alone: a salutation, then up to four words naming who is
#: addressed (capitalised, or ``reflow.addressees``: "Hi Dana,", "Dear Sir or Madam,",
#: "Hello, Mr. Lee", "Hi all!"), with or without a comma: its own sentence, which the line
#: under it never goes on ("Hi Dana,\nthanks for writing in." read as one sentence put
#: the body's first words in the greeting's). No editor wraps a line this short.
_BLANKS = r"[ \t]+"
#: The narrowest an editor wraps at: a greeting line and the next word within it were
#: ended by the writer, even in a block of short lines ("Hi Dana,\nsure thing.").
_NARROWEST_WRAP = 40
_SALUTATION = alternation(shipped_lexicon("reflow.salutations"), longest_first=True, space=_BLANKS)
_ADDRESSED = (
    r"(?:[A-Z][\w.'’-]*|(?i:"
    + alternation(shipped_lexicon("reflow.addressees"), longest_first=True, space=_BLANKS)
    + "))"
)
#: (Matched whole against a stripped line: no blanks at either end to backtrack over.)
_GREETING_LINE = re.compile(
    rf"(?i:{_SALUTATION})(?:[ \t]*,)?(?:[ \t]+{_ADDRESSED}){{0,4}}[ \t]*[,!:;.\u2013\u2014-]?"
)


def _is_greeting_line(line: str) -> bool:
    return _GREETING_LINE.fullmatch(line.strip()) is not None


#: The width a span (start, end) of the draft had as written.
Width = Callable[[int, int], int]


def _length(start: int, end: int) -> int:
    return end - start


#: The verbs opening the steps of a ``<br>`` list with no lead-in (rules/normalize.yaml).
_STEP_VERBS = frozenset(shipped_lexicon("reflow.step_verbs"))
#: The fewest ``<br>`` breaks (three lines) of such a list: "open Settings<br>tap
#: Account." alone may be one sentence broken in two.
_MIN_STEP_BREAKS = 2

#: Spaces after the first in a run between two words (not at the start of a line).
_EXTRA_SPACES = re.compile(r"(?<=[^\s]) ( +)(?=[^\s])")


def reflow_edits(text: str, width: Width | None = None) -> list[Edit]:
    """Edits that turn hard-wrap line breaks into spaces and doubled spaces into one.
    ``width`` gives the width a span of ``text`` had as written (default: its length)."""
    width = width or _length
    edits = [Edit(*m.span(1)) for m in _EXTRA_SPACES.finditer(text)] if "  " in text else []
    if "\n" not in text:
        return edits
    last_break = text.rfind("\n")
    for match in _WRAPPED.finditer(text):
        start = match.start()
        line = text[text.rfind("\n", 0, start) + 1 : start]
        if is_separator_line(line):
            continue  # a rule ("---", "***") is no sentence for the line under it to go on
        if _is_greeting_line(line) and _ended_by_writer(text, start, width, _NARROWEST_WRAP):
            continue  # "Hi Dana," is a sentence of its own
        if _parts_items(text, start, width):
            continue
        if start == last_break:
            last = text[start + 1 :].rstrip()
            if len(last.split()) < _MIN_LAST_LINE_WORDS and not last.endswith((".", "!", "?")):
                continue
        edits.append(Edit(start, start + 1, " "))
    return edits


def _parts_items(text: str, position: int, width: Width) -> bool:
    """Whether the plain-text line break at ``position`` parts two items of a list: a
    line above it in its block (the run of lines no blank line breaks) is a lead-in
    ending in a colon, and the break is no editor's wrap. An editor wraps a line only
    where the next word would not fit on it, so the line and the next word run past the
    block's widest line; "open Settings" over "tap Account" under "To reset it:" would
    fit on a line of "choose Reset password", and so was ended by the writer. Widths are
    the lines' as written (``width``: a placeholder or an entity the draft has changed
    was as wide as it was typed), and a line of one word, a link, sets none: it may run
    past the editor's width. Items in lower case without bullets look like a sentence
    going on, as a ``<br>`` list's do (:func:`_item_breaks`); their lines' lengths, and
    the lead-in, tell them apart."""
    block_start = _block_start(text, position)
    line_start = text.rfind("\n", 0, position) + 1
    if not _LEAD_IN_LINE.search(text, block_start, line_start):
        return False
    return _ended_by_writer(text, position, width)


def _block_start(text: str, position: int) -> int:
    """Where the block (the run of lines no blank line breaks) holding ``position`` starts."""
    block_start = text.rfind("\n\n", 0, position)
    return 0 if block_start < 0 else block_start + 2


def _ended_by_writer(text: str, position: int, width: Width, narrowest: int = 0) -> bool:
    """Whether the writer ended the line at the line break at ``position``, not an
    editor: the line and the next word would fit on the block's widest line (see
    :func:`_parts_items`), or within ``narrowest`` columns, where no editor wraps."""
    block_start = _block_start(text, position)
    line_start = text.rfind("\n", 0, position) + 1
    block_end = text.find("\n\n", position)
    block_end = len(text) if block_end < 0 else block_end
    widest = narrowest
    start = block_start
    while start < block_end:
        end = text.find("\n", start, block_end)
        end = block_end if end < 0 else end
        if " " in text[start:end].strip():
            widest = max(widest, width(start, len(text[:end].rstrip())))
        start = end + 1
    next_word = text[position + 1 :].split(None, 1)[0]
    return width(line_start, len(text[:position].rstrip())) + 1 + len(next_word) <= widest


def continued_line_edits(text: str, breaks: Iterable[int]) -> list[Edit]:
    """Edits turning into a space each line break at ``breaks`` (positions in ``text``
    of line breaks an HTML ``<br>`` wrote) that stands inside a sentence: the line before
    it goes on, and the line after it goes on in lower case to the end of the sentence,
    or to another such break. A break under a list's lead-in is no such break
    (:func:`_item_breaks`)."""
    ordered = sorted(breaks)
    items = _item_breaks(text, ordered)
    joined: set[int] = set()
    for position in reversed(ordered):  # the last first: a sentence may go on
        if position in items:
            continue
        line_start = text.rfind("\n", 0, position) + 1
        line = text[line_start:position]
        if not _GOES_ON.search(line) or is_separator_line(line) or _is_greeting_line(line):
            continue
        next_end = text.find("\n", position + 1)
        next_line = text[position + 1 : len(text) if next_end < 0 else next_end].rstrip()
        if not next_line[:1].islower() or not next_line[:1].isascii():
            continue
        if _ENDS_SENTENCE.search(next_line) or next_end in joined:
            joined.add(position)
    return [Edit(position, position + 1, " ") for position in sorted(joined)]


def _item_breaks(text: str, breaks: list[int]) -> set[int]:
    """The ``breaks`` (in text order) that part the items of a list: each one under a
    lead-in ending in a colon, in the run of lines the lead-in's ``<br>`` starts, which a
    line break no ``<br>`` wrote (a new block, a blank line) ends. An item goes on in lower
    case without a bullet as often as a sentence broken by a ``<br>`` does
    ("open Settings<br>tap Account"), so the shape of its lines cannot tell the two
    apart; the lead-in above them can."""
    items: set[int] = set()
    previous = -1
    in_list = False
    run: list[int] = []  # the breaks of the run of <br> lines so far
    for position in breaks:
        line_start = text.rfind("\n", 0, position) + 1
        if line_start != previous + 1 or previous < 0:
            in_list = False  # the line above this break starts a run of its own
            items.update(_steps(text, run))
            run = []
        run.append(position)
        if in_list:
            items.add(position)
        elif _LEAD_IN.search(text, line_start, position):
            in_list = True
        previous = position
    items.update(_steps(text, run))
    return items


def _steps(text: str, run: list[int]) -> list[int]:
    """The breaks of a run of ``<br>`` lines (``run``: the breaks, in order, each on
    the line after the one before) that is a list of steps with no lead-in: three lines
    or more, each opening with a step's verb ("open Settings<br>tap Account<br>choose
    Reset password."), none ending where a clause cannot ("Restart the app and"). A
    sentence broken by ``<br>`` goes on with a word that does not open an instruction
    ("We will email you<br>within 2 days.")."""
    if len(run) < _MIN_STEP_BREAKS:
        return []
    ends = [*run[1:], _line_end(text, run[-1] + 1)]
    starts = [text.rfind("\n", 0, run[0]) + 1] + [position + 1 for position in run]
    lines = [text[start:end] for start, end in zip(starts, [run[0], *ends], strict=True)]
    if all(_first_word(line) in _STEP_VERBS for line in lines) and not any(
        _last_word(line) in CLAUSE_GOES_ON for line in lines
    ):
        return run
    return []


def _line_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def _last_word(line: str) -> str:
    words = line.rsplit(None, 1)
    return words[-1].lower() if words else ""


def _first_word(line: str) -> str:
    words = line.split(None, 1)
    return words[0].lower().strip(",.;:!") if words else ""
