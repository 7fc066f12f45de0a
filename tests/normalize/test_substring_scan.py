"""A lexicon's entries looked for in a text by one scan (``substring_scan``), not one
``in`` test per entry: the scan finds something exactly when some entry is in the text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from replylint.normalize import quoting
from replylint.normalize.vocabulary import substring_scan

#: Characters that make entries share first characters, and regex syntax to escape.
_ALPHABET = "abc .*?()[]|\\^$+{}é\n"


def _finds(words: tuple[str, ...], text: str) -> bool:
    return substring_scan(words).search(text) is not None


@given(st.lists(st.text(_ALPHABET, max_size=4), max_size=6), st.text(_ALPHABET, max_size=30))
def test_the_scan_finds_an_entry_exactly_when_one_is_in_the_text(
    words: list[str], text: str
) -> None:
    assert _finds(tuple(words), text) == any(word in text for word in words)


def test_the_footer_lexicons_are_found_as_entry_by_entry() -> None:
    lexicons = (quoting.FOOTER_PHRASES, tuple(quoting._OPT_OUT_LINKS))
    texts = [
        "sent from my iphone",
        "best regards\\nsent from my ipad",
        "to opt-out, reply stop",
        "click here to unsubscribe from this list",
        "this email is confidential and privileged",
        "disclaimer: none",
        "a reply about a sent item, the iphone, and my ipad",
        "opt out",
        "optout",
        "",
    ]
    for words in lexicons:
        for text in texts:
            assert _finds(words, text) == any(word in text for word in words), text


def test_no_entry_finds_nothing_and_an_empty_entry_finds_everything() -> None:
    assert not _finds((), "anything")
    assert _finds(("",), "")
    assert _finds(("x", ""), "abc")
