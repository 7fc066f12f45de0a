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
    "Lamentamos el inconveniente. Por favor revisa tus mensajes directos.",
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
