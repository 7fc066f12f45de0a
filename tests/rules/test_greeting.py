"""greeting, run alone: hand-written replies that must and must not count as greeted."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import RuleUnderTest

RULE = "greeting"

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


@pytest.mark.parametrize(
    "field",
    ["{$firstname}", "__FIRST_NAME__", '${user.firstName!"there"}', "%{ticket.name.first}"],
)
def test_a_name_field_of_any_syntax_opens_as_a_name(rule: RuleUnderTest, field: str) -> None:
    """A help desk's name field alone at the start ("{$firstname}, ...") greets as
    "{{first_name}}, ..." does: it will hold the customer's name. Unrecognised, its braces
    and dollar read as symbols and the reply as opening with no greeting."""
    reply = f"{field}, all done: your order ships Monday."
    assert rule.verdict(reply).present
    assert rule.passes(reply)


@pytest.mark.parametrize("reply", GREETED)
def test_greeting_present(rule: RuleUnderTest, reply: str) -> None:
    assert rule.verdict(reply).present
    assert rule.passes(reply)


@pytest.mark.parametrize("reply", NOT_GREETED)
def test_greeting_missing(rule: RuleUnderTest, reply: str) -> None:
    assert not rule.verdict(reply).present
    assert rule.fires(reply)
    assert rule.spans(reply) == [""], "a missing greeting flags no words"


def test_suggestion_uses_known_customer_name(rule: RuleUnderTest) -> None:
    (finding,) = rule.findings("Your order ships Monday.", customer_name="Dana")
    assert finding.suggestion is not None and "Hi Dana" in finding.suggestion


def test_suggestion_without_a_name_still_shows_a_greeting(rule: RuleUnderTest) -> None:
    (finding,) = rule.findings("Your order ships Monday.")
    assert finding.suggestion is not None and "Hi there" in finding.suggestion


def test_the_missing_greeting_points_at_the_first_words_after_handles(
    rule: RuleUnderTest,
) -> None:
    reply = "@acme_help We want to help you with this. Shoot me a DM."
    (finding,) = rule.findings(reply)
    assert finding.start == finding.end == reply.index("We want")
