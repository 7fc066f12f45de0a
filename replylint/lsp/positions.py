"""Character offsets into a document as LSP positions (line, column in code units).

replylint reports offsets in Python characters (code points) into the text it was given.
An editor counts columns in the position encoding agreed at ``initialize``: UTF-16 code
units unless the client offered another, so an emoji (two UTF-16 units, four UTF-8 bytes,
one code point) shifts every later column on its line. Lines end at ``\\n``, ``\\r\\n``
or a lone ``\\r``, as the protocol says; not at the other breaks ``str.splitlines`` knows
(U+2028, form feed), which editors show within a line.
"""

from __future__ import annotations

import bisect
import re

#: The position encodings of LSP 3.17 (``PositionEncodingKind``) and how many code units
#: one code point takes in each.
UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class LineIndex:
    """Converts offsets into one text to positions; built once per text, then each
    conversion is a binary search and the length of one line's prefix."""

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        if encoding not in (UTF8, UTF16, UTF32):
            encoding = UTF16  # the protocol's default, and what every client supports
        self._text = text
        self._encoding = encoding
        self._starts = [0, *(m.end() for m in _LINE_BREAK.finditer(text))]
        #: Where each line's content ends (before its line break).
        self._ends = [m.start() for m in _LINE_BREAK.finditer(text)] + [len(text)]

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column) of ``offset``, both 0-based, the column in code units. An
        offset past the end is the end; one inside a ``\\r\\n`` is the end of its line."""
        offset = max(0, min(offset, len(self._text)))
        line = bisect.bisect_right(self._starts, offset) - 1
        column_end = min(offset, self._ends[line])
        return line, self._units(self._text[self._starts[line] : column_end])

    def offset(self, line: int, column: int) -> int:
        """The offset of the position (``line``, ``column``), the inverse of
        :meth:`position`. As the protocol says, a column past its line's end is the end of
        the line (never its line break), and a line past the last is the end of the text;
        a column inside a character (between the two halves of an emoji in UTF-16) is
        that character's start."""
        if line >= len(self._starts):
            return len(self._text)
        start = max(0, self._starts[max(line, 0)])
        units = 0
        for index in range(start, self._ends[max(line, 0)]):
            units += self._units(self._text[index])
            if units > column:
                return index
        return self._ends[max(line, 0)]

    def line_text(self, line: int) -> str:
        """The text of ``line`` without its line break ("" past the last line)."""
        if not 0 <= line < len(self._starts):
            return ""
        return self._text[self._starts[line] : self._ends[line]]

    def _units(self, chars: str) -> int:
        if self._encoding == UTF32:
            return len(chars)
        if self._encoding == UTF8:
            return len(chars.encode("utf-8", "surrogatepass"))
        return len(chars) + sum(1 for char in chars if ord(char) > 0xFFFF)
