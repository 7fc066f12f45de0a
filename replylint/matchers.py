"""Phrase and token-pattern matchers built once from pack vocabularies.

Built-in checks look for words from lexicons and spaCy token patterns in the packs. These
wrappers compile them once per linter (``PhraseMatcher`` / ``Matcher``) and match on the
``NORM`` attribute, so "I'm"/"I’m"/"I am" and "apologise"/"apologize" are one entry.

Rules ask sentence by sentence. A ``PhraseMatcher`` call has a fixed cost and is cheap
per token, so each phrase matcher runs once over the whole doc and sentence queries are
answered from that (cached in the doc's ``user_data``: per reply, never shared between
threads). A token-pattern ``Matcher`` is costly per token, so it runs per sentence,
behind a cheap text test.

Both answer ``find(span, excluding=other)``: the matches that overlap no match of another
matcher in the same span ("sorry" but not inside "no need to be sorry"). Every check that
sets words aside this way uses that one rule, :func:`overlaps`.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from bisect import bisect_left
from collections.abc import Callable

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from replylint.doctext import text_of
from replylint.grammar import FREQUENT_FUNCTION_WORDS, NUMBER_WORDS
from replylint.packs import PackError, PackSet, TokenPattern

MakeDoc = Callable[[str], Doc]


def overlaps(a: Span, b: Span) -> bool:
    """The one overlap rule: the two spans share at least one token."""
    return a.start < b.end and b.start < a.end


class SpanMatcher(ABC):
    """What :class:`Phrases` and :class:`Patterns` share: matches in order, longest
    first among overlapping ones, optionally without those an exclusion overlaps."""

    def find(self, doclike: Doc | Span, *, excluding: SpanMatcher | None = None) -> list[Span]:
        """The matches in ``doclike``; with ``excluding``, only those that overlap no
        match of ``excluding`` in ``doclike`` (looked for only when there is a match)."""
        found = self._matches(doclike)
        if excluding is None or not found:
            return found
        excluded = excluding._matches(doclike)
        if not excluded:
            return found
        return [match for match in found if not any(overlaps(match, x) for x in excluded)]

    def first(self, doclike: Doc | Span, *, excluding: SpanMatcher | None = None) -> Span | None:
        found = (
            self._matches(doclike) if excluding is None else self.find(doclike, excluding=excluding)
        )
        return found[0] if found else None

    @abstractmethod
    def _matches(self, doclike: Doc | Span) -> list[Span]:
        """Every match inside ``doclike``, in order, longest first among overlapping."""


class Phrases(SpanMatcher):
    """Finds any phrase of one or more lexicons."""

    def __init__(self, packs: PackSet, make_doc: MakeDoc, *lexicons: str) -> None:
        self.names = lexicons
        self._matcher = PhraseMatcher(make_doc("").vocab, attr="NORM")
        self._key = f"replylint.phrases.{id(self)}"
        for name in lexicons:
            self._matcher.add(name, [make_doc(p) for p in packs.lexicon(name) if p.strip()])

    @classmethod
    def from_words(cls, make_doc: MakeDoc, name: str, words: list[str]) -> Phrases:
        """Phrases from a list given directly (a team glossary) rather than a pack."""
        return cls(PackSet(packs=(), lexicons={name: tuple(words)}, patterns={}), make_doc, name)

    def _matches(self, doclike: Doc | Span) -> list[Span]:
        if isinstance(doclike, Doc):
            return self._doc_matches(doclike)[0]
        found, starts = self._doc_matches(doclike.doc)
        if not found:
            return []
        end = doclike.end
        result = []
        for index in range(bisect_left(starts, doclike.start), len(found)):
            match = found[index]
            if match.start >= end:
                break
            if match.end <= end:
                result.append(match)
        return result

    def _doc_matches(self, doc: Doc) -> tuple[list[Span], list[int]]:
        """All matches in the doc and their start tokens, computed once per doc."""
        cached: tuple[list[Span], list[int]] | None = doc.user_data.get(self._key)
        if cached is None:
            found = _longest_first(self._matcher(doc, as_spans=True))
            cached = (found, [m.start for m in found])
            doc.user_data[self._key] = cached
        return cached


class Patterns(SpanMatcher):
    """Finds spaCy token patterns from one or more named pattern lists.

    spaCy's ``Matcher`` costs time per token even when nothing can match, so a cheap
    text test runs first: when every pattern opens with a literal word list (or a
    number), a doc that contains none of those words is skipped.
    """

    def __init__(self, packs: PackSet, make_doc: MakeDoc, *names: str) -> None:
        self.names = names
        self._matcher = Matcher(make_doc("").vocab, validate=True)
        patterns: list[TokenPattern] = []
        for name in names:
            try:
                found = [list(p) for p in packs.pattern_list(name)]
                self._matcher.add(name, found)
            except (ValueError, KeyError) as exc:
                message = " ".join(str(exc).split())[:300]
                raise PackError(f"token patterns {name!r} are invalid: {message}") from None
            patterns.extend(found)
        self._gate = _opening_word_gate(patterns)
        self._gate_key = f"replylint.gate.{id(self)}"

    def _matches(self, doclike: Doc | Span) -> list[Span]:
        """Run on just the tokens of ``doclike`` (a sentence, usually), since the
        Matcher's cost grows with the tokens it walks."""
        if self._gate is not None and not self._gate_passes(doclike):
            return []
        return _longest_first(self._matcher(doclike, as_spans=True))

    def _gate_passes(self, doclike: Doc | Span) -> bool:
        """The text test, first on the whole doc (once per reply), then on the span."""
        assert self._gate is not None
        doc = doclike if isinstance(doclike, Doc) else doclike.doc
        whole = doc.user_data.get(self._gate_key)
        if whole is None:
            whole = bool(self._gate.search(text_of(doc)))
            doc.user_data[self._gate_key] = whole
        if not whole or isinstance(doclike, Doc):
            return bool(whole)
        return bool(self._gate.search(text_of(doclike)))


def _opening_word_gate(patterns: list[TokenPattern]) -> re.Pattern[str] | None:
    """A regex that must match the text for any pattern to match, or None when some
    pattern has no required literal token (then no cheap test is possible).

    For each pattern one required token is chosen, preferring a number (LIKE_NUM) or a
    word list without very frequent words, so the gate actually filters.
    """
    words: set[str] = set()
    numbers = False
    for pattern in patterns:
        choice = _gate_token(pattern)
        if choice is None:
            return None
        if choice == "LIKE_NUM":
            numbers = True
        else:
            words.update(choice)
    alternatives = sorted((re.escape(w) for w in words), key=len, reverse=True)
    if numbers:
        alternatives.extend(NUMBER_WORDS)
    pattern_text = rf"(?<!\w)(?:{'|'.join(alternatives)})(?!\w)" if alternatives else ""
    if numbers:
        pattern_text = r"\d" + ("|" + pattern_text if pattern_text else "")
    return re.compile(pattern_text, re.IGNORECASE) if pattern_text else None


def _gate_token(pattern: TokenPattern) -> str | list[str] | None:
    fallback: list[str] | None = None
    for token in pattern:
        if token.get("OP") in {"?", "*", "!"}:
            continue
        if token.get("LIKE_NUM"):
            return "LIKE_NUM"
        literal = _literal_words(token)
        if literal is None:
            continue
        if not FREQUENT_FUNCTION_WORDS.intersection(literal):
            return literal
        fallback = fallback or literal
    return fallback


def _literal_words(token: dict[str, object]) -> list[str] | None:
    for attr in ("LOWER", "NORM", "ORTH", "TEXT"):
        value = token.get(attr)
        if isinstance(value, str):
            return [value.lower()]
        if isinstance(value, dict) and isinstance(value.get("IN"), list):
            return [str(v).lower() for v in value["IN"]]
    return None


def _longest_first(spans: list[Span]) -> list[Span]:
    """Drop matches contained in a longer one; keep document order."""
    spans = sorted(spans, key=lambda s: (s.start, -len(s)))
    kept: list[Span] = []
    for span in spans:
        if kept and span.start < kept[-1].end and span.end <= kept[-1].end:
            continue
        kept.append(span)
    return kept
