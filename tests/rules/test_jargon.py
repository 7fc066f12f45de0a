"""jargon, run alone: each unexplained term once, with offsets into the original input;
a team's glossary allows and bans terms."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from replylint import Glossary

if TYPE_CHECKING:
    from conftest import RuleUnderTest, RunRule

RULE = "jargon"


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ("Your RMA has been approved.", ["RMA"]),
        ("Please check the proxy server settings.", ["proxy server"]),
        (
            "The crash is in avcodec64.dll; turn off media_decoder_enabled for now.",
            ["avcodec64.dll", "media_decoder_enabled"],
        ),
        ("Your key must support the FIDO2 standard.", ["FIDO2"]),
        ("The DNS change needs time. The DNS cache clears itself.", ["DNS", "DNS cache"]),
        ("Your SLA covers this. Check the SLA page.", ["SLA"]),
    ],
)
def test_jargon_found(rule: RuleUnderTest, reply: str, expected: list[str]) -> None:
    assert rule.spans(reply) == expected


@pytest.mark.parametrize(
    "reply",
    [
        "Your return (RMA, return merchandise authorisation) is approved.",
        "Your electronic health record (EHR) is ready.",
        "SSO, our single sign-on, is now on for your team.",
        "Send us a DM with your order ID and a PDF of the receipt.",
        "Open Firefox on your iPhone and tap Settings.",
        "PLEASE CALL US ABOUT YOUR ORDER TODAY.",
        "Hi {{ticket.requester.first_name}}, order {{ORDER_ID}} ships today.",
        "See https://support.example.com/kb/DNS-SETUP for details.",
        "We have a FREE upgrade for you.",
        "HI Sam, the update is live.",
        "Hi PJMFOX44, thanks for the report about FF57 on the PS4.",
        "Thanks FredMcD for the help with Part II of the guide.",
    ],
)
def test_no_jargon(rule: RuleUnderTest, reply: str) -> None:
    assert rule.passes(reply)


def test_term_the_customer_used_is_not_jargon(rule: RuleUnderTest) -> None:
    reply = "The IMAP settings are under Account Settings."
    assert rule.fires(reply)
    assert rule.passes(reply, customer_message="Where do I change IMAP settings?")


def test_offsets_slice_the_original_html(rule: RuleUnderTest) -> None:
    html = "<p>Hi Sam &amp; team,</p><p>Your <b>RMA</b> is approved &mdash; check the DNS.</p>"
    found = rule.findings(html)
    assert [f.text for f in found] == ["RMA", "DNS"]
    for finding in found:
        assert html[finding.start : finding.end] == finding.text


def test_each_term_is_its_own_finding_under_the_jargon_check(rule: RuleUnderTest) -> None:
    found = rule.findings("Your RMA and SLA are approved.")
    assert [(f.check, f.text) for f in found] == [("jargon", "RMA"), ("jargon", "SLA")]


def test_glossary_allows_and_bans(run_rule: RunRule) -> None:
    custom = run_rule(
        RULE, glossary=Glossary(allowed=["RMA"], banned={"per our policy": "because"})
    )
    findings = custom.findings("Your RMA is approved, per our policy.")
    assert [f.text for f in findings] == ["per our policy"]
    assert findings[0].suggestion == 'Say "because" instead.'
