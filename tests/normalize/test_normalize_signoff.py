"""The sign-off at the end of a reply, read in the shapes agents write it: the region
the checks read as the signature, and the contact lines cut under it."""

from __future__ import annotations

import pytest

from replylint.normalize import normalize

BODY = "Your replacement card is on its way and should arrive within five days."


def _signoff(raw: str) -> str | None:
    result = normalize(raw)
    found = [result.text[r.start : r.end] for r in result.regions if r.kind == "signoff"]
    return found[0] if found else None


def _cut(raw: str) -> list[str]:
    result = normalize(raw)
    return [raw[r.start : r.end] for r in result.removed if r.kind == "signature"]


@pytest.mark.parametrize(
    ("closing", "signoff", "cut"),
    [
        # no blank line over the block: the contact lines under the name make it one
        (
            " Thanks for your patience!\nJonas Keller\nCustomer Care Specialist\n"
            "Acme GmbH | +49 30 1234567",
            "Jonas Keller",
            "Customer Care Specialist\nAcme GmbH | +49 30 1234567",
        ),
        (
            " Let me know if it does not.\nJonas Keller\nCard Services Lead\n+49 30 1234567",
            "Jonas Keller",
            "Card Services Lead\n+49 30 1234567",
        ),
        (
            "\n\nThank you!\nMARTA LOPEZ\nSenior Support Specialist\nAcme Ltd",
            "Thank you!\nMARTA LOPEZ",
            "Senior Support Specialist\nAcme Ltd",
        ),
    ],
)
def test_a_name_over_contact_lines_under_the_last_sentence_is_a_sign_off(
    closing: str, signoff: str, cut: str
) -> None:
    """A signature block with no valediction and no blank line over it was read as the
    reply's last sentences: its title line closed the reply."""
    raw = f"{BODY}{closing}"
    assert _signoff(raw) == signoff
    assert _cut(raw) == [cut]


@pytest.mark.parametrize(
    "tail",
    [
        # a heading or a product over a menu path is no person
        "\nSettings\nPrivacy & Security\n+49 30 1234567",
        # a sentence under the body, then a phone number: no name
        "\nCall us any time.\n+49 30 1234567",
    ],
)
def test_contact_lines_under_no_name_sign_nothing(tail: str) -> None:
    assert _signoff(f"{BODY}{tail}") is None


@pytest.mark.parametrize(
    ("closing", "signoff"),
    [
        ("\n\nThanks, Sam!", "Thanks, Sam!"),
        ("\n\nCheers, Priya.", "Cheers, Priya."),
        ("\n\nMany thanks, Sam Ortiz!", "Many thanks, Sam Ortiz!"),
        ("\n\nBest,\nSam!", "Best,\nSam!"),
        ("\n\nKind regards,\nPriya Shah.", "Kind regards,\nPriya Shah."),
    ],
)
def test_a_name_after_a_valediction_may_end_with_a_full_stop_or_bang(
    closing: str, signoff: str
) -> None:
    """Closing punctuation after the name ("Thanks, Sam!") made it no name."""
    assert _signoff(f"{BODY}{closing}") == signoff


@pytest.mark.parametrize(
    "closing",
    [
        "\n\nThanks, see you!",
        "\n\nCheers, and good luck.",
        "\n\nThanks, Sam?",
        # thanks to someone by name, on its own line or after the last sentence: no comma
        # or dash sets the name off
        "\n\nThanks Hartmut.",
        " Thanks Hartmut.",
        " Thanks Hartmut!",
        # after the last sentence, words that are no first name
        " Thanks, that helps.",
        " Thanks, Apple Pay is now on.",
        " Thanks, Apple Pay!",
        " Cheers, Monday works!",
        " Thanks, Kim?",
    ],
)
def test_words_after_a_valediction_that_name_no_one_are_no_sign_off(closing: str) -> None:
    assert _signoff(f"{BODY}{closing}") is None


@pytest.mark.parametrize(
    ("closing", "signoff"),
    [
        (" Thanks, Kim!", "Thanks, Kim!"),
        (" Cheers, Kim.", "Cheers, Kim."),
        (" Best, Kim Ortega!", "Best, Kim Ortega!"),
        (" Many thanks - Priya!", "Many thanks - Priya!"),
        (" Thanks for waiting. Best, Kim!", "Best, Kim!"),
    ],
)
def test_a_name_closed_by_a_mark_after_the_last_sentence_signs_it(
    closing: str, signoff: str
) -> None:
    """A valediction and a name ending the body's last line were a sign-off only without
    a closing "!" or ".", which a name on a line of its own may have ("Thanks, Sam!")."""
    assert _signoff(f"{BODY}{closing}") == signoff


def test_a_markdown_hard_line_break_is_markup() -> None:
    """The backslash ending a line of a Markdown reply breaks the line; it was read as a
    character of the valediction, which then was none."""
    raw = f"{BODY}\n\nMany thanks,\\\nSam"
    result = normalize(raw)
    assert result.text == f"{BODY}\n\nMany thanks,\nSam"
    assert _signoff(raw) == "Many thanks,\nSam"
    assert [raw[r.start : r.end] for r in result.removed if r.kind == "markup"] == ["\\"]


@pytest.mark.parametrize(
    "raw",
    [
        "Open C:\\Users\\ and then the Downloads folder.",
        "Type \\\\ twice.\\\\\nThen press Enter.",
        "A backslash at the very end stays \\",
    ],
)
def test_a_backslash_that_breaks_no_line_stays(raw: str) -> None:
    assert normalize(raw).text == raw


@pytest.mark.parametrize(
    ("contact", "cut"),
    [
        ("Support team: billing@acme.example", "Support team: billing@acme.example"),
        ("Phone: +1 555 0100", "Phone: +1 555 0100"),
        ("Billing hotline: +1 555 0100", "Billing hotline: +1 555 0100"),
        ("Help centre: https://help.acme.example", "Help centre: https://help.acme.example"),
        (
            "Support team: billing@acme.example | Phone: +1 555 0100",
            "Support team: billing@acme.example | Phone: +1 555 0100",
        ),
    ],
)
def test_a_labelled_contact_line_under_the_name_is_signature(contact: str, cut: str) -> None:
    """A contact detail after a label of the agent's own wording ("Support team:") was
    read as a sentence of the reply, so no sign-off was found above it."""
    raw = f"{BODY}\n\nMany thanks,\nSam Ortiz\n{contact}"
    assert _signoff(raw) == "Many thanks,\nSam Ortiz"
    assert _cut(raw) == [cut]


def test_a_labelled_line_that_is_no_contact_detail_stays_text() -> None:
    raw = f"{BODY}\n\nMany thanks,\nSam Ortiz\nNote: the card is not yet active"
    assert _signoff(raw) is None


@pytest.mark.parametrize(
    ("organisation", "signed"),
    [
        # a short code of capitals and digits in the organisation's name
        ("Layerworks 3D", True),
        ("B2B Office Supplies", True),
        ("3M Service Centre", True),
        # a number alone is no name: a ticket reference
        ("Ref 12345", False),
    ],
)
def test_an_organisations_name_may_hold_a_short_code(organisation: str, signed: bool) -> None:
    """ "Thanks,\\nSam\\nLayerworks 3D": the "3D" made the organisation's line no
    signature line, so the thanks above the block read as no closing."""
    raw = f"Hi Ann,\n\n{BODY}\n\nThanks,\nSam\n{organisation}"
    signoff = _signoff(raw)
    assert (signoff == f"Thanks,\nSam\n{organisation}") is signed
    assert signed or signoff is None
