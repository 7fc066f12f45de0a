"""The shared refusal reader (replylint/refusals.py): what refuses and what does not,
and that the options check and the step finder read refusals the same way."""

from __future__ import annotations

import pytest

from replylint import Linter


def refusal(linter: Linter, text: str) -> str | None:
    found = linter.analyze(text).refusal
    return None if found is None else found.text


@pytest.mark.parametrize(
    ("reply", "words"),
    [
        ("We can't refund opened items.", "can't refund"),
        ("Unfortunately we don't ship to Norway.", "don't ship"),
        ("Tickets can't be refunded after the show.", "can't be refunded"),
        ("Sorry, we won't be restocking the blue jumper.", "won't be restocking"),
        ("The shop no longer accepts cheques.", "no longer accepts"),
        ("That's against our policy, sorry.", "against our policy"),
        ("We are unable to reopen the account.", "We are unable to"),
        ("I can't advise on third-party chargers.", "can't advise"),
        # "unable to", "not able/willing to" are "can't", by the same test of subject
        # and verb, with adverbs between
        ("I am therefore unable to change your banding.", "am therefore unable to change"),
        ("Sorry, we're not willing to waive the fee.", "'re not willing to waive"),
        ("We are unwilling to reopen the account.", "are unwilling to reopen"),
    ],
)
def test_a_refusal_is_found_with_its_words(linter: Linter, reply: str, words: str) -> None:
    assert refusal(linter, reply) == words


@pytest.mark.parametrize(
    "reply",
    [
        "I can't remember which plan you chose, so I checked: it's the yearly one.",
        "If you can't log in, reset your password from the sign-in page.",
        "Can't you see the menu at the top?",
        "They don't have parking at that branch, but the street is free after 6pm.",
        "Sorry to hear you can't log in.",
        "We didn't charge you twice: the second line is a hold.",
        "We don't have to close the account to change the name.",
        "I am unable to find your order; could you send the number?",
        "If you are unable to log in, reset your password.",
        "Sorry to hear you were unable to log in.",
    ],
)
def test_no_refusal(linter: Linter, reply: str) -> None:
    assert refusal(linter, reply) is None


def test_the_step_finder_reads_refusals_as_the_options_check_does(linter: Linter) -> None:
    """An ending state beside a refusal is no step; beside "I can't remember", which
    the shared reader (and so the options check) does not call a refusal, it is one."""
    refused = linter.analyze("We can't reopen it. Your account is closed now.")
    kept = linter.analyze("I can't remember the date. Your account is closed now.")
    assert refused.refusal is not None and refused.next_steps == ()
    assert kept.refusal is None
    assert [step.kind for step in kept.next_steps] == ["completed"]
