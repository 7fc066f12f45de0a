"""A fill-in slot for the signer under the closing is the sign-off, in any case and
bracket form, and a slot for one of the agent's details under the name ("<Job Title>",
"Support Team, <Venue Name>") is a line of the signature block, whatever the field names:
the thanks above still closes the reply and the name still signs it. A bracketed sentence
or another field there stays reply text."""

from __future__ import annotations

import pytest

from replylint import Linter, LinterConfig
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
def rules() -> Linter:
    """The rules alone: the sign-off decides their reading, not the trained model."""
    return Linter(LinterConfig(model="none"))


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
    blank line: a detail alone there is a field in the text, not a signature."""
    assert _signoff(normalize(DETAIL_BODY + "Thanks for your patience!\n\n<Job Title>")) is None


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
