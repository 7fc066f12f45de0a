"""tone.cold_phrases, run alone: policy and procedure phrases are flagged where they stand,
each with its plain-words swap; the same words in a warmer sentence are not."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import RuleUnderTest

RULE = "tone.cold_phrases"


@pytest.mark.parametrize(
    ("reply", "phrase", "suggestion"),
    [
        ("Hi Sam, per our policy refunds take 5 days.", "per our policy", 'Say "because" instead.'),
        ("Please be advised that the store is closed.", "Please be advised", "Leave it out."),
        (
            "We regret to inform you that the item is sold out.",
            "We regret to inform you",
            'Say "I\'m sorry to say" instead.',
        ),
        (
            "As previously stated, the refund was issued.",
            "As previously stated",
            'Say "as I mentioned" instead.',
        ),
        (
            "Sorry, it is not our responsibility once the courier has it.",
            "it is not our responsibility",
            'Say "we can\'t fix this from our side, but" instead.',
        ),
        ("Your call is important to us. Please hold.", "Your call is important to us", None),
    ],
)
def test_cold_phrase_is_flagged_with_its_swap(
    rule: RuleUnderTest, reply: str, phrase: str, suggestion: str | None
) -> None:
    (finding,) = rule.findings(reply)
    assert finding.text == phrase
    assert reply[finding.start : finding.end] == phrase
    assert finding.message == f'"{phrase}" reads as cold or bureaucratic.'
    if suggestion is not None:
        assert finding.suggestion == suggestion


@pytest.mark.parametrize(
    "reply",
    [
        "Hi Sam, refunds take 5 days because the bank needs time. Thanks!",
        "Our policy team will email you today.",
        "Please let us know if you'd like advice on the settings.",
        "I'm sorry to say the item is sold out.",
        "As I mentioned, the refund was issued yesterday.",
    ],
)
def test_plain_wording_passes(rule: RuleUnderTest, reply: str) -> None:
    assert rule.passes(reply)


def test_each_phrase_is_its_own_finding(rule: RuleUnderTest) -> None:
    reply = "Please be advised that, per our policy, refunds take 5 days."
    assert rule.spans(reply) == ["Please be advised", "per our policy"]


def test_a_phrase_in_quoted_history_is_not_the_reply(rule: RuleUnderTest) -> None:
    assert rule.passes("Hi Sam, your refund ships today.\n\n> Per our policy, no refunds.")
