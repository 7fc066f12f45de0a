"""HTML comments in a plain-text or Markdown reply: hidden, and no reason to read HTML.

Markdown macros and plain-text replies carry HTML comments that no customer reads once
the macro is rendered or sent: a suppression directive
(``<!-- replylint: disable=jargon -->``), an author's note, an old wording kept for
later. A comment is not markup that lays the text out, so it must not make ``auto`` read
the reply as HTML: HTML collapses line breaks, and the greeting, closing and sign-off are
found line by line. In ``auto`` a text whose only markup is comments stays plain text and
its comments are removed from what the checks read, each with its line when it stands
alone on one (as a directive line is), so a note between two lines of a paragraph does not
split it. The offset map still points every character at the raw input.

A comment runs from ``<!--`` to the first ``-->`` (``<!-->`` and ``<!--->`` are empty
comments, as in HTML). An ``<!--`` never closed is not a comment here: in a plain-text
reply it is two symbols the customer will see, and hiding everything after it (what a
browser does with HTML) would let one typo silence the linter for the rest of the reply.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator

from replylint.normalize.edits import Edit
from replylint.normalize.offsets import OffsetMap, Segment

_OPEN = "<!--"
_CLOSE = "-->"
#: Whitespace that may stand between comments on one line, or around a comment alone.
_BLANK = " \t\r\f\v"


def comment_spans(text: str) -> list[tuple[int, int]]:
    """Every closed comment in ``text`` as ``(start, end)``, in order, in linear time (an
    unclosed ``<!--`` stops the search: no ``-->`` follows it, so no later one closes)."""
    spans = []
    start = text.find(_OPEN)
    while start >= 0:
        close = text.find(_CLOSE, start + 2)
        if close < 0:
            break
        end = close + len(_CLOSE)
        spans.append((start, end))
        start = text.find(_OPEN, end)
    return spans


def outside_comments(text: str) -> Iterator[str]:
    """The pieces of ``text`` between its closed comments (all of it when there are none)."""
    cursor = 0
    for start, end in comment_spans(text):
        yield text[cursor:start]
        cursor = end
    yield text[cursor:]


def comment_edits(raw: str, offsets: OffsetMap) -> list[Edit]:
    """Edits removing the comments of ``raw`` from a draft of it, given the draft's map.

    The comments are found in the raw input, not in the draft, so an escaped
    ``&lt;!--`` that plain-text decoding turned into ``<!--`` stays text. Comments on one
    line with only spaces between them are removed together; when nothing else is on
    their line(s), the line goes too, with its line break."""
    spans = _same_line_groups(raw, comment_spans(raw))
    if not spans:
        return []
    segments = offsets.segments
    ends = [segment.orig_end for segment in segments]
    edits = []
    for start, end in spans:
        line_start = raw.rfind("\n", 0, start) + 1
        line_end = raw.find("\n", end)
        line_end = len(raw) if line_end < 0 else line_end
        if not raw[line_start:start].strip(_BLANK) and not raw[end:line_end].strip(_BLANK):
            start, end = line_start, min(line_end + 1, len(raw))
        first, last = _draft_index(segments, ends, start), _draft_index(segments, ends, end)
        edits.append(Edit(first, last, removed="markup"))
    return edits


def _same_line_groups(raw: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge comments separated only by spaces or tabs into one span."""
    groups: list[tuple[int, int]] = []
    for start, end in spans:
        if groups and not raw[groups[-1][1] : start].strip(_BLANK):
            groups[-1] = (groups[-1][0], end)
        else:
            groups.append((start, end))
    return groups


def _draft_index(segments: tuple[Segment, ...], ends: list[int], position: int) -> int:
    """Where the draft's first character that comes from ``raw[position:]`` is (the
    draft's length when none does). ``ends`` are the segments' original ends, which never
    go backwards, so the segment is found by bisection."""
    i = bisect_right(ends, position)
    if i == len(segments):
        return segments[-1].norm_start + segments[-1].length if segments else 0
    segment = segments[i]
    if segment.verbatim:
        return segment.norm_start + max(0, position - segment.orig_start)
    if segment.orig_start >= position:
        return segment.norm_start
    return segment.norm_start + segment.length  # a replaced stretch across it stays whole
