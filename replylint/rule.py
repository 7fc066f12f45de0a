"""The rule interface: what a check is, and how it reports.

All of a rule's metadata lives on its class: a stable ``id``; the ``check_name`` it
reports under (several rules may serve one check; it defaults to the ``id``); a default
severity; the service standard it enforces and why (``rationale``); its score ``weight``;
its options model (the type parameter: ``class MyRule(Rule[MyOptions])``, against which
the Linter validates ``[rules.ID.options]``, so ``self.options`` is a ``MyOptions``); the
``languages`` it reads; and hand-written ``examples`` that the test-suite runs.

What to override:

- a rule that reports findings (jargon, readability) subclasses :class:`Rule` and
  implements ``check(reply)``, yielding findings lazily;
- a rule that decides whether a reply does something (greeting, apology, ...)
  subclasses :class:`PresenceRule` and implements ``detect(reply)`` (and ``suggest``):
  it gets both the report's per-check verdict and the "missing ..." finding from it.

``run(reply)`` is what the Linter calls; it is derived from those and is not meant to be
overridden (``PresenceRule`` marks its ``run`` and ``check`` final).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar, Generic, Literal, cast, final, get_args, get_origin

from pydantic import BaseModel, ConfigDict
from spacy.tokens import Span, Token
from typing_extensions import TypeVar

from replylint.analysis import AnalyzedReply, SharedAnalyses
from replylint.doctext import text_of
from replylint.matchers import MakeDoc
from replylint.packs import Examples, PackSet
from replylint.report import CheckResult, Finding, Severity

#: The confidence of a rule's finding or verdict when the rule gives none: a pack rule's
#: and, unless it says otherwise, a plugin's, whose precision nobody measured. Below 1.0,
#: so a team's ``min-confidence`` above 0.9 drops those findings as the README says (a
#: plugin's findings defaulted to 1.0, and survived any threshold).
UNMEASURED_CONFIDENCE = 0.9


class RuleOptions(BaseModel):
    """Base of every rule's options; unknown keys are errors, not silently ignored, and
    so is a value of the wrong type (the linter reads a configuration's options as
    strictly as JSON is read: ``max-grade = "12"`` is refused, not read as 12, while a
    list is a tuple's value and a whole number a float's). Config files spell them in
    kebab-case (``max-grade``), Python in snake_case."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, alias_generator=lambda n: n.replace("_", "-"),
        populate_by_name=True,
    )  # fmt: skip


#: A rule's options model; a rule that declares none takes no options.
OptionsT = TypeVar("OptionsT", bound=RuleOptions, default=RuleOptions)


@dataclass(frozen=True)
class RuleContext:
    """What a rule may use when it is built: the merged packs, the pipeline's vocab, and
    the linter's shared analysers (per-reply results are read from the analysed reply,
    e.g. ``reply.next_steps``; ``analyses`` is for questions a rule asks of its own
    spans, such as ``analyses.times.for_step``)."""

    packs: PackSet
    make_doc: MakeDoc
    analyses: SharedAnalyses
    common_words: frozenset[str]
    glossary_allowed: frozenset[str] = frozenset()
    glossary_banned: Mapping[str, str] = field(default_factory=dict)
    #: The selected model directory (``models/`` or a trained one); None = rules only.
    model_dir: Path | None = None


@dataclass(frozen=True)
class RuleOutcome:
    """What running one rule on one reply produced."""

    verdict: CheckResult | None
    findings: list[Finding]
    #: The span of the analysed reply a presence rule took as evidence (what the checks
    #: model reads as "the rule found it here").
    evidence: Span | None = None


def _options_parameter(cls: type[Rule[Any]]) -> type[RuleOptions] | None:
    """The options model ``cls`` names as its type parameter (``Rule[MyOptions]``,
    ``PresenceRule[MyOptions]``), if it names one."""
    for base in cls.__dict__.get("__orig_bases__", ()):
        origin = get_origin(base)
        if isinstance(origin, type) and issubclass(origin, Rule):
            for argument in get_args(base):
                if isinstance(argument, type) and issubclass(argument, RuleOptions):
                    return argument
    return None


class Rule(ABC, Generic[OptionsT]):
    """Base class of every rule, built-in or plugin: implement :meth:`check`."""

    id: ClassVar[str]
    #: The check the rule reports under; the ``id`` unless the class says otherwise.
    check_name: ClassVar[str]
    #: How much the check's verdict counts in the 0-100 score, next to the other checks'
    #: (next_step: 30, greeting: 10). Only a rule that gives a verdict (a
    #: :class:`PresenceRule`) has one to weigh; 0, the default, means the verdict is
    #: reported but does not count, so a plugin changes no score until it says how
    #: much it matters. ``replylint explain`` shows it.
    weight: ClassVar[int] = 0
    default_severity: ClassVar[Severity] = Severity.warning
    standard: ClassVar[str]
    rationale: ClassVar[str]
    examples: ClassVar[Examples] = Examples()
    #: Pipeline capabilities needed (see ``replylint.nlp.CAPABILITIES``); none is fastest.
    requires: ClassVar[frozenset[str]] = frozenset()
    #: Languages (ISO 639-1) whose replies the rule can read; None: any (it reads marks,
    #: not words). A reply clearly in another language skips the rule, and its check is
    #: reported not applicable, not failed.
    languages: ClassVar[frozenset[str] | None] = frozenset({"en"})
    #: The options model, taken from the type parameter (``Rule[MyOptions]``).
    Options: ClassVar[type[RuleOptions]] = RuleOptions
    #: Whether some class of the rule's hierarchy set ``check_name`` itself.
    _check_name_declared: ClassVar[bool] = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """Fill in the metadata that follows from other metadata: ``Options`` from the
        type parameter, ``check_name`` from the ``id``."""
        super().__init_subclass__(**kwargs)
        declared = _options_parameter(cls)
        if declared is not None:
            written = cls.__dict__.get("Options")
            if written is not None and written is not declared:
                raise TypeError(
                    f"{cls.__qualname__} declares the options {declared.__name__} as its type "
                    f"parameter but sets Options = {written.__name__}; keep one"
                )
            cls.Options = declared
        if "check_name" in cls.__dict__:
            cls._check_name_declared = True
        elif not cls._check_name_declared and isinstance(getattr(cls, "id", None), str):
            cls.check_name = cls.id

    def __init__(
        self,
        context: RuleContext,
        options: Mapping[str, Any] | RuleOptions | None = None,
        severity: Severity | None = None,
    ) -> None:
        self.context = context
        if isinstance(options, RuleOptions) and not isinstance(options, self.Options):
            raise TypeError(
                f"rule {self.id!r} takes {self.Options.__name__} options, "
                f"not {type(options).__name__}"
            )
        built = options if isinstance(options, RuleOptions) else self.Options(**(options or {}))
        #: The validated options, typed as the rule's own model.
        self.options: OptionsT = cast("OptionsT", built)
        self.severity = severity or self.default_severity
        self.setup(context)

    def setup(self, context: RuleContext) -> None:
        """Compile matchers and read vocabularies once; override in rules that need it."""

    @abstractmethod
    def check(self, reply: AnalyzedReply) -> Iterator[Finding]:
        """Yield the findings for one reply: what a findings rule implements."""

    def run(self, reply: AnalyzedReply) -> RuleOutcome:
        """What the Linter calls: the findings of :meth:`check`, with no verdict."""
        return RuleOutcome(verdict=None, findings=list(self.check(reply)))

    def finding(
        self,
        reply: AnalyzedReply,
        message: str,
        span: Span | Token | tuple[int, int] | None = None,
        *,
        suggestion: str | None = None,
        confidence: float = UNMEASURED_CONFIDENCE,
        anchor: Literal["start", "end"] = "start",
    ) -> Finding:
        """Build a finding whose offsets point into the original input.

        ``span`` is what the finding points at in ``reply.doc``: a spaCy ``Span``
        (``reply.doc[3:5]``, a sentence, a match), a ``Token`` (what a rule walking the
        doc holds), or a (start_char, end_char) pair of the analysed text; None means
        something is missing, reported as an empty span at ``anchor``. ``confidence``:
        how sure the rule is; :data:`UNMEASURED_CONFIDENCE` unless it says (a rule
        whose precision was measured gives that).
        """
        if span is None:
            position = reply.anchor()[0] if anchor == "start" else reply.end_anchor()
            start, end, text = position, position, ""
        else:
            start, end, text = reply.to_original(*_char_offsets(span))
        # Validated construction: pydantic-core builds a small model about twice as fast
        # as model_construct, which fills defaults in Python.
        return Finding(
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


def _char_offsets(span: object) -> tuple[int, int]:
    """Where ``span`` (a :meth:`Rule.finding` argument) starts and ends in the analysed
    text. A token was unpacked as a pair, and a plugin passing one failed on every reply
    with "argument after * must be an iterable, not Token"; anything else is refused
    naming what is taken."""
    if isinstance(span, Span):
        return span.start_char, span.end_char
    if isinstance(span, Token):
        return span.idx, span.idx + len(span.text)
    if (
        isinstance(span, tuple)
        and len(span) == 2
        and all(isinstance(i, int) and not isinstance(i, bool) for i in span)
    ):
        return span[0], span[1]
    raise TypeError(
        f"a finding's span is a spaCy Span or Token of reply.doc, a (start_char, end_char) "
        f"pair of ints into the analysed text, or None for something missing; got "
        f"{type(span).__name__} {span!r:.60}"
    )


@dataclass(frozen=True, kw_only=True)
class Verdict:
    """What a presence check decided, with the evidence for it; fields are named at
    every call (``Verdict(present=True, evidence=match)``), so none can be misplaced."""

    present: bool
    applicable: bool = True
    reason: str | None = None
    evidence: Span | None = None
    confidence: float = UNMEASURED_CONFIDENCE
    #: Where a "missing" finding points when the words that lack what the check asks
    #: are known (the step that says no time); None: the rule's ``missing_anchor``.
    missing_at: Span | None = None


class PresenceRule(Rule[OptionsT]):
    """A check that a reply contains something (a greeting, an apology, a next step):
    implement :meth:`detect` (and :meth:`suggest`); ``check`` and ``run`` follow."""

    #: Where the "missing" finding points: the start of the reply or its end.
    missing_anchor: ClassVar[Literal["start", "end"]] = "start"
    missing_message: ClassVar[str]
    #: A check that can only be done on top of another ("a next step says when" needs a
    #: next step): when that check's final verdict (the model's, where it decides) is
    #: "missing", this one does not apply, whatever its own rule found.
    only_after: ClassVar[str | None] = None
    #: A check that the other check's evidence may satisfy ("a refusal comes with a next
    #: step"): when the checks model finds that check where the rules did not,
    #: :meth:`detect_after` is asked too, as for ``only_after``.
    done_by: ClassVar[str | None] = None

    @abstractmethod
    def detect(self, reply: AnalyzedReply) -> Verdict:
        """Decide whether the reply does what the check asks."""

    def suggest(self, reply: AnalyzedReply) -> str | None:
        """A concrete fix for a missing element, when one can be written."""
        return None

    def detect_after(self, reply: AnalyzedReply, basis: Span) -> Verdict | None:
        """The verdict when the checks model found the ``only_after`` (or ``done_by``)
        check in `basis` (a
        sentence) where the rules found none; None keeps what :meth:`detect` said. The
        rules alone never need it: their checks agree with each other."""
        return None

    @final
    def check(self, reply: AnalyzedReply) -> Iterator[Finding]:
        """The "missing ..." finding, when :meth:`detect` says so."""
        yield from self.run(reply).findings

    @final
    def run(self, reply: AnalyzedReply) -> RuleOutcome:
        """What the Linter calls: the verdict of :meth:`detect`, and the finding."""
        return self.outcome(reply, self.detect(reply))

    @final
    def outcome(self, reply: AnalyzedReply, verdict: Verdict) -> RuleOutcome:
        """The reported verdict and the "missing" finding of a :class:`Verdict`."""
        result = _rules_result(
            verdict.present,
            verdict.applicable,
            verdict.reason,
            # sliced from the doc's remembered text (``Span.text`` rebuilds it token by token)
            text_of(verdict.evidence) if verdict.evidence is not None else None,
            verdict.confidence,
        )
        findings = []
        if verdict.applicable and not verdict.present:
            findings.append(
                self.missing_finding(reply, confidence=verdict.confidence, at=verdict.missing_at)
            )
        return RuleOutcome(verdict=result, findings=findings, evidence=verdict.evidence)

    def missing_finding(
        self,
        reply: AnalyzedReply,
        *,
        confidence: float,
        severity: Severity | None = None,
        at: Span | None = None,
    ) -> Finding:
        """The "missing ..." finding, at the rule's severity unless told otherwise (the
        checks model lowers it when unsure); on the words ``at`` when given (the step
        that lacks a time), else an empty span at the rule's ``missing_anchor``."""
        finding = self.finding(
            reply,
            self.missing_message,
            at,
            suggestion=self.suggest(reply),
            confidence=confidence,
            anchor=self.missing_anchor,
        )
        if severity is not None and severity is not finding.severity:
            return finding.model_copy(update={"severity": severity})
        return finding


@lru_cache(maxsize=4096)
def _rules_result(
    present: bool, applicable: bool, reason: str | None, evidence: str | None, confidence: float
) -> CheckResult:
    """The :class:`CheckResult` the rules give for these fields. Kept: a presence check
    gives the same few verdicts over and over ("not applicable: no customer message",
    "missing" at 0.9, "present" with "Hi"), each reply a dozen of them, and building one
    validates every field (about 2.4 µs, twice a cached lookup's cost). A result is frozen,
    so reports may share one; the cache is bounded, as evidence quotes replies."""
    return CheckResult(
        present=present,
        applicable=applicable,
        reason=reason,
        evidence=evidence,
        confidence=confidence,
        decided_by="rules",
    )
