"""greeting: hand-written replies that must and must not count as greeted."""

from __future__ import annotations

import pytest

from replylint import Linter

GREETED = [
    "Hi Dana, your refund was processed yesterday.",
    "Hello! Your order ships Monday.",
    "Hey there - the update is live.",
    "Good afternoon Mr. Lee, thanks for waiting.",
    "Dear Ms. Patel,\n\nYour appointment is confirmed.",
    "HI Peachy57\nThe add-on works on version 60.",
    "Dana, your order ships Monday.",
    "Welcome to Acme! Your account is ready.",
    "@acme_help Hi there, please DM us your order number.",
    "Hi!\nYour parcel arrives tomorrow.",
    "Hi {{ticket.requester.first_name}},\n\nYour order ships Monday.",
    "<p>Hello Sam,</p><p>Your ticket is closed.</p>",
    # Markdown macros: the macro's title and front matter are not the opening
    "# Refund approved\n\nHi {{ticket.requester.first_name}},\n\nYour refund is on its way.",
    (
        "---\ntitle: Refund approved\ntags: [billing, refunds]\n---\n"
        "Hello {{customer.name}},\n\nYour refund is on its way."
    ),
]
NOT_GREETED = [
    "Thanks for reaching out! Your order ships Monday.",
    "Your refund was processed yesterday.",
    "Unfortunately, we cannot change the address.",
    "Yes, that is correct.",
    "Sorry, the store is closed today.",
    "Please restart the app and try again. Hi to the team!",
    "@acme_help We want to help you with this. Shoot me a DM.",
    "That's ok Kevin. Anything else we can do?",
    "# Refund approved\n\nYour refund is on its way.",
]


@pytest.mark.parametrize("reply", GREETED)
def test_greeting_present(linter: Linter, reply: str) -> None:
    assert linter.check(reply).checks["greeting"].present


@pytest.mark.parametrize("reply", NOT_GREETED)
def test_greeting_missing(linter: Linter, reply: str) -> None:
    report = linter.check(reply)
    assert not report.checks["greeting"].present
    assert any(f.rule == "greeting" and f.text == "" for f in report.findings)


def test_suggestion_uses_known_customer_name(linter: Linter) -> None:
    report = linter.check("Your order ships Monday.", customer_name="Dana")
    (finding,) = [f for f in report.findings if f.rule == "greeting"]
    assert finding.suggestion is not None and "Hi Dana" in finding.suggestion
