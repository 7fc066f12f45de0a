"""A directive in a comment that spans lines (the opener and closer on lines of their
own): read in every comment form, as in one line, and reported when it does not parse."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from replylint import Linter
from replylint.lsp.actions import suppression_fixes
from replylint.lsp.filetypes import file_type
from replylint.normalize.pipeline import InputFormat
from replylint.report import Finding, Report
from replylint.suppression import MALFORMED_RULE, UNKNOWN_RULE

BODY = "Your RMA refund reaches your card within 5 days."
#: The comment forms, each around ``{}`` with its opener and closer on lines of their own.
MULTILINE = [
    "<!--\n{}\n-->",
    "{{#\n{}\n#}}",
    "{{{{!--\n{}\n--}}}}",
    "{{% comment %}}\n{}\n{{% endcomment %}}",
]


def plain(comment: str) -> str:
    return f"Hi Dana,\n\n{comment}\n{BODY}\n\nThanks,\nSam\n"


def html(comment: str) -> str:
    return f"<p>Hi Dana,</p>\n{comment}\n<p>{BODY}</p><p>Thanks,<br>Sam</p>\n"


def about(report: Report) -> list[Finding]:
    return [f for f in report.findings if f.check == "suppression"]


def assert_offsets_slice(reply: str, report: Report) -> None:
    for finding in report.findings:
        assert reply[finding.start : finding.end] == finding.text


@pytest.mark.parametrize("form", MULTILINE)
@pytest.mark.parametrize("input_format", ["auto", "text"])
def test_a_directive_in_a_comment_over_several_lines_is_read(
    linter: Linter, form: str, input_format: InputFormat
) -> None:
    """Read, and gone from what the checks read: the comment is no template residue."""
    reply = plain(form.format("replylint: disable=jargon"))
    report = linter.check(reply, input_format=input_format)
    assert report.findings == []
    assert report.suppressed == 1


@pytest.mark.parametrize("form", MULTILINE[:2])
def test_a_directive_in_a_comment_over_several_lines_is_read_in_html(
    linter: Linter, form: str
) -> None:
    report = linter.check(html(form.format("replylint: disable=jargon")))
    assert report.findings == []
    assert report.suppressed == 1


@pytest.mark.parametrize(
    "comment",
    [
        "<!-- replylint: disable=jargon\n-->",
        "<!--\n\n  replylint: disable=jargon # our brand term\n\n-->",
        "<!--\r\nreplylint: disable=jargon\r\n-->",
    ],
)
def test_the_opener_and_closer_may_stand_on_any_line_around_it(
    linter: Linter, comment: str
) -> None:
    report = linter.check(plain(comment))
    assert about(report) == []
    assert report.suppressed == 1


@pytest.mark.parametrize("render", [plain, html], ids=["plain", "html"])
@pytest.mark.parametrize("form", MULTILINE[:2])
def test_next_line_means_the_line_after_the_comment_closes(
    linter: Linter, form: str, render: Callable[[str], str]
) -> None:
    """As for a comment on one line: the directive's own line is inside the comment."""
    reply = render(form.format("replylint: disable-next-line=jargon"))
    report = linter.check(reply + "The SLA is two days.\n")
    assert [f.text for f in report.findings if f.check == "jargon"] == ["SLA"]
    assert report.suppressed == 1


@pytest.mark.parametrize("render", [plain, html], ids=["plain", "html"])
def test_a_malformed_directive_over_several_lines_is_reported_as_its_comment(
    linter: Linter, render: Callable[[str], str]
) -> None:
    """Its problem is named (in HTML too: it is in a comment, not in the visible text)."""
    comment = "<!--\nreplylint: disable=jargon because brand\n-->"
    reply = render(comment)
    report = linter.check(reply)
    [bad] = about(report)
    assert (bad.rule, bad.text) == (MALFORMED_RULE, comment)
    assert '"because brand" after "disable" is not understood' in bad.message
    assert [f.text for f in report.findings if f.check == "jargon"] == ["RMA"]
    assert_offsets_slice(reply, report)


def test_a_typo_over_several_lines_is_reported(linter: Linter) -> None:
    comment = "<!--\nreplylint: disable=jargn\n-->"
    [bad] = about(linter.check(plain(comment)))
    assert (bad.rule, bad.text) == (UNKNOWN_RULE, comment)


def test_a_comment_holding_more_than_the_directive_is_reported(linter: Linter) -> None:
    """The directive must fill its comment: the author could not tell what it covers."""
    reply = plain("<!-- replylint: disable=jargon\nOld wording kept for later.\n-->")
    [bad] = about(linter.check(reply))
    assert bad.text == "<!-- replylint: disable=jargon"
    assert "the comment does not close after it" in bad.message


def test_in_html_a_directive_line_commented_out_with_other_text_is_no_finding(
    linter: Linter,
) -> None:
    """The customer never reads a comment, so it is not "in the visible text"."""
    report = linter.check(html("<!--\nOld wording:\nreplylint: disable=jargon\n-->"))
    assert about(report) == []
    assert [f.text for f in report.findings if f.check == "jargon"] == ["RMA"]


def test_the_editor_fix_adds_to_a_directive_over_several_lines() -> None:
    text = plain("<!--\nreplylint: disable=jargon\n-->")
    kind = file_type("m.md")
    assert kind is not None
    blame = Finding(
        rule="tone.blame", check="tone", severity="warning", message="m",
        start=text.index("RMA"), end=text.index("RMA") + 3, text="RMA",
    )  # fmt: skip
    file_fix = suppression_fixes(text, blame, kind)[-1]
    assert text[file_fix.start : file_fix.end] == "replylint: disable=jargon"
    assert file_fix.new_text == "replylint: disable=jargon,tone.blame"
