"""tone.blame, run alone: phrases that blame the customer ("you failed to", "you should
have read", "it's your fault") are flagged where they stand; describing what happened is
not."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import RuleUnderTest

RULE = "tone.blame"


@pytest.mark.parametrize(
    ("reply", "span"),
    [
        ("You failed to enter the right code, so the order was cancelled.", "You failed to"),
        ("You should have read the terms before buying.", "You should have read"),
        ("As you should know, sale items are final.", "As you should know"),
        ("Sorry, but it is your fault the parcel went back.", "it is your fault"),
        ("Honestly it's your fault the parcel went back.", "it's your fault"),
        ("You forgot to confirm your email, so the link expired.", "You forgot to"),
        ("You must have known the offer had ended.", "You must have known"),
    ],
)
def test_blaming_phrase_is_flagged(rule: RuleUnderTest, reply: str, span: str) -> None:
    (finding,) = rule.findings(reply)
    assert finding.text == span and reply[finding.start : finding.end] == span
    assert finding.message == f'This may read as blaming the customer: "{span}".'
    assert finding.severity.value == "warning"


@pytest.mark.parametrize(
    "reply",
    [
        "The code did not go through, so the order was cancelled. Please try again.",
        "You should have your refund by Friday.",
        "You must have the receipt with you when you visit.",
        "It is not your fault; the courier lost the parcel.",
        "You failed? No worries, try again with the new link.",
    ],
)
def test_describing_what_happened_passes(rule: RuleUnderTest, reply: str) -> None:
    assert rule.passes(reply)


def test_two_blaming_phrases_are_two_findings(rule: RuleUnderTest) -> None:
    reply = "As you should know, sale items are final. You should have read the terms."
    assert rule.spans(reply) == ["As you should know", "You should have read"]
