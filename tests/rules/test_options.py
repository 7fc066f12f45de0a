"""options, run alone: a refusal needs an alternative, a workaround, a route to an
exception or a next step; a reply that refuses nothing is not judged."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from pathlib import Path

    from conftest import RuleUnderTest, RunRule

RULE = "options"

BARE_REFUSALS = [
    "Unfortunately we don't ship to Norway.",
    "Sorry, that isn't possible.",
    "We can't refund gift cards. Let us know if you have other questions.",
    "That's against our policy, sorry.",
    "Season tickets are non-refundable.",
    "I'm afraid we are unable to change the delivery date.",
    "Hi Jo, the shop no longer accepts cheques payments.",
    "Memberships can't be transferred to another person.",
    "Sorry, there's no setting for that in the app.",
    "Firefox doesn't support that file format.",
]
REFUSALS_WITH_OPTIONS = [
    "We can't refund this order, but I can offer store credit instead.",
    "That isn't possible in the app. What you can do is export the list from the website.",
    "We can't lift the suspension early. You can appeal here: https://example.com/appeal",
    "We don't ship to Norway. Please order from our Nordic store at https://example.no",
    "Gift cards are non-refundable, but if you send us the card number we'll move the "
    "balance to a new card.",
    "There's no built-in setting for this; a workaround is to use a separate profile.",
]
NOTHING_REFUSED = [
    "Your order ships on Monday. Thanks for shopping with us!",
    "If you can't log in, reset your password from the sign-in page.",
    "Sorry to hear you can't access your account. Please try the reset link.",
    "Can't you see the menu at the top?",
    "I can't wait to hear how the trip goes!",
    "Don't hesitate to get in touch if anything comes up.",
    "There is no charge for the replacement.",
    "Do not delete the folder while the app is running.",
    "We didn't receive your form, could you send it again?",
    "You don't have to do anything else.",
]


@pytest.mark.parametrize("reply", BARE_REFUSALS)
def test_a_bare_refusal_fires(rule: RuleUnderTest, reply: str) -> None:
    result = rule.verdict(reply)
    assert result.applicable and not result.present, result
    assert rule.fires(reply)


@pytest.mark.parametrize("reply", REFUSALS_WITH_OPTIONS)
def test_a_refusal_with_an_option_passes(rule: RuleUnderTest, reply: str) -> None:
    result = rule.verdict(reply)
    assert result.applicable and result.present, result
    assert rule.passes(reply)


@pytest.mark.parametrize("reply", NOTHING_REFUSED)
def test_nothing_refused_is_not_applicable(rule: RuleUnderTest, reply: str) -> None:
    result = rule.verdict(reply)
    assert not result.applicable, result
    assert rule.passes(reply)


def test_a_generic_offer_is_not_an_option(rule: RuleUnderTest) -> None:
    """The guide: "Let us know if you have other questions" is not an option."""
    reply = "We can't extend the trial. Let us know if you have any other questions."
    assert rule.fires(reply)


def test_a_link_for_more_information_is_not_an_option(rule: RuleUnderTest) -> None:
    reply = "Sorry, that is not possible. See https://example.com/faq for more information."
    assert rule.fires(reply)


def test_the_finding_is_a_warning_at_the_end_naming_the_refusal(rule: RuleUnderTest) -> None:
    reply = "Sorry, we don't deliver to PO boxes."
    (finding,) = rule.findings(reply)
    assert finding.severity.value == "warning"
    assert finding.start == finding.end == len(reply)
    assert "deliver" in (rule.verdict(reply).reason or "")


def test_the_option_is_the_evidence(rule: RuleUnderTest) -> None:
    result = rule.verdict("We can't refund it, but we can offer a voucher instead.")
    assert result.evidence is not None and result.evidence.lower() in {"we can offer", "instead"}


def test_a_team_pack_adds_a_refusal_phrase(run_rule: RunRule, tmp_path: Path) -> None:
    """The refusal phrases are a pack lexicon a team extends."""
    pack = tmp_path / "team.yaml"
    pack.write_text(
        "schema: replylint.pack/1\nname: team\n"
        'lexicons:\n  options.refusal_phrases: ["out of our hands"]\n',
        encoding="utf-8",
    )
    reply = "Sorry, delivery times are out of our hands."
    assert not run_rule(RULE).verdict(reply).applicable
    assert run_rule(RULE, packs=[pack]).fires(reply)
