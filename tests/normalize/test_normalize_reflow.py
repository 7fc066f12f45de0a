"""Reflowing plain text: a line going on in lower case continues the sentence above it;
doubled spaces between words become one."""

from __future__ import annotations

import pytest

from replylint import Linter
from replylint.normalize import normalize


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("I will refund you within 24\nhours.", "I will refund you within 24 hours."),
        ("Quote your ticket\nnumber in replies.", "Quote your ticket number in replies."),
        ("Hi Sam, thanks for writing in about the\nrefund.",
         "Hi Sam, thanks for writing in about the refund."),
    ],
)  # fmt: skip
def test_wrapped_lines_are_joined(raw: str, expected: str) -> None:
    result = normalize(raw)
    assert result.text == expected
    start, end = result.offsets.to_original(0, len(result.text))
    assert raw[start:end] == raw  # the space maps back to the line break


@pytest.mark.parametrize(
    "raw",
    [
        "Your refund is on its way.\nYou will see it on Friday.",  # a new sentence
        "Try this:\n- restart the phone\n- open the app",  # a list ...
        "Steps:\n1. open Settings\n2. tap Reset",  # ... numbered ...
        "Do this:\nrestart the phone",  # ... or after a colon
        "Run this:\n\ncd app\n  make clean",  # indented: code or a quote
        "Thanks for your patience,\nsam",  # a short last line is a sign-off
    ],
)
def test_structured_lines_are_kept(raw: str) -> None:
    kept = [line for line in normalize(raw).text.split("\n") if line]
    assert len(kept) >= 2


def test_html_line_breaks_are_never_joined() -> None:
    assert normalize("<p>Try this:<br>first step<br>second step</p>").text.count("\n") == 2


def test_a_wrapped_timeframe_is_found(linter: Linter) -> None:
    reply = (
        "Hi Sam,\n\nI have asked our billing team to refund you, and the money\n"
        "reaches your card within 5 business\ndays.\n\nThanks!"
    )
    report = linter.check(reply)
    assert report.checks["next_step_timeframe"].present


def test_doubled_spaces_between_words_become_one_but_indentation_stays() -> None:
    raw = "Per our  policy,   refunds take a week.\n    indented line"
    result = normalize(raw)
    assert result.text == "Per our policy, refunds take a week.\n    indented line"
    for finding_start, finding_end in [(0, 14)]:
        start, end = result.offsets.to_original(finding_start, finding_end)
        assert raw[start:end] == "Per our  policy"


def test_a_phrase_with_a_doubled_space_still_matches(linter: Linter) -> None:
    report = linter.check("Hi Sam, per our  policy refunds take a week. Thanks!")
    assert [f.text for f in report.findings if f.check == "tone"] == ["per our  policy"]


@pytest.mark.parametrize(
    ("raw", "items"),
    [
        (
            "To reset it:\nopen Settings\ntap Account\nchoose Reset password",
            ["To reset it:", "open Settings", "tap Account", "choose Reset password"],
        ),
        (  # the lead-in need not open the paragraph; an item may be the widest line
            "Hi Lou,\nIf the app hangs, here is the fix:\nquit it\n"
            "restart your phone and open it again",
            ["Hi Lou,", "If the app hangs, here is the fix:", "quit it",
             "restart your phone and open it again"],
        ),
    ],
)  # fmt: skip
def test_a_plain_list_under_its_lead_in_keeps_an_item_a_line(raw: str, items: list[str]) -> None:
    assert normalize(raw).text.split("\n") == items


def test_a_plain_list_item_is_a_sentence(linter: Linter) -> None:
    reply = (
        "Hi Lou,\n\nTo reset it:\nopen Settings\ntap Account\nchoose Reset password\n\nThanks,\nAri"
    )
    sentences = [s.text for s in linter.analyze(reply).sentences]
    assert sentences[-3:] == ["open Settings", "tap Account", "choose Reset password"]


@pytest.mark.parametrize(
    "raw",
    [
        # wrapped at 72 columns under a lead-in: each break is where the next word did not fit
        "There is one thing left to do on our side:\nwe will move your booking to the "
        "morning slot you asked for and\nsend you the new confirmation by email today.",
        # a line the wrap ended at a colon is no list's lead-in
        "Thanks for your patience while we looked into this for you. Here is what\n"
        "we found: the card on file expired last month, so the renewal payment\n"
        "failed and the plan lapsed.",
    ],
)
def test_wrapped_prose_under_a_colon_is_still_joined(raw: str) -> None:
    assert "\n" not in normalize(raw).text.split(":\n")[-1]


def test_a_placeholder_is_as_wide_as_written() -> None:
    """The editor wrapped "{{ticket.requester.first_name}}" at its typed width, wider than
    the word it is read as."""
    raw = (
        "Here is where things stand with your order today:\n"
        "{{ticket.requester.first_name}}, it left our\ndepot this morning."
    )
    assert normalize(raw).text.endswith("it left our depot this morning.")


@pytest.mark.parametrize(
    ("raw", "greeting"),
    [
        ("Hi Dana,\nthanks for writing in. Your refund was sent today.", "Hi Dana,"),
        ("Good morning\nyour order ships today and arrives on Friday.", "Good morning"),
        ("Dear Sir or Madam,\nwe have received your letter of complaint.", "Dear Sir or Madam,"),
        ("Hello, Mr. Lee\nthanks for the photos of the damaged box.", "Hello, Mr. Lee"),
        ("Hi all!\nthe outage is over and every site is back.", "Hi all!"),
        ("Hi {{customer.first_name}},\nthanks for your order. It ships today.", "Hi Name,"),
        # a <br> in a plain text that breaks its own lines: the same line break
        (
            "Hi Dana,<br>thanks for writing in. Your refund was sent\ntoday and shows in 3 "
            "days.\n\nBest,\nKim",
            "Hi Dana,",
        ),
        # HTML: a greeting with no comma before its <br>
        ("<p>Hi Dana<br>thanks for writing in, your refund was sent today.</p>", "Hi Dana"),
    ],
)
def test_a_greeting_line_stays_its_own_sentence(raw: str, greeting: str, linter: Linter) -> None:
    """A greeting alone on its line was joined to the line under it when that went on in
    lower case, and the body's first words were read as part of the greeting's sentence."""
    opening = linter.analyze(raw).opening
    assert opening is not None and opening.text == greeting


def test_a_name_greeted_on_its_own_line_is_the_customers(linter: Linter) -> None:
    """ "Hi Kim" over a lower-case line was one sentence with it, so "Kim" was not read
    as the name greeted, and "Thanks, Kim!" at the end was taken for the agent signing."""
    reply = "Hi Kim\nyour refund is on its way and reaches your card within 5 days.\n\nThanks, Kim!"
    assert not linter.check(reply).checks["agent_identity"].present


def test_a_greeting_line_the_editor_wrapped_is_joined() -> None:
    """The handles as typed filled the line: the editor wrapped it after the greeting."""
    raw = "@acme_support_team @sam_lee_1984 Hi Sam,\nthanks for writing in and for the photos."
    assert normalize(raw).text == "Hi Sam, thanks for writing in and for the photos."
