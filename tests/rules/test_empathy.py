"""empathy, run alone: acknowledging feelings or situation, not an apology that names a
feeling."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import RuleUnderTest

RULE = "empathy"
PROBLEM = "The app keeps crashing and I lost my work. So annoying."

EMPATHETIC = [
    "I understand how frustrating this is. Please update the app.",
    "I can imagine how worrying that must have been.",
    "I know how important this trip is to you, so I've rebooked you.",
    "That's not the experience we want for you.",
    "We take this very seriously and have passed it to our team.",
    "Delays are never fun, and we're on it.",
    "I completely understand your concern about the charge.",
    "That sounds really frustrating, Sam.",
    "Losing your work is so frustrating. Here is how to restore it.",
    "I hear you, and I'd feel the same.",
    "I'm sorry, I know how stressful a missed flight is.",
    "We understand that this has been a hassle for you.",
    "I can see why that was confusing.",
    "That doesn't sound good at all. Which version are you on?",
    "What made you so upset? Tell me and I'll do my best to help.",
    "We're concerned to hear this, Sam.",
    "I know you were counting on it for the weekend, and I'm sorry.",
    "I realise how much trouble this has been. A new unit ships today.",
    "You're right to be annoyed, and I've restored your work.",
    "I know how stressful losing a day's work is.",
    "I'd be frustrated too. Here is how to restore it.",
    "Losing a day's work would upset anyone.",
    # condolences, with or without an apology, in a bereavement macro
    "I'm so sorry to hear about your father's passing. I've closed the account.",
    "Please accept our deepest condolences. The account is now closed.",
    "I'm so sorry for your loss; the refund goes out today.",
    "Sorry about the cold carriage, that is really uncomfortable.",
    "Sorry about the buffering, that's not what you pay for.",
]
NOT_EMPATHETIC = [
    "Sorry for the frustration. Please update the app.",
    "Sorry for any confusion caused.",
    "Sorry to disappoint you.",
    "We apologise for the inconvenience.",
    "Please update the app to version 5.",
    "Sorry you're frustrated. A fix ships Monday.",
    "Don't worry, we'll pass this on to the team.",
    "Do I understand that the order was already cancelled?",
    "Please DM us the details of your concern.",
    "Sorry for any inconvenience this has caused you.",
    "We look forward to hearing from you.",
    "You're right that the save button is on the left.",
    "I know the fix: update the app.",
    "We value your feedback.",
    "I'd be happy to help you restore it.",
    "Sorry for the loss of service this morning.",
    "Firefox's tracking protection is passing the test now.",
    "If the new seat feels uncomfortable, we can swap it.",
]


@pytest.mark.parametrize("reply", EMPATHETIC)
def test_empathy_present(rule: RuleUnderTest, reply: str) -> None:
    result = rule.verdict(reply, customer_message=PROBLEM)
    assert result.present, result
    assert rule.passes(reply, customer_message=PROBLEM)


@pytest.mark.parametrize("reply", NOT_EMPATHETIC)
def test_empathy_missing(rule: RuleUnderTest, reply: str) -> None:
    result = rule.verdict(reply, customer_message=PROBLEM)
    assert not result.present, result
    assert rule.fires(reply, customer_message=PROBLEM)


def test_not_applicable_without_problem(rule: RuleUnderTest) -> None:
    reply, happy = "Glad you like it!", "I love this app"
    assert not rule.verdict(reply, customer_message=happy).applicable
    assert rule.passes(reply, customer_message=happy)


def test_not_applicable_for_a_routine_request(rule: RuleUnderTest) -> None:
    reply = "Done! Your plan is now switched to annual."
    request = "Please cancel my monthly plan and switch me to annual."
    assert not rule.verdict(reply, customer_message=request).applicable
    assert rule.passes(reply, customer_message=request)


ROUTINE_REQUESTS = [
    "Please cancel my subscription.",
    "Could you please cancel my order #5521?",
    "I'd like a refund for the annual plan, I no longer need it.",
    "How do I cancel my membership?",
]


@pytest.mark.parametrize("request_text", ROUTINE_REQUESTS)
def test_routine_request_calls_for_no_empathy(rule: RuleUnderTest, request_text: str) -> None:
    reply = "Hi Sam, your plan is now cancelled."
    assert not rule.verdict(reply, customer_message=request_text).applicable
    assert rule.passes(reply, customer_message=request_text)
