"""A name signed on the valediction's own line, with the agent's team after a bar or on
the line under it ("Thanks, Sam | Acme Support", "Thank you, Sam\\nAcme Support"), is the
sign-off as "Thanks,\\nSam\\nAcme Support" is: the bar does not make the line contact
details, and the team line under it is signature. A sentence after the valediction
("Thanks, that fixed it | see below") signs nothing."""

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


@pytest.fixture(scope="module")
def rules() -> Linter:
    return Linter(
        LinterConfig(model="none", select=["closing_thanks", "agent_identity", "template_residue"])
    )


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
