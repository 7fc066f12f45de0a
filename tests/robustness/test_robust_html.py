"""Hostile and broken HTML: each case gives a report or a clear error, in bounded time.

Mail clients and ticket exports produce every kind of broken markup, and a crafted
message can try to hide words from the agent or pile up work. Two things matter: the
full check survives (the contract in conftest.py), and what a browser would not show
(script, style, template, noscript, comments, unterminated markup) never becomes reply
text that a rule could flag.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import pytest

from replylint import Linter
from replylint.config import LinterConfig
from replylint.linter import InputError
from replylint.normalize import normalize
from replylint.report import Report

if TYPE_CHECKING:
    from conftest import Contract

REPLY = "<p>Hi Sam,</p><p>Your refund goes out today.</p><p>Thanks!</p>"
JARGON = "RMA SLA escalation queue ETA"


def _report(outcome: Report | InputError) -> Report:
    assert isinstance(outcome, Report), outcome
    return outcome


def _jargon(report: Report) -> list[str]:
    return [f.text for f in report.findings if f.check == "jargon"]


@pytest.mark.parametrize(
    "raw",
    [
        "<div>" * 10_000 + "Hi Sam, your refund goes out today. Thanks!" + "</div>" * 10_000,
        "<div><span><b>" * 5_000 + "Hi Sam, your refund goes out today. Thanks!",
        "<blockquote>" * 5_000 + "quoted" + "</blockquote>" * 4_999 + "<p>Hi Sam, done today.",
        "<pre>" * 3_000 + "Hi Sam,\n  your refund goes out today.",
        '<div class="gmail_quote">' * 3_000 + "old</div>" * 3_000 + "<p>Hi Sam, thanks!</p>",
    ],
    ids=["10k-nested-div", "15k-unclosed", "nested-quotes", "nested-pre", "nested-gmail-quote"],
)
def test_deep_nesting(contract: Contract, raw: str) -> None:
    started = time.perf_counter()
    contract.check(raw, input_format="html")
    assert time.perf_counter() - started < 30  # a hang guard, not a benchmark


def test_unclosed_tags_still_read_as_a_reply(contract: Contract) -> None:
    raw = "<p>Hi Sam,<p>Your <b>refund <i>goes out today.<p>Thanks<li>!"
    report = _report(contract.check(raw, input_format="html"))
    assert report.checks["greeting"].present
    assert report.checks["closing_thanks"].present


@pytest.mark.parametrize(
    "raw",
    [
        '<p title="' + "x" * 1_000_000 + '">Hi Sam, your refund goes out today. Thanks!</p>',
        "<p " + "data-x=1 " * 100_000 + ">Hi Sam, your refund goes out today. Thanks!</p>",
    ],
    ids=["1MB-attribute", "100k-attributes"],
)
def test_huge_attributes(raw: str) -> None:
    linter = Linter(LinterConfig(max_reply_chars=2_000_000))
    report = linter.check(raw, input_format="html")
    assert report.checks["greeting"].present
    assert not any(len(f.text) > 100 for f in report.findings)


@pytest.fixture(scope="module")
def roomy() -> Linter:
    """The default configuration, with room for the 300,000-character attribute below."""
    return Linter(LinterConfig(max_reply_chars=1_000_000))


@pytest.mark.parametrize(
    "tail",
    [
        "<!-- " + JARGON,  # a comment that never closes hides the rest
        "<!-- <p>" + JARGON + "</p>",  # ... including tags inside it
        '<p title="' + "x" * 300_000 + " " + JARGON,  # one endless attribute
        "<p " + JARGON,  # attributes up to the end
        "</p " + JARGON,
        "<!DOCTYPE " + JARGON,
        "<![CDATA[ " + JARGON,
        "<? " + JARGON,
    ],
    ids=["comment", "comment-with-tags", "attribute", "tag", "end-tag", "decl", "cdata", "pi"],
)
def test_unterminated_markup_at_the_end_is_not_reply_text(roomy: Linter, tail: str) -> None:
    raw = REPLY + tail
    linter = roomy
    result = normalize(raw, input_format="html")
    assert result.text == "Hi Sam,\n\nYour refund goes out today.\n\nThanks!"
    assert _jargon(linter.check(raw, input_format="html")) == []


@pytest.mark.parametrize(
    "hidden",
    [
        "<script>var RMA = 'SLA'; document.write('<p>ETA</p>');</script>",
        "<script>" + JARGON,  # never closed
        "<style>.RMA { color: red } /* SLA */</style>",
        "<template><p>" + JARGON + "</p></template>",
        "<noscript>Enable JavaScript to see the RMA SLA portal.</noscript>",
        "<head><title>RMA SLA</title></head>",
        "<!-- RMA SLA -->",
        "<![CDATA[ RMA SLA ]]>",
    ],
    ids=["script", "unclosed-script", "style", "template", "noscript", "title", "comment", "cdata"],
)
def test_invisible_content_is_never_flagged(contract: Contract, hidden: str) -> None:
    raw = REPLY.replace("</p><p>Your", "</p>" + hidden + "<p>Your", 1)
    report = _report(contract.check(raw, input_format="html"))
    assert _jargon(report) == []
    for word in ("RMA", "SLA", "ETA"):
        assert word not in normalize(raw, input_format="html").text


def test_visible_jargon_next_to_hidden_content_is_still_flagged(contract: Contract) -> None:
    """The hidden-content test above can fail: the same words outside are flagged."""
    raw = REPLY.replace("Your refund", "Your RMA refund", 1) + "<script>SLA</script>"
    assert _jargon(_report(contract.check(raw, input_format="html"))) == ["RMA"]


@pytest.mark.parametrize(
    "entity",
    [
        "&amp;", "&eacute;", "&hearts;", "&NotAnEntity;", "&#128512;", "&#x1F600;",
        "&#xFFFFFFFF;", "&#99999999999999;", "&#0;", "&#x0;", "&#xD800;", "&#xDFFF;",
        "&#x110000;", "&#;", "&#x;", "&#xZZ;", "&amp", "&", "&" * 1000, "&#1" * 1000,
        "&#x202E;", "&#8203;" * 50, "&nbsp;" * 500,
    ],
)  # fmt: skip
def test_entities(contract: Contract, entity: str) -> None:
    raw = f"<p>Hi Sam, {entity} your refund goes out today.</p><p>Thanks!</p>"
    report = _report(contract.check(raw, input_format="html"))
    assert report.checks["greeting"].present


def test_many_restarts_on_malformed_marked_sections(contract: Contract) -> None:
    raw = "<p>Hi Sam, done today.</p>" + "<![if !mso]>x<![endif]><![junk[ " * 2_000
    contract.check(raw, input_format="html")


def test_comment_that_never_closes_after_50k_characters(contract: Contract) -> None:
    raw = REPLY + "<!-- " + ("RMA " * 12_000)
    report = _report(contract.check(raw, input_format="html"))
    assert _jargon(report) == []
