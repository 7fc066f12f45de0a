"""A space where a sentence end is glued to the next word."""

from __future__ import annotations

import pytest

from replylint.normalize import normalize


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("Which version are you on? Thanks.^Kim", "Which version are you on? Thanks. ^Kim"),
        ("Let us know if it helps!^rt", "Let us know if it helps! ^rt"),
        (
            "You can reach us via https://help.example/contact .Thanks!",
            "You can reach us via https://help.example/contact . Thanks!",
        ),
    ],
)
def test_glued_sentence_ends_get_a_space(raw: str, text: str) -> None:
    assert normalize(raw).text == text


@pytest.mark.parametrize(
    "raw",
    [
        "The result is 2^10 bytes.",  # a power, not a sign-off
        "Copy the .Thunderbird folder to the new computer.",  # a file name
        "Style it with .CodeMirror-line { color: red; }",  # a CSS class
        "Install .NET 4.8 first.",
    ],
)
def test_other_glued_text_is_left_alone(raw: str) -> None:
    assert normalize(raw).text == raw


def test_the_inserted_space_maps_back_to_the_raw_text() -> None:
    raw = "Could you send a screenshot? Thanks.^Kim"
    result = normalize(raw)
    start = result.text.index("^Kim")
    assert result.offsets.to_original(start, start + 4) == (raw.index("^Kim"), len(raw))
