"""closing_thanks, run alone: thanks at the end or in the sign-off, not at the start or to
others."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import RuleUnderTest

RULE = "closing_thanks"

THANKED = [
    "Your refund is on its way. Thanks for your patience!",
    "Your order ships Monday.\n\nMany thanks,\nSam",
    "Thank you for your patience. Let us know if anything is unclear.",
    "We appreciate your patience. Have a great day!",
    "Please restart the app. TY - Jayne",
    "Thanks for choosing Acme!",
    "Thanks for coming in! -Becky",
    "Please update the app. Thanks! ^JK",
    "The fix is live.\n\nThanks again for reporting this!\nHave a lovely weekend.",
    "<p>Your ticket is closed.</p><p>Thank you,<br>Sam</p>",
    "Your parcel is on its way.\n\nThanks for your patience,\nSam Lee",
    # a fill-in slot for the agent's name, in any case and brackets, signs under the thanks
    "Your parcel is on its way.\n\nThanks for your patience!\n\n[agent name]",
    "Your parcel is on its way.\n\nThanks for waiting,\n<your name>",
    # the team and organisation under a blank line below the name
    "Your parcel is on its way.\n\nMany thanks,\nLena\n\nParcels Team, Northwind Freight",
    "Your parcel is on its way.\n\nThanks for waiting!\nLena\n\nParcels & Returns at Northwind",
    # a signature with a job title and a company under the name
    "Your parcel is on its way.\n\nThanks,\nLena Ortiz\nSenior Billing Specialist\nNorthwind Ltd.",
    # a "-- " signature block that carries a legal notice
    (
        "Your parcel is on its way.\n\nThank you,\nLena\n\n-- \nLena Ortiz | Northwind Ltd\n"
        "This e-mail is confidential and intended only for the addressee."
    ),
    (
        "Your parcel is on its way. Thanks for waiting!\n\n-- \nLena Ortiz\nNorthwind Ltd\n"
        "This message may contain confidential information."
    ),
]
NOT_THANKED = [
    "Thanks for reaching out! Your order ships Monday. We will email you the tracking code.",
    "Your refund is on its way. Best regards,\nSam",
    "The fix is live. Thanks to everyone who reported it!",
    "Your order ships Monday. Cheers!",
    "Please restart the app. ^JK",
    "That's fine! Thanks for checking! Please call us on 0800 123 456 so we can fix this.",
    "Thanks for waiting. The store opens at 9. The manager will call you. Bring the receipt.",
]


@pytest.mark.parametrize("reply", THANKED)
def test_closing_thanks_present(rule: RuleUnderTest, reply: str) -> None:
    result = rule.verdict(reply)
    assert result.present, result
    assert rule.passes(reply)


@pytest.mark.parametrize("reply", NOT_THANKED)
def test_closing_thanks_missing(rule: RuleUnderTest, reply: str) -> None:
    result = rule.verdict(reply)
    assert not result.present, result
    assert rule.fires(reply)
    assert rule.spans(reply) == [""], "missing thanks flags no words"


def test_the_missing_thanks_points_at_the_end_of_the_reply(rule: RuleUnderTest) -> None:
    reply = "The fix is live. Thanks to everyone who reported it!"
    (finding,) = rule.findings(reply)
    assert finding.start == finding.end == len(reply)


@pytest.mark.parametrize(
    "signoff",
    [
        # a signature block with no valediction right under the thanks
        "Thanks for your patience!\nJonas Keller\nCustomer Care Specialist\n"
        "Acme GmbH | +49 30 1234567",
        # a Markdown hard line break after the valediction
        "Many thanks,\\\nSam",
        # a labelled contact line under the name
        "Many thanks,\nSam Ortiz\nSupport team: billing@acme.example",
        "Many thanks,\nSam Ortiz\nBilling hotline: +1 555 0100",
    ],
)
def test_thanks_over_the_shapes_agents_sign_in_closes_the_reply(
    rule: RuleUnderTest, signoff: str
) -> None:
    """The title, the contact line or the backslash under the thanks was read as the
    reply's last sentence, which thanked no one."""
    reply = f"Your parcel is on its way and should arrive within five days.\n\n{signoff}"
    assert rule.passes(reply)
