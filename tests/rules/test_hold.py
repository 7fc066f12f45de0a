"""hold, run alone: in a live conversation a request to wait says what the agent is doing
or how long it takes; no request, or an email, is not judged."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import RuleUnderTest

RULE = "hold"

BARE_WAITS = [
    "One moment please.",
    "Please hold.",
    "Bear with me.",
    "Thanks for that, hang on a sec.",
    "Thanks for the reference. Just a moment.",
    "Let me check.",
    "Please wait.",
    "Give me a minute.",
]
EXPLAINED_WAITS = [
    "One moment while I pull up your order.",
    "Please hold, this takes about 2 minutes.",
    "Let me check the delivery slots for Friday.",
    "Bear with me, I'm checking with the warehouse.",
    "Give me 2 minutes to check the class timetable.",
    "I'm going to speak to our payments team; it can take up to 10 minutes.",
    "Checking with the engineers now, back in 5 mins.",
    "Just a sec, I'll look at your last bill.",
]
NO_WAIT = [
    "Your order ships on Monday.",
    "Please wait for the next update, the fix is coming.",
    "When you have a moment, please send us a photo.",
    "Give me a call on 0161 555 0100 if it happens again.",
    "I'll call you back within 2 hours.",
    "Let me know if anything else comes up.",
]


@pytest.mark.parametrize("reply", BARE_WAITS)
def test_a_bare_wait_in_a_chat_fires(rule: RuleUnderTest, reply: str) -> None:
    result = rule.verdict(reply, channel="chat")
    assert result.applicable and not result.present, result
    assert rule.fires(reply, channel="chat")


@pytest.mark.parametrize("reply", EXPLAINED_WAITS)
def test_an_explained_wait_passes(rule: RuleUnderTest, reply: str) -> None:
    result = rule.verdict(reply, channel="chat")
    assert result.applicable and result.present, result
    assert rule.passes(reply, channel="chat")


@pytest.mark.parametrize("reply", NO_WAIT)
def test_no_wait_asked_is_not_applicable(rule: RuleUnderTest, reply: str) -> None:
    result = rule.verdict(reply, channel="chat")
    assert not result.applicable, result
    assert rule.passes(reply, channel="chat")


def test_an_email_is_no_live_conversation(rule: RuleUnderTest) -> None:
    result = rule.verdict("One moment please.", channel="email")
    assert not result.applicable and result.reason == "not a live conversation"
    assert rule.passes("One moment please.", channel="email")


def test_social_counts_phrases_but_not_let_me(rule: RuleUnderTest) -> None:
    """On social "bear with us" is a wait; "let me look into this" promises a later
    answer, not a wait in the conversation."""
    assert rule.fires("@sam Bear with us.", channel="social")
    assert rule.passes("@sam Bear with us while we check with the warehouse.", channel="social")
    assert not rule.verdict("@sam Let me look into this for you.", channel="social").applicable


def test_the_request_itself_is_no_length_of_time(rule: RuleUnderTest) -> None:
    """ "One moment" asks for the wait; only a length outside it explains the wait."""
    assert rule.fires("One moment.", channel="chat")
    assert rule.passes("One moment, it takes a couple of minutes.", channel="chat")


def test_the_finding_is_a_warning_on_the_bare_wait(rule: RuleUnderTest) -> None:
    reply = "I'm sorry your sofa didn't arrive. One sec."
    (finding,) = rule.findings(reply, channel="chat")
    assert finding.severity.value == "warning"
    assert finding.text == "One sec" == reply[finding.start : finding.end]
