"""The suppression quick fix: applied to the macro, the finding is gone (checked with the
real linter), in each file type's syntax."""

from __future__ import annotations

import pytest

from replylint import Linter
from replylint.lsp.actions import Fix, suppression_fixes
from replylint.lsp.filetypes import file_type
from replylint.report import Finding

MACRO = "Hi {{ name }},\n\n  Your RMA is approved and the SLA applies.\n\nThanks,\nSam\n"


def apply(text: str, fix: Fix) -> str:
    return text[: fix.start] + fix.new_text + text[fix.end :]


def findings(linter: Linter, text: str, name: str) -> list[Finding]:
    kind = file_type(name)
    assert kind is not None
    return list(linter.check(text, template=True, input_format=kind.input_format).findings)


def blame_on_your(text: str) -> Finding:
    """A tone finding on the reply's first "Your": something a directive can silence."""
    start = text.index("Your")
    return Finding(
        rule="tone.blame", check="tone", severity="warning", message="m",
        start=start, end=start + 4, text="Your",
    )  # fmt: skip


@pytest.mark.parametrize("name", ["m.txt", "m.md", "m.hbs", "m.j2", "m.liquid", "m.html"])
def test_each_fix_silences_its_finding_and_nothing_else_changes(linter: Linter, name: str) -> None:
    text = MACRO if name != "m.html" else MACRO.replace("\n\n", "\n<br>\n")
    before = findings(linter, text, name)
    kind = file_type(name)
    assert kind is not None
    jargon = next(f for f in before if f.rule == "jargon")
    line_fix, file_fix = suppression_fixes(text, jargon, kind)
    assert line_fix.preferred and not file_fix.preferred
    assert line_fix.new_text.startswith("  ")  # indented like the line it covers
    kept = [(f.rule, f.text) for f in before if f.rule != "jargon"]
    assert len(kept) < len(before) - 1  # both jargon terms are on the line
    after = findings(linter, apply(text, line_fix), name)
    assert [(f.rule, f.text) for f in after] == kept
    after_file = findings(linter, apply(text, file_fix), name)
    assert [(f.rule, f.text) for f in after_file] == kept


def test_a_second_rule_on_the_same_line_joins_the_existing_directive(linter: Linter) -> None:
    """Two stacked next-line directives would not both reach the line below."""
    text = "Hi Sam,\n\nreplylint: disable-next-line=jargon\nYour RMA is on its way.\n"
    kind = file_type("m.txt")
    assert kind is not None
    fake = blame_on_your(text)
    line_fix, file_fix = suppression_fixes(text, fake, kind)
    assert apply(text, line_fix) == text.replace("=jargon", "=jargon,tone.blame")
    assert apply(text, file_fix).startswith("replylint: disable=tone.blame\nHi Sam,")


def test_a_capitalised_directive_with_a_reason_is_joined_and_keeps_its_reason() -> None:
    text = "Hi Sam,\n\nReplyLint: Disable-Next-Line=jargon # brand\nYour RMA is on its way.\n"
    kind = file_type("m.txt")
    assert kind is not None
    fake = blame_on_your(text)
    line_fix, _ = suppression_fixes(text, fake, kind)
    assert apply(text, line_fix) == text.replace("=jargon #", "=jargon,tone.blame #")


def test_a_missing_element_is_disabled_for_the_file_and_line_endings_are_kept(
    linter: Linter,
) -> None:
    text = "Hi {{ name }},\r\n\r\nYour refund is approved.\r\n"
    (missing,) = [f for f in findings(linter, text, "m.hbs") if f.rule == "next_step"]
    kind = file_type("m.hbs")
    assert kind is not None
    (fix,) = suppression_fixes(text, missing, kind)
    assert fix.preferred and fix.new_text == "{{! replylint: disable=next_step }}\r\n"
    assert "next_step" not in [f.rule for f in findings(linter, apply(text, fix), "m.hbs")]


def test_a_commented_out_directive_is_not_extended() -> None:
    """The fix adds to a directive the linter reads, never to one inside a comment."""
    text = "<!--\nOld note:\nreplylint: disable=jargon\n-->\nHi Sam,\n\nYour RMA is on its way.\n"
    kind = file_type("m.md")
    assert kind is not None
    fake = blame_on_your(text)
    _, file_fix = suppression_fixes(text, fake, kind)
    assert apply(text, file_fix) == "<!-- replylint: disable=tone.blame -->\n" + text


def test_a_plain_text_macro_read_as_html_gets_an_html_comment(linter: Linter) -> None:
    """A ``.txt`` macro holding real tags is read as HTML: a bare directive line would be
    visible text there (reported as malformed, silencing nothing)."""
    text = "<p>Hello {{ name }},</p>\n<p>Your RMA has been approved.</p>\n"
    before = findings(linter, text, "m.txt")
    jargon = next(f for f in before if f.rule == "jargon")
    kind = file_type("m.txt")
    assert kind is not None
    line_fix, file_fix = suppression_fixes(text, jargon, kind)
    assert line_fix.new_text == "<!-- replylint: disable-next-line=jargon -->\n"
    assert file_fix.new_text == "<!-- replylint: disable=jargon -->\n"
    kept = [(f.rule, f.text) for f in before if f.rule != "jargon"]
    for fix in (line_fix, file_fix):
        after = findings(linter, apply(text, fix), "m.txt")
        assert [(f.rule, f.text) for f in after] == kept


@pytest.mark.parametrize("name", ["m.md", "m.txt"])
def test_the_whole_file_fix_goes_below_front_matter(linter: Linter, name: str) -> None:
    """Front matter must stay on the first line; the directive below it still works."""
    text = "---\ntitle: Refund\ntags: [rma]\n---\nHi {{ name }},\n\nYour RMA is approved.\n"
    before = findings(linter, text, name)
    jargon = next(f for f in before if f.rule == "jargon")
    kind = file_type(name)
    assert kind is not None
    file_fix = suppression_fixes(text, jargon, kind)[-1]
    fixed = apply(text, file_fix)
    assert fixed.startswith("---\ntitle: Refund\ntags: [rma]\n---\n" + file_fix.new_text)
    after = findings(linter, fixed, name)
    assert [(f.rule, f.text) for f in after] == [
        (f.rule, f.text) for f in before if f.rule != "jargon"
    ]


def test_front_matter_with_nothing_below_gets_the_directive_on_a_line_of_its_own() -> None:
    text = "---\ntitle: Refund\n---"
    kind = file_type("m.md")
    assert kind is not None
    missing = Finding(
        rule="greeting", check="greeting", severity="warning", message="m",
        start=len(text), end=len(text), text="",
    )  # fmt: skip
    (fix,) = suppression_fixes(text, missing, kind)
    assert apply(text, fix) == text + "\n<!-- replylint: disable=greeting -->\n"


def tone_on(text: str, word: str) -> Finding:
    start = text.index(word)
    return Finding(
        rule="tone.blame", check="tone", severity="warning", message="m",
        start=start, end=start + len(word), text=word,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "offered"),
    [
        ("Hi Sam,\n\nYour order ships today.\n", True),
        ("Your order ships today.\n", True),
        ("---\ntitle: Refund\n---\nYour order ships today.\n", True),
        ("# Refund\nYour order ships today.\n", True),
        ("Steps:\n\n- Your order ships today.\n", True),
        ("Hi Sam,\nYour order ships today.\n", False),  # splits the paragraph
        ("| Step | What |\n|---|---|\n| 1 | Your order |\n", False),  # ends the table
        ("Steps:\n- Check it.\n- Your order ships.\n", False),  # splits the list
        ("- Check it.\n\n- Your order ships.\n", False),  # a loose list: splits it too
        ("- Check it.\n\n  Your order ships.\n", False),  # the item's second paragraph
        ("Hi,\n\n```\nx\n\nYour order\n```\n", False),  # in a code block it is shown
        ("Hi,\n\n    Your order\n", False),  # an indented code block
    ],
)
def test_markdown_gets_the_line_fix_only_where_it_cannot_change_the_rendering(
    text: str, offered: bool
) -> None:
    kind = file_type("m.md")
    assert kind is not None
    fixes = suppression_fixes(text, tone_on(text, "Your"), kind)
    titles = [fix.title for fix in fixes]
    assert ("Disable tone.blame for this line (replylint)" in titles) is offered
    assert fixes[-1].title == "Disable tone.blame in this file (replylint)"
    assert fixes[-1].preferred is not offered  # the only fix is the preferred one
    plain = file_type("m.txt")  # plain text has no blocks: the line fix is always there
    assert plain is not None and len(suppression_fixes(text, tone_on(text, "Your"), plain)) == 2


def test_in_markdown_an_existing_directive_is_still_joined_mid_paragraph() -> None:
    text = "Hi Sam,\n<!-- replylint: disable-next-line=jargon -->\nYour RMA ships.\n"
    kind = file_type("m.md")
    assert kind is not None
    line_fix, _ = suppression_fixes(text, tone_on(text, "Your"), kind)
    assert apply(text, line_fix) == text.replace("=jargon", "=jargon,tone.blame")


def test_old_mac_line_endings_get_the_directive_above_the_line(linter: Linter) -> None:
    """Lines end at a lone \\r too: the directive goes above the finding's line, ends
    with \\r like the file's lines, and covers that line only."""
    text = "Hi {{ name }},\rYour RMA is approved.\rThe SLA is two days.\rThanks, Kim\r"
    before = findings(linter, text, "m.txt")
    rma = next(f for f in before if f.text == "RMA")
    kind = file_type("m.txt")
    assert kind is not None
    line_fix, _ = suppression_fixes(text, rma, kind)
    fixed = apply(text, line_fix)
    assert fixed == text.replace("Your", "replylint: disable-next-line=jargon\rYour")
    after = findings(linter, fixed, "m.txt")
    assert [f.text for f in after if f.rule == "jargon"] == ["SLA"]
