"""Offsets to LSP positions: columns in the agreed encoding, lines as the protocol ends
them."""

from __future__ import annotations

import pytest
from lsprotocol import types

from replylint.lsp.edits import apply_changes
from replylint.lsp.positions import UTF8, UTF16, UTF32, LineIndex

TEXT = "Hi 👋 José,\nYour RMA is ready."


@pytest.mark.parametrize(
    ("encoding", "column"),
    [(UTF16, len("Hi 👋 José".encode("utf-16-le")) // 2), (UTF8, len("Hi 👋 José".encode())),
     (UTF32, len("Hi 👋 José"))],
)  # fmt: skip
def test_columns_count_code_units_of_the_encoding(encoding: str, column: int) -> None:
    index = LineIndex(TEXT, encoding)
    assert index.position(TEXT.index(",")) == (0, column)
    assert index.position(TEXT.index("RMA")) == (1, 5)  # an ASCII line: the same in all


def test_utf16_counts_two_units_for_an_emoji() -> None:
    assert LineIndex("👋 RMA").position(2) == (0, 3)
    assert LineIndex("👋 RMA", "utf-7").position(2) == (0, 3)  # unknown: UTF-16


def test_lines_end_at_lf_crlf_and_lone_cr_only() -> None:
    text = "a\r\nb\rc\nd\u2028e\x0cf"
    index = LineIndex(text)
    assert [index.position(text.index(c)) for c in "abcd"] == [(0, 0), (1, 0), (2, 0), (3, 0)]
    assert index.position(text.index("f")) == (3, 4)  # U+2028 and form feed are in a line
    assert index.position(text.index("\n")) == (0, 1)  # inside \r\n: the end of its line
    assert index.line_count == 4 and index.line_text(0) == "a" and index.line_text(9) == ""


def test_offsets_past_the_end_are_the_end() -> None:
    text = "Thanks!\n"
    assert LineIndex(text).position(len(text)) == (1, 0)
    assert LineIndex(text).position(len(text) + 5) == (1, 0)


@pytest.mark.parametrize(
    ("line", "column", "encoding", "expected"),
    [
        (1, 3, UTF16, 5),  # "x😀|y": the emoji is two UTF-16 units
        (1, 2, UTF16, 4),  # between its halves: its start
        (1, 5, UTF8, 5),  # four UTF-8 bytes
        (1, 2, UTF32, 5),
        (1, 99, UTF16, 6),  # past the line's end: the end, not the line break
        (0, 99, UTF16, 2),  # "a\u2028" is one line: U+2028 breaks no line
        (2, 0, UTF16, 8),  # after "\r\n"
        (9, 0, UTF16, 9),  # past the last line: the end of the text
    ],
)
def test_offset_is_the_inverse_of_position(
    line: int, column: int, encoding: str, expected: int
) -> None:
    text = "a\u2028\rx😀y\r\nz"
    index = LineIndex(text, encoding)
    assert index.offset(line, column) == expected
    assert index.position(expected)[0] == min(line, 2)


def test_edits_of_ranges_apply_in_order_to_the_text_the_last_left() -> None:
    """A client's incremental changes: each range is of the text after the ones before."""
    first = types.TextDocumentContentChangePartial(
        range=types.Range(
            start=types.Position(line=1, character=3), end=types.Position(line=1, character=4)
        ),
        text="Y",
    )
    second = types.TextDocumentContentChangePartial(
        range=types.Range(
            start=types.Position(line=0, character=1), end=types.Position(line=1, character=0)
        ),
        text=" ",
    )
    assert apply_changes("a\r\nx😀y", [first, second], UTF16) == "a x😀Y"
    whole = types.TextDocumentContentChangeWholeDocument(text="new")
    assert apply_changes("old", [first, whole], UTF16) == "new"
