"""Phrase and token-pattern matchers built once from pack vocabularies.

Built-in checks look for words from lexicons and spaCy token patterns in the packs. These
wrappers compile them once per linter (``PhraseMatcher`` / ``Matcher``) and match on the
``NORM`` attribute, so "I'm"/"I’m"/"I am" and "apologise"/"apologize" are one entry.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from replylint.packs import PackError, PackSet

MakeDoc = Callable[[str], Doc]


class Phrases:
    """Finds any phrase of one or more lexicons."""

    def __init__(self, packs: PackSet, make_doc: MakeDoc, *lexicons: str) -> None:
        self.names = lexicons
        self._matcher = PhraseMatcher(make_doc("").vocab, attr="NORM")
        for name in lexicons:
            self._matcher.add(name, [make_doc(p) for p in packs.lexicon(name) if p.strip()])

    @classmethod
    def from_words(cls, make_doc: MakeDoc, name: str, words: list[str]) -> Phrases:
        """Phrases from a list given directly (a team glossary) rather than a pack."""
        return cls(PackSet(packs=(), lexicons={name: tuple(words)}, patterns={}), make_doc, name)

    def find(self, doclike: Doc | Span) -> list[Span]:
        """Matches in order, longest first among overlapping ones."""
        spans = self._matcher(doclike, as_spans=True)
        return _longest_first(spans)

    def first(self, doclike: Doc | Span) -> Span | None:
        found = self.find(doclike)
        return found[0] if found else None


class Patterns:
    """Finds spaCy token patterns from one or more named pattern lists."""

    def __init__(self, packs: PackSet, make_doc: MakeDoc, *names: str) -> None:
        self.names = names
        self._matcher = Matcher(make_doc("").vocab, validate=True)
        for name in names:
            try:
                self._matcher.add(name, [list(p) for p in packs.pattern_list(name)])
            except (ValueError, KeyError) as exc:
                message = " ".join(str(exc).split())[:300]
                raise PackError(f"token patterns {name!r} are invalid: {message}") from None

    def find(self, doclike: Doc | Span) -> list[Span]:
        return _longest_first(self._matcher(doclike, as_spans=True))

    def first(self, doclike: Doc | Span) -> Span | None:
        found = self.find(doclike)
        return found[0] if found else None


def _longest_first(spans: list[Span]) -> list[Span]:
    """Drop matches contained in a longer one; keep document order."""
    spans = sorted(spans, key=lambda s: (s.start, -len(s)))
    kept: list[Span] = []
    for span in spans:
        if kept and span.start < kept[-1].end and span.end <= kept[-1].end:
            continue
        kept.append(span)
    return kept
