"""An empty term in the glossary (``allowed = [""]``, ``banned = {"" = "x"}``) names no
words: it was dropped without a word, and is now an error naming the file and the key."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

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
    with pytest.raises(ValidationError, match="an empty term names no words"):
        Glossary(banned={"": "because"})


def test_glossary_terms_are_still_trimmed() -> None:
    glossary = Glossary(allowed=[" RMA ", "sync  box"], banned={"per  our policy ": "because"})
    assert glossary.allowed == ["RMA", "sync box"]
    assert glossary.banned == {"per our policy": "because"}
