"""The normaliser's word lists: the lexicons of the shipped pack ``rules/normalize.yaml``.

Word lists live in packs, not in code; the patterns around the words stay with the
modules that use them. Normalising comes before a linter's packs are known and must cut
the same text from a reply for every team, so it reads the shipped pack only (a team
pack cannot extend these lists), when the modules that compile their patterns from it
are imported, as :mod:`replylint.normalize.placeholders` reads its field words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from replylint.packs import NORMALIZE_PACK as NORMALIZE_PACK  # the shipped pack it reads
from replylint.packs import PackError, load_pack
from replylint.resources import data_dir


@lru_cache(maxsize=1)
def _lexicons() -> dict[str, tuple[str, ...]]:
    pack = load_pack(data_dir("rules") / NORMALIZE_PACK)
    return {name: tuple(words) for name, words in pack.lexicons.items()}


def shipped_lexicon(name: str) -> tuple[str, ...]:
    """One lexicon of the shipped normaliser pack, in the pack's order."""
    try:
        return _lexicons()[name]
    except KeyError:
        raise PackError(
            f"the shipped pack rules/{NORMALIZE_PACK} has no lexicon {name!r}; reinstall replylint"
        ) from None


def alternation(
    words: Iterable[str], *, longest_first: bool = False, space: str | None = None
) -> str:
    r"""The words as regex alternatives (escaped, joined by ``|``, not grouped), in the
    given order or longest first; with ``space``, a space inside an entry becomes that
    pattern (``r"\s+"``: any run of white space)."""
    entries = sorted(words, key=len, reverse=True) if longest_first else list(words)
    escaped = (re.escape(w) for w in entries)
    if space is not None:
        escaped = (e.replace(re.escape(" "), space) for e in escaped)
    return "|".join(escaped)


def substring_scan(words: Iterable[str]) -> re.Pattern[str]:
    """One search for whether a text holds any of ``words`` (``scan.search(text) is not
    None`` is ``any(word in text for word in words)``, case as given).

    Why: ``word in text`` for every entry of a lexicon passes over the text once per
    entry (62 passes over a reply for its footers, 38 over a customer's message for
    its history words), nearly always to find none. The entries are one alternation
    grouped by first character, which the engine scans for in C, trying the entries
    of a group only where its character is; the order of the entries does not matter,
    as only whether one occurs is asked."""
    entries = sorted(set(words))
    if "" in entries:  # (the empty string is in every text)
        return re.compile("")
    groups: dict[str, list[str]] = {}
    for entry in entries:
        groups.setdefault(entry[0], []).append(re.escape(entry[1:]))
    branches = [
        re.escape(first) + (f"(?:{'|'.join(rests)})" if len(rests) > 1 else rests[0])
        for first, rests in groups.items()
    ]
    return re.compile("|".join(branches) or "(?!)")
