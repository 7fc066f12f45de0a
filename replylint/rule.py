"""The rule interface: what a check is, and how it reports.

A rule has a stable ``id``, belongs to a ``check_name`` (several rules may serve one
check), a default severity, the service standard it enforces and why (``rationale``), a
pydantic ``Options`` model for its configuration (the Linter validates ``[rules.ID.options]``
against it), the ``languages`` it reads, and hand-written ``examples`` that the test-suite
runs. ``check(reply)`` yields findings lazily.

Boolean checks (greeting, apology, ...) subclass :class:`PresenceRule`: they implement
``detect`` once and get both the per-check verdict of the report and the "missing ..."
finding from it.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict
from spacy.tokens import Span

from replylint.analysis import AnalyzedReply
from replylint.matchers import MakeDoc
from replylint.packs import Examples, PackSet
from replylint.report import CheckResult, Finding, Severity


class RuleOptions(BaseModel):
    """Base of every rule's options; unknown keys are errors, not silently ignored.
    Config files spell them in kebab-case (``max-grade``), Python in snake_case."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, alias_generator=lambda n: n.replace("_", "-"),
        populate_by_name=True,
    )  # fmt: skip


@dataclass(frozen=True)
class RuleContext:
    """What a rule may use when it is built: the merged packs and the pipeline's vocab."""

    packs: PackSet
    make_doc: MakeDoc
    common_words: frozenset[str]
    glossary_allowed: frozenset[str] = frozenset()
    glossary_banned: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class RuleOutcome:
    """What running one rule on one reply produced."""

    verdict: CheckResult | None
    findings: list[Finding]


class Rule(ABC):
    """Base class of every rule, built-in or plugin."""

    id: ClassVar[str]
    check_name: ClassVar[str]
    default_severity: ClassVar[Severity] = Severity.warning
    standard: ClassVar[str]
    rationale: ClassVar[str]
    examples: ClassVar[Examples] = Examples()
    #: Pipeline capabilities needed (see ``replylint.nlp.CAPABILITIES``); none is fastest.
    requires: ClassVar[frozenset[str]] = frozenset()
    #: Languages (ISO 639-1) whose replies the rule can read. A reply clearly in another
    #: language skips the rule, and its check is reported not applicable, not failed.
    languages: ClassVar[frozenset[str]] = frozenset({"en"})
    Options: ClassVar[type[RuleOptions]] = RuleOptions

    def __init__(
        self,
        context: RuleContext,
        options: Mapping[str, Any] | RuleOptions | None = None,
        severity: Severity | None = None,
    ) -> None:
        self.context = context
        self.options = (
            options if isinstance(options, RuleOptions) else self.Options(**(options or {}))
        )
        self.severity = severity or self.default_severity
        self.setup(context)

    def setup(self, context: RuleContext) -> None:
        """Compile matchers and read vocabularies once; override in rules that need it."""

    @abstractmethod
    def check(self, reply: AnalyzedReply) -> Iterator[Finding]:
        """Yield the findings for one reply."""

    def run(self, reply: AnalyzedReply) -> RuleOutcome:
        return RuleOutcome(verdict=None, findings=list(self.check(reply)))

    def finding(
        self,
        reply: AnalyzedReply,
        message: str,
        span: Span | tuple[int, int] | None = None,
        *,
        suggestion: str | None = None,
        confidence: float = 1.0,
        anchor: Literal["start", "end"] = "start",
    ) -> Finding:
        """Build a finding whose offsets point into the original input.

        ``span`` is a spaCy span or a (start_char, end_char) pair of the analysed text;
        None means something is missing, reported as an empty span at ``anchor``.
        """
        if span is None:
            position = reply.anchor()[0] if anchor == "start" else len(reply.original.rstrip())
            start, end, text = position, position, ""
        else:
            chars = (span.start_char, span.end_char) if isinstance(span, Span) else span
            start, end, text = reply.to_original(*chars)
        # model_construct: the fields come from this code, already typed; validating them
        # again for every finding of every reply is measurable on the batch hot path.
        return Finding.model_construct(
            rule=self.id,
            check=self.check_name,
            severity=self.severity,
            message=message,
            start=start,
            end=end,
            text=text,
            suggestion=suggestion,
            confidence=confidence,
        )


@dataclass(frozen=True)
class Verdict:
    """What a presence check decided, with the evidence for it."""

    present: bool
    applicable: bool = True
    reason: str | None = None
    evidence: Span | None = None
    confidence: float = 0.9


class PresenceRule(Rule):
    """A check that a reply contains something (a greeting, an apology, a next step)."""

    #: Where the "missing" finding points: the start of the reply or its end.
    missing_anchor: ClassVar[Literal["start", "end"]] = "start"
    missing_message: ClassVar[str]

    @abstractmethod
    def detect(self, reply: AnalyzedReply) -> Verdict:
        """Decide whether the reply does what the check asks."""

    def suggest(self, reply: AnalyzedReply) -> str | None:
        """A concrete fix for a missing element, when one can be written."""
        return None

    def check(self, reply: AnalyzedReply) -> Iterator[Finding]:
        yield from self.run(reply).findings

    def run(self, reply: AnalyzedReply) -> RuleOutcome:
        verdict = self.detect(reply)
        result = CheckResult.model_construct(
            present=verdict.present,
            applicable=verdict.applicable,
            reason=verdict.reason,
            evidence=verdict.evidence.text if verdict.evidence is not None else None,
        )
        findings = []
        if verdict.applicable and not verdict.present:
            findings.append(
                self.finding(
                    reply,
                    self.missing_message,
                    suggestion=self.suggest(reply),
                    confidence=verdict.confidence,
                    anchor=self.missing_anchor,
                )
            )
        return RuleOutcome(verdict=result, findings=findings)
