"""The sign-off at the end of a reply, read in the shapes agents write it: the region
the checks read as the signature, and the contact lines cut under it."""

from __future__ import annotations

import pytest

from replylint.normalize import normalize

BODY = "Your replacement card is on its way and should arrive within five days."


def _signoff(raw: str) -> str | None:
    result = normalize(raw)
    found = [result.text[r.start : r.end] for r in result.regions if r.kind == "signoff"]
    return found[0] if found else None


def test_a_markdown_hard_line_break_is_markup() -> None:
    """The backslash ending a line of a Markdown reply breaks the line; it was read as a
    character of the valediction, which then was none."""
    raw = f"{BODY}\n\nMany thanks,\\\nSam"
    result = normalize(raw)
    assert result.text == f"{BODY}\n\nMany thanks,\nSam"
    assert _signoff(raw) == "Many thanks,\nSam"
    assert [raw[r.start : r.end] for r in result.removed if r.kind == "markup"] == ["\\"]


@pytest.mark.parametrize(
    "raw",
    [
        "Open C:\\Users\\ and then the Downloads folder.",
        "Type \\\\ twice.\\\\\nThen press Enter.",
        "A backslash at the very end stays \\",
    ],
)
def test_a_backslash_that_breaks_no_line_stays(raw: str) -> None:
    assert normalize(raw).text == raw
