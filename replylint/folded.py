"""Case-insensitive regexes of phrases searched without case folding in ASCII text.

A regex that ignores case compares each letter through case folding, and its
alternatives then have no quick test of their first letter: the customer's problem
words and the glossary terms were searched so in every reply. :class:`Folded` keeps
such a regex with its case-sensitive twin, built from the lower-cased phrases, and
searches an ASCII text's lower case with the twin.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

#: What builds a case-insensitive regex from lexicons, given as positional arguments;
#: ``ignore_case=False`` gives the case-sensitive twin
#: (:func:`replylint.problem.phrase_regex`, :func:`replylint.team_terms.any_term_regex`).
RegexBuilder = Callable[..., re.Pattern[str]]


@dataclass(frozen=True)
class Folded:
    """A case-insensitive regex of ASCII phrases, with its twin: the same regex built
    from the lower-cased phrases, case-sensitive.

    Why: ignoring case, the engine has no quick test for a branch's first letter and
    compares each letter through case folding: the problem words cost some 40 µs a
    customer message, on every row, and a rule pack's terms some 30 µs a reply. In
    ASCII text, a character matches an ASCII letter of a phrase, case ignored, exactly
    when its lower case is that letter (what is a word character or a space does not
    change), so the twin finds the matches of the lower-cased text where the regex finds
    them in the text, about twice as fast; each is then matched again by the regex
    itself, at its start, so callers get the very match they got before (its text,
    groups and offsets in the text they gave). Non-ASCII text (or a phrase with a
    non-ASCII letter: the Kelvin sign is a "k", case ignored) is searched by the regex
    alone."""

    regex: re.Pattern[str]
    #: None when a phrase is not ASCII.
    twin: re.Pattern[str] | None

    @classmethod
    def of(cls, build: RegexBuilder, *lexicons: tuple[str, ...], **options: str) -> Folded:
        """``build(*lexicons, **options)`` and, when every phrase is ASCII, its twin."""
        regex = build(*lexicons, **options)
        if not all(phrase.isascii() for lexicon in lexicons for phrase in lexicon):
            return cls(regex, None)
        lowered = [tuple(phrase.lower() for phrase in lexicon) for lexicon in lexicons]
        return cls(regex, build(*lowered, ignore_case=False, **options))

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """What ``regex.finditer(text)`` yields."""
        if self.twin is None or not text.isascii():
            yield from self.regex.finditer(text)
            return
        match = self.regex.match
        for found in self.twin.finditer(text.lower()):
            again = match(text, found.start())  # (its lookbehind reads the text before)
            assert again is not None and again.end() == found.end()
            yield again
