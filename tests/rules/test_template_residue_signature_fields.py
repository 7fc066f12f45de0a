"""template_residue: a slot for the agent's details on a signature line ("Sam\\n<Job
Title>") is a leftover in a reply about to be sent, whatever it names; a field named by
one word before "location" ("[Store Location]") is one anywhere, as "<Venue Name>" is."""

from __future__ import annotations

import pytest

from replylint import Linter, LinterConfig

BODY = "Hi Marek,\n\nYour replacement kettle left our warehouse this morning.\n\n"


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(LinterConfig(model="none", select=["template_residue"]))


def _leftovers(linter: Linter, reply: str, *, template: bool = False) -> list[str]:
    return [f.text for f in linter.check(reply, template=template).findings]


@pytest.mark.parametrize("slot", ["[Job Title]", "<Department>", "(Your Position)", "<web_site>"])
def test_a_detail_slot_under_the_name_is_a_leftover(linter: Linter, slot: str) -> None:
    assert _leftovers(linter, BODY + "Best wishes,\nPriya\n" + slot) == [slot]


def test_a_detail_slot_on_a_team_line_is_a_leftover(linter: Linter) -> None:
    assert _leftovers(linter, BODY + "Best wishes,\nPriya\nKitchenware Team, [Website]") == [
        "[Website]"
    ]


def test_a_detail_slot_is_expected_in_a_template(linter: Linter) -> None:
    assert _leftovers(linter, BODY + "Best wishes,\nPriya\n<Job Title>", template=True) == []


@pytest.mark.parametrize("line", ["Priya (Billing)", "Priya Shah\n(Night Shift)"])
def test_a_team_in_round_brackets_beside_the_name_is_no_leftover(linter: Linter, line: str) -> None:
    """Only a slot filling its line, or one in square or angle brackets, is a field: a
    team in round brackets after the name says where the agent works."""
    reply = BODY + "Best wishes,\n" + line
    found = _leftovers(linter, reply)
    assert "(Billing)" not in found
    if "\n(" in line:  # alone on its line it is read as a field, however it is meant
        assert found == ["(Night Shift)"]


def test_a_field_named_before_location_is_a_leftover(linter: Linter) -> None:
    reply = (
        BODY + "You can collect it from [Store Location] or <Pickup Location>.\n\nThanks,\nPriya"
    )
    assert _leftovers(linter, reply) == ["[Store Location]", "<Pickup Location>"]


@pytest.mark.parametrize(
    "reply",
    [
        "Press [Save Changes], then open [Main Menu] and restart the app.",
        "Click [Horizontal Three Line] and choose Settings.",
        "Set User Name to <your e-mail address> and save.",
        "Open C:\\Users\\<username>\\Documents and delete the old folder.",
        "Thanks,\nPriya\n[Sent from our help centre]",
        # initials after a marker sign the reply: no field
        "Let us know if the new kettle works for you. ^[MK]",
        "Thanks for your patience!\n-[MK]",
    ],
)
def test_button_names_and_instructions_are_no_leftovers(linter: Linter, reply: str) -> None:
    assert _leftovers(linter, BODY + reply) == []


# --- a slot on a contact line the sign-off reader cuts ------------------------------------
#: A "|" line under the name ("Acme Support | [Website]") is contact details, cut from the
#: analysed text as signature, but the customer reads it: a field of one or two words
#: standing as one of its parts is a leftover in a reply about to be sent.


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ("Kitchenware Support | [Website]", "[Website]"),
        ("Priya | Kitchenware Support | <phone number>", "<phone number>"),
        ("Support Agent | <Phone Number> | 0800 123 4567", "<Phone Number>"),
    ],
)
def test_a_slot_on_a_contact_line_is_a_leftover(linter: Linter, line: str, field: str) -> None:
    reply = BODY + "Best wishes,\nPriya\n" + line
    found = linter.check(reply).findings
    assert [f.text for f in found] == [field]
    assert reply[found[0].start : found[0].end] == field


def test_a_slot_on_an_html_contact_line_is_a_leftover(linter: Linter) -> None:
    reply = (
        "<p>Hi Marek,</p><p>Your replacement kettle left our warehouse this morning.</p>"
        "<p>Best wishes,<br>Priya<br>Kitchenware Support | [Website]<br>"
        "Support Team | [Extension]</p>"
    )
    assert _leftovers(linter, reply) == ["[Website]", "[Extension]"]


def test_a_slot_on_a_contact_line_is_expected_in_a_template(linter: Linter) -> None:
    reply = BODY + "Best wishes,\nPriya\nKitchenware Support | [Website]"
    assert _leftovers(linter, reply, template=True) == []


@pytest.mark.parametrize(
    "part",
    ["(Mon-Fri)", "[see our help centre for opening hours]", "[Head Office Street Address]"],
)
def test_hours_notes_and_long_labels_on_a_contact_line_are_no_leftovers(
    linter: Linter, part: str
) -> None:
    """Round brackets say when or where ("Sam (Billing)" on a name line); a bracketed
    sentence is prose; a field of more than two words is as long as on a signature line."""
    assert _leftovers(linter, BODY + "Best wishes,\nPriya\nSupport Team | " + part) == []


# --- a slot as the value of a labelled contact line ---------------------------------------
#: "Phone: <phone number>" under the name is a contact line the sign-off reader cuts, as a
#: "|" line is: a field of one or two words that is all of a label's value is a leftover.


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ("Phone: <phone number>", "<phone number>"),
        ("Website: [Website]", "[Website]"),
        ("E-mail: <Email Address>", "<Email Address>"),
        ("Kitchenware Support | Tel: [Phone]", "[Phone]"),
    ],
)
def test_a_slot_as_a_labelled_contact_value_is_a_leftover(
    linter: Linter, line: str, field: str
) -> None:
    reply = BODY + "Best wishes,\nPriya\n" + line
    found = linter.check(reply).findings
    assert [f.text for f in found] == [field]
    assert reply[found[0].start : found[0].end] == field


@pytest.mark.parametrize("line", ["Phone: &lt;Phone&gt;", "Kitchenware Support | &lt;Website&gt;"])
def test_an_escaped_slot_on_an_html_contact_line_is_a_leftover(linter: Linter, line: str) -> None:
    """An HTML answer as written escapes the brackets its reader sees."""
    reply = (
        "<p>Hi Marek,</p><p>Your replacement kettle left our warehouse this morning.</p>"
        f"<p>Best wishes,<br>Priya<br>{line}</p>"
    )
    field = line.rpartition(" ")[2]
    found = linter.check(reply).findings
    assert [f.text for f in found] == [field]
    assert reply[found[0].start : found[0].end] == field


def test_a_labelled_contact_slot_is_expected_in_a_template(linter: Linter) -> None:
    plain = BODY + "Best wishes,\nPriya\nPhone: <phone number>"
    html = "<p>Your kettle ships today.</p><p>Best wishes,<br>Priya<br>Phone: &lt;Phone&gt;</p>"
    assert _leftovers(linter, plain, template=True) == []
    assert _leftovers(linter, html, template=True) == []


@pytest.mark.parametrize(
    "line",
    [
        "Web: [see our help centre for opening hours]",
        "Address: [Head Office Street Address]",
        "Phone: (Mon-Fri)",
        "Phone: [Phone] or 0800 123 4567",
    ],
)
def test_notes_and_long_labels_as_a_contact_value_are_no_leftovers(
    linter: Linter, line: str
) -> None:
    """A bracketed sentence, a field of more than two words, round brackets, or a field
    that is not all of the value read as on a "|" line."""
    assert _leftovers(linter, BODY + "Best wishes,\nPriya\n" + line) == []
