"""apology, run alone: present/absent, negation, and applicability from the customer
message."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import RuleUnderTest

RULE = "apology"
PROBLEM = "My order never arrived and nobody answers!"

APOLOGISING = [
    "I'm so sorry your order hasn't arrived.",
    "I’m sorry to hear that, Sam.",
    "We apologise for the delay.",
    "We apologize for the trouble this caused.",
    "Apologies for the wait! Your parcel ships today.",
    "Sorry, but that's our policy for sale items.",
    "We regret that your order was late.",
    "We hate to hear your parcel is missing.",
    "My bad, I sent the wrong link. Here is the right one.",
    "We're sad to hear the app crashed.",
    # Mixed: a reply wholly in Spanish is not checked (tests/test_language.py).
    "Lamentamos el inconveniente. Please check your direct messages.",
]
NOT_APOLOGISING = [
    "No need to apologise! Please send us your order number.",
    "Unfortunately, the parcel is lost. We will send a new one today.",
    "Please DM us your order number.",
    "Don't apologize, it happens. Please send a screenshot.",
]


@pytest.mark.parametrize("reply", APOLOGISING)
def test_apology_present(rule: RuleUnderTest, reply: str) -> None:
    result = rule.verdict(reply, customer_message=PROBLEM)
    assert result.present and result.applicable
    assert rule.passes(reply, customer_message=PROBLEM)


@pytest.mark.parametrize("reply", NOT_APOLOGISING)
def test_apology_missing_when_customer_had_a_problem(rule: RuleUnderTest, reply: str) -> None:
    assert not rule.verdict(reply, customer_message=PROBLEM).present
    assert rule.fires(reply, customer_message=PROBLEM)


def test_not_applicable_when_customer_is_happy(rule: RuleUnderTest) -> None:
    reply, happy = "Great to hear! Enjoy it.", "Love the new app!"
    result = rule.verdict(reply, customer_message=happy)
    assert not result.applicable and not result.present
    assert rule.passes(reply, customer_message=happy)


def test_without_customer_message_decides_from_reply_and_says_so(rule: RuleUnderTest) -> None:
    troubled = rule.verdict("The crash is a known bug. Please update the app.")
    assert troubled.applicable and "no customer message" in (troubled.reason or "")
    calm = rule.verdict("Your order ships Monday. Enjoy!")
    assert not calm.applicable and "no customer message" in (calm.reason or "")


def test_a_guess_from_the_reply_is_less_confident(rule: RuleUnderTest) -> None:
    reply = "The crash is a known bug. Please update the app."
    (guessed,) = rule.findings(reply)
    (told,) = rule.findings(reply, customer_message="The app crashes every time I open it.")
    assert guessed.confidence < told.confidence


def test_quoted_history_is_not_the_reply(rule: RuleUnderTest) -> None:
    reply = "Please send us your order number.\n\n> I'm sorry to bother you again."
    assert not rule.verdict(reply, customer_message=PROBLEM).present


ROUTINE_REQUESTS = [
    "Please cancel my subscription.",
    "Could you please cancel my order #5521?",
    "I'd like a refund for the annual plan, I no longer need it.",
    "How do I cancel my membership?",
]


@pytest.mark.parametrize("request_text", ROUTINE_REQUESTS)
def test_routine_request_calls_for_no_apology(rule: RuleUnderTest, request_text: str) -> None:
    reply = "Hi Sam, your plan is now cancelled."
    result = rule.verdict(reply, customer_message=request_text)
    assert not result.applicable, result
    assert rule.passes(reply, customer_message=request_text)


def test_request_with_a_problem_still_calls_for_an_apology(rule: RuleUnderTest) -> None:
    reply = "Hi Sam, your plan is now cancelled."
    customer = "Please cancel my subscription, the app keeps crashing."
    assert rule.verdict(reply, customer_message=customer).applicable
    assert rule.fires(reply, customer_message=customer)


def test_a_cancellation_done_to_the_customer_is_a_problem(rule: RuleUnderTest) -> None:
    result = rule.verdict("Hi Sam, please DM us.", customer_message="You cancelled my flight!")
    assert result.applicable
