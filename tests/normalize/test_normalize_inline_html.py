"""A Markdown or plain-text reply with a few inline tags stays plain text: its tags are
cut, its own line breaks kept. HTML laid out by tags is read as HTML, as before."""

from __future__ import annotations

import pytest

from replylint import Linter, LinterConfig
from replylint.normalize import normalize
from replylint.normalize.htmltext import looks_like_html

MACRO = (
    "Hi Sam,\n\nYour refund was sent today.\nIt reaches your card within {tag}.\n\n"
    "- Check your statement\n- Reply here if it is late\n\nThanks for your patience!\nPriya"
)


@pytest.mark.parametrize(
    "tag",
    [
        "<b>5 days</b>",
        "<strong>5 days</strong>",
        "<i>5 days</i>",
        '<a href="https://example.com/refunds">5 days</a>',
        "<span style='color:red'>5 days</span>",
    ],
)
def test_markdown_with_an_inline_tag_keeps_its_lines(tag: str) -> None:
    raw = MACRO.format(tag=tag)
    result = normalize(raw)
    assert not looks_like_html(raw) and not result.is_html
    assert result.text == MACRO.format(tag="5 days")
    start = result.text.index("5 days")
    a, b = result.offsets.to_original(start, start + len("5 days"))
    assert raw[a:b] == "5 days"
    assert [result.text[r.start : r.end] for r in result.regions if r.kind == "signoff"] == [
        "Priya"
    ]


def test_a_br_inside_a_line_breaks_it() -> None:
    raw = "Hi Sam,<br>Your card ships today.\n\nThanks,\nPriya"
    assert normalize(raw).text == "Hi Sam,\nYour card ships today.\n\nThanks,\nPriya"


def test_an_escaped_tag_stays_as_typed() -> None:
    raw = "Hi Sam,\n\nType &lt;b&gt; before the word, then <b>save</b>.\n\nThanks,\nPriya"
    assert "Type <b> before the word, then save." in normalize(raw).text


def test_br_lines_read_as_they_did_as_html() -> None:
    """Lines ending in ``<br>`` as a forum editor writes them: the same text either way."""
    raw = (
        "Hi Sam,<br><br>\nYour card ships today.<br>\nIt arrives Friday.<br><br>\n"
        "Thanks,<br>\nPriya"
    )
    assert not normalize(raw).is_html
    assert normalize(raw).text == normalize(raw, input_format="html").text


@pytest.mark.parametrize(
    "raw",
    [
        "Hi Sam,<br>Your card ships <b>today</b>.<br><br>Thanks,<br>Priya",
        "<p>Hi Sam,</p>\n<p>Your card ships <b>today</b>.</p>\n<p>Thanks,<br>\nPriya</p>",
        "Hi Sam,\n\n<ul>\n<li>Restart the app</li>\n<li>Sign in again</li>\n</ul>\nThanks!",
    ],
)
def test_html_laid_out_by_tags_is_still_html(raw: str) -> None:
    assert looks_like_html(raw) and normalize(raw).is_html


def test_the_closing_and_signoff_of_a_markdown_macro_are_read() -> None:
    """Read as HTML, the thanks, the name and the team ran into one line: no sign-off,
    no closing thanks, no agent's name."""
    reply = (
        "Hi Sam,\n\nYour refund was sent today and reaches your card within <b>5 days</b>."
        "\n\nThanks for your patience!\nPriya Raman\nBilling Team, Acme"
    )
    report = Linter(LinterConfig(model="none")).check(reply)
    assert report.checks["closing_thanks"].present
    assert report.checks["agent_identity"].present
    assert report.checks["next_step_timeframe"].present
