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
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import combinations
from uuid import uuid4

from spacy.attrs import LIKE_NUM, LOWER, NORM, ORTH, SHAPE
from spacy.matcher import Matcher, PhraseMatcher
from spacy.strings import StringStore
from spacy.tokens import Doc, Span

from replylint.packs import PackError, PackSet, TokenPattern
from replylint.tokencolumns import token_columns
from replylint.verdicts import Verdicts

MakeDoc = Callable[[str], Doc]


def _cache_key(kind: str) -> str:
    """A key of ``doc.user_data`` for one matcher's results: unique for good, not an
    ``id()``, which a matcher built after another was freed may reuse while a doc still
    holds the first one's results."""
    return f"replylint.{kind}.{uuid4().hex}"


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


#: One doc's run of a :class:`PhraseIndex`: every (label, start, end), and the (start,
#: end) of each label's matches by label (a lexicon with no match has no entry).
_IndexRun = tuple[list[tuple[int, int, int]], dict[int, list[tuple[int, int]]]]


class PhraseIndex:
    """Lexicons matched together: one ``PhraseMatcher`` run per doc for all of them.

    A ``PhraseMatcher`` call costs microseconds even where nothing matches, and a
    reply is asked about a few dozen lexicons: the linter keeps every lexicon its rules
    and analysers match as phrases in one index
    (:meth:`replylint.analysis.SharedAnalyses.phrases`), and each reader takes a
    :class:`Phrases` of its lexicons from :meth:`phrases`. Built once per linter
    (lexicons are added while it is built, before any doc is matched); the run is
    cached in the doc's ``user_data`` (per reply, never shared between threads)."""

    def __init__(self, packs: PackSet, make_doc: MakeDoc, *lexicons: str) -> None:
        self.names: tuple[str, ...] = ()
        self._packs = packs
        self._make_doc = make_doc
        self._matcher = PhraseMatcher(make_doc("").vocab, attr="NORM")
        self._key = _cache_key("phrase_index")
        #: Each lexicon's phrases as the matcher compares them (their tokens' norms).
        self._norms: dict[str, frozenset[tuple[int, ...]]] = {}
        #: Whether a doc was matched: from then on the lexicons are fixed.
        self._matched = False
        self.add(*lexicons)

    def add(self, *lexicons: str) -> None:
        """Match these lexicons too (those not in the index yet). Only while the linter
        is being built: a doc already matched would have its matches without them."""
        new = [name for name in dict.fromkeys(lexicons) if name not in self._norms]
        if new and self._matched:
            raise RuntimeError(
                f"lexicon {new[0]!r} added to a phrase index that has matched docs; add "
                "lexicons when the rules are set up"
            )
        for name in new:
            docs = [self._make_doc(p) for p in self._packs.lexicon(name) if p.strip()]
            self._matcher.add(name, docs)
            self._norms[name] = frozenset(tuple(d.to_array(NORM).tolist()) for d in docs)
        self.names = (*self.names, *new)

    def phrases(self, *lexicons: str) -> Phrases:
        """The matches of these lexicons (all of them in the index), from the index's
        run. Two lexicons sharing a phrase get a matcher of their own instead: a match
        of that phrase carries either label, in an order the matcher's internals set
        (which its own matcher keeps as it always was)."""
        missing = [name for name in lexicons if name not in self._norms]
        if missing:
            raise ValueError(f"lexicon {missing[0]!r} is not in this phrase index")
        if any(self._norms[a] & self._norms[b] for a, b in combinations(lexicons, 2)):
            return Phrases(self._packs, self._make_doc, *lexicons, seen_by=self)
        return Phrases(self._packs, self._make_doc, *lexicons, index=self)

    def matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """Every (label, start, end) of every lexicon in the doc, computed once per doc."""
        return self._run(doc)[0]

    def by_label(self, doc: Doc) -> dict[int, list[tuple[int, int]]]:
        """The (start, end) of each lexicon's matches in the doc, in the matcher's order,
        by label: what a :class:`Phrases` of a few of the index's lexicons reads."""
        return self._run(doc)[1]

    def starts(self, doc: Doc, labels: tuple[int, ...]) -> list[int]:
        """Where the matches of these lexicons start in the doc, in order, among
        overlapping ones only the longest's (the starts of :meth:`Phrases.find` on the
        doc), from the one run and without building a span. The (start, end) of a match
        do not depend on which lexicon it is labelled with, nor on the other lexicons in
        the matcher, so they are the same as a matcher of these lexicons alone finds."""
        grouped = self._run(doc)[1]
        pairs = {pair for label in labels for pair in grouped.get(label, ())}
        if not pairs:
            return []
        starts: list[int] = []
        kept_end = -1
        for start, end in sorted(pairs, key=lambda pair: (pair[0], pair[0] - pair[1])):
            if starts and start < kept_end and end <= kept_end:
                continue  # inside the longer match kept before it (as _longest_first)
            starts.append(start)
            kept_end = end
        return starts

    def _run(self, doc: Doc) -> _IndexRun:
        cached: _IndexRun | None = doc.user_data.get(self._key)
        if cached is None:
            self._matched = True
            found: list[tuple[int, int, int]] = self._matcher(doc)
            grouped: dict[int, list[tuple[int, int]]] = {}
            for label, start, end in found:
                grouped.setdefault(label, []).append((start, end))
            cached = (found, grouped)
            doc.user_data[self._key] = cached
        return cached


class Phrases(SpanMatcher):
    """Finds any phrase of one or more lexicons (with its own matcher, or from a
    :class:`PhraseIndex` it is given)."""

    def __init__(
        self,
        packs: PackSet,
        make_doc: MakeDoc,
        *lexicons: str,
        index: PhraseIndex | None = None,
        seen_by: PhraseIndex | None = None,
    ) -> None:
        """``seen_by``: an index that matches these lexicons too, though not for this
        reader (two of them share a phrase: see :meth:`PhraseIndex.phrases`): its run
        (once per doc anyway) tells whether any of them matched in a doc, so the
        reader's own matcher runs only where one did, and where their matches start."""
        self.names = lexicons
        self._index = index if index is not None else PhraseIndex(packs, make_doc, *lexicons)
        self._seen_by = seen_by if seen_by is not None else self._index
        strings = make_doc("").vocab.strings
        self._labels = tuple(dict.fromkeys(strings.add(name) for name in lexicons))
        #: The one label of a single lexicon (most readers), else None.
        self._label = self._labels[0] if len(self._labels) == 1 else None
        self._index_key = self._seen_by._key
        self._key = _cache_key("phrases")

    @classmethod
    def from_words(cls, make_doc: MakeDoc, name: str, words: list[str]) -> Phrases:
        """Phrases from a list given directly (a team glossary) rather than a pack."""
        return cls(PackSet(packs=(), lexicons={name: tuple(words)}, patterns={}), make_doc, name)

    def starts(self, doc: Doc) -> list[int]:
        """The start token of each match in the doc, as ``find(doc)`` has them, without
        building the matches: a cheap test of where a reader's words are at all."""
        return self._seen_by.starts(doc, self._labels)

    # ``find`` and ``first`` answer first, with no call, what most of their calls ask:
    # a sentence (asked about dozens of lexicons) where this reader's one lexicon has
    # no match in the whole reply, as the index's run (once per doc) says
    def find(self, doclike: Doc | Span, *, excluding: SpanMatcher | None = None) -> list[Span]:
        if self._label is not None and type(doclike) is Span:
            run: _IndexRun | None = doclike.doc.user_data.get(self._index_key)
            if run is not None and self._label not in run[1]:
                return []
        return super().find(doclike, excluding=excluding)

    def first(self, doclike: Doc | Span, *, excluding: SpanMatcher | None = None) -> Span | None:
        if self._label is not None and type(doclike) is Span:
            run: _IndexRun | None = doclike.doc.user_data.get(self._index_key)
            if run is not None and self._label not in run[1]:
                return None
        return super().first(doclike, excluding=excluding)

    def _matches(self, doclike: Doc | Span) -> list[Span]:
        if isinstance(doclike, Doc):
            return self._doc_matches(doclike)[0]
        # Asked of every sentence for dozens of lexicons, and most have no match
        # anywhere in the reply: the index's run (once per doc) says which lexicons
        # matched, so those that did not answer at once, with no result of their own
        # to build or look up.
        user_data = doclike.doc.user_data
        run: _IndexRun | None = user_data.get(self._index_key)
        if run is None:
            run = self._seen_by._run(doclike.doc)
        grouped = run[1]
        label = self._label
        if label is not None:
            if label not in grouped:
                return []
        else:
            for label in self._labels:
                if label in grouped:
                    break
            else:
                return []
        cached: tuple[list[Span], list[int]] | None = user_data.get(self._key)
        found, starts = cached if cached is not None else self._doc_matches(doclike.doc)
        if not found:
            return []
        end = doclike.end
        first = bisect_left(starts, doclike.start)
        last = bisect_left(starts, end, first)
        return [match for match in found[first:last] if match.end <= end]

    def _doc_matches(self, doc: Doc) -> tuple[list[Span], list[int]]:
        """All matches in the doc and their start tokens, computed once per doc."""
        cached: tuple[list[Span], list[int]] | None = doc.user_data.get(self._key)
        if cached is None:
            if len(self._labels) == 1:
                # one lexicon (most readers): its matches, without walking the others'
                label = self._labels[0]
                pairs = self._index.by_label(doc).get(label)
                if not pairs:  # (most lexicons in most replies)
                    cached = ([], [])
                    doc.user_data[self._key] = cached
                    return cached
                spans = [Span(doc, start, end, label=label) for start, end in pairs]
            else:
                # in the matcher's order: it decides which label a phrase of two
                # lexicons keeps (see PhraseIndex.phrases)
                labels = frozenset(self._labels)
                spans = [
                    Span(doc, start, end, label=label)
                    for label, start, end in self._index.matches(doc)
                    if label in labels
                ]
            found = _longest_first(spans)
            cached = (found, [m.start for m in found])
            doc.user_data[self._key] = cached
        return cached


def indexed_phrases(
    packs: PackSet, make_doc: MakeDoc, index: PhraseIndex | None, *lexicons: str
) -> Phrases:
    """The phrases of these lexicons, found in ``index``'s run (they are added to it), or
    with a matcher of their own when there is no index to share."""
    if index is None:
        return Phrases(packs, make_doc, *lexicons)
    index.add(*lexicons)
    return index.phrases(*lexicons)


class Patterns(SpanMatcher):
    """Finds spaCy token patterns from one or more named pattern lists.

    spaCy's ``Matcher`` costs time per token even when nothing can match, so a cheap
    test runs first (:class:`_Gate`): when every pattern requires tokens with a literal
    value (a word list, or a number), a sentence lacking such a token for every pattern
    is skipped.
    """

    def __init__(self, packs: PackSet, make_doc: MakeDoc, *names: str) -> None:
        self.names = names
        vocab = make_doc("").vocab
        self._vocab = vocab
        self._matcher = Matcher(vocab, validate=True)
        patterns: list[TokenPattern] = []
        named: list[tuple[str, TokenPattern]] = []
        for name in names:
            try:
                found = [list(p) for p in packs.pattern_list(name)]
                self._matcher.add(name, found)
            except (ValueError, KeyError) as exc:
                message = " ".join(str(exc).split())[:300]
                raise PackError(f"token patterns {name!r} are invalid: {message}") from None
            patterns.extend(found)
            named.extend((name, p) for p in found)
        self._gate = _Gate.of(patterns, vocab.strings)
        self._gate_key = _cache_key("gate")
        #: Every pattern with its list's name, in the order the full Matcher has them.
        self._named = tuple(named)
        #: Matchers of the patterns some needs allow, by those needs (see _matcher_of).
        self._partial: dict[tuple[int, ...], Matcher] = {}

    def _matches(self, doclike: Doc | Span) -> list[Span]:
        """Run on just the tokens of ``doclike`` (a sentence, usually), since the
        Matcher's cost grows with the tokens it walks, and with only the patterns whose
        needs the span meets, since it grows with the patterns it tries at every token
        too (the time shapes are 33 patterns; a sentence that reaches them meets the
        needs of a few)."""
        if self._gate is None:
            return _longest_first(self._matcher(doclike, as_spans=True))
        allowed = self._gate_allows(doclike)
        if not allowed:
            return []
        return _longest_first(self._matcher_of(allowed)(doclike, as_spans=True))

    def _matcher_of(self, allowed: tuple[int, ...]) -> Matcher:
        """The Matcher of the patterns whose needs (indices into the gate's) are
        ``allowed``, in the full Matcher's order and under the same names: a pattern
        left out has a need the span lacks, so it matches nothing there, and the others
        match as they do beside it (each pattern is tried on its own, and the Matcher
        gives their matches in the order of its patterns), so the result is the full
        Matcher's. Built once per set of needs, kept (bounded: a reply meets one or two
        sets, and a long run a few dozen)."""
        assert self._gate is not None
        if len(allowed) == len(self._gate.patterns):
            return self._matcher
        found = self._partial.get(allowed)
        if found is None:
            if len(self._partial) >= _MAX_PARTIAL_MATCHERS:
                self._partial.clear()
            found = Matcher(self._vocab, validate=True)
            wanted = frozenset(allowed)
            needs = self._gate.pattern_needs
            for name in self.names:
                kept = [
                    pattern
                    for (own, pattern), need in zip(self._named, needs, strict=True)
                    if own == name and need in wanted
                ]
                if kept:
                    found.add(name, kept)
            self._partial[allowed] = found
        return found

    def may_match(self, doclike: Doc | Span) -> bool:
        """Whether any pattern can match in ``doclike``, by the word gate alone: a cheap
        test before costlier work that only matters where a pattern matches."""
        return self._gate is None or self._gate_passes(doclike)

    def _gate_passes(self, doclike: Doc | Span) -> bool:
        """The gate, first on the whole doc (once per reply), then on the span."""
        assert self._gate is not None
        doc = doclike if isinstance(doclike, Doc) else doclike.doc
        whole: bool | None = doc.user_data.get(self._gate_key)
        if whole is None:
            values = _token_values(doc)
            whole = self._gate.passes(values, values.sets)
            doc.user_data[self._gate_key] = whole
        if not whole or isinstance(doclike, Doc):
            return whole  # (most asks: the doc has none of the gate's words, known at once)
        values = _token_values(doc)
        return self._gate.passes(values, values.span_sets(doclike.start, doclike.end))

    def _gate_allows(self, doclike: Doc | Span) -> tuple[int, ...]:
        """The needs (indices into the gate's) that ``doclike`` meets, none when it
        fails the gate: the whole doc's test first (once per reply), as in
        :meth:`_gate_passes`, then the span's."""
        assert self._gate is not None
        doc = doclike if isinstance(doclike, Doc) else doclike.doc
        if not self._gate_passes(doc):
            return ()
        values = _token_values(doc)
        if isinstance(doclike, Doc):
            return self._gate.allowed(values, values.sets)
        return self._gate.allowed(values, values.span_sets(doclike.start, doclike.end))


#: The token attributes a gate reads, in the column order of :class:`_TokenValues`.
_GATE_ATTRS: tuple[int, ...] = (ORTH, LOWER, NORM, SHAPE, LIKE_NUM)
#: Pattern keys whose literal values (or regular expression) a gate can test, and their
#: column.
_GATE_COLUMNS: dict[str, int] = {"ORTH": 0, "TEXT": 0, "LOWER": 1, "NORM": 2, "SHAPE": 3}
_LIKE_NUM_COLUMN = 4
_TOKEN_VALUES_KEY = "replylint.gate.tokens"
#: A quantifier such as ``{2}``, ``{1,3}``, ``{,2}``: the token is required when its
#: lower bound is at least one.
_QUANTIFIER = re.compile(r"\{(\d*)(?:,\d*)?\}")

#: One requirement of a pattern: a column of :class:`_TokenValues` and the values one
#: of which some token must carry there.
_Requirement = tuple[int, frozenset[int]]
#: A requirement on a ``REGEX``: a column and the expression some token's string there
#: must contain (``re.search``, as the Matcher tests it).
_RegexRequirement = tuple[int, "re.Pattern[str]"]


@dataclass(frozen=True, slots=True)
class _Need:
    """What one pattern requires of a text: tokens with literal values (tested first,
    on sets), and tokens whose string a regular expression finds (tested only when the
    literal ones are there)."""

    literals: tuple[_Requirement, ...]
    regexes: tuple[_RegexRequirement, ...]


@dataclass(frozen=True, slots=True)
class _TokenValues:
    """A doc's token attributes (string hashes) column by column, with each column's
    set: what every gate of every matcher tests, read once per doc. The sets of a
    span's columns are kept too, as the gates of several matchers test one sentence,
    and, per regular expression a gate asks about, the doc's values it finds (a per-doc
    cache, like the doc's ``user_data`` it lives in)."""

    columns: tuple[list[int], ...]
    sets: tuple[frozenset[int], ...]
    spans: dict[tuple[int, int], tuple[frozenset[int], ...]]
    strings: StringStore
    found: dict[tuple[int, str], frozenset[int]]

    def span_sets(self, start: int, end: int) -> tuple[frozenset[int], ...]:
        found = self.spans.get((start, end))
        if found is None:
            found = tuple(frozenset(column[start:end]) for column in self.columns)
            self.spans[(start, end)] = found
        return found

    def found_by(self, column: int, regex: re.Pattern[str]) -> frozenset[int]:
        """The values of the doc's ``column`` whose string ``regex`` finds: each
        distinct value tested once per doc, then a set test per sentence. A value met
        in an earlier reply is not searched again (:func:`_verdicts`)."""
        key = (column, regex.pattern)
        found = self.found.get(key)
        if found is None:
            strings = self.strings
            search = regex.search
            found = _verdicts(regex).holding(
                self.sets[column], lambda value: search(strings[value]) is not None
            )
            self.found[key] = found
        return found


#: Per regular expression of a gate, the string hashes it finds something in and those
#: it does not, for the strings met so far.
_VERDICTS: dict[re.Pattern[str], Verdicts[int]] = {}
#: How many strings' verdicts one expression keeps before they are dropped: enough for
#: the words that recur, under a MiB per expression (a long run's memory stays flat).
_MAX_VERDICTS = 10_000
#: How many expressions' verdicts are kept at once (the shipped packs have eight).
_MAX_EXPRESSIONS = 256
#: How many Matchers of some of its patterns a :class:`Patterns` keeps (a few KiB each).
_MAX_PARTIAL_MATCHERS = 64


def _verdicts(regex: re.Pattern[str]) -> Verdicts[int]:
    """The verdicts kept for ``regex``. A gate's expression was searched in every
    distinct word of every reply (about 1.5% of a check), though most words recur from
    one reply to the next. What it finds in a string depends on the two alone, and a
    hash stands for one string (spaCy's string hashes, in any vocabulary), so they are
    kept across replies, linters and threads (bounded)."""
    verdicts = _VERDICTS.get(regex)
    if verdicts is None:
        if len(_VERDICTS) >= _MAX_EXPRESSIONS:  # (packs with hundreds of expressions)
            _VERDICTS.clear()
        verdicts = _VERDICTS.setdefault(regex, Verdicts(_MAX_VERDICTS))
    return verdicts


def _token_values(doc: Doc) -> _TokenValues:
    cached: _TokenValues | None = doc.user_data.get(_TOKEN_VALUES_KEY)
    if cached is None:
        table = token_columns(doc)  # (the columns other readers read too, read once)
        columns = tuple(table.hashes(attr) for attr in _GATE_ATTRS)
        sets = tuple(frozenset(c) for c in columns)
        cached = _TokenValues(columns, sets, {}, doc.vocab.strings, {})
        doc.user_data[_TOKEN_VALUES_KEY] = cached
    return cached


@dataclass(frozen=True, slots=True)
class _Gate:
    """A test that passes whenever one of the patterns could match, and is cheap.

    Every token a pattern requires (one that must occur at least once) with a literal
    value (a word list on ``ORTH``/``TEXT``, ``LOWER`` or ``NORM``, a shape on
    ``SHAPE``, or ``LIKE_NUM``) is a requirement, and so is a ``REGEX`` on one of those
    strings; the gate passes when, for some pattern, the text has a token meeting each
    of its requirements. Requiring all of them, not one, matters: one word of a pattern
    ("your", "as", "in") is often in half the sentences of a reply, all of them seldom.
    The gate compares the tokens' own attributes, the very values the Matcher compares
    (and searches a regular expression in the very strings the Matcher searches), so it
    can never reject a text the patterns match: the raw text is no guide to a ``NORM``
    ("dont" is the tokens "do" and "nt", whose norm is "not"; "colour" has the norm
    "color") nor to where the tokenizer splits ("n't" inside "don't", "pm" inside "3pm").
    A token's other constraints (``NOT_IN``, ``IS_ALPHA``...) are left to the Matcher:
    the gate may pass a text no pattern matches, never the reverse.
    """

    #: Per pattern, its requirements (patterns with the same requirements share one).
    patterns: tuple[_Need, ...]
    #: Per column, the values of the patterns' first literal requirements: a text
    #: without any of them meets no pattern (one quick test before the patterns one by
    #: one); None when some pattern requires only regular expressions.
    firsts: tuple[tuple[int, frozenset[int]], ...] | None
    #: For each pattern given, in order, the index of its requirements in ``patterns``.
    pattern_needs: tuple[int, ...]

    @classmethod
    def of(cls, patterns: list[TokenPattern], strings: StringStore) -> _Gate | None:
        """The gate of these patterns, or None when some pattern requires no literal
        token nor expression (then no cheap test is possible)."""
        needs: list[_Need] = []
        pattern_needs: list[int] = []
        for pattern in patterns:
            literals: list[_Requirement] = []
            regexes: list[_RegexRequirement] = []
            for column, wanted in _requirements(pattern, strings):
                if isinstance(wanted, frozenset):
                    literals.append((column, wanted))
                else:
                    regexes.append((column, wanted))
            if not literals and not regexes:
                return None
            need = _Need(tuple(literals), tuple(regexes))
            if need not in needs:
                needs.append(need)
            pattern_needs.append(needs.index(need))
        if not all(need.literals for need in needs):
            return cls(tuple(needs), None, tuple(pattern_needs))
        firsts: dict[int, set[int]] = {}
        for need in needs:
            column, values = need.literals[0]
            firsts.setdefault(column, set()).update(values)
        return cls(
            tuple(needs),
            tuple((c, frozenset(v)) for c, v in sorted(firsts.items())),
            tuple(pattern_needs),
        )

    def passes(self, values: _TokenValues, sets: tuple[frozenset[int], ...]) -> bool:
        """Whether the tokens whose column values are ``sets`` (those of ``values``'
        doc, or of a span of it) meet every requirement of some pattern. (Loops, not
        generators: this runs for every sentence and matcher.)"""
        if not self._opens(sets):
            return False
        for need in self.patterns:
            if _meets(need, values, sets):
                break
        else:
            return False
        return True

    def allowed(self, values: _TokenValues, sets: tuple[frozenset[int], ...]) -> tuple[int, ...]:
        """The indices of the requirements (``patterns``) that the tokens whose column
        values are ``sets`` meet, in order: :meth:`passes` for each, none when it fails."""
        if not self._opens(sets):
            return ()
        met: list[int] = []
        for index, need in enumerate(self.patterns):
            if _meets(need, values, sets):
                met.append(index)
        return tuple(met)

    def _opens(self, sets: tuple[frozenset[int], ...]) -> bool:
        """Some pattern's first literal word is among the tokens (a quick no for most
        sentences), or the gate has no such words to test."""
        if self.firsts is None:
            return True
        for column, words in self.firsts:
            if not words.isdisjoint(sets[column]):
                break
        else:
            return False
        return True


def _meets(need: _Need, values: _TokenValues, sets: tuple[frozenset[int], ...]) -> bool:
    """The tokens whose column values are ``sets`` hold every literal and regex value
    ``need`` asks for."""
    for column, words in need.literals:
        if words.isdisjoint(sets[column]):
            return False
    for column, regex in need.regexes:
        if values.found_by(column, regex).isdisjoint(sets[column]):
            return False
    return True


def _requirements(
    pattern: TokenPattern, strings: StringStore
) -> Iterator[_Requirement | _RegexRequirement]:
    """What ``pattern`` requires of a text: per token it cannot skip, each literal
    value (a number, a word list, a shape) and each regular expression it is matched on
    (all of them, since one token must meet them all)."""
    for raw in pattern:
        token = {str(key).upper(): value for key, value in raw.items()}
        if not _required(token.get("OP")):
            continue
        if token.get("LIKE_NUM") is True:
            yield _LIKE_NUM_COLUMN, frozenset({1})
        for attr, column in _GATE_COLUMNS.items():
            value = token.get(attr)
            if isinstance(value, str):
                yield column, frozenset({strings[value]})
            elif isinstance(value, dict):
                words = value.get("IN")
                if isinstance(words, list) and words and all(isinstance(w, str) for w in words):
                    yield column, frozenset(strings[str(w)] for w in words)
                expression = value.get("REGEX")
                if isinstance(expression, str):
                    yield column, re.compile(expression)


def _required(op: object) -> bool:
    """Whether a token with this ``OP`` must occur at least once in a match."""
    if op is None or op in ("1", "+"):
        return True
    quantifier = _QUANTIFIER.fullmatch(op) if isinstance(op, str) else None
    return quantifier is not None and int(quantifier.group(1) or 0) >= 1


def _longest_first(spans: list[Span]) -> list[Span]:
    """Drop matches contained in a longer one; keep document order."""
    spans = sorted(spans, key=lambda s: (s.start, -len(s)))
    kept: list[Span] = []
    for span in spans:
        if kept and span.start < kept[-1].end and span.end <= kept[-1].end:
            continue
        kept.append(span)
    return kept
