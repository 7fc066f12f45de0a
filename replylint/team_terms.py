"""Where a team's glossary terms occur in a reply, as its agents write them.

A glossary entry names a term, not one spelling of it: a team that writes ``allowed =
["RMA"]`` means "RMAs" too, and ``banned = {"end user" = "customer"}`` means "End-users"
too. Compared as exact strings, "RMAs", "Tier-2" (for "tier 2") or "ticket numbers" were
reported, or let through, without a word. So an entry matches its words in any case,
with either apostrophe ("can't", "can’t"), with a space, a hyphen or a slash between them,
and with a plural ending ("s", "es", "'s"; "y" as "ies"), as whole words.

It matches the words as written, not as the tokenizer normalises them: a British team
that bans "color" for "colour", or "don't" for "do not", must not have the preferred
wording reported (spaCy reads "colour" as "color" and "don't" as "do not").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from replylint.folded import Folded

__all__ = ["TermFinder", "TermMatch", "same_term", "same_wording", "with_singulars"]

#: What may stand between two words of a term: spaces (a line break too), a hyphen, a
#: slash ("tier 2", "tier-2"; "SSL/TLS").
_BETWEEN = r"[\s\-\u2010\u2011/]+"
_SPLIT = re.compile(_BETWEEN)
_APOSTROPHES = "'\u2019\u02bc"
_APOSTROPHE = re.compile(f"[{_APOSTROPHES}]")


@dataclass(frozen=True)
class TermMatch:
    """One occurrence of a glossary entry: ``text[start:end]`` is ``term`` as written."""

    term: str
    start: int
    end: int


def _word(word: str) -> str:
    return "".join(f"[{_APOSTROPHES}]" if c in _APOSTROPHES else re.escape(c) for c in word)


def _pattern(term: str) -> str:
    """The regular expression of a term: its words as written, any separator between
    them, and a plural ending on the last one."""
    words = [w for w in _SPLIT.split(term) if w]
    last = words[-1]
    if len(last) > 1 and last[-1] in "yY" and last[-2].lower() not in "aeiou":
        # "proxy": "proxies"
        ending = f"{_word(last[:-1])}(?:[yY]|ies|IES)"
    else:
        ending = f"{_word(last)}(?:[{_APOSTROPHES}]?[sS]|[eE][sS])?"
    return _BETWEEN.join([*(_word(w) for w in words[:-1]), ending])


def _whole_words(alternatives: str) -> str:
    """``alternatives`` matched as whole words: the boundaries are written once around
    the alternation, so a position inside a word is passed over with one test rather
    than one per term (a pack of 80 phrases cost a tenth of a millisecond a reply)."""
    return rf"(?<!\w)(?:{alternatives})(?!\w)"


def any_term_regex(terms: tuple[str, ...], *, ignore_case: bool = True) -> re.Pattern[str]:
    """Any of ``terms`` (in their order: the longest first), as whole words, ignoring case
    (``ignore_case=False``: the case-sensitive twin of :class:`replylint.folded.Folded`;
    for lower-cased ASCII terms, its ``[yY]``, ``IES``, ``[sS]`` still find the lower case)."""
    flags = re.IGNORECASE if ignore_case else re.NOFLAG
    return re.compile(_whole_words("|".join(_pattern(t) for t in terms)), flags)


class TermFinder:
    """Finds a list of glossary terms in a text (compiled once per linter)."""

    def __init__(self, terms: Iterable[str]) -> None:
        self.terms = tuple(dict.fromkeys(t for t in terms if t.strip()))
        self._each = [re.compile(_whole_words(_pattern(t)), re.IGNORECASE) for t in self.terms]
        # the longest term first, so that at one position "tier 2 queue" wins over "tier 2"
        ordered = tuple(sorted(self.terms, key=len, reverse=True))
        self._any = Folded.of(any_term_regex, ordered) if ordered else None

    def __bool__(self) -> bool:
        return self._any is not None

    def find(self, text: str) -> Iterator[TermMatch]:
        """Each occurrence in text order, with the entry it is."""
        if self._any is None:
            return
        for match in self._any.finditer(text):
            written = match.group()
            term = next(
                (t for t, p in zip(self.terms, self._each, strict=True) if p.fullmatch(written)),
                written,
            )
            yield TermMatch(term, match.start(), match.end())

    def covers(self, written: str) -> bool:
        """Whether ``written`` is, whole, one of the terms as agents write it."""
        return any(pattern.fullmatch(written) for pattern in self._each)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where the terms occur: (start, end) character offsets, in text order."""
        return [(m.start, m.end) for m in self.find(text)]


def with_singulars(terms: Iterable[str]) -> list[str]:
    """``terms`` and, for each written in the plural, its singular ("RMAs": "RMA",
    "Escalation Queues": "Escalation Queue", "proxies": "proxy"). An entry covers its
    plural; a team that copied an allowed term as a reply wrote it ("RMAs") saw the
    singular reported, without a word. For allowed terms only: a singular the team never
    wrote is one more term let through, where for a banned one it would be one more
    reported."""
    found = list(terms)
    for term in found[:]:
        head, _, last = term.rpartition(" ")
        lower = last.lower()
        if len(last) < 3 or not lower.endswith("s") or lower.endswith(("ss", "us", "is")):
            continue
        if lower.endswith("ies") and len(last) > 4:
            singular = last[:-3] + ("Y" if last[-3:].isupper() else "y")
        elif lower.endswith(("ches", "shes", "xes", "sses")):
            singular = last[:-2]
        else:
            singular = last[:-1].rstrip(_APOSTROPHES)
        found.append(f"{head} {singular}" if head else singular)
    return found


def same_wording(written: str, wording: str) -> bool:
    """Whether ``written`` already is ``wording`` (case, apostrophe and spacing aside):
    a swap's preferred wording is never reported as the term it replaces."""

    def folded(text: str) -> str:
        return " ".join(_APOSTROPHE.sub("'", text).casefold().split())

    return bool(wording.strip()) and folded(written) == folded(wording)


def same_term(one: str, other: str) -> bool:
    """Whether two glossary entries name one term as :class:`TermFinder` finds it
    ("tier 2" and "Tier-2", "can't" and "can’t"): both allowed and banned, it is a
    contradiction, whichever way each is spelt."""
    return term_key(one) == term_key(other)


def term_key(term: str) -> str:
    """What every spelling of one glossary term has in common (:func:`same_term`)."""
    return " ".join(w for w in _SPLIT.split(_APOSTROPHE.sub("'", term).casefold()) if w)
