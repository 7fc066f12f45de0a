"""A pack's phrases match as agents write them, as the team glossary's terms do: with a
space, a hyphen or a slash between their words, and in the plural. They matched only
the words as listed (spelling variants aside), so a team's ``end user: customer`` swap
let "End-users" and "ticket numbers" through without a word, while the same entry in
``[glossary] banned`` reported them."""

from __future__ import annotations

from pathlib import Path

import pytest

from replylint import Linter, LinterConfig

PACK = """
schema: replylint.pack/1
name: acme
rules:
  - id: acme.internal
    kind: substitution
    check: acme
    message: '"{match}" is our internal wording.'
    rationale: Customers do not know our internal words.
    standard: Speak the customer's language
    swap:
      end user: customer
      ticket number: reference number
      tier 2: our specialist team
      RMA: return
      proxy server: network settings
  - id: acme.promise
    kind: existence
    check: acme
    message: '"{match}" promises what support cannot.'
    rationale: A broken guarantee costs more trust than the problem.
    standard: Manage expectations
    phrases: [money-back guarantee]
"""


def linter(tmp_path: Path) -> Linter:
    pack = tmp_path / "acme.yaml"
    pack.write_text(PACK, encoding="utf-8")
    return Linter(LinterConfig(packs=[pack], select=["acme"], model="none"))


def found(linter: Linter, reply: str) -> dict[str, str | None]:
    return {f.text: f.suggestion for f in linter.check(reply).findings}


def test_hyphenated_and_plural_forms_of_a_swap_are_reported(tmp_path: Path) -> None:
    reply = (
        "Hi Sam, our End-users on Tier-2 need their ticket numbers and two RMAs. "
        "Both proxy-servers and the proxy servers are down. Thanks!"
    )
    assert found(linter(tmp_path), reply) == {
        "End-users": 'Say "customer" instead.',
        "Tier-2": 'Say "our specialist team" instead.',
        "ticket numbers": 'Say "reference number" instead.',
        "RMAs": 'Say "return" instead.',
        "proxy-servers": 'Say "network settings" instead.',
        "proxy servers": 'Say "network settings" instead.',
    }


def test_an_existence_phrase_matches_with_a_space_or_in_the_plural(tmp_path: Path) -> None:
    reply = "Hi Sam, both money back guarantees apply, as does the money-back guarantee."
    assert sorted(found(linter(tmp_path), reply)) == [
        "money back guarantees",
        "money-back guarantee",
    ]


def test_the_listed_wording_and_its_spelling_variants_still_match_once(tmp_path: Path) -> None:
    report = linter(tmp_path).check("Hi Sam, an end user has a ticket number for the RMA.")
    assert [f.text for f in report.findings] == ["end user", "ticket number", "RMA"]


def test_a_longer_word_or_a_swap_of_the_plural_is_not_reported(tmp_path: Path) -> None:
    """Whole words only ("RMAX" is no "RMA"), and a swap's preferred wording, in any of
    the forms the phrase now matches, is never reported."""
    pack = tmp_path / "fees.yaml"
    pack.write_text(PACK.replace("proxy server: network settings", "fee: fees"), encoding="utf-8")
    fees = Linter(LinterConfig(packs=[pack], select=["acme"], model="none"))
    assert found(fees, "Hi Sam, the RMAX unit has no fees. Thanks!") == {}
    assert found(fees, "Hi Sam, the fee is waived. Thanks!") == {"fee": 'Say "fees" instead.'}


def test_a_possessive_is_one_finding(tmp_path: Path) -> None:
    """The tokens find "RMA" in "RMA's", the written form the whole word: one finding."""
    report = linter(tmp_path).check("Hi Sam, the RMA's label is attached. Thanks!")
    assert [f.text for f in report.findings] == ["RMA's"]


SPELLINGS = """
schema: replylint.pack/1
name: plain
rules:
  - id: plain.words
    kind: substitution
    check: plain
    message: '"{match}" is stiff.'
    rationale: Plain words read faster.
    standard: Plain language
    swap:
      utilize: use
      colour scheme: theme
      {spelling}
"""


def spelling_linter(tmp_path: Path, spelling: str = "") -> Linter:
    pack = tmp_path / "plain.yaml"
    pack.write_text(SPELLINGS.replace("{spelling}", spelling), encoding="utf-8")
    return Linter(LinterConfig(packs=[pack], select=["plain"], model="none"))


def test_a_spelling_variant_matches_in_the_plural_and_hyphenated(tmp_path: Path) -> None:
    """A phrase matched a spelling variant ("utilise", by the tokens' norms) and a plural
    ("utilizes", as written), but not both at once: "utilises" and "color-schemes" went
    unreported."""
    reply = (
        "Hi Sam, the app utilises two color-schemes and utilizes the colour schemes you "
        "picked, as your team utilises them. Thanks!"
    )
    texts = [f.text for f in spelling_linter(tmp_path).check(reply).findings]
    assert texts == ["utilises", "color-schemes", "utilizes", "colour schemes", "utilises"]


@pytest.mark.parametrize(
    ("spelling", "reported", "kept"),
    [
        ("color: colour", "colors", "colours"),  # a British team's swap
        ("colour: color", "colours", "colors"),  # an American team's
    ],
)
def test_a_swap_of_spellings_reports_the_other_spelling_in_the_plural(
    tmp_path: Path, spelling: str, reported: str, kept: str
) -> None:
    """The preferred spelling's plural is never reported as the term it replaces."""
    swaps = spelling_linter(tmp_path, spelling)
    preferred = spelling.split(": ")[1]
    reply = f"Hi Sam, both {reported} and {kept} are fine. Thanks!"
    assert found(swaps, reply) == {reported: f'Say "{preferred}" instead.'}
