"""customer_name, run alone: with the customer's name known, a reply that addresses them
by another name or a misspelling is reported on that name, with the right one as the
suggestion; short forms, title and surname, no name, and other people named are fine."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import RuleUnderTest

RULE = "customer_name"

#: (reply, customer's name, the wrong name, the suggested one)
WRONG = [
    ("Hi Sarah, your refund was sent today.", "John Miller", "Sarah", "John"),
    ("Hi Jhon, your refund was sent today.", "John Miller", "Jhon", "John"),
    ("Dear Mr. Millar, your policy is renewed.", "John Miller", "Millar", "Miller"),
    ("Dear Mr. O'Neil,\n\nYour policy is renewed.", "Patrick O'Neill", "O'Neil", "O'Neill"),
    ("Thanks, Emma! Your parcel is on its way.", "Emily Rhodes", "Emma", "Emily"),
    ("Just a moment, Priyanka.", "Priya Shah", "Priyanka", "Priya"),
    ("Sorry Mark, we can't waive that fee.", "Martin Hughes", "Mark", "Martin"),
    ("Hello Hanna, your rent is received.", "Hannah Lewis", "Hanna", "Hannah"),
    ("Good morning Jennifer! Your scan is booked.", "Jenna Morales", "Jennifer", "Jenna"),
    ("Tom, your order ships today.", "Thomas Berg", None, None),  # short form: fine
    ("Dear Rev. Jones, your booking is confirmed.", "Ruth Smith", "Jones", "Smith"),
]
FINE = [
    ("Hi Rob, your refund was sent today.", "Robert Lee"),
    ("Hi Kate, your refund was sent today.", "Katherine Hill"),
    ("Hi Leo, your membership is cancelled.", "Leonardo Bianchi"),
    ("Hey Rosie! Your booking is confirmed.", "Rosemary Grant"),
    ("Dear Ms. Brooks, your policy is renewed.", "Natalie Brooks"),
    ("Dear Reverend Smith, your booking is confirmed.", "Ruth Smith"),
    ("Dear Rev. Smith, your booking is confirmed.", "Ruth Smith"),
    ("Hi Jose, your refund is on its way.", "José García"),
    ("Hi Zoë, thanks for writing in.", "Zoe Hart"),
    ("Dear Mr. Garcia, your card is on its way.", "José García"),
    ("Hi there, your refund was sent today.", "John Miller"),
    ("Your refund was sent today.", "John Miller"),
    ("Hi Kate! I've asked Sarah in billing to call you.", "Katherine Hill"),
    ("Hi, I'm Priya from the travel desk. How can I help?", "Sam Ortiz"),
    ("Hi Anne-Marie, your table is booked.", "Anne-Marie Jones"),
    ("Hi John, thanks for waiting.", "Miller, John"),
    ("Hi {{first_name}}, thanks!", "John Miller"),
    ("Yes, your order ships today. Thanks!", "John Miller"),
    ("We ship to Spain and Portugal, Dana.", "Dana Cruz"),
]


@pytest.mark.parametrize(("reply", "name", "wrong", "right"), WRONG)
def test_a_wrong_name_is_reported_with_the_right_one(
    rule: RuleUnderTest, reply: str, name: str, wrong: str | None, right: str | None
) -> None:
    findings = rule.findings(reply, customer_name=name)
    if wrong is None:
        assert not findings
        return
    [finding] = findings
    assert finding.text == wrong == reply[finding.start : finding.end]
    assert finding.suggestion == f'Address them as "{right}".'
    assert rule.verdict(reply, customer_name=name).present is False


@pytest.mark.parametrize(("reply", "name"), FINE)
def test_right_names_short_forms_and_no_name_pass(
    rule: RuleUnderTest, reply: str, name: str
) -> None:
    assert rule.passes(reply, customer_name=name)
    verdict = rule.verdict(reply, customer_name=name)
    assert verdict.applicable and verdict.present


def test_not_applicable_without_a_known_name(rule: RuleUnderTest) -> None:
    for name in (None, "", "  ", "--"):
        verdict = rule.verdict("Hi Sarah, your refund was sent.", customer_name=name)
        assert verdict.applicable is False
        assert rule.passes("Hi Sarah, your refund was sent.", customer_name=name)


def test_a_misspelling_and_another_name_say_so(rule: RuleUnderTest) -> None:
    [typo] = rule.findings("Hi Jhon, thanks!", customer_name="John Miller")
    [other] = rule.findings("Hi Sarah, thanks!", customer_name="John Miller")
    assert "misspelling" in typo.message and "John" in typo.message
    assert "not the customer's name" in other.message


@pytest.mark.parametrize(
    ("reply", "wrong"),
    [
        ("Hi Emily, your parcel is on its way. Thanks, Emma!", "Emma"),
        ("Your parcel is on its way. Thanks, Emma!", "Emma"),
        ("Hi Emily,\n\nYour parcel is on its way.\n\nThanks, Emma", "Emma"),
        ("Hi Emily,\n\nYour parcel is on its way.\n\nMany thanks, Emilie!", "Emilie"),
        ("Hi Emily,\n\nYour parcel is on its way.\n\nThank you, Emma Rhodes.", "Emma"),
    ],
)
def test_a_wrong_name_thanked_at_the_very_end_is_reported(
    rule: RuleUnderTest, reply: str, wrong: str
) -> None:
    """The sign-off reader reads "Thanks, Emma!" closing the reply as the agent's name, and
    the names addressed were looked for in the sentences above it only: a customer named
    Emily thanked as Emma (a name of its own the dataset relates to hers) or as "Emilie"
    was not reported."""
    [finding] = rule.findings(reply, customer_name="Emily Rhodes")
    assert finding.text == wrong == reply[finding.start : finding.end]
    assert finding.suggestion == 'Address them as "Emily".'


@pytest.mark.parametrize(
    "reply",
    [
        # the agent signing with a name nothing relates to the customer's
        "Hi Emily, your parcel is on its way. Thanks, Priya!",
        "Hi Emily,\n\nYour parcel is on its way.\n\nThanks, Sam Ortiz",
        # a name on a line of its own, or after another valediction, is the agent's
        "Hi Emily,\n\nYour parcel is on its way.\n\nThanks,\nEmma",
        "Hi Emily,\n\nYour parcel is on its way.\n\nBest, Emma",
        # the customer's own name, or a short form of it
        "Hi Emily, your parcel is on its way. Thanks, Emily!",
        "Hi Emily, your parcel is on its way. Thanks, Em!",
    ],
)
def test_a_signature_at_the_end_is_no_wrong_name(rule: RuleUnderTest, reply: str) -> None:
    assert rule.passes(reply, customer_name="Emily Rhodes")


def test_another_name_signing_under_the_greeting_is_no_wrong_name(rule: RuleUnderTest) -> None:
    """ "Hi Emma, ... Thanks, Sarah!" to Emma greets her by her name and is signed by Sarah
    (agent_identity reads the same): Sarah is not a name the customer is addressed by."""
    reply = "Hi Emma,\n\nYour charger left our warehouse today.\n\nThanks, Sarah!"
    result = rule.verdict(reply, customer_name="Emma Clarke")
    assert result.applicable and result.present, result
    assert rule.passes(reply, customer_name="Emma Clarke")
