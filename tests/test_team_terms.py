"""Glossary terms found as agents write them (replylint.team_terms)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from replylint.team_terms import TermFinder, same_wording


@pytest.mark.parametrize(
    ("term", "text", "found"),
    [
        ("proxy", "Both proxies are up.", ["proxies"]),
        ("day", "Two days.", ["days"]),
        ("box", "Two boxes.", ["boxes"]),
        ("tier 2", "Our TIER-2 team.", ["TIER-2"]),
        ("SSL/TLS", "SSL / TLS and SSL TLS.", ["SSL / TLS", "SSL TLS"]),
        ("C++", "We use C++ here.", ["C++"]),
        ("RMA", "RMAX, xRMA and RMA_ID are other words.", []),
    ],
)
def test_a_term_is_found_in_its_forms_and_only_as_whole_words(
    term: str, text: str, found: list[str]
) -> None:
    matches = list(TermFinder([term]).find(text))
    assert [text[m.start : m.end] for m in matches] == found
    assert all(m.term == term for m in matches)


def test_each_occurrence_names_its_entry_the_longest_first() -> None:
    finder = TermFinder(["tier 2", "Tier 2 queue", "RMA"])
    text = "The tier-2 queue holds RMAs; tier 2 too."
    assert [(m.term, text[m.start : m.end]) for m in finder.find(text)] == [
        ("Tier 2 queue", "tier-2 queue"),
        ("RMA", "RMAs"),
        ("tier 2", "tier 2"),
    ]


def test_no_terms_find_nothing() -> None:
    assert not TermFinder([])
    assert list(TermFinder([]).find("anything")) == []


def test_same_wording_folds_case_apostrophes_and_spaces() -> None:
    assert same_wording("Can’t  do", "can't do")
    assert not same_wording("colour", "color")
    assert not same_wording("kindly", "")


_TERMS = ["end user", "RMA", "Tier 2", "proxy", "can't login", "SSL/TLS", "Wi-Fi", "bus"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["End", "user", "users", "END-USERS", "rma", "RMAs", "tier", "2", "Proxies",
             "PROXIES", "proxy's", "can\u2019t", "can't", "LOGIN", "ssl/tls", "wi-fi",
             "buses", "BUSES", "\u212a", "é", ",", "\n"]
        )
    ).map(" ".join)
)  # fmt: skip
def test_the_terms_are_found_as_the_case_insensitive_regex_finds_them(text: str) -> None:
    """In ASCII text the terms are searched by a lower-case twin
    (:class:`replylint.folded.Folded`): the same occurrences, as written."""
    finder = TermFinder(_TERMS)
    assert finder._any is not None and finder._any.twin is not None
    for variant in (text, text.upper(), text.title()):
        expected = [(m.start(), m.end(), m.group()) for m in finder._any.regex.finditer(variant)]
        found = [(m.start, m.end, variant[m.start : m.end]) for m in finder.find(variant)]
        assert found == expected
