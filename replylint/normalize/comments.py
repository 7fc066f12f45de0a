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

A template engine renders a macro before any HTML is read, so it runs a tag inside an
HTML comment as it runs one outside (``<!-- {% if vip %} -->`` still opens a conditional,
``<!-- {% endif %} -->`` still closes one): commenting a tag out in HTML does not disable
it. So the tags that open, separate or close a block (:func:`commented_block_tags`) stay
in the text when the comment around them goes, and the template steps read them as they
read any other: they pair with the tags outside comments, split branches, and one left
unbalanced is reported where it stands. The rest of the comment (its words, and its
fields: ``{{first_name}}`` renders inside the comment, unseen) is hidden.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator

from replylint.normalize.branches import is_block_tag
from replylint.normalize.edits import Edit
from replylint.normalize.offsets import OffsetMap, Segment
from replylint.normalize.placeholders import template_tag_spans

Span = tuple[int, int]

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


def commented_block_tags(raw: str, spans: list[Span]) -> list[Span]:
    """The template tags of ``raw`` inside its comments ``spans`` (:func:`comment_spans`)
    that open a conditional or loop, separate its branches or close it, in order: the
    engine runs them all the same (see the module's doc)."""
    if not spans:
        return []
    starts = [start for start, _ in spans]
    found = []
    for start, end in template_tag_spans(raw):
        i = bisect_right(starts, start) - 1
        if i >= 0 and end <= spans[i][1] and is_block_tag(raw[start:end]):
            found.append((start, end))
    return found


def comment_edits(raw: str, offsets: OffsetMap) -> list[Edit]:
    """Edits removing the comments of ``raw`` from a draft of it, given the draft's map.

    The comments are found in the raw input, not in the draft, so an escaped
    ``&lt;!--`` that plain-text decoding turned into ``<!--`` stays text. Comments on one
    line with only spaces between them are removed together; when nothing else is on
    their line(s), the line goes too, with its line break. A template tag inside a
    comment that opens, separates or closes a block stays (:func:`commented_block_tags`),
    with its line break when the comment filled its line, as the tag alone would be."""
    found = comment_spans(raw)
    spans = _same_line_groups(raw, found)
    if not spans:
        return []
    kept = commented_block_tags(raw, found)
    segments = offsets.segments
    ends = [segment.orig_end for segment in segments]
    edits = []
    for start, end in spans:
        line_start = raw.rfind("\n", 0, start) + 1
        line_end = raw.find("\n", end)
        line_end = len(raw) if line_end < 0 else line_end
        if not raw[line_start:start].strip(_BLANK) and not raw[end:line_end].strip(_BLANK):
            inside = [tag for tag in kept if start <= tag[0] and tag[1] <= end]
            start, end = line_start, line_end if inside else min(line_end + 1, len(raw))
        for piece_start, piece_end in _around(start, end, kept):
            first = _draft_index(segments, ends, piece_start)
            last = _draft_index(segments, ends, piece_end)
            edits.append(Edit(first, last, removed="markup"))
    return edits


def _around(start: int, end: int, kept: list[Span]) -> list[Span]:
    """``[start, end)`` without the spans of ``kept`` in it (in order, none overlapping)."""
    pieces = []
    cursor = start
    for tag_start, tag_end in kept[bisect_right(kept, (start, -1)) :]:
        if tag_start >= end:
            break
        if tag_start > cursor:
            pieces.append((cursor, tag_start))
        cursor = max(cursor, tag_end)
    if cursor < end:
        pieces.append((cursor, end))
    return pieces


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
