"""Offsets to LSP positions: columns in the agreed encoding, lines as the protocol ends
them."""

from __future__ import annotations

import pytest

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
