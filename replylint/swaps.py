"""A swap to preferred wording (a config's ``glossary.banned``, a pack's ``swap``) whose
wording holds the term it replaces: a reply that took the advice would be reported again."""

from __future__ import annotations

import re

__all__ = ["holds_term"]

_WORD = re.compile(r"\w+")


def holds_term(term: str, better: str) -> bool:
    """Whether ``better`` holds ``term``'s words in a row, case aside ("kindly" in
    "kindly please"; not "kind" in "kindly")."""
    words = [w.casefold() for w in _WORD.findall(term)]
    others = [w.casefold() for w in _WORD.findall(better)]
    span = len(words)
    return bool(words) and any(others[i : i + span] == words for i in range(len(others)))
