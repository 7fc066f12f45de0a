"""Segmentation: opening, body, closing and sign-off are cut where a reader would."""

from __future__ import annotations

import re

import pytest

from replylint import Linter
from replylint.analysis import is_shouting


def test_segments_of_an_email(linter: Linter) -> None:
    reply = (
        "Hi Dana,\n\nYour parcel left our warehouse today. It should arrive on Friday.\n"
        "Thanks for your patience!\n\nBest regards,\nSam"
    )
    analyzed = linter.analyze(reply)
    assert analyzed.opening is not None and analyzed.opening.text == "Hi Dana,"
    assert [s.text for s in analyzed.body] == [
        "Your parcel left our warehouse today.",
        "It should arrive on Friday.",
    ]
    assert analyzed.closing is not None and analyzed.closing.text == "Thanks for your patience!"
    assert analyzed.signoff is not None and analyzed.signoff.text == "Best regards,\nSam"


def test_quoted_history_and_handles_are_not_segments(linter: Linter) -> None:
    reply = "@acme_help Hi there! Please DM us. ^JK\n\n> my order is late"
    analyzed = linter.analyze(reply, channel="social")
    assert [s.text for s in analyzed.sentences] == ["Hi there!", "Please DM us."]
    assert analyzed.signoff is not None and analyzed.signoff.text == "^JK"


def test_sentence_splitter_matches_spacy_sentencizer_plus_line_breaks(linter: Linter) -> None:
    import spacy

    reference = spacy.blank("en")
    reference.add_pipe("sentencizer")
    texts = [
        "Hi Dana! Your order shipped... It arrives Friday?! Thanks.",
        'He said "stop." Then left. (Really.) Ok',
        "Line one\nLine two.\n\nLine three",
        "Wait...what? No!!! Yes.",
        "",
        "...",
    ]
    for text in texts:
        ours = linter._pipeline.nlp(text)
        theirs = reference(text)
        expected = {s.start for s in theirs.sents}
        for token in theirs:
            if "\n" in token.text and token.i + 1 < len(theirs):
                expected.add(token.i + 1)
        assert {s.start for s in ours.sents} == expected, text


@pytest.mark.parametrize(
    ("reply", "sentences"),
    [
        ("To reset it:\n1. Open Settings\n2. Tap Account",
         ["To reset it:", "1. Open Settings", "2. Tap Account"]),
        ("12. Restart the router. Wait a minute.", ["12. Restart the router.", "Wait a minute."]),
        # not an item: a number ending a sentence, or one not opening its line
        ("The fee is 2. Then it is free.", ["The fee is 2.", "Then it is free."]),
        ("Read step 3. It says how.", ["Read step 3.", "It says how."]),
        ("1.\nOpen Settings", ["1.", "Open Settings"]),
    ],
)  # fmt: skip
def test_a_numbered_item_keeps_its_number(linter: Linter, reply: str, sentences: list[str]) -> None:
    assert [s.text for s in linter.analyze(reply).sentences] == sentences


@pytest.mark.parametrize(
    ("reply", "sentences"),
    [
        ("Sent mail goes to the folder of account Y. Check the account's settings.",
         ["Sent mail goes to the folder of account Y.", "Check the account's settings."]),
        ("Press the Windows key and R.  Type regedit.",
         ["Press the Windows key and R.", "Type regedit."]),
        # a name's initial after a capitalised word, or a letter before a lower-case word
        ("Kind regards, Mrs J. Pennington", ["Kind regards, Mrs J. Pennington"]),
        ("Ask John H. Smith about it.", ["Ask John H. Smith about it."]),
        ("Use plan b. then restart.", ["Use plan b. then restart."]),
    ],
)  # fmt: skip
def test_a_letter_and_its_full_stop_end_a_sentence_after_a_lower_case_word(
    linter: Linter, reply: str, sentences: list[str]
) -> None:
    """spaCy keeps "Y." as one token, like an initial, so no sentence ended there."""
    assert [s.text for s in linter.analyze(reply).sentences] == sentences


def test_a_numbered_item_is_read_as_its_instruction(linter: Linter) -> None:
    reply = "Hi Noor,\n\nTo fix it:\n1. Quit the app\n2. Reinstall it\n\nThanks,\nAri"
    steps = linter.analyze(reply).next_steps
    assert [step.evidence.text for step in steps] == ["Quit", "Reinstall"]


# Written for this test: "mostly capitals" is over 60% capitals among more than 20
# letters, letters being ``[^\W\d_]`` (any script) and capitals ``[A-Z]``.
_SHOUTING_CASES = [
    ("PLEASE RESTART THE APP AND TRY AGAIN", True),
    ("Please restart the app and try again", False),
    ("HI THERE", False),  # too few letters to tell
    ("WE ARE LOOKING INTO IT RIGHT NOW 1234567890 ____ !!!", True),  # digits, _: no letters
    ("ÉCOUTEZ, ÇA NE MARCHE PAS DU TOUT", True),  # É and Ç: letters, not [A-Z]
    ("ÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉ abc", False),  # ... so no capitals at all
    ("STRASSE GROSS ß ABCDEFGHIJKLMNOPQRSTUV", True),
    ("Ⅻ Ⅻ ² ½ THE QUICK BROWN FOX JUMPS over", True),  # numerals that are \w, not \d
    ("", False),
]


@pytest.mark.parametrize(("text", "expected"), _SHOUTING_CASES)
def test_shouting_counts_letters_and_capitals(text: str, expected: bool) -> None:
    """The same count in ASCII text (byte tables) and in any other text (runs)."""
    letters = len(re.findall(r"[^\W\d_]", text))
    reference = letters > 20 and len(re.findall(r"[A-Z]", text)) > 0.6 * letters
    assert is_shouting(text) is reference is expected


def test_shouting_is_read_once_per_reply(linter: Linter) -> None:
    """Both the jargon rule and its candidate finder ask; the reply answers once."""
    reply = linter.analyze("PLEASE SEND US YOUR RMA NUMBER AND THE SMTP LOG TODAY.")
    assert reply.shouting is True
    assert "shouting" in reply.__dict__  # cached on the reply


@pytest.mark.parametrize(
    ("raw", "end_of_reply"),
    [
        (
            "Hi Ilse,\n\nThe invoice is on its way.\n\nBest regards,\nTom\n\n"
            "On Mon, 2 Mar 2026 at 09:10, Ilse Berg <ilse@example.com> wrote:\n"
            "> Where is my invoice?\n> Many thanks!\n> Ilse\n",
            "Best regards,\nTom",
        ),
        (
            "<div class=WordSection1><p class=MsoNormal>Hi Ilse,<o:p></o:p></p>"
            "<p class=MsoNormal>The invoice is on its way.<o:p></o:p></p>"
            "<p class=MsoNormal>Best regards,<br>Tom<o:p></o:p></p>"
            "<blockquote><p>Where is my invoice? Many thanks! Ilse</p></blockquote></div>",
            "Best regards,<br>Tom",
        ),
        (
            "Hi Ilse,\n\nThe invoice is on its way.\n\nTom\n-- \nTom Reyes\nAcme Ltd.\n"
            "+1 555 010 0199",
            "\nTom",
        ),
    ],
)
def test_a_missing_closing_is_reported_at_the_end_of_the_reply(
    linter: Linter, raw: str, end_of_reply: str
) -> None:
    """ "Its end for thanks": after the agent's last word, not after the customer's
    "Many thanks! Ilse" quoted under it (where an editor or `check`'s line:column sent
    the agent), the markup closing the document or the signature block."""
    report = linter.check(raw)
    missing = [f for f in report.findings if f.rule == "closing_thanks"]
    assert [(f.start, f.end, f.text) for f in missing] == [
        (raw.index(end_of_reply) + len(end_of_reply),) * 2 + ("",)
    ]
