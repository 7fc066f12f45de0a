"""The sign-off's last lines: a fill-in slot for the signer under the closing or on its
line is the sign-off, in any case and bracket form, and a slot for one of the agent's
details under the name ("<Job Title>", "Support Team, <Venue Name>") is a line of the
signature block, whatever the field names: the thanks above still closes the reply and
the name still signs it. A bracketed sentence or another field there stays reply text.
A name signed on the valediction's own line, with the agent's team after a bar or on the
line under it ("Thanks, Sam | Acme Support", "Thank you, Sam\\nAcme Support"), is the
sign-off as "Thanks,\\nSam\\nAcme Support" is; a sentence after the valediction
("Thanks, that fixed it | see below") signs nothing."""

from __future__ import annotations

import pytest

from replylint import Linter
from replylint.normalize import NormalizedReply, normalize

BODY = "Hi Noor,\n\nYour replacement router ships tomorrow.\n\n"


def _signoff(result: NormalizedReply) -> str | None:
    """The sign-off as written in the raw reply, or None."""
    regions = [r for r in result.regions if r.kind == "signoff"]
    if not regions:
        return None
    (region,) = regions
    start, end = result.offsets.to_original(region.start, region.end)
    return result.original[start:end]


@pytest.mark.parametrize(
    "slot",
    [
        "[agent name]",
        "[Agent Name]",
        "[AGENT NAME]",
        "[your name]",
        "[insert your name here]",
        "[[agent name]]",
        "<agent name>",
        "(agent name)",
        "{{agent_name}}",
        "%AGENT%",
        "[signature]",
    ],
)
@pytest.mark.parametrize("closing", ["Thanks for your patience!\n\n", "Thanks,\n"])
def test_a_signer_slot_under_the_closing_is_the_signoff(closing: str, slot: str) -> None:
    signoff = _signoff(normalize(BODY + closing + slot))
    assert signoff is not None and signoff.endswith(slot)


@pytest.mark.parametrize(
    "last",
    ["[see the link above]", "[Sent from our help centre]", "[link]", "<order number>"],
)
def test_a_bracketed_sentence_or_another_field_is_no_signoff(last: str) -> None:
    assert _signoff(normalize(BODY + "Thanks for your patience!\n\n" + last)) is None


@pytest.fixture(scope="module")
def rules(rules_only: Linter) -> Linter:
    """The rules alone: the sign-off decides their reading, not the trained model."""
    return rules_only


def test_a_lowercase_agent_slot_keeps_the_thanks_above_it_the_close(rules: Linter) -> None:
    """The reply closes with thanks; the slot is still an unfilled field (template_residue)
    and names no one in a reply about to be sent (agent_identity), as "[Agent Name]"
    does; in a template the slot will hold the agent's name."""
    reply = BODY + "Thanks for your patience!\n\n[agent name]"
    sent = rules.check(reply, template=False)
    assert sent.checks["closing_thanks"].present
    assert not sent.checks["agent_identity"].present
    assert [f.text for f in sent.findings if f.rule == "template_residue"] == ["[agent name]"]
    template = rules.check(reply, template=True)
    assert template.checks["closing_thanks"].present
    assert template.checks["agent_identity"].present


# --- a slot for one of the agent's details under the name --------------------------------
#: A fill-in slot for one of the agent's details under the name ("<Job Title>",
#: "[Department]", "Support Team, <Venue Name>") is a line of the signature block, whatever
#: the field names: the thanks above still closes the reply and the name still signs it. In
#: a reply about to be sent such a slot is a leftover; in a template it is expected.

DETAIL_BODY = "Hi Marek,\n\nYour replacement kettle left our warehouse this morning.\n\n"
#: Slots a macro leaves under the signer's name, in every bracket the sign-off reader takes.
DETAIL_SLOTS = [
    "<Job Title>",
    "<Department>",
    "<Website>",
    "<Team Name>",
    "<Phone>",
    "[Your Position]",
    "[[Regional Office]]",
    "(Job Title)",
    "<job_title>",
    "[DEPARTMENT]",
    "Support Team, <Venue Name>",
]


@pytest.mark.parametrize("slot", DETAIL_SLOTS)
@pytest.mark.parametrize(
    "closing", ["Thank you,\nSam\n", "Thanks for your patience!\nSam Okafor\n"]
)
def test_a_detail_slot_under_the_name_is_part_of_the_signoff(closing: str, slot: str) -> None:
    signoff = _signoff(normalize(DETAIL_BODY + closing + slot))
    assert signoff is not None and signoff.endswith("Sam\n" + slot if "," in closing else slot)


def test_a_detail_slot_right_under_the_valediction_is_part_of_the_signoff() -> None:
    assert (
        _signoff(normalize(DETAIL_BODY + "Kind regards,\n<Department>"))
        == "Kind regards,\n<Department>"
    )


@pytest.mark.parametrize(
    "last",
    [
        "[Sent from our help centre]",
        "[see the tracking page for updates]",
        "(this is an automated reminder)",
        "<your e-mail address>",
    ],
)
def test_a_bracketed_sentence_under_the_name_stays_reply_text(last: str) -> None:
    signoff = _signoff(normalize(DETAIL_BODY + "Thank you,\nSam\n" + last))
    assert signoff is None or last not in signoff


def test_a_detail_slot_after_a_blank_line_opens_no_signoff() -> None:
    """Only a name (or the signer's slot) opens a block under a closing sentence and a
    blank line: a detail slot alone there is a field in the text, not a signature. (A
    field the placeholder step reads, "<Job Title>" as "[Job Title]", is a word there,
    which reads as a name.)"""
    assert _signoff(normalize(DETAIL_BODY + "Thanks for your patience!\n\n<job title>")) is None


@pytest.mark.parametrize("slot", DETAIL_SLOTS)
def test_a_template_with_a_detail_slot_closes_and_is_signed(rules: Linter, slot: str) -> None:
    """A good macro scores as it would signed by the name alone."""
    report = rules.check(DETAIL_BODY + "Thank you,\nSam\n" + slot, template=True)
    assert report.checks["closing_thanks"].present
    assert report.checks["agent_identity"].present
    assert report.score == rules.check(DETAIL_BODY + "Thank you,\nSam", template=True).score


@pytest.mark.parametrize("slot", DETAIL_SLOTS)
def test_a_detail_slot_is_a_leftover_in_a_reply_about_to_be_sent(rules: Linter, slot: str) -> None:
    report = rules.check(DETAIL_BODY + "Thank you,\nSam\n" + slot, template=False)
    assert report.checks["closing_thanks"].present
    assert report.checks["agent_identity"].present
    field = slot.removeprefix("Support Team, ")
    assert [f.text for f in report.findings if f.rule == "template_residue"] == [field]


# --- a slot for the signer on the closing's own line -------------------------------------
#: "Thanks, <agent name>" signs on the valediction's line as "Thanks,\n<agent name>" does
#: on the next: the slot is the sign-off, and in a template it will hold the agent's name.

SAME_LINE_SLOTS = [
    "Thanks, <agent name>",
    "Thanks, [agent name]",
    "Many thanks, (your name)",
    "Thank you, [[agent_name]]",
    "Kind regards, <Your Name>",
]


@pytest.mark.parametrize("line", SAME_LINE_SLOTS)
def test_a_signer_slot_on_the_closings_line_is_the_signoff(line: str) -> None:
    assert _signoff(normalize(BODY + line)) == line


@pytest.mark.parametrize("line", SAME_LINE_SLOTS)
def test_a_template_signed_on_the_closings_line_is_signed_as_on_the_next(
    rules: Linter, line: str
) -> None:
    one_line = rules.check(BODY + line, template=True)
    two_lines = rules.check(BODY + line.replace(", ", ",\n"), template=True)
    assert one_line.checks["agent_identity"].present
    assert {k: c.present for k, c in one_line.checks.items()} == {
        k: c.present for k, c in two_lines.checks.items()
    }


@pytest.mark.parametrize("line", ["Thanks, <agent name>", "Cheers, {{agent.name}}"])
def test_a_signer_slot_on_the_closings_line_is_a_leftover_in_a_sent_reply(
    rules: Linter, line: str
) -> None:
    report = rules.check(BODY + line, template=False)
    assert not report.checks["agent_identity"].present
    slot = line.partition(", ")[2]
    assert [f.text for f in report.findings if f.rule == "template_residue"] == [slot]
    leftover = next(f for f in report.findings if f.rule == "template_residue")
    assert leftover.suggestion == "Sign with your own name, or remove it, before sending."


def test_the_thanks_before_a_signer_slot_on_its_line_closes_the_reply(rules: Linter) -> None:
    for template in (False, True):
        report = rules.check(BODY + "Thanks, <agent name>", template=template)
        assert report.checks["closing_thanks"].present


@pytest.mark.parametrize("line", ["Thanks, <customer name>", "Thanks, <company name>"])
def test_another_field_on_the_closings_line_names_no_agent(rules: Linter, line: str) -> None:
    assert not rules.check(BODY + line, template=True).checks["agent_identity"].present


def _cut(result: NormalizedReply) -> list[str]:
    """The contact lines cut from the analysed text as signature, as written."""
    return [result.original[r.start : r.end] for r in result.removed if r.kind == "signature"]


#: Each one-line form, and the same sign-off with the name on a line of its own.
ONE_LINE_FORMS = {
    "Thanks, Tomasz | Fibrelink Support": "Thanks,\nTomasz\nFibrelink Support",
    "Thank you, Tomasz\nFibrelink Support": "Thank you,\nTomasz\nFibrelink Support",
    "Many thanks, Tomasz\nRouter Team, Fibrelink Broadband": (
        "Many thanks,\nTomasz\nRouter Team, Fibrelink Broadband"
    ),
    "Thanks, <agent name>\nFibrelink Support": "Thanks,\n<agent name>\nFibrelink Support",
}


@pytest.mark.parametrize("line", ONE_LINE_FORMS)
def test_a_name_on_the_closings_line_with_a_team_is_the_signoff(line: str) -> None:
    assert _signoff(normalize(BODY + line)) == line


def test_contact_lines_under_a_one_line_signoff_are_cut() -> None:
    result = normalize(BODY + "Thanks, Tomasz | Fibrelink Support\nPhone: 0800 123 4567")
    assert _signoff(result) == "Thanks, Tomasz | Fibrelink Support"
    assert _cut(result) == ["Phone: 0800 123 4567"]


@pytest.mark.parametrize(
    "last",
    [
        "Thanks, that fixed it | see below",
        "Thanks, that fixed it | Support team",
        "Thanks, that fixed it\nFibrelink Support",
        "Thanks for the update | see below",
    ],
)
def test_a_sentence_after_the_valediction_is_no_signoff(last: str) -> None:
    assert _signoff(normalize(BODY + last)) is None


@pytest.mark.parametrize("template", [False, True])
@pytest.mark.parametrize(("one_line", "two_lines"), ONE_LINE_FORMS.items())
def test_a_one_line_signoff_reads_as_the_two_line_one(
    rules: Linter, one_line: str, two_lines: str, template: bool
) -> None:
    """closing_thanks and agent_identity say the same of both; in a template the slot will
    hold the agent's name, in a reply about to be sent it names no one."""
    one = rules.check(BODY + one_line, template=template)
    two = rules.check(BODY + two_lines, template=template)
    for check in ("closing_thanks", "agent_identity"):
        assert one.checks[check].model_dump() == two.checks[check].model_dump()
    assert one.checks["closing_thanks"].present
    signed_by_a_slot = "<" in one_line
    assert one.checks["agent_identity"].present == (template or not signed_by_a_slot)


# --- a sign-off line of several parts ----------------------------------------------------
#: Help desks sign on one line with the name, then the team and the organisation (or a
#: support tier) after bars, spaced dashes or middle dots; the valediction may end in a
#: dash. Each reads as the sign-off written one part a line.

PARTS_FORMS = {
    "Thanks, Tomasz | Routers | Fibrelink Support": "Thanks,\nTomasz\nRouters\nFibrelink Support",
    "Best, Tomasz - Tier 2 - Fibrelink": "Best,\nTomasz\nFibrelink",
    "Cheers \u2014 Tomasz \u00b7 Customer Care \u00b7 Fibrelink": (
        "Cheers,\nTomasz\nCustomer Care\nFibrelink"
    ),
    "Thanks, Tomasz - Routers": "Thanks,\nTomasz\nRouters",
    "Kind regards,\nTomasz - Tier 2 - Fibrelink": "Kind regards,\nTomasz\nFibrelink",
    "Thank you,\nTomasz \u00b7 Routers \u00b7 Fibrelink": "Thank you,\nTomasz\nRouters\nFibrelink",
}


@pytest.mark.parametrize("line", PARTS_FORMS)
def test_a_signoff_line_of_several_parts_is_the_signoff(line: str) -> None:
    assert _signoff(normalize(BODY + line)) == line


@pytest.mark.parametrize(("parts", "lines"), PARTS_FORMS.items())
def test_a_signoff_line_of_several_parts_reads_as_one_part_a_line(
    rules: Linter, parts: str, lines: str
) -> None:
    """closing_thanks and agent_identity say the same of both."""
    one = rules.check(BODY + parts)
    several = rules.check(BODY + lines)
    for check in ("closing_thanks", "agent_identity"):
        assert one.checks[check].model_dump() == several.checks[check].model_dump()
    assert one.checks["agent_identity"].present


@pytest.mark.parametrize(
    "last",
    [
        "Thanks, that fixed it | see below | Support team",
        "Go to Settings - Apps - Firefox - Storage",
        "Thanks \u2014 that fixed it \u00b7 see below",
    ],
)
def test_a_line_of_parts_that_signs_no_name_is_no_signoff(last: str) -> None:
    assert _signoff(normalize(BODY + last)) is None
