"""Where each character of the normalised text came from.

Checks report findings as spans of the normalised text; an editor or a report
wants spans of what the agent actually typed. Every normalisation step either
*copies* a stretch of its input (a verbatim segment, mapped 1:1) or *writes*
new characters in place of a stretch (a replaced segment: a decoded entity, a
line break standing for a ``<p>``, a collapsed whitespace run, a placeholder
stand-in word). All characters of a replaced segment map to the whole stretch
they stand for, so a finding never points inside ``&amp;``.

The map stores one entry per segment, not per character, and looks positions
up with `bisect`, so building it is cheap (it runs on every reply) and a lookup
is O(log segments) (it runs on every finding).
"""

from __future__ import annotations

from bisect import bisect_right
from typing import NamedTuple


class Segment(NamedTuple):
    """One stretch of the normalised text and the original span it stands for."""

    norm_start: int
    orig_start: int
    orig_end: int
    length: int
    verbatim: bool


class OffsetMap:
    """Maps every index of the normalised text to the original input.

    Segments are ordered and their original spans never go backwards, so the
    start of a span's first character is never after the end of its last one.
    """

    __slots__ = ("_length", "_nstarts", "_oends", "_ostarts", "_verbatim")

    def __init__(
        self,
        nstarts: list[int],
        ostarts: list[int],
        oends: list[int],
        verbatim: list[bool],
        length: int,
    ) -> None:
        self._nstarts = nstarts
        self._ostarts = ostarts
        self._oends = oends
        self._verbatim = verbatim
        self._length = length

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        """The map of a text that is its own original."""
        if length == 0:
            return cls([], [], [], [], 0)
        return cls([0], [0], [length], [True], length)

    def __len__(self) -> int:
        """Length of the normalised text the map describes."""
        return self._length

    @property
    def segments(self) -> tuple[Segment, ...]:
        """The segments, for tests and debugging."""
        ends = [*self._nstarts[1:], self._length] if self._nstarts else []
        return tuple(
            Segment(ns, os, oe, ne - ns, vb)
            for ns, os, oe, ne, vb in zip(
                self._nstarts, self._ostarts, self._oends, ends, self._verbatim, strict=True
            )
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, OffsetMap):
            return NotImplemented
        return self.segments == other.segments

    def __hash__(self) -> int:
        return hash(self.segments)

    def __repr__(self) -> str:
        return f"OffsetMap({list(self.segments)!r})"

    def _start_of(self, index: int) -> int:
        """Original position where normalised character `index` begins."""
        i = bisect_right(self._nstarts, index) - 1
        if self._verbatim[i]:
            return self._ostarts[i] + index - self._nstarts[i]
        return self._ostarts[i]

    def _end_of(self, index: int) -> int:
        """Original position where normalised character `index` ends."""
        i = bisect_right(self._nstarts, index) - 1
        if self._verbatim[i]:
            return self._ostarts[i] + index - self._nstarts[i] + 1
        return self._oends[i]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Span [start, end) of normalised text -> span of original input.

        Out-of-range positions are clamped. An empty span (``end <= start``)
        maps to an empty original span at the position of `start`.
        """
        length = self._length
        start = min(max(start, 0), length)
        end = min(max(end, 0), length)
        if end <= start:
            if length == 0:
                return (0, 0)
            pos = self._oends[-1] if start == length else self._start_of(start)
            return (pos, pos)
        a = self._start_of(start)
        b = self._end_of(end - 1)
        return (a, b) if b >= a else (a, a)


class OffsetBuilder:
    """Assembles a text piece by piece together with its `OffsetMap`.

    A step appends verbatim copies and replacements in output order; adjacent
    verbatim copies of adjacent input are merged into one segment.
    """

    __slots__ = ("_length", "_nstarts", "_oends", "_ostarts", "_parts", "_verbatim")

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._nstarts: list[int] = []
        self._ostarts: list[int] = []
        self._oends: list[int] = []
        self._verbatim: list[bool] = []
        self._length = 0

    @property
    def length(self) -> int:
        """Length of the text assembled so far."""
        return self._length

    def trailing_newlines(self) -> int:
        """How many line breaks the assembled text ends with."""
        count = 0
        for part in reversed(self._parts):
            stripped = part.rstrip("\n")
            count += len(part) - len(stripped)
            if stripped:
                break
        return count

    def copy(self, text: str, orig_start: int) -> None:
        """Append `text`, which is ``original[orig_start:orig_start + len(text)]``."""
        n = len(text)
        if not n:
            return
        if self._verbatim and self._verbatim[-1] and self._oends[-1] == orig_start:
            self._oends[-1] += n
        else:
            self._nstarts.append(self._length)
            self._ostarts.append(orig_start)
            self._oends.append(orig_start + n)
            self._verbatim.append(True)
        self._parts.append(text)
        self._length += n

    def replace(self, text: str, orig_start: int, orig_end: int) -> None:
        """Append `text`, which stands for the whole of ``original[orig_start:orig_end]``."""
        if not text:
            return
        self._nstarts.append(self._length)
        self._ostarts.append(orig_start)
        self._oends.append(max(orig_start, orig_end))
        self._verbatim.append(False)
        self._parts.append(text)
        self._length += len(text)

    def copy_mapped(self, text: str, offsets: OffsetMap, start: int, end: int) -> None:
        """Append ``text[start:end]`` of an intermediate text described by `offsets`.

        This is map composition: the appended characters keep pointing at the
        original input, not at the intermediate text.
        """
        if end <= start:
            return
        nstarts = offsets._nstarts
        ostarts = offsets._ostarts
        oends = offsets._oends
        verbatim = offsets._verbatim
        count = len(nstarts)
        i = bisect_right(nstarts, start) - 1
        while i < count:
            seg_start = nstarts[i]
            if seg_start >= end:
                break
            seg_end = nstarts[i + 1] if i + 1 < count else offsets._length
            lo = max(start, seg_start)
            hi = min(end, seg_end)
            if hi > lo:
                if verbatim[i]:
                    self.copy(text[lo:hi], ostarts[i] + lo - seg_start)
                else:
                    self.replace(text[lo:hi], ostarts[i], oends[i])
            i += 1

    def build(self) -> tuple[str, OffsetMap]:
        """The assembled text and its map."""
        text = "".join(self._parts)
        return text, OffsetMap(
            self._nstarts, self._ostarts, self._oends, self._verbatim, self._length
        )
