"""The quick tests ``mask_structures`` runs before a structure's own pattern.

A full stop, a digit, an "@" or a "$" is in most replies, so each of those structures
also needs what stands beside its mark in every match (a name after a dot, a digit after
a capital) before its pattern, which the engine tries at every character, is searched.
A hint that missed a match would leave a URL's or an address's words as jargon
candidates, so each must be found in every match of its pattern.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from replylint.model import terms_candidates
from replylint.model.terms_candidates import mask_structures

try:  # Python 3.11+: the compiler moved into the re package
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # Python 3.10
    import sre_compile as _compiler  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

HINTED = [(p, hint) for p, _, hint in terms_candidates._STRUCTURES if hint is not None]

CASES = [
    "Go to support.example.com/kb or example.de/help, not prefs.js.",
    "Mail jo.smith+tag@mail.example.co.uk or @team_lead on #support.",
    "Set ${ORDER_ID} and $first_name; it costs $5.",
    "Send it to SW1A 1AA or K1A 0B1, not to 12 High St.",
    "bbc.co.uk, a.b.c, x-y.io, ĸ.ſt, K.Kk, under_score.dev.",
    "No structures here. Just sentences, 3 of them.",
]


@pytest.mark.parametrize("text", CASES)
def test_each_match_holds_its_hint(text: str) -> None:
    for pattern, hint in HINTED:
        for match in pattern.finditer(text):
            assert hint.search(match.group()), (pattern.pattern, match.group())


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZK.-_@#$/{}:5 ,ſĸ\n"), max_size=40))
def test_a_text_without_the_hint_has_no_match(text: str) -> None:
    for pattern, hint in HINTED:
        if hint.search(text) is None:
            assert pattern.search(text) is None, (pattern.pattern, text)


@pytest.mark.parametrize("hint", [hint for _, hint in HINTED], ids=lambda h: h.pattern)
def test_each_hint_gets_the_engine_s_scan(hint: re.Pattern[str]) -> None:
    parsed = _parser.parse(hint.pattern, hint.flags)
    prefix = _compiler._get_literal_prefix(parsed, hint.flags)[0]
    assert prefix or _compiler._get_charset_prefix(parsed, hint.flags)


def test_masking_is_unchanged_by_the_hints() -> None:
    text = " ".join(CASES)
    masked = mask_structures(text, 0, len(text), [])
    assert "support.example.com" not in masked and "jo.smith" not in masked
    assert "SW1A 1AA" not in masked and "$first_name" not in masked
    assert "prefs.js" in masked and "$5" in masked
