"""A Markdown macro's front matter and leading title are not part of the reply."""

from __future__ import annotations

import pytest

from replylint.normalize import normalize
from replylint.normalize.frontmatter import front_matter_end


def _removed(raw: str) -> list[str]:
    return [raw[r.start : r.end] for r in normalize(raw).removed if r.kind == "markup"]


def test_front_matter_is_cut_and_mapped_back() -> None:
    raw = "---\ntitle: Refund approved\ntags:\n  - billing\n---\nHi {{name}}, it is done."
    result = normalize(raw)
    assert result.text == "Hi Name, it is done."
    assert _removed(raw) == ["---\ntitle: Refund approved\ntags:\n  - billing\n---\n"]
    start = result.text.index("it is done")
    a, b = result.offsets.to_original(start, start + len("it is done"))
    assert raw[a:b] == "it is done"


def test_leading_headings_are_cut_after_front_matter() -> None:
    raw = "---\nid: 42\n---\n\n# Refund approved\n## Billing\n\nHello Sam,\nIt is done."
    assert normalize(raw).text == "Hello Sam,\nIt is done."


@pytest.mark.parametrize("underline", ["===============", "---", "  ===   "])
def test_a_setext_title_is_cut_as_a_heading_is(underline: str) -> None:
    """``Title`` over a ``===`` (or ``---``) line is Markdown's other way to write
    ``# Title``: it names the macro, and read as the opening it hid the greeting."""
    raw = f"Refund approved\n{underline}\n\nHi Dana,\n\nIt is done.\n\nThanks,\nSam"
    assert normalize(raw).text == "Hi Dana,\n\nIt is done.\n\nThanks,\nSam"
    assert _removed(raw) == [f"Refund approved\n{underline}\n\n"]
    after_front_matter = f"---\nid: 7\n---\n{raw}"
    assert normalize(after_front_matter).text == normalize(raw).text


def test_a_rule_under_a_greeting_is_no_title() -> None:
    """A title is a phrase; a first line ending as a greeting or a sentence does ("Hi
    Dana,") is the reply's own opening, with a rule drawn under it."""
    for raw in ("Hi Dana,\n---\nIt is done.", "Your refund is sent.\n===\nThanks, Sam"):
        assert _removed(raw) == []


def test_headings_further_down_stay() -> None:
    raw = "Hello Sam,\n\n## What happens next\n\nYour refund is on its way."
    assert normalize(raw).text == raw


@pytest.mark.parametrize(
    "raw",
    [
        "#refunds are open again today",  # a hashtag, not a heading
        "# Thanks!",  # a heading and nothing else: all there is to read
        "Refund approved\n===",  # likewise
        "Hi Dana,\n\nRefund approved\n===\nIt is done.",  # not at the start
        "---\nHi Dana,\nyour order shipped.\n---\nBye",  # prose between rules, not YAML
        "---\ntitle: Refund\nHi Dana, your order shipped.",  # never closed
        "Hi Dana,\n---\ntitle: x\n---\nBye",  # not at the start
    ],
)
def test_lookalikes_are_kept(raw: str) -> None:
    assert _removed(raw) == []


def test_front_matter_end_counts_lines_as_the_editor_does() -> None:
    for newline in ("\n", "\r\n", "\r"):
        head = newline.join(["---", "title: Refund", "---", ""])
        assert front_matter_end(head + "Hi Sam,") == len(head)


def test_a_text_without_an_underline_is_not_read_for_a_setext_heading(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Matching a setext heading reads all of the text's first line: a text with no
    ``===`` or ``---`` in it (nearly every reply) has none, and is not read for one."""
    from replylint.normalize import frontmatter

    asked: list[int] = []
    heading = frontmatter._SETEXT_HEADING

    class Counting:
        def match(self, text: str, position: int = 0) -> object:
            asked.append(position)
            return heading.match(text, position)

    monkeypatch.setattr(frontmatter, "_SETEXT_HEADING", Counting())
    long_line = "Thanks for the details you sent about the order " * 40
    assert frontmatter.frontmatter_edits(long_line + "\nRegards") == []
    assert asked == []
    edits = frontmatter.frontmatter_edits("Refund approved\n===============\nIt is on its way.")
    assert len(edits) == 1 and asked[0] == 0  # (then asked again after it)
