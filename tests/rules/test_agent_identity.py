"""agent_identity, run alone: a person's name in the sign-off or the text tells the
customer who answered; initials, a team or a company do not; a template's agent variable
counts only in template mode; social posts are not judged."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from pathlib import Path

    from conftest import RuleUnderTest, RunRule

RULE = "agent_identity"
BODY = "Your replacement card is on its way and should arrive by Friday."

NAMED = [
    f"{BODY}\n\nKind regards,\nMaria",
    f"{BODY}\n\nBest,\nSam Lee\nAcme Support",
    f"{BODY}\n\nThanks for your patience,\nOwen Pryce\nCard Services, Acme Bank",
    f"{BODY}\n\nYours sincerely,\nMr D. Okafor\nAccounts Officer",
    f"{BODY}\n\nCheers,\nTeodora\nAcme Cards",  # a name the dataset does not know
    f"{BODY}\n\n- Priya",
    # the team under a blank line: the name above it still signs
    f"{BODY}\n\nKind regards,\nPriya\n\nAcme Cards Team",
    f"{BODY}\n\nThanks for your patience,\nPriya Shah\n\nAcme Cards",
    f"Hi, I'm Sam from billing. {BODY}",
    f"You're chatting with Joaquín. {BODY}",
    f"Hi, you're through to Marcus at Acme Cards. {BODY}",
    # an e-mail signature block: cut from the text at its "--" line, read by the customer
    f"{BODY}\n\nThanks,\n-- \nSam Jones\nSupport Team, Acme",
    f"{BODY}\n\nThanks for your patience!\n\n--\nSam Jones | Customer Support\n+44 20 5555 0100",
]
NOT_NAMED = [
    f"{BODY}\n\nKind regards,\nThe Acme Support Team",
    f"{BODY}\n\nAcme Bank Card Services",
    f"{BODY}\n\n^JK",
    f"{BODY}\n\nRegards,\nCustomer Relations\nAcme Bank",
    f"Thank you for contacting Brightpool Energy. {BODY}\n\nBrightpool Energy",
    f"{BODY}\n\nKind regards,\nDr Lee's secretary",
    f"{BODY}\n\nThanks,\n-- \nAcme Customer Support\n+44 20 5555 0100",
    f"{BODY}\n\nThanks,\n-- \nJK",
    f"I'll put you through to Sam in billing. {BODY}",  # another person, a handoff
    BODY,
]


@pytest.mark.parametrize("reply", NAMED)
def test_a_named_person_passes(rule: RuleUnderTest, reply: str) -> None:
    result = rule.verdict(reply)
    assert result.applicable and result.present, result
    assert rule.passes(reply)


@pytest.mark.parametrize("reply", NOT_NAMED)
def test_no_person_fires(rule: RuleUnderTest, reply: str) -> None:
    result = rule.verdict(reply)
    assert result.applicable and not result.present, result
    assert rule.fires(reply)


def test_an_agent_variable_under_the_signature_line_counts_in_template_mode_only(
    rule: RuleUnderTest,
) -> None:
    reply = f"{BODY}\n\nThanks!\n-- \n{{{{agent.first_name}}}} | Acme"
    assert rule.verdict(reply, template=True).present
    assert not rule.verdict(reply, template=False).present
    company = f"{BODY}\n\nThanks!\n-- \n{{{{company.name}}}} Support"
    assert not rule.verdict(company, template=True).present


@pytest.mark.parametrize(
    "signature",
    ["{{agent.first_name}}", "{agent_name}", "%AGENT_NAME%", "$AGENT", "[[agent_name]]",
     "{$agent_name}", "__AGENT_NAME__", "{{> signature}}", "{% include 'agent_signature' %}",
     "%%AgentName%%", "<Agent Name>", "<AGENT_NAME>"],
)  # fmt: skip
def test_an_agent_variable_counts_in_template_mode_only(
    rule: RuleUnderTest, signature: str
) -> None:
    reply = f"{BODY}\n\nThanks,\n{signature}\nAcme Cards"
    assert rule.verdict(reply, template=True).present
    assert not rule.verdict(reply, template=False).present  # unfilled: names no one


@pytest.mark.parametrize(
    "slot",
    ["<agent name>", "<your name>", "(your name)", "(Agent Name)",
     "[[agent name]]", "[agent name]", "[signature]"],
)  # fmt: skip
def test_a_signer_slot_under_the_closing_counts_in_template_mode_only(
    rule: RuleUnderTest, slot: str
) -> None:
    """Every bracket the sign-off reader takes for the signer's slot and the placeholder
    step leaves as written: the name still to be filled in in a template, template
    residue naming no one in a reply about to be sent (where "<Agent Name>" once read as
    a person called Agent Name)."""
    reply = f"{BODY}\n\nThanks for your patience,\n{slot}"
    result = rule.verdict(reply, template=True)
    assert result.present, result
    assert result.evidence == slot
    assert not rule.verdict(reply, template=False).present


@pytest.mark.parametrize(
    "signature",
    ["-- \n<agent name>\nAcme Cards", "-- \n<Your Name> | Acme Cards"],
)
def test_a_signer_slot_under_the_signature_line_counts_in_template_mode_only(
    rule: RuleUnderTest, signature: str
) -> None:
    reply = f"{BODY}\n\nThanks!\n{signature}"
    assert rule.verdict(reply, template=True).present
    assert not rule.verdict(reply, template=False).present


@pytest.mark.parametrize("slot", ["<company name>", "(customer name)", "<Practice Name>"])
def test_a_slot_for_someone_else_is_not_the_agent(rule: RuleUnderTest, slot: str) -> None:
    reply = f"{BODY}\n\nThanks for your patience,\n{slot}"
    assert not rule.verdict(reply, template=True).present
    assert not rule.verdict(reply, template=False).present


def test_a_company_variable_is_not_the_agent(rule: RuleUnderTest) -> None:
    reply = f"{BODY}\n\nThanks,\n{{{{company.name}}}}"
    assert rule.fires(reply, template=True)


@pytest.mark.parametrize(
    ("signature", "agent"),
    [
        # "name" alone is whatever else the variable names
        ("{{practice_name}}", False),
        ("{{hotel.name}}", False),
        ("{{first_name}}", True),
        # a word for a person keeps it the agent's, beside a place
        ("{office_staff}", True),
    ],
)
def test_a_name_variable_is_the_agents_unless_it_names_a_thing(
    rule: RuleUnderTest, signature: str, agent: bool
) -> None:
    reply = f"{BODY}\n\nKind regards,\n{signature}"
    assert rule.verdict(reply, template=True).present is agent


def test_the_customers_own_name_is_not_a_signature(rule: RuleUnderTest) -> None:
    reply = f"{BODY}\n\nTake care,\nDana"
    assert rule.verdict(reply).present
    assert rule.fires(reply, customer_name="Dana Whitfield")


@pytest.mark.parametrize(
    "reply",
    [
        "Hi Dana, your card is on its way. Thanks, Dana!",
        "Hello Dana,\n\nYour card is on its way.\n\nThanks, Dana",
        "Dear Dana,\n\nYour card is on its way.\n\nThank you for your patience, Dana!",
        # on a line of its own: the name the customer was greeted by still tells them nothing
        "Hi, Dana!\n\nYour card is on its way.\n\nMany thanks,\nDana",
    ],
)
def test_the_name_the_greeting_addresses_is_not_a_signature(
    rule: RuleUnderTest, reply: str
) -> None:
    """With no customer's name given, the greeting's is theirs: "Thanks, Dana" thanks the
    customer greeted as Dana, and names no one who answered."""
    assert rule.fires(reply, channel="email")


@pytest.mark.parametrize(
    "reply",
    [
        "Hi Dana, your card is on its way. Thanks, Priya!",
        "Hi Dana,\n\nYour card is on its way. Thanks, Dana!\n\nBest,\nPriya",
        "Hi there,\n\nYour card is on its way.\n\nThanks,\nDana",
        "Hi Dana, I'm Dana from billing. Your card is on its way. Thanks, Dana!",
        # the name after the salutation introduces the agent: it greets no one
        "Hi, Dana here from billing. Your card is on its way.\n\nThanks,\nDana",
        "Hi there, Dana from Acme here. Your card is on its way. Thanks, Dana",
        "Hello, Dana speaking. Your card is on its way.\n\nThanks,\nDana",
    ],
)
def test_another_name_than_the_greeted_one_still_signs(rule: RuleUnderTest, reply: str) -> None:
    assert rule.passes(reply, channel="email")


@pytest.mark.parametrize(
    ("reply", "customer"),
    [
        ("Hi Emily, your card is on its way. Thanks, Emma!", "Emily Rhodes"),
        ("Hi Emily, your card is on its way. Thanks, Emma!", None),
        ("Hi Emily,\n\nYour card is on its way.\n\nMany thanks, Emilie", "Emily Rhodes"),
    ],
)
def test_the_customer_thanked_by_a_wrong_name_is_no_signature(
    rule: RuleUnderTest, reply: str, customer: str | None
) -> None:
    """A name meant for the customer by mistake, which customer_name reports as a wrong
    name, names no one who answered either."""
    assert rule.fires(reply, channel="email", customer_name=customer)


def test_social_is_not_applicable(rule: RuleUnderTest) -> None:
    result = rule.verdict("@dana Your card is on its way! ^JK", channel="social")
    assert not result.applicable
    assert rule.passes("@dana Your card is on its way! ^JK", channel="social")


def test_chat_is_applicable(rule: RuleUnderTest) -> None:
    assert rule.fires(BODY, channel="chat")
    assert rule.passes(f"Hi, I'm Gwen. {BODY}", channel="chat")


def test_the_finding_is_info_at_the_end(rule: RuleUnderTest) -> None:
    (finding,) = rule.findings(BODY)
    assert finding.severity.value == "info"
    assert finding.start == finding.end == len(BODY)


def test_info_only_does_not_change_the_score(run_rule: RunRule) -> None:
    """Weight 0: most replies are signed by a team, and counting that would lower them
    all (scores stay comparable with earlier runs)."""
    rule = run_rule(RULE)
    assert rule.report(BODY).score == rule.report(f"{BODY}\n\nBest,\nMaria").score


def test_a_team_pack_adds_its_agents_names(run_rule: RunRule, tmp_path: Path) -> None:
    """Three capitalised words read as a company unless the first is a known name."""
    reply = f"{BODY}\n\nBest,\nTavrolyn Quill Nowak"
    pack = tmp_path / "team.yaml"
    pack.write_text(
        "schema: replylint.pack/1\nname: team\n"
        "lexicons:\n  agent_identity.given_names: [tavrolyn]\n",
        encoding="utf-8",
    )
    assert not run_rule(RULE).verdict(reply).present
    assert run_rule(RULE, packs=[pack]).verdict(reply).present


@pytest.mark.parametrize(
    "signoffs",
    [
        "{% if agent %}Best,\n{{agent.name}}{% else %}Best,\nThe Acme team{% endif %}",
        "{% if agent %}\nKind regards,\n{{agent.first_name}}\n{% else %}\nKind regards,\n"
        "Acme Cards\n{% endif %}",
        "{{#if agent}}\nBest,\n{{agent.name}}\n{{else}}\nBest,\nThe Acme team\n{{/if}}",
        "{{#agent}}Thanks,\n{{agent.name}}{{/agent}}{{^agent}}Thanks,\nThe Acme team{{/agent}}",
        "{% case tier %}{% when 'vip' %}Best,\n{{agent.name}}{% when 'std' %}Best,\n"
        "Acme Cards{% else %}Regards,\nThe Acme team{% endcase %}",
    ],
)
def test_a_name_signed_in_an_earlier_branch_counts(rule: RuleUnderTest, signoffs: str) -> None:
    """Each customer is sent one branch; a macro whose agents sign one of them is signed
    by a person. Only the last branch's sign-off was read, so its team line decided."""
    reply = f"{BODY}\n\n{signoffs}"
    result = rule.verdict(reply, template=True)
    assert result.present, result


def test_a_person_signed_in_an_earlier_branch_of_a_sent_reply_counts(
    rule: RuleUnderTest,
) -> None:
    reply = (
        f"{BODY}\n\n{{% if weekday %}}\nKind regards,\nMila Novak\n{{% else %}}\n"
        "Kind regards,\nThe Acme weekend team\n{% endif %}"
    )
    result = rule.verdict(reply)
    assert result.present, result
    assert result.evidence == "Mila Novak"


@pytest.mark.parametrize(
    "signoffs",
    [
        # no branch signs with a person
        "{% if vip %}Best,\nCustomer Care{% else %}Best,\nThe Acme team{% endif %}",
        # the agent variable, in a reply about to be sent, names no one
        "{% if agent %}Best,\n{{agent.name}}{% else %}Best,\nThe Acme team{% endif %}",
    ],
)
def test_branches_signed_by_no_person_still_fire(rule: RuleUnderTest, signoffs: str) -> None:
    assert rule.fires(f"{BODY}\n\n{signoffs}")


@pytest.mark.parametrize(
    "signoff",
    [
        # a signature block with no valediction, right under the last sentence
        "Jonas Keller\nCustomer Care Specialist\nAcme GmbH | +49 30 1234567",
        # closing punctuation after the name
        "Thanks, Sam!",
        "Cheers, Priya.",
        "Best,\nSam!",
        # a name in capitals
        "Best regards,\nSAM ORTIZ",
        "Thanks, PRIYA SHAH",
        # a Markdown hard line break after the valediction
        "Best regards,\\\nSam",
        # a labelled contact line under the name
        "Many thanks,\nSam Ortiz\nSupport team: billing@acme.example",
    ],
)
def test_the_shapes_agents_sign_in_name_them(rule: RuleUnderTest, signoff: str) -> None:
    result = rule.verdict(f"{BODY}\n{signoff}")
    assert result.present, result
    assert result.evidence is not None and result.evidence.rstrip("!.").lower() in (
        "jonas keller", "sam", "priya", "sam ortiz", "priya shah"
    )  # fmt: skip


@pytest.mark.parametrize(
    "signoff",
    [
        "Best regards,\nJK",  # initials in capitals stay initials
        "Best regards,\nACME SUPPORT",  # a team in capitals is a team
        "Thanks, Acme Support Team!",
        "Cheers,\nHappy Holidays!",
    ],
)
def test_capitals_and_closing_punctuation_name_no_one_else(
    rule: RuleUnderTest, signoff: str
) -> None:
    assert rule.fires(f"{BODY}\n\n{signoff}")


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Your refund arrives within 3 days. Thanks, Kim!", "Kim"),
        ("Your refund arrives within 3 days. Cheers, Kim.", "Kim"),
        ("Your refund arrives within 3 days. Best, Kim Ortega!", "Kim Ortega"),
    ],
)
@pytest.mark.parametrize("channel", ["email", "chat"])
def test_a_name_closed_by_a_mark_on_the_body_s_last_line_signs_it(
    rule: RuleUnderTest, line: str, name: str, channel: str
) -> None:
    """The closing "!" or "." made the valediction and name after the last sentence no
    sign-off, though the same words without it, or on a line of their own, were one."""
    result = rule.verdict(f"Hi Ann,\n\n{line}", channel=channel)
    assert result.present, result
    assert result.evidence == name


@pytest.mark.parametrize(
    "line",
    [
        "Your refund arrives within 3 days. Thanks, that helps.",
        "Your refund arrives within 3 days. Thanks, Apple Pay is now on.",
        "Your refund arrives within 3 days. Thanks, Apple Pay!",
        "Your refund arrives within 3 days. Thanks Kim!",
    ],
)
def test_words_after_an_inline_valediction_that_name_no_one_still_fire(
    rule: RuleUnderTest, line: str
) -> None:
    assert rule.fires(f"Hi Ann,\n\n{line}")


@pytest.mark.parametrize(
    "signoff",
    [
        # a brand coined in camel case from two common words, alone or before a head noun
        "Best,\nTicketBox",
        "Regards,\nSpinCycle Laundry",
        "Kind regards,\nClearPath",
        "TicketBox",
        "Thanks, TicketBox",
        # a business named by its head noun (the pack's organisation words)
        "Regards,\nMarlowe Laundry",
        "Thanks,\nHollin Bakery",
        "Cheers,\nBrackley Opticians",
        # a team
        "Thanks,\nThe Nimbus Crew",
        "Thanks,\nNimbus Crew",
    ],
)
def test_a_company_signing_alone_names_no_person(rule: RuleUnderTest, signoff: str) -> None:
    """By the guide a team or company name alone does not give the agent's name; an
    unknown capitalised word or two was read as a first name and surname."""
    result = rule.verdict(f"{BODY}\n\n{signoff}")
    assert result.applicable and not result.present, result


@pytest.mark.parametrize(
    ("signoff", "name"),
    [
        ("Thanks,\nJordan Hale", "Jordan Hale"),
        ("Thanks,\nKim", "Kim"),
        ("Best,\nSam O'Neil", "Sam O'Neil"),
        ("Best,\nDana McKenzie", "Dana McKenzie"),
        ("Regards,\nMacKenzie", "MacKenzie"),
        ("Regards,\nDeShawn Miller", "DeShawn Miller"),
        ("Regards,\nLaToya Brooks", "LaToya Brooks"),
        ("Cheers,\nJoAnn", "JoAnn"),
        ("Cheers,\nKeyShawn", "KeyShawn"),
        ("Kind regards,\nMaryKate Olsen", "MaryKate Olsen"),
        ("Kind regards,\nTeodor VanDyke", "Teodor VanDyke"),
        ("Kind regards,\nLena MacArthur\nSpinCycle Laundry", "Lena MacArthur"),
    ],
)
def test_people_s_names_in_camel_case_still_sign(
    rule: RuleUnderTest, signoff: str, name: str
) -> None:
    result = rule.verdict(f"{BODY}\n\n{signoff}")
    assert result.present, result
    assert result.evidence == name


def test_the_agent_introduced_after_thanking_the_customer_by_name_answered(
    rule: RuleUnderTest,
) -> None:
    """ "Thanks, Kim!" thanks the customer (no one signs there), and "I'm Sam from billing"
    after it tells them who answered, as the guide's "I'm Sam from billing" does."""
    reply = "Hi Kim,\n\nYour card is on its way.\n\nThanks, Kim! I'm Sam from billing."
    result = rule.verdict(reply, channel="email", customer_name="Kim Lee")
    assert result.present, result
    assert result.evidence == "I'm Sam", result


@pytest.mark.parametrize("customer", ["Emma Clarke", None])
def test_another_first_name_after_thanks_on_its_own_line_signs(
    rule: RuleUnderTest, customer: str | None
) -> None:
    """ "Thanks, Sarah!" closing a reply to Emma is signed by Sarah: the guide counts a name
    after the valediction on its line ("Best, Sam Lee"), and the gold labels a name under
    the thanks as the agent's ("Thanks,\\nPaula": agent_identity and closing_thanks
    true). Thanks to someone else reads otherwise: no comma ("Thanks Hartmut."), or no
    person ("Thank you, Microsoft!"); a name meant for the customer by mistake is pinned
    by test_the_customer_thanked_by_a_wrong_name_is_no_signature."""
    reply = "Hi Emma,\n\nYour charger left our warehouse today.\n\nThanks, Sarah!"
    result = rule.verdict(reply, channel="email", customer_name=customer)
    assert result.present, result
    assert result.evidence == "Sarah", result
