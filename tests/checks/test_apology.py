"""apology: present/absent, negation, and applicability from the customer message."""

from __future__ import annotations

import pytest

from replylint import Linter

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
def test_apology_present(linter: Linter, reply: str) -> None:
    result = linter.check(reply, customer_message=PROBLEM).checks["apology"]
    assert result.present and result.applicable


@pytest.mark.parametrize("reply", NOT_APOLOGISING)
def test_apology_missing_when_customer_had_a_problem(linter: Linter, reply: str) -> None:
    report = linter.check(reply, customer_message=PROBLEM)
    assert not report.checks["apology"].present
    assert any(f.rule == "apology" for f in report.findings)


def test_not_applicable_when_customer_is_happy(linter: Linter) -> None:
    report = linter.check("Great to hear! Enjoy it.", customer_message="Love the new app!")
    result = report.checks["apology"]
    assert not result.applicable and not result.present
    assert not any(f.rule == "apology" for f in report.findings)


def test_without_customer_message_decides_from_reply_and_says_so(linter: Linter) -> None:
    troubled = linter.check("The crash is a known bug. Please update the app.").checks["apology"]
    assert troubled.applicable and "no customer message" in (troubled.reason or "")
    calm = linter.check("Your order ships Monday. Enjoy!").checks["apology"]
    assert not calm.applicable and "no customer message" in (calm.reason or "")


def test_quoted_history_is_not_the_reply(linter: Linter) -> None:
    reply = "Please send us your order number.\n\n> I'm sorry to bother you again."
    assert not linter.check(reply, customer_message=PROBLEM).checks["apology"].present


ROUTINE_REQUESTS = [
    "Please cancel my subscription.",
    "Could you please cancel my order #5521?",
    "I'd like a refund for the annual plan, I no longer need it.",
    "How do I cancel my membership?",
]


@pytest.mark.parametrize("request_text", ROUTINE_REQUESTS)
def test_routine_request_calls_for_no_apology(linter: Linter, request_text: str) -> None:
    report = linter.check("Hi Sam, your plan is now cancelled.", customer_message=request_text)
    result = report.checks["apology"]
    assert not result.applicable, result
    assert not any(f.rule in {"apology", "empathy"} for f in report.findings)


def test_request_with_a_problem_still_calls_for_an_apology(linter: Linter) -> None:
    report = linter.check(
        "Hi Sam, your plan is now cancelled.",
        customer_message="Please cancel my subscription, the app keeps crashing.",
    )
    assert report.checks["apology"].applicable
    assert any(f.rule == "apology" for f in report.findings)


def test_a_cancellation_done_to_the_customer_is_a_problem(linter: Linter) -> None:
    result = linter.check("Hi Sam, please DM us.", customer_message="You cancelled my flight!")
    assert result.checks["apology"].applicable
