"""A swap to preferred wording (a config's ``glossary.banned``, a pack's ``swap``), read
the same way in both: a swap to the same words, or to wording that holds them, would
report every reply that took the advice. Both match a term in any case."""

from __future__ import annotations

import re

__all__ = ["swap_problem"]

_WORD = re.compile(r"\w+")


def swap_problem(term: str, better: str) -> str | None:
    """What is wrong with swapping ``term`` for ``better``, or None: the same words,
    spacing and case aside ("Email" for "email" reports the preferred spelling too), or
    wording that holds the term's words in a row ("kindly please"; not "kindly" for
    "kind")."""
    same = " ".join(term.split()), " ".join(better.split())
    if same[0].casefold() == same[1].casefold():
        why = "" if same[0] == same[1] else f" (a banned term matches in any case: {better!r} too)"
        return f"{term!r} is swapped for itself{why}"
    words = [w.casefold() for w in _WORD.findall(term)]
    others = [w.casefold() for w in _WORD.findall(better)]
    span = len(words)
    if words and any(others[i : i + span] == words for i in range(len(others))):
        return (
            f"{term!r} is swapped for {better!r}, which holds it: a reply that takes the "
            "advice is reported again"
        )
    return None
