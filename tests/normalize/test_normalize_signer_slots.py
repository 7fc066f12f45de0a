"""A fill-in slot for the signer under the closing is the sign-off, in any case and
bracket form; a bracketed sentence or another field there stays reply text."""

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
