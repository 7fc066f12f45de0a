"""Word's hyphens (U+2011 NON-BREAKING HYPHEN, U+2010 HYPHEN) read as "-": a macro pasted
from Word wrote "tier‑2", which the checks did not know as "tier-2". Findings still point
at, and quote, the raw text."""

from __future__ import annotations

import pytest

from replylint import Linter
from replylint.normalize import normalize


@pytest.mark.parametrize("hyphen", ["\u2011", "\u2010"])
def test_a_unicode_hyphen_reads_as_the_ascii_one(hyphen: str) -> None:
    raw = f"Your request is in the tier{hyphen}2 queue."
    assert normalize(raw).text == "Your request is in the tier-2 queue."


@pytest.mark.parametrize("hyphen", ["\u2011", "\u2010"])
def test_the_finding_quotes_the_raw_term(hyphen: str) -> None:
    raw = f"Your RMA request is in the tier{hyphen}2 escalation queue."
    report = Linter({"model": "none", "select": ["jargon"]}).check(raw)
    found = {f.text for f in report.findings}
    assert f"tier{hyphen}2" in found
    term = next(f for f in report.findings if f.text == f"tier{hyphen}2")
    assert raw[term.start : term.end] == term.text


def test_a_dash_is_not_a_hyphen() -> None:
    assert normalize("It ships today \u2013 promise.").text == "It ships today \u2013 promise."
