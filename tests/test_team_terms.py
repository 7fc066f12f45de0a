"""Glossary terms found as agents write them (replylint.team_terms)."""

from __future__ import annotations

import pytest

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
