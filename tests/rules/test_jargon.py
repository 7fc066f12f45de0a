"""jargon, run alone: each unexplained term once, with offsets into the original input;
a team's glossary allows and bans terms.

The rule runs two ways: with the shipped term model (the default for users: ``rule``,
here ``model="bundled"``) and on its rules only (``rules_only``, as ``--model none``).
The rules-only path keeps its behaviour of before the model; the model path is tested
for its mechanisms (what is never a candidate, explained terms, calibrated confidence)
and for clear cases.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from replylint import Glossary
from replylint.checks.jargon import JargonRule
from replylint.model.terms import TermModel, shipped_words_path
from replylint.model.terms_candidates import CandidateFinder
from replylint.resources import data_dir

if TYPE_CHECKING:
    from conftest import RuleUnderTest, RunRule

RULE = "jargon"

Spans = Callable[..., list[str]]


@pytest.fixture(scope="module")
def rule(run_rule: RunRule) -> RuleUnderTest:
    """The jargon rule alone, with the shipped model directory (the users' default)."""
    return run_rule(RULE, model="bundled")


@pytest.fixture(scope="module")
def rules_only(run_rule: RunRule) -> Spans:
    """The jargon rule built without a model directory, run on the linter's analysis."""
    linter = run_rule(RULE).linter
    shipped = next(r for r in linter.rules if r.id == RULE)
    rule = type(shipped)(dataclasses.replace(shipped.context, model_dir=None))

    def spans(reply: str, **context: Any) -> list[str]:
        return [f.text for f in rule.check(linter.analyze(reply, **context))]

    return spans


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
        # a remark in brackets is read (a colon: not a fill-in slot)
        ("[Edit: your SMTP port is blocked.] Please try again.", ["SMTP"]),
        # the family of a versioned pack term (pop3) in capitals; a pack term with its
        # version glued on
        ("Set the account to POP and the server to port 995.", ["POP"]),
        ("Sign in again and pick OAuth2 as the method.", ["OAuth2"]),
        # two terms joined by a slash are one choice, reported whole
        ("Use port 993 with SSL/TLS and then port 587 with STARTTLS.", ["SSL/TLS", "STARTTLS"]),
        ("Set the connection security to SSL / TLS.", ["SSL / TLS"]),
        ("Your SPF/DKIM setup is missing a line.", ["SPF/DKIM"]),
        # a slash between a term and an ordinary word joins nothing
        ("Ask your ISP/carrier whether SMTP is blocked.", ["SMTP"]),
        # general technical vocabulary of the pack
        ("Each folder is kept as one mbox on the disk.", ["mbox"]),
        ("Turn off split tunneling and open the Web Console.", ["split tunneling", "Web Console"]),
        ("The clip needs transcoding to a lower bit rate first.", ["transcoding", "bit rate"]),
    ],
)
def test_rules_only_find_jargon(rules_only: Spans, reply: str, expected: list[str]) -> None:
    assert rules_only(reply) == expected


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
        "Hi [customer first name], the [insert SSO guide link] has the steps.",
        "Your bins go out on $pickup_weekday, not $usual_weekday.",
        "We have a FREE upgrade for you.",
        "HI Sam, the update is live.",
        "Hi PJMFOX44, thanks for the report about FF57 on the PS4.",
        "Thanks FredMcD for the help with Part II of the guide.",
        "Type about:support in the address bar and copy the page into a reply.",
        "Download the 64-bit installer; the site's JavaScript needs it.",
        "Just pop in tomorrow and we will swap it over.",
        "It works on Windows 10, Firefox 57 and the PS4.",
        "cor-el said\n\nHi, restart the router and try again.",
        # the program by its public name; an antivirus suite the customer installed
        "Close thunderbird.exe in the Task Manager, then pause ESET for a minute.",
        # markup everyone has heard of; a drafting mark is template residue, not a term
        "Paste the HTML of the page here. TODO: add the refund amount.",
        "Your statement from HMRC shows the tax code on page 2.",
    ],
)
def test_rules_only_find_no_jargon(rules_only: Spans, reply: str) -> None:
    assert rules_only(reply) == []


@pytest.mark.parametrize(
    "reply",
    [
        "Your \u200fRMA\u200e is approved.",  # right-to-left and left-to-right marks
        "Your \u061cRMA is approved.",  # the Arabic letter mark
        "Your \u202aRMA\u202c is approved.",  # an embedding and its pop
        "Your \u2066RMA\u2069 is approved.",  # an isolate
        "Your R\u00adMA is approved.",  # a soft hyphen inside the word
        "Your \ufeffRMA\u2060 is approved.",
    ],
)
def test_invisible_format_characters_are_no_part_of_a_word(
    rule: RuleUnderTest, rules_only: Spans, reply: str
) -> None:
    """A direction mark glued to a word hid it from the rules (no acronym starts with
    U+200F) and made the model quote the marks: the term is found as typed without
    them, each way, and its offsets are its letters in the original."""
    assert rules_only("Your RMA is approved.") == ["RMA"]
    assert [text.replace("\u00ad", "") for text in rules_only(reply)] == ["RMA"]
    [finding] = rule.findings(reply)
    assert finding.message.startswith('"RMA" may be jargon')
    assert reply[finding.start : finding.end] == finding.text
    assert finding.text.replace("\u00ad", "") == "RMA"


def test_rules_only_drop_a_term_the_customer_used(rules_only: Spans) -> None:
    reply = "The IMAP settings are under Account Settings."
    assert rules_only(reply) == ["IMAP"]
    assert rules_only(reply, customer_message="Where do I change IMAP settings?") == []


def test_shipped_model_is_used_by_default(rule: RuleUnderTest) -> None:
    """The Linter hands the rule ``models/``: each finding's confidence is the shipped
    model's calibrated probability for that candidate, at or above its threshold."""
    reply = "Set the outgoing SMTP server to port 587 with STARTTLS."
    model = TermModel.load(data_dir("models") / "default" / "terms")
    jargon = next(r for r in rule.linter.rules if r.id == RULE)
    assert isinstance(jargon, JargonRule)
    finder = CandidateFinder(jargon.context, model.word_bands)
    analysed = rule.linter.analyze(reply)
    rule_terms = [(t.start_char, t.end_char, t.text) for t, _ in jargon.rule_terms(analysed)]
    expected = [
        (d.text, round(d.confidence, 3)) for d in model.decide(finder.find(analysed), rule_terms)
    ]
    found = rule.findings(reply)
    assert (
        [(f.text, f.confidence) for f in found]
        == expected
        == [
            ("SMTP", expected[0][1]),
            ("STARTTLS", expected[1][1]),
        ]
    )
    assert all(model.veto <= f.confidence < 1.0 for f in found)


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ("Your RMA has been approved.", ["RMA"]),
        ("Your ticket is now in the Tier 2 escalation queue.", ["Tier 2", "escalation queue"]),
        ("Switch the incoming server from POP to IMAP.", ["POP", "IMAP"]),
        # the rules read "SSL" and "TLS"; the term is written as it stands
        ("Set the connection security to SSL/TLS on port 993.", ["SSL/TLS"]),
    ],
)
def test_model_finds_jargon(rule: RuleUnderTest, reply: str, expected: list[str]) -> None:
    assert rule.spans(reply) == expected


@pytest.mark.parametrize(
    "reply",
    [
        # explained where it stands: a rule, with or without the model
        "Your return (RMA, return merchandise authorisation) is approved.",
        "Your electronic health record (EHR) is ready.",
        "SSO, our single sign-on, is now on for your team.",
        # structurally never a candidate: placeholders (also with spaces inside),
        # Markdown link targets and URLs, addresses and handles, the greeted name
        "Hi [ CUSTOMER NAME ], your RMA is approved (RMA, return authorisation).",
        "Thanks,\n[Agent Name - Tier 2 Support]",
        "Hi {{ticket.requester.first_name}}, order {{ORDER_ID}} ships today.",
        "See [the setup guide](https://help.example.com/SSO-DNS/OAuth2) for details.",
        "See https://support.example.com/kb/DNS-SETUP for details.",
        "Write to sso-team@example.com or @SSO_Help on Twitter.",
        "Hi PJMFOX44, thanks for the report.",
        # ordinary words and widely known acronyms
        "Send us a DM with your order ID and a PDF of the receipt.",
        "Open Firefox on your iPhone and tap Settings.",
        "PLEASE CALL US ABOUT YOUR ORDER TODAY.",
    ],
)
def test_model_finds_no_jargon(rule: RuleUnderTest, reply: str) -> None:
    assert rule.passes(reply)


def test_the_shipped_model_reports_no_term_the_customer_used(rule: RuleUnderTest) -> None:
    reply = "Set the outgoing SMTP server to port 587."
    assert [f.text for f in rule.findings(reply)] == ["SMTP"]
    assert rule.findings(reply, customer_message="Which SMTP server should I use?") == []


def test_markdown_link_label_is_read_but_its_target_is_not(rule: RuleUnderTest) -> None:
    found = rule.spans("Turn on [IMAP sync](https://example.com/STARTTLS-help) now.")
    assert found == ["IMAP"]


def test_offsets_slice_the_original_html(rule: RuleUnderTest) -> None:
    html = "<p>Hi Sam &amp; team,</p><p>Your <b>RMA</b> is approved &mdash; use STARTTLS.</p>"
    found = rule.findings(html)
    assert [f.text for f in found] == ["RMA", "STARTTLS"]
    for finding in found:
        assert html[finding.start : finding.end] == finding.text


def test_each_term_is_its_own_finding_under_the_jargon_check(rule: RuleUnderTest) -> None:
    found = rule.findings("Your RMA and your SLA are approved. The RMA ships today.")
    assert [(f.check, f.text) for f in found] == [("jargon", "RMA"), ("jargon", "SLA")]


def test_glossary_allows_and_leaves_banned_terms_to_their_rule(run_rule: RunRule) -> None:
    """An allowed term is no jargon; a banned one is banned_terms' finding, not a second
    one here (SLA is jargon and banned: one finding, of banned_terms)."""
    custom = run_rule(RULE, glossary=Glossary(allowed=["RMA"], banned={"SLA": "deadline"}))
    assert custom.passes("Your RMA is approved and the SLA is met.")
    assert custom.fires("Your RMA is approved and the SLO is met.")


def test_an_allowed_term_written_in_the_plural_covers_the_singular(run_rule: RunRule) -> None:
    """`allowed = ["RMAs"]`, copied as a reply wrote it, still let "RMA" be reported."""
    custom = run_rule(RULE, glossary=Glossary(allowed=["RMAs", "escalation queues"]))
    assert custom.passes("Your RMA is approved; it went to the escalation queue today.")
    assert custom.fires("Your RMA is approved; the SLA is met.")  # SLA was never allowed


def test_rules_only_path_holds_the_rule_examples(rules_only: Spans, run_rule: RunRule) -> None:
    """The rule's documented examples hold without the model as well as with it."""
    examples = next(r for r in run_rule(RULE).linter.rules if r.id == RULE).examples
    for example in examples.fire:
        assert rules_only(example.reply, customer_message=example.customer_message)
    for example in examples.pass_:
        assert not rules_only(example.reply, customer_message=example.customer_message)


def test_rule_without_a_terms_model_uses_its_rules(run_rule: RunRule, tmp_path: Path) -> None:
    """A model directory with no ``terms/`` (a checks-only model) keeps the rules."""
    linter = run_rule(RULE).linter
    shipped = next(r for r in linter.rules if r.id == RULE)
    rule = type(shipped)(dataclasses.replace(shipped.context, model_dir=tmp_path))
    found = rule.check(linter.analyze("Please check the proxy server settings."))
    assert [f.text for f in found] == ["proxy server"]


# --- the decision: the rules' terms unless the model vetoes them, plus its additions ----
# Hand-made models stand for what the shipped one is on replies it never saw: with no
# weights every candidate gets the same middling probability (the model knows nothing
# of this organisation); a weight on a term makes the model confident about it.

_UTILITY_CHAT = "Your QVX permit is on hold until the DNO signs off the energisation."


def _with_model(
    run_rule: RunRule, tmp_path: Path, weights: dict[str, float], veto: float, threshold: float
) -> Spans:
    """The jargon rule with a term model of these weights (calibration: identity)."""
    TermModel(weights, 0.0, 1.0, 0.0, threshold, shipped_words_path(), veto=veto).save(
        tmp_path / "terms"
    )
    linter = run_rule(RULE).linter
    shipped = next(r for r in linter.rules if r.id == RULE)
    rule = type(shipped)(dataclasses.replace(shipped.context, model_dir=tmp_path))

    def spans(reply: str, **context: Any) -> list[str]:
        return [f.text for f in rule.check(linter.analyze(reply, **context))]

    return spans


def test_rules_terms_stay_when_the_model_has_no_opinion(
    run_rule: RunRule, rules_only: Spans, tmp_path: Path
) -> None:
    """An unexplained acronym the rules find, in a reply style the model never saw
    (every candidate at 0.5), is still reported; the model adds nothing it is unsure of."""
    spans = _with_model(run_rule, tmp_path, {}, veto=0.3, threshold=0.8)
    assert rules_only(_UTILITY_CHAT) == ["QVX", "DNO"]
    assert spans(_UTILITY_CHAT) == ["QVX", "DNO"]


def test_a_term_the_model_confidently_rejects_is_dropped(run_rule: RunRule, tmp_path: Path) -> None:
    spans = _with_model(run_rule, tmp_path, {"term=qvx": -8.0}, veto=0.3, threshold=0.8)
    assert spans(_UTILITY_CHAT) == ["DNO"]


def test_the_model_adds_a_term_it_is_confident_of(run_rule: RunRule, tmp_path: Path) -> None:
    """A rare word the rules do not look at ("energisation") is reported when the model
    is confident, in text order among the rules' terms."""
    spans = _with_model(run_rule, tmp_path, {"term=energisation": 8.0}, veto=0.3, threshold=0.8)
    assert spans(_UTILITY_CHAT) == ["QVX", "DNO", "energisation"]


def test_the_model_never_adds_a_term_the_customer_used(run_rule: RunRule, tmp_path: Path) -> None:
    """The customer knows a word they wrote, however confident the model is: the rules'
    own rule, held for the model's additions too."""
    spans = _with_model(run_rule, tmp_path, {"term=energisation": 8.0}, veto=0.3, threshold=0.8)
    asked = "When is the energisation of my meter booked?"
    assert spans(_UTILITY_CHAT, customer_message=asked) == ["QVX", "DNO"]


def test_a_vetoed_rule_term_is_not_reported_by_the_model_either(
    run_rule: RunRule, tmp_path: Path
) -> None:
    """Low confidence drops a term whichever path found it (veto below the threshold)."""
    weights = {"term=qvx": -8.0, "term=dno": -8.0}
    spans = _with_model(run_rule, tmp_path, weights, veto=0.3, threshold=0.8)
    assert spans(_UTILITY_CHAT) == []
    assert spans("Thanks, your permit is approved and on its way.") == []


@pytest.mark.parametrize(
    ("allowed", "reply"),
    [
        (["RMA"], "Both RMAs are approved."),
        (["rma"], "Your RMA's label is attached."),
        (["tier 2"], "Your case is with our tier-2 team."),
        (["Tier-2"], "Your case is with our Tier 2 team."),
        (["SKU"], "Both SKUs are in stock."),
        (["SSL", "TLS"], "Your site now uses SSL/TLS."),
        (["DNS"], "Please check your DNS records."),
        (["Tier 2 escalation queue"], "It is in the Tier 2 escalation queue now."),
    ],
)
def test_a_glossary_entry_allows_its_term_as_agents_write_it(
    run_rule: RunRule, allowed: list[str], reply: str
) -> None:
    """Each of these was reported though the glossary allows it: entries were compared
    with the term as exact lower-case strings, so a plural, a hyphen for a space, a term
    made of allowed words and plain ones, or a term inside an allowed phrase slipped by."""
    assert run_rule(RULE).fires(reply)  # jargon without the glossary
    assert run_rule(RULE, glossary=Glossary(allowed=allowed)).passes(reply)


@pytest.mark.parametrize(
    ("allowed", "reply", "term"),
    [
        (["DNS"], "Please wait for the DNS propagation.", "DNS propagation"),
        (["SSL"], "Your site now uses SSL/TLS.", "SSL/TLS"),
        (["Tier 2 escalation queue"], "It is in the escalation queue now.", "escalation queue"),
        (["RMA"], "Your RMAX form is attached.", "RMAX"),
    ],
)
def test_a_glossary_entry_does_not_allow_more_than_its_words(
    run_rule: RunRule, allowed: list[str], reply: str, term: str
) -> None:
    """A term whose other words are jargon of their own, another word that starts like
    the entry, or the entry's part elsewhere, is still reported."""
    found = run_rule(RULE, glossary=Glossary(allowed=allowed)).findings(reply)
    assert [f.text for f in found] == [term]


def test_a_banned_plural_is_left_to_banned_terms(run_rule: RunRule) -> None:
    """banned_terms reports "SLAs" for a banned "SLA"; jargon reported it a second time."""
    custom = run_rule(RULE, glossary=Glossary(banned={"SLA": "deadline"}))
    assert custom.passes("Both SLAs are met.")


def test_the_term_model_reads_the_glossary_entries_as_the_rules_do(run_rule: RunRule) -> None:
    """With the shipped term model on, the glossary decides the same way ("RMAs" and
    "SSL/TLS" were reported though "RMA", "SSL" and "TLS" were allowed)."""
    reply = "Both RMAs are approved, and your site now uses SSL/TLS."
    plain = run_rule(RULE, model="bundled").findings(reply)
    assert {f.text for f in plain} >= {"RMAs", "SSL/TLS"}
    glossary = Glossary(allowed=["RMA", "SSL", "TLS"])
    assert run_rule(RULE, model="bundled", glossary=glossary).passes(reply)
