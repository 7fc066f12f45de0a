"""Plain-text fixups and the final whitespace tidy."""

from __future__ import annotations

import pytest

from replylint import Linter
from replylint.normalize import InputFormat, normalize


def test_plain_reply_passes_through_unchanged() -> None:
    raw = "Hi Dana,\n\nYour refund was sent today. Let me know if it arrives!"
    result = normalize(raw)
    assert result.text == raw
    assert result.removed == ()
    assert result.offsets.to_original(0, len(raw)) == (0, len(raw))


def test_crlf_and_lone_cr_become_newlines() -> None:
    raw = "Hi Sam,\r\n\r\nAll done.\rBye"
    result = normalize(raw)
    assert result.text == "Hi Sam,\n\nAll done.\nBye"
    start = result.text.index("All")
    a, b = result.offsets.to_original(start, start + len("All done."))
    assert raw[a:b] == "All done."


def test_blank_line_runs_collapse_and_edges_are_stripped() -> None:
    raw = "\n\n  Hi Sam,   \n\n\n \n\nAll done.\n\n\n"
    assert normalize(raw).text == "Hi Sam,\n\nAll done."


def test_nbsp_and_zero_width_characters() -> None:
    raw = "Please\xa0visit\u200b our\u2060 site\ufeff today"
    result = normalize(raw)
    assert result.text == "Please visit our site today"
    start = result.text.index("visit")
    a, b = result.offsets.to_original(start - 1, start + len("visit"))
    assert raw[a:b] == "\xa0visit"


@pytest.mark.parametrize("input_format", ["text", "html"])
def test_invisible_format_characters_are_cut_and_the_map_keeps_the_word(
    input_format: InputFormat,
) -> None:
    """Direction marks, bidirectional controls, a soft hyphen, written as characters or
    as entities, are no part of the words they touch; the map still points at the raw
    letters. A sign drawn over a number (U+0600) is visible, and stays."""
    raw = "Your \u200fRMA\u200e, au\u00adthorised &#x202a;today&#x202c;: \u06001"
    result = normalize(raw, input_format=input_format)
    assert result.text == "Your RMA, authorised today: \u06001"
    start = result.text.index("RMA")
    a, b = result.offsets.to_original(start, start + 3)
    assert raw[a:b] == "RMA"
    start = result.text.index("authorised")
    a, b = result.offsets.to_original(start, start + len("authorised"))
    assert raw[a:b] == "au\u00adthorised"


@pytest.mark.parametrize("input_format", ["text", "html"])
def test_control_characters_are_cut_and_layout_ones_stay(input_format: InputFormat) -> None:
    """A NUL, a stray \\x01 or ESC, DEL or a C1 control (a database column's or a bad
    export's) glued to a word is no part of it; tab, line breaks and NEL are layout."""
    raw = "Hi Dana,\x00 your \x01RMA\x7f is\x9b approved.\x1b\nThanks\tSam"
    result = normalize(raw, input_format=input_format)
    assert result.text.startswith("Hi Dana, your RMA is approved.")
    assert not any(c in result.text for c in "\x00\x01\x7f\x9b\x1b")
    if input_format == "text":
        assert result.text.endswith("approved.\nThanks\tSam")
    start = result.text.index("RMA")
    a, b = result.offsets.to_original(start, start + 3)
    assert raw[a:b] == "RMA"


def test_a_nul_in_a_reply_changes_no_verdict(linter: Linter) -> None:
    """Glued to "Dana," a NUL made one token of it: the term model then missed "RMA"."""
    clean = "Hi Dana, sorry about the RMA. We ship the new one today."
    dirty = clean.replace("Dana,", "Dana,\x00").replace("RMA.", "RMA\x01.")
    a, b = linter.check(clean), linter.check(dirty)
    assert [(f.rule, f.message) for f in a.findings] == [(f.rule, f.message) for f in b.findings]
    assert {k: v.present for k, v in a.checks.items()} == {
        k: v.present for k, v in b.checks.items()
    }
    assert any(f.rule == "jargon" for f in b.findings)


def test_escaped_entities_in_plain_text_are_decoded() -> None:
    raw = "Go to Settings &gt; General &gt; About &amp; check the version."
    result = normalize(raw)
    assert result.text == "Go to Settings > General > About & check the version."
    assert not result.is_html
    start = result.text.index("&")
    assert result.offsets.to_original(start, start + 1) == (
        raw.index("&amp;"),
        raw.index("&amp;") + 5,
    )


def test_unknown_or_bare_ampersands_stay() -> None:
    raw = "R&D and AT&T &copy that; fish & chips"
    assert normalize(raw).text == raw


def test_empty_and_whitespace_only_input() -> None:
    assert normalize("").text == ""
    result = normalize(" \n\t ")
    assert result.text == ""
    assert result.offsets.to_original(0, 0) == (0, 0)


def test_same_input_same_output() -> None:
    raw = "@55501 Hi {{name}}!\n> quoted\nSorry about that. ^JK"
    assert normalize(raw) == normalize(raw)


def test_removed_spans_are_sorted_and_in_original_coordinates() -> None:
    raw = "@55501 Hi!\n> old message\nAll fixed.\n\nCONFIDENTIALITY NOTICE: this email is private."
    result = normalize(raw)
    assert result.text == "Hi!\nAll fixed."
    assert [r.kind for r in result.removed] == ["handle", "quote", "footer"]
    assert [raw[r.start : r.end] for r in result.removed] == [
        "@55501",
        "> old message\n",
        "CONFIDENTIALITY NOTICE: this email is private.",
    ]
    starts = [r.start for r in result.removed]
    assert starts == sorted(starts)


def test_typographic_entities_in_plain_text_are_decoded() -> None:
    raw = "Your refund arrives in 3&ndash;5 days &mdash; we&rsquo;ll email you."
    result = normalize(raw)
    assert result.text == "Your refund arrives in 3–5 days — we’ll email you."
    start = result.text.index("–")
    assert result.offsets.to_original(start, start + 1) == (24, 31)


def test_unknown_named_entities_stay_as_typed() -> None:
    raw = "Our R&D; team and &copy; notes stay."
    assert normalize(raw).text == raw


def test_entities_escaped_twice_in_plain_text_are_decoded() -> None:
    result = normalize("@acme_help Please read our T&amp;amp;C. Go to Menu &amp;gt; Orders.")
    assert result.text == "Please read our T&C. Go to Menu > Orders."
    start = result.text.index("&")
    assert result.original[slice(*result.offsets.to_original(start, start + 1))] == "&amp;amp;"
