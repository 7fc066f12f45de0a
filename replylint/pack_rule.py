"""Rules written as data: the ``existence`` and ``substitution`` kinds of a pack.

Each rule a pack declares (a :class:`~replylint.packs.PackRuleSpec`) becomes an instance
of :class:`PackRule`, which matches phrases (on normalised tokens) and spaCy token
patterns and reports every match, except, for a substitution, a match that already is the
preferred wording: phrases match as spaCy normalises spellings ("utilize" finds the
"utilise" swap), so a British team's ``color: colour`` found "colour" too, and told the
agent to write what they wrote.

A phrase also matches as agents write it, as a team glossary's term does
(:mod:`replylint.team_terms`): with a space, a hyphen or a slash between its words and in
the plural ("end user" finds "End-users", "tier 2" "Tier-2", "RMA" "RMAs"). Matched as
tokens alone, the same entry reported "End-users" as a banned glossary term and let it
through as a pack's phrase. A spelling variant matches in those forms too ("utilize"
finds "utilises"), looked for in the reply respelled (:mod:`replylint.respelling`); a
swap's preferred wording stays unreported in any of them ("colours" for "colour").
Nothing in a pack
can run code: patterns are validated by spaCy's Matcher, messages only know ``{match}``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.tokens import Span, Token

from replylint.analysis import AnalyzedReply
from replylint.matchers import Patterns, Phrases
from replylint.packs import PackError, PackRuleSpec, PackSet
from replylint.pattern_needs import pattern_needs
from replylint.report import Finding, Severity
from replylint.respelling import respell, respelled
from replylint.rule import Rule, RuleContext
from replylint.team_terms import TermFinder, same_wording


class PackRule(Rule):
    """A rule defined in a YAML pack; class attributes are set per instance from data."""

    def __init__(
        self,
        spec: PackRuleSpec,
        source: Path,
        context: RuleContext,
        severity: Severity | None = None,
    ) -> None:
        self.spec = spec
        self.source = source
        self.id = spec.id  # type: ignore[misc]
        self.check_name = spec.check  # type: ignore[misc]
        self.default_severity = spec.severity  # type: ignore[misc]
        self.standard = spec.standard  # type: ignore[misc]
        self.rationale = spec.rationale  # type: ignore[misc]
        self.examples = spec.examples  # type: ignore[misc]
        #: What its token patterns read beyond words ({POS: VERB}: a tagger).
        self.requires = pattern_needs(spec.patterns)  # type: ignore[misc]
        super().__init__(context, None, severity)

    def setup(self, context: RuleContext) -> None:
        spec = self.spec
        phrases = [*spec.phrases, *spec.swap.keys()]
        if not phrases and not spec.patterns:
            raise PackError(f"rule pack {self.source}: rule {spec.id!r} has no phrases or patterns")
        # Keyed by normalised words, as phrases match: "utilize" finds the "utilise" swap.
        self._swap = {_norms(context.make_doc(k)): v for k, v in spec.swap.items()}
        self._phrases = Phrases.from_words(context.make_doc, spec.id, phrases) if phrases else None
        # the forms the tokens alone miss ("End-users", "RMAs"), each found as its phrase,
        # and those of a spelling variant ("utilises"), found in the reply respelled
        self._forms = TermFinder(phrases)
        respelled_phrases = [respell(context.make_doc, p) for p in phrases]
        self._respelled_forms = TermFinder(respelled_phrases)
        self._form_keys = {
            term: _norms(context.make_doc(term))
            for term in (*self._forms.terms, *respelled_phrases)
            if term.strip()
        }
        # a swap's preferred wording in any form it is matched in ("colours" for "colour")
        self._preferred = {v: TermFinder([v]) for v in spec.swap.values() if v.strip()}
        self._patterns = None
        if spec.patterns:
            packs = PackSet(packs=(), lexicons={}, patterns={spec.id: tuple(spec.patterns)})
            try:
                self._patterns = Patterns(packs, context.make_doc, spec.id)
            except PackError as exc:
                raise PackError(f"rule pack {self.source}: rule {spec.id!r}: {exc}") from None

    def check(self, reply: AnalyzedReply) -> Iterator[Finding]:
        forms = self._written_forms(reply)
        for sentence in reply.sentences:
            matches = []
            if self._phrases is not None:
                matches += self._phrases.find(sentence)
            written = [
                span for span in forms.values() if sentence.start <= span.start < sentence.end
                and span.end <= sentence.end
            ]  # fmt: skip
            if written:
                matches = _longest_first([*matches, *written])
            if self._patterns is not None:
                matches += self._patterns.find(sentence)
            for match in sorted(matches, key=lambda m: m.start):
                key = self._key(match, forms)
                replacement = self._swap.get(key)
                if replacement is not None and self._is_preferred(match.text, replacement):
                    continue
                yield self.finding(
                    reply,
                    self.spec.message.replace("{match}", match.text),
                    match,
                    suggestion=self._suggestion(key, match.text),
                )

    def _written_forms(self, reply: AnalyzedReply) -> dict[tuple[int, int], Span]:
        """Where the phrases occur as agents write them (:class:`TermFinder`), by
        (start, end) token: each span carries its phrase's normalised words as its label,
        which key the swap table as the tokens of the phrase itself do."""
        if not self._forms:
            return {}
        doc = reply.doc
        found: dict[tuple[int, int], Span] = {}
        # the doc's text is the normalised text; Doc.text would rebuild it from every
        # token, for every pack rule and reply (a third of a reply's rule time)
        for match in self._forms.find(reply.normalized.text):
            span = doc.char_span(match.start, match.end, alignment_mode="expand")
            if span is not None and len(span):
                found.setdefault(
                    (span.start, span.end),
                    Span(doc, span.start, span.end, label=self._form_keys[match.term]),
                )
        respelled_text = respelled(doc, reply.normalized.text)
        if respelled_text is not None:  # a spelling variant in another form ("utilises")
            for match in self._respelled_forms.find(respelled_text.text):
                start, end = respelled_text.tokens(match.start, match.end)
                found.setdefault(
                    (start, end), Span(doc, start, end, label=self._form_keys[match.term])
                )
        return found

    def _is_preferred(self, written: str, replacement: str) -> bool:
        """Whether ``written`` already is the swap's preferred wording, as written or in a
        form a phrase is matched in (its plural): never reported as the term it replaces."""
        preferred = self._preferred.get(replacement)
        return same_wording(written, replacement) or (
            preferred is not None and preferred.covers(written)
        )

    @staticmethod
    def _key(match: Span, forms: dict[tuple[int, int], Span]) -> str:
        """The normalised words of the phrase ``match`` is a form of."""
        form = forms.get((match.start, match.end))
        return form.label_ if form is not None else _norms(match)

    def _suggestion(self, key: str, matched: str) -> str | None:
        """A substitution's wording for the term, else an existence rule's own
        ``suggestion`` (None when it gives none)."""
        replacement = self._swap.get(key)
        if replacement is None:
            written = self.spec.suggestion
            return written.replace("{match}", matched) if written is not None else None
        return f'Say "{replacement}" instead.' if replacement else "Leave it out."


def _longest_first(matches: list[Span]) -> list[Span]:
    """The phrases' matches in order, one per place: a form their tokens found too is
    reported once, and so is one inside a longer form ("RMA" in "RMA's")."""
    kept: list[Span] = []
    for span in sorted(matches, key=lambda m: (m.start, -len(m))):
        if kept and span.start < kept[-1].end and span.end <= kept[-1].end:
            continue
        kept.append(span)
    return kept


def _norms(tokens: Iterable[Token]) -> str:
    """The words as phrase matching compares them: spelling-normalised, case-folded."""
    return " ".join(t.norm_ for t in tokens if not t.is_space)
