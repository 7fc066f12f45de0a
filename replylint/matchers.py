"""Phrase and token-pattern matchers built once from pack vocabularies.

Built-in checks look for words from lexicons and spaCy token patterns in the packs. These
wrappers compile them once per linter (``PhraseMatcher`` / ``Matcher``) and match on the
``NORM`` attribute, so "I'm"/"I’m"/"I am" and "apologise"/"apologize" are one entry.

Rules ask sentence by sentence. A ``PhraseMatcher`` call has a fixed cost and is cheap
per token, so each phrase matcher runs once over the whole doc and sentence queries are
answered from that (cached in the doc's ``user_data``: per reply, never shared between
threads). A token-pattern ``Matcher`` is costly per token, so it runs per sentence,
behind a cheap test of the tokens' attributes.

Both answer ``find(span, excluding=other)``: the matches that overlap no match of another
matcher in the same span ("sorry" but not inside "no need to be sorry"). Every check that
sets words aside this way uses that one rule, :func:`overlaps`.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from spacy.attrs import LIKE_NUM, LOWER, NORM, ORTH
from spacy.matcher import Matcher, PhraseMatcher
from spacy.strings import StringStore
from spacy.tokens import Doc, Span

from replylint.grammar import FREQUENT_FUNCTION_WORDS
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
    test runs first (:class:`_Gate`): when every pattern requires a token with a literal
    value (a word list, or a number), a sentence without such a token is skipped.
    """

    def __init__(self, packs: PackSet, make_doc: MakeDoc, *names: str) -> None:
        self.names = names
        vocab = make_doc("").vocab
        self._matcher = Matcher(vocab, validate=True)
        patterns: list[TokenPattern] = []
        for name in names:
            try:
                found = [list(p) for p in packs.pattern_list(name)]
                self._matcher.add(name, found)
            except (ValueError, KeyError) as exc:
                message = " ".join(str(exc).split())[:300]
                raise PackError(f"token patterns {name!r} are invalid: {message}") from None
            patterns.extend(found)
        self._gate = _Gate.of(patterns, vocab.strings)
        self._gate_key = f"replylint.gate.{id(self)}"

    def _matches(self, doclike: Doc | Span) -> list[Span]:
        """Run on just the tokens of ``doclike`` (a sentence, usually), since the
        Matcher's cost grows with the tokens it walks."""
        if self._gate is not None and not self._gate_passes(doclike):
            return []
        return _longest_first(self._matcher(doclike, as_spans=True))

    def _gate_passes(self, doclike: Doc | Span) -> bool:
        """The gate, first on the whole doc (once per reply), then on the span."""
        assert self._gate is not None
        doc = doclike if isinstance(doclike, Doc) else doclike.doc
        values = _token_values(doc)
        whole: bool | None = doc.user_data.get(self._gate_key)
        if whole is None:
            whole = self._gate.passes_doc(values)
            doc.user_data[self._gate_key] = whole
        if not whole or isinstance(doclike, Doc):
            return whole
        return self._gate.passes_span(values, doclike.start, doclike.end)


#: The token attributes a gate reads, in the column order of :class:`_TokenValues`.
_GATE_ATTRS: tuple[int, ...] = (ORTH, LOWER, NORM, LIKE_NUM)
#: Pattern keys whose literal values a gate can test, and their column.
_GATE_COLUMNS: dict[str, int] = {"ORTH": 0, "TEXT": 0, "LOWER": 1, "NORM": 2}
_LIKE_NUM_COLUMN = 3
_TOKEN_VALUES_KEY = "replylint.gate.tokens"
#: A quantifier such as ``{2}``, ``{1,3}``, ``{,2}``: the token is required when its
#: lower bound is at least one.
_QUANTIFIER = re.compile(r"\{(\d*)(?:,\d*)?\}")


@dataclass(frozen=True, slots=True)
class _TokenValues:
    """A doc's token attributes (string hashes) column by column, with each column's
    set: what every gate of every matcher tests, read once per doc."""

    columns: tuple[list[int], ...]
    sets: tuple[frozenset[int], ...]


def _token_values(doc: Doc) -> _TokenValues:
    cached: _TokenValues | None = doc.user_data.get(_TOKEN_VALUES_KEY)
    if cached is None:
        columns: tuple[list[int], ...] = tuple(doc.to_array(list(_GATE_ATTRS)).T.tolist())
        cached = _TokenValues(columns, tuple(frozenset(c) for c in columns))
        doc.user_data[_TOKEN_VALUES_KEY] = cached
    return cached


@dataclass(frozen=True, slots=True)
class _Gate:
    """A test that passes whenever one of the patterns could match, and is cheap.

    For each pattern one required token with a literal value is chosen (a word list on
    ``ORTH``/``TEXT``, ``LOWER`` or ``NORM``, or ``LIKE_NUM``); the gate passes when a
    token of the text carries one of those values. It compares the tokens' own
    attributes, the very values the Matcher compares, so it can never reject a text
    the patterns match: the raw text is no guide to a ``NORM`` ("dont" is the tokens
    "do" and "nt", whose norm is "not"; "colour" has the norm "color") nor to where
    the tokenizer splits ("n't" inside "don't", "pm" inside "3pm").
    """

    #: Per column of :class:`_TokenValues`, the values one of which a token must carry.
    required: tuple[frozenset[int], ...]
    numbers: bool

    @classmethod
    def of(cls, patterns: list[TokenPattern], strings: StringStore) -> _Gate | None:
        """The gate of these patterns, or None when some pattern requires no literal
        token (then no cheap test is possible)."""
        required: list[set[int]] = [set() for _ in _GATE_COLUMNS.values()]
        numbers = False
        for pattern in patterns:
            choice = _gate_token(pattern)
            if choice is None:
                return None
            if choice == "LIKE_NUM":
                numbers = True
                continue
            column, words = choice
            required[column].update(strings[w] for w in words)
        return cls(tuple(frozenset(r) for r in required), numbers)

    def passes_doc(self, values: _TokenValues) -> bool:
        if self.numbers and 1 in values.sets[_LIKE_NUM_COLUMN]:
            return True
        return any(
            not need.isdisjoint(have)
            for need, have in zip(self.required, values.sets, strict=False)
        )

    def passes_span(self, values: _TokenValues, start: int, end: int) -> bool:
        if self.numbers and 1 in values.columns[_LIKE_NUM_COLUMN][start:end]:
            return True
        return any(
            need and not need.isdisjoint(column[start:end])
            for need, column in zip(self.required, values.columns, strict=False)
        )


def _gate_token(pattern: TokenPattern) -> Literal["LIKE_NUM"] | tuple[int, list[str]] | None:
    """The required token of ``pattern`` the gate tests: a number, or a word list
    without very frequent words (so the gate filters), else the first word list."""
    fallback: tuple[int, list[str]] | None = None
    for raw in pattern:
        token = {str(key).upper(): value for key, value in raw.items()}
        if not _required(token.get("OP")):
            continue
        if token.get("LIKE_NUM") is True:
            return "LIKE_NUM"
        literal = _literal_words(token)
        if literal is None:
            continue
        if not any(_frequent(word) for word in literal[1]):
            return literal
        fallback = fallback or literal
    return fallback


def _frequent(word: str) -> bool:
    """A word so frequent that requiring it filters little: a function word, or a clitic
    ("'s", "n't", "'ll"), which follows half the pronouns and auxiliaries."""
    return word.lower() in FREQUENT_FUNCTION_WORDS or "'" in word or "\u2019" in word


def _required(op: object) -> bool:
    """Whether a token with this ``OP`` must occur at least once in a match."""
    if op is None or op in ("1", "+"):
        return True
    quantifier = _QUANTIFIER.fullmatch(op) if isinstance(op, str) else None
    return quantifier is not None and int(quantifier.group(1) or 0) >= 1


def _literal_words(token: dict[str, object]) -> tuple[int, list[str]] | None:
    """The column and the values of a token matched on a literal string or list."""
    for attr, column in _GATE_COLUMNS.items():
        value = token.get(attr)
        if isinstance(value, str):
            return column, [value]
        if isinstance(value, dict) and isinstance(value.get("IN"), list):
            words = value["IN"]
            if words and all(isinstance(w, str) for w in words):
                return column, [str(w) for w in words]
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
