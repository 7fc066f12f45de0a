"""An empty term in the glossary (``allowed = [""]``, ``banned = {"" = "x"}``) names no
words: it was dropped without a word, and is now an error naming the file and the key. So
is a banned term mapped to itself, which suggested writing what was already written."""

from __future__ import annotations

from pathlib import Path

import pytest

from replylint import ConfigError, Glossary, load_linter_config


@pytest.mark.parametrize(
    ("glossary", "key"),
    [
        ('allowed = [""]', "glossary.allowed"),
        ('allowed = ["SSO", "  "]', "glossary.allowed"),
        ('banned = { "" = "because" }', "glossary.banned"),
        ('banned = { " " = "" }', "glossary.banned"),
    ],
)
def test_an_empty_glossary_term_in_a_config_names_the_key(
    tmp_path: Path, glossary: str, key: str
) -> None:
    config = tmp_path / ".replylint.toml"
    config.write_text(f"[glossary]\n{glossary}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_linter_config(config)
    assert str(error.value) == (
        f"{config}: {key}: an empty term names no words; write the term, or remove the entry"
    )


def test_an_empty_glossary_term_is_refused_by_the_library() -> None:
    with pytest.raises(ConfigError, match="an empty term names no words"):
        Glossary(banned={"": "because"})


def test_glossary_terms_are_still_trimmed() -> None:
    glossary = Glossary(allowed=[" RMA ", "sync  box"], banned={"per  our policy ": "because"})
    assert glossary.allowed == ["RMA", "sync box"]
    assert glossary.banned == {"per our policy": "because"}


@pytest.mark.parametrize(
    ("banned", "why"),
    [
        ('{ "kindly" = "kindly" }', ""),
        ('{ "per our policy" = " per  our policy" }', ""),
        ('{ "Email" = "email" }', " (a banned term matches in any case: 'email' too)"),
    ],
)
def test_a_banned_term_swapped_for_itself_names_the_file_and_the_key(
    tmp_path: Path, banned: str, why: str
) -> None:
    """It reported every use of the term and suggested writing what was written (a
    case-only swap too: the term matches in any case, so the preferred spelling was
    reported as well)."""
    config = tmp_path / ".replylint.toml"
    config.write_text(f"[glossary]\nbanned = {banned}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_linter_config(config)
    term = banned.split('"')[1]
    assert str(error.value) == (
        f"{config}: glossary.banned: {term!r} is swapped for itself{why}; give the preferred "
        'wording, or "" to suggest leaving it out'
    )


def test_a_banned_term_swapped_for_itself_is_refused_by_the_library() -> None:
    with pytest.raises(ConfigError, match="is swapped for itself"):
        Glossary(banned={"Kindly": "KINDLY"})


def test_a_banned_term_with_other_wording_is_still_accepted() -> None:
    """Only the same words are refused: a spelling variant, or "" (leave it out), is a
    real suggestion."""
    glossary = Glossary(banned={"e-mail": "email", "kindly": ""})
    assert glossary.banned == {"e-mail": "email", "kindly": ""}


@pytest.mark.parametrize(
    ("term", "better"),
    [("kindly", "kindly please"), ("per our policy", "as per our policy"), ("ASAP", "asap!")],
)
def test_a_banned_term_whose_wording_holds_it_is_refused(term: str, better: str) -> None:
    """A reply that took the advice was reported again, for ever."""
    with pytest.raises(ConfigError, match=r"which holds it: a reply that takes the advice"):
        Glossary(banned={term: better})


def test_wording_that_only_shares_letters_with_the_term_is_accepted() -> None:
    glossary = Glossary(banned={"kind": "kindly", "e-mail": "email", "policy": "our policies"})
    assert glossary.banned == {"kind": "kindly", "e-mail": "email", "policy": "our policies"}
