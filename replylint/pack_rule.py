"""Rules written as data: the ``existence`` and ``substitution`` kinds of a pack.

Each rule a pack declares (a :class:`~replylint.packs.PackRuleSpec`) becomes an instance
of :class:`PackRule`, which matches phrases (on normalised tokens) and spaCy token
patterns and reports every match, except, for a substitution, a match that already is the
preferred wording: phrases match as spaCy normalises spellings ("utilize" finds the
"utilise" swap), so a British team's ``color: colour`` found "colour" too, and told the
agent to write what they wrote. Nothing in a pack
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
from replylint.rule import Rule, RuleContext
from replylint.team_terms import same_wording


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
        self._patterns = None
        if spec.patterns:
            packs = PackSet(packs=(), lexicons={}, patterns={spec.id: tuple(spec.patterns)})
            try:
                self._patterns = Patterns(packs, context.make_doc, spec.id)
            except PackError as exc:
                raise PackError(f"rule pack {self.source}: rule {spec.id!r}: {exc}") from None

    def check(self, reply: AnalyzedReply) -> Iterator[Finding]:
        for sentence in reply.sentences:
            matches = []
            if self._phrases is not None:
                matches += self._phrases.find(sentence)
            if self._patterns is not None:
                matches += self._patterns.find(sentence)
            for match in sorted(matches, key=lambda m: m.start):
                replacement = self._swap.get(_norms(match))
                if replacement is not None and same_wording(match.text, replacement):
                    continue
                yield self.finding(
                    reply,
                    self.spec.message.replace("{match}", match.text),
                    match,
                    suggestion=self._suggestion(match),
                    confidence=0.9,
                )

    def _suggestion(self, matched: Span) -> str | None:
        replacement = self._swap.get(_norms(matched))
        if replacement is None:
            return None
        return f'Say "{replacement}" instead.' if replacement else "Leave it out."


def _norms(tokens: Iterable[Token]) -> str:
    """The words as phrase matching compares them: spelling-normalised, case-folded."""
    return " ".join(t.norm_ for t in tokens if not t.is_space)
