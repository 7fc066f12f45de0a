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


BRANCH_BODY = "Your parcel is on its way and should arrive within five days."


@pytest.mark.parametrize(
    "branches",
    [
        # Liquid / Jinja: the thanks closes the first branch, above its sign-off
        "{% if vip %}Thanks so much for being with us!\nBest,\n{{agent.name}}{% else %}"
        "Best,\nThe Acme team{% endif %}",
        "{% if vip %}Thanks so much for being with us!\nBest,\n{{agent.name}}{% else %}"
        "Please reply with your new address.\nBest,\nThe Acme team{% endif %}",
        "{% if vip %}\nThanks so much for being with us!\nBest,\n{{agent.name}}\n{% elsif new %}"
        "\nPlease reply with your new address.\nBest,\nThe Acme team\n{% endif %}",
        # Handlebars
        "{{#if vip}}Thanks so much for being with us!\nBest,\n{{agent.name}}{{else}}"
        "Please reply with your new address.\nBest,\nThe Acme team{{/if}}",
        # FreeMarker
        "<#if vip>Thanks so much for being with us!\nBest,\n${agent.name}<#else>"
        "Please reply with your new address.\nBest,\nThe Acme team</#if>",
        # the thanks is the first branch's sign-off
        "{% if vip %}Many thanks,\n{{agent.name}}{% else %}Please reply with your new address."
        "\nBest,\nThe Acme team{% endif %}",
    ],
)
def test_thanks_closing_an_earlier_branch_closes_the_macro(
    rule: RuleUnderTest, branches: str
) -> None:
    """Each customer is sent one branch, so a macro closes with thanks when a branch does.
    Only the last branch's closing was read, and the earlier branch's sign-off lines ran
    into it as sentences of the body."""
    reply = f"{BRANCH_BODY}\n\n{branches}"
    result = rule.verdict(reply, template=True)
    assert result.present, result
    assert result.evidence in ("Thanks", "Many thanks"), result


@pytest.mark.parametrize(
    "branches",
    [
        "{% if vip %}Best,\n{{agent.name}} | Acme Billing{% else %}Best,\nThe Acme team{% endif %}",
        "{{#if vip}}Kind regards,\n{{agent.first_name}} | Billing & Refunds{{else}}Best,\n"
        "The Acme team{{/if}}",
    ],
)
def test_an_earlier_branch_sign_off_is_no_sentence_after_the_thanks(
    rule: RuleUnderTest, branches: str
) -> None:
    """The thanks above the conditional closes every branch: the first branch's sign-off
    is a sign-off, not a last sentence of the body that thanks no one."""
    reply = f"{BRANCH_BODY} Thanks for your patience!\n\n{branches}"
    result = rule.verdict(reply, template=True)
    assert result.present, result


@pytest.mark.parametrize(
    "branches",
    [
        # the thanks opens the first branch, and a real next step closes it
        "{% if vip %}Thanks for being a member! Please reply with your new address.\nBest,\n"
        "{{agent.name}}{% else %}Please reply with your new address.\nBest,\nThe Acme team"
        "{% endif %}",
        # no branch thanks
        "{{#if vip}}Please reply with your new address.\nBest,\n{{agent.name}}{{else}}"
        "Please call us on 0800 123 456.\nCheers,\nThe Acme team{{/if}}",
    ],
)
def test_branches_that_close_without_thanks_still_fire(rule: RuleUnderTest, branches: str) -> None:
    assert rule.fires(f"{BRANCH_BODY}\n\n{branches}", template=True)


SHARED_OPENING = "Hi {{customer.first_name}},\n\n"


@pytest.mark.parametrize(
    "branches",
    [
        # Liquid / Jinja, the branches on the conditional's one line or on lines of their own
        "{% if refund %}Your refund is on its way. Thanks for bearing with us!{% else %}"
        "We can't refund this order. Please reply with your order number.{% endif %}",
        "{% if refund %}\nYour refund is on its way. Thanks for bearing with us!\n{% else %}\n"
        "We can't refund this order. Please reply with your order number.\n{% endif %}",
        # the thanks closing a middle branch of three
        "{% if refund %}\nPlease reply with your order number.\n{% elsif credit %}\nYour store "
        "credit is ready. Thank you for shopping with us!\n{% else %}\nWe can't refund this "
        "order.\n{% endif %}",
        # Handlebars
        "{{#if refund}}Your refund is on its way. Thanks for bearing with us!{{else}}"
        "We can't refund this order. Please reply with your order number.{{/if}}",
        # Mustache, whose else is the same name's inverted section
        "{{#refund}}Your refund is on its way. Thanks for bearing with us!{{/refund}}"
        "{{^refund}}We can't refund this order. Please reply with your order number.{{/refund}}",
        # FreeMarker
        "<#if refund>Your refund is on its way. Thanks for bearing with us!<#else>"
        "We can't refund this order. Please reply with your order number.</#if>",
        # Smarty
        "{if $refund}Your refund is on its way. Thanks for bearing with us!{else}"
        "We can't refund this order. Please reply with your order number.{/if}",
        # Mailchimp
        "*|IF:REFUND|*Your refund is on its way. Thanks for bearing with us!*|ELSE:|*"
        "We can't refund this order. Please reply with your order number.*|END:IF|*",
        # a conditional nested in a branch
        "{% if refund %}\n{% if card %}Your refund is on its way. Thanks for bearing with us!"
        "{% else %}Your refund is ready to collect. Please bring the receipt.{% endif %}\n"
        "{% else %}\nWe can't refund this order.\n{% endif %}",
    ],
)
@pytest.mark.parametrize("signoff", ["Best,\nKim", "Kim Ito\nRefunds Team"])
def test_thanks_closing_a_branch_closes_it_above_the_shared_sign_off(
    rule: RuleUnderTest, branches: str, signoff: str
) -> None:
    """A branch without a sign-off of its own is sent with the sign-off under the
    conditional, so the thanks ending it closes that customer's reply. Only the last
    branch was read above the shared sign-off, and its step ended the reading."""
    result = rule.verdict(f"{SHARED_OPENING}{branches}\n\n{signoff}", template=True)
    assert result.present, result
    assert result.evidence is not None and result.evidence.startswith("Thank"), result


def test_thanks_closing_a_branch_closes_it_in_html(rule: RuleUnderTest) -> None:
    reply = (
        "<p>Hi,</p><p>{% if refund %}Your refund is on its way. Thanks for bearing with us!"
        "{% else %}We can't refund this order. Please reply with your order number.{% endif %}"
        "</p><p>Best,<br>Kim</p>"
    )
    assert rule.verdict(reply, template=True).present


def test_a_shared_thanks_sign_off_closes_every_branch(rule: RuleUnderTest) -> None:
    branches = (
        "{% if refund %}Your refund is on its way.{% else %}We can't refund this order. "
        "Please reply with your order number.{% endif %}"
    )
    reply = f"{SHARED_OPENING}{branches}\n\nThanks for your patience,\nKim"
    assert rule.verdict(reply, template=True).present


@pytest.mark.parametrize(
    "reply",
    [
        # the step under the conditional is sent with every branch, after its thanks
        "{% if refund %}Your refund is on its way. Thanks for bearing with us!{% else %}We "
        "can't refund this order.{% endif %}\n\nPlease reply with your order number.\n\n"
        "Best,\nKim",
        # the branch's thanks opens it, and a step closes it
        "{{#if refund}}Thanks for bearing with us! Please reply with your order number."
        "{{else}}We can't refund this order.{{/if}}\n\nBest,\nKim",
        # a sibling branch's thanks is not sent with this one
        "{% if refund %}\nPlease reply with your order number.\n{% else %}\nWe can't refund "
        "this order. Please call us on 0800 123 456.\n{% endif %}\n\nBest,\nKim",
        # words of one sentence: the first branch is read, and the step closes it
        "Your order is {% if eu %}in our EU warehouse. Thanks!{% else %}in our US warehouse."
        "{% endif %}\nPlease reply with your order number.\n\nBest,\nKim",
    ],
)
def test_branches_that_close_without_thanks_above_a_shared_sign_off_fire(
    rule: RuleUnderTest, reply: str
) -> None:
    assert rule.fires(f"{SHARED_OPENING}{reply}", template=True)


INTRODUCED_BODY = "Your replacement card was posted today and should arrive within 3 days."


@pytest.mark.parametrize(
    "ending",
    [
        # the customer thanked by name, then the agent introducing themselves
        "Thanks, Kim! I'm Sam from billing.",
        "Thank you, Kim. This is Priya from the card team.",
        "Thanks for your patience! My name is Tomasz Nowak, from Acme Support.",
        "Many thanks, Kim! I am Sam, your account manager.",
    ],
)
def test_an_agent_introducing_themselves_after_the_thanks_leaves_it_closing(
    rule: RuleUnderTest, ending: str
) -> None:
    """An introduction after the thanks says who wrote, as a sign-off does ("Thanks, Kim!
    I'm Sam from billing"): it was read as the reply's last sentence, which thanked no
    one, and the reply was reported as not closing with thanks."""
    reply = f"Hi Kim,\n\n{INTRODUCED_BODY}\n\n{ending}"
    result = rule.verdict(reply, customer_name="Kim")
    assert result.present, result
    assert result.evidence is not None and result.evidence.lower().startswith(
        ("thank", "many thanks")
    ), result


@pytest.mark.parametrize(
    "ending",
    [
        # the introduction goes on to a real next step, or asks
        "Thanks, Kim! I'm Sam, and I will call you tomorrow to book the engineer.",
        "Thanks, Kim! I'm Sam from billing, could you send me the order number?",
        # not an introduction: no person named after the words that introduce one
        "Thanks, Kim! This is the fastest way to get a new card.",
        "Thanks, Kim! This is Mark's new process for replacement cards.",
    ],
)
def test_more_than_an_introduction_after_the_thanks_still_ends_the_closing(
    rule: RuleUnderTest, ending: str
) -> None:
    assert rule.fires(f"Hi Kim,\n\n{INTRODUCED_BODY}\n\n{ending}", customer_name="Kim")
