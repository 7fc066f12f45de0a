"""The ``Linter``: configured once, then checks replies one at a time or as a stream.

It composes the layers: packs and rule classes are loaded and rules compiled at
construction; each reply is normalised, analysed once (one spaCy ``Doc``) and read by
every rule; the outcomes become a :class:`~replylint.report.Report`.

Thread safety: after construction a Linter holds no mutable state except the spaCy
pipeline, whose tokenizer keeps an internal cache; calls into the pipeline take a lock,
everything else (normalising, rules, report) runs concurrently.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from replylint.analysis import AnalyzedReply
from replylint.config import LinterConfig, matches_any
from replylint.doctext import remember_text
from replylint.nlp import load_pipeline
from replylint.normalize import NormalizedReply, normalize
from replylint.normalize.tokensafe import without_surrogates
from replylint.pack_rule import PackRule
from replylint.packs import PackError, PackSet, builtin_pack_paths
from replylint.problem import ProblemDetector
from replylint.registry import discover_rule_classes
from replylint.report import CORE_CHECKS, SCHEMA_VERSION, Channel, CheckResult, Finding, Report
from replylint.resources import data_dir
from replylint.rule import Rule, RuleContext
from replylint.scoring import score
from replylint.suppression import apply_suppressions, directive_findings

InputFormat = Literal["auto", "text", "html"]
T = TypeVar("T")


class InputError(ValueError):
    """The reply cannot be checked (empty, too long, bad channel); says what to do."""


class ReplyInput(BaseModel):
    """One reply to check, with its context (what ``check_many`` streams)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    reply: str
    channel: Channel = "email"
    customer_message: str | None = None
    customer_name: str | None = None
    input_format: InputFormat = "auto"
    disable: tuple[str, ...] = Field(
        default=(),
        description="Rule ids, prefixes or check names not to report for this reply.",
    )
    id: str | None = Field(default=None, description="Carried through for batch callers.")

    @field_validator("customer_message", "customer_name")
    @classmethod
    def _encodable(cls, value: str | None) -> str | None:
        """Lone surrogates (bad decoding upstream) become U+FFFD: a name is copied into
        suggestions, and a report must always be writable as JSON."""
        return without_surrogates(value) if value is not None else None


class Linter:
    """Checks replies against the enabled rules. Build once, reuse, share across threads."""

    def __init__(
        self,
        config: LinterConfig | None = None,
        *,
        rule_classes: Sequence[type[Rule]] | None = None,
    ) -> None:
        self.config = config or LinterConfig()
        available = rule_classes if rule_classes is not None else discover_rule_classes()
        classes = [c for c in available if self.config.selects(c.id)]
        self.packs = PackSet.load([*builtin_pack_paths(), *self.config.packs])
        pack_specs = [(p, r) for p, r in self.packs.rules() if self.config.selects(r.id)]
        #: Every rule id and check name a suppression may name, enabled or not.
        self._known_names = frozenset(
            {c.id for c in available} | {c.check_name for c in available}
            | {r.id for _, r in self.packs.rules()} | {r.check for _, r in self.packs.rules()}
        )  # fmt: skip
        needs = {cap for c in classes for cap in c.requires}
        self._pipeline = load_pipeline(needs)
        self._nlp_lock = threading.Lock()
        tokenizer = self._pipeline.nlp.tokenizer
        context = RuleContext(
            packs=self.packs,
            make_doc=tokenizer,
            common_words=_common_words(),
            glossary_allowed=frozenset(self.config.glossary.allowed),
            glossary_banned=dict(self.config.glossary.banned),
        )
        rules: list[Rule] = []
        for cls in classes:
            settings = self.config.rules.get(cls.id)
            rules.append(
                cls(
                    context,
                    settings.options if settings else None,
                    settings.severity if settings else None,
                )
            )
        for path, spec in pack_specs:
            settings = self.config.rules.get(spec.id)
            rules.append(PackRule(spec, path, context, settings.severity if settings else None))
        ids = [rule.id for rule in rules]
        clashes = sorted({i for i in ids if ids.count(i) > 1})
        if clashes:
            raise PackError(
                f"rule id {clashes[0]!r} is used by both a Python rule and a pack rule; rename one"
            )
        self.rules: tuple[Rule, ...] = tuple(rules)
        self._optional_on = {
            channel: frozenset(profile.optional)
            for channel, profile in self.config.channels.items()
        }
        self._rules_on: dict[str, tuple[Rule, ...]] = {
            channel: tuple(r for r in rules if not matches_any(r.id, profile.ignore))
            for channel, profile in self.config.channels.items()
        }
        self._problems = ProblemDetector(self.packs, tokenizer)

    @property
    def notices(self) -> tuple[str, ...]:
        return self._pipeline.notices

    def check(
        self,
        reply: str,
        *,
        channel: Channel = "email",
        customer_message: str | None = None,
        customer_name: str | None = None,
        input_format: InputFormat = "auto",
        disable: Sequence[str] = (),
    ) -> Report:
        """Check one reply. Raises :class:`InputError` for an empty or oversized reply.

        ``disable`` names rules (ids, prefixes or check names) not to report for this
        reply, as a ``replylint: disable=`` directive in the reply would."""
        try:
            item = ReplyInput(
                reply=reply,
                channel=channel,
                customer_message=customer_message,
                customer_name=customer_name,
                input_format=input_format,
                disable=tuple(disable),
            )
        except ValidationError as exc:
            raise InputError(_first_error(exc)) from None
        return next(self.check_many([item]))

    def analyze(
        self,
        reply: str,
        *,
        channel: Channel = "email",
        customer_message: str | None = None,
        input_format: InputFormat = "auto",
    ) -> AnalyzedReply:
        """The analysed reply every rule reads (for debugging rules and writing plugins)."""
        item = ReplyInput(
            reply=reply,
            channel=channel,
            customer_message=customer_message,
            input_format=input_format,
        )
        analyzed = next(self._analyze_many([item], batch_size=1))
        if isinstance(analyzed, InputError):
            raise analyzed
        return analyzed

    def check_many(
        self, items: Iterable[ReplyInput | str], *, batch_size: int = 256
    ) -> Iterator[Report]:
        """Check a stream of replies lazily, in order, tokenising them with ``nlp.pipe``.
        Raises :class:`InputError` at the first reply that cannot be checked."""
        for outcome in self.check_each(items, batch_size=batch_size):
            if isinstance(outcome, InputError):
                raise outcome
            yield outcome

    def check_each(
        self, items: Iterable[ReplyInput | str], *, batch_size: int = 256
    ) -> Iterator[Report | InputError]:
        """Like :meth:`check_many`, but a reply that cannot be checked yields its
        :class:`InputError` in its place instead of ending the stream (batch scoring)."""
        inputs = (i if isinstance(i, ReplyInput) else ReplyInput(reply=i) for i in items)
        for analyzed in self._analyze_many(inputs, batch_size):
            yield analyzed if isinstance(analyzed, InputError) else self._report(analyzed)

    def _analyze_many(
        self, inputs: Iterable[ReplyInput], batch_size: int
    ) -> Iterator[AnalyzedReply | InputError]:
        prepared = ((item, self._normalize_or_error(item)) for item in inputs)
        nlp = self._pipeline.nlp
        for batch in _batched(prepared, batch_size):
            ready = [(item, n) for item, n in batch if not isinstance(n, InputError)]
            with self._nlp_lock:
                texts = [normalized.text for _, normalized in ready]
                docs = iter(
                    [remember_text(d, t) for d, t in zip(nlp.pipe(texts), texts, strict=True)]
                )
            for item, normalized in batch:
                if isinstance(normalized, InputError):
                    yield normalized
                    continue
                doc = next(docs)
                yield AnalyzedReply(
                    normalized=normalized,
                    doc=doc,
                    channel=item.channel,
                    customer_text=item.customer_message,
                    customer_name=item.customer_name,
                    problem=self._problems.assess(item.customer_message, doc),
                    disable=item.disable,
                )

    def _normalize_or_error(self, item: ReplyInput) -> NormalizedReply | InputError:
        try:
            return self._normalize(item)
        except InputError as error:
            return error

    def _normalize(self, item: ReplyInput) -> NormalizedReply:
        if len(item.reply) > self.config.max_reply_chars:
            raise InputError(
                f"the reply has {len(item.reply):,} characters, over the limit of "
                f"{self.config.max_reply_chars:,}; split it or raise max_reply_chars"
            )
        normalized = normalize(item.reply, input_format=item.input_format)
        if len(normalized.text) > self._pipeline.nlp.max_length:
            raise InputError(
                f"the reply is {len(normalized.text):,} characters once normalised, over the "
                f"{self._pipeline.nlp.max_length:,} the NLP pipeline accepts; split it"
            )
        if not normalized.text.strip():
            raise InputError(
                "the reply is empty (nothing left to check after removing "
                "markup, quoted history and signatures)"
            )
        return normalized

    def _report(self, reply: AnalyzedReply) -> Report:
        """Run the rules, then pass their findings through the filters in order:
        confidence, the channel's optional checks, suppressions."""
        checks: dict[str, CheckResult] = {}
        findings: list[Finding] = []
        optional = self._optional_on.get(reply.channel, _NOTHING_OPTIONAL)
        for rule in self._rules_on.get(reply.channel, self.rules):
            outcome = rule.run(reply)
            verdict = outcome.verdict
            if verdict is not None:
                if rule.check_name in optional:
                    checks[rule.check_name] = _optional(verdict, reply.channel)
                    continue  # a presence rule's only finding is "missing"
                checks[rule.check_name] = verdict
            findings.extend(
                f for f in outcome.findings if f.confidence >= self.config.min_confidence
            )
        ordered = {name: checks.pop(name, _NOT_ENABLED) for name in CORE_CHECKS}
        ordered.update(sorted(checks.items()))
        checks = ordered
        suppressed: list[Finding] = []
        if reply.normalized.directives or reply.disable:
            findings, suppressed = self._suppress(reply, findings)
        excused = optional | {f.check for f in suppressed if f.check in checks}
        findings.sort(key=lambda f: (f.start, f.end, f.rule))
        return Report.model_construct(
            schema_version=SCHEMA_VERSION,
            channel=reply.channel,
            checks=checks,
            findings=findings,
            score=score(checks, findings, excused),
            notices=list(self.notices),
            suppressed=len(suppressed),
        )

    def _suppress(
        self, reply: AnalyzedReply, findings: list[Finding]
    ) -> tuple[list[Finding], list[Finding]]:
        """The findings kept (with those about the directives themselves) and those the
        reply's directives or the caller's ``disable`` silenced."""
        directives = reply.normalized.directives
        silenced = apply_suppressions(findings, reply.original, directives, reply.disable)
        kept = silenced.kept
        if directives:
            about_directives = directive_findings(
                reply.original,
                directives,
                silenced.used,
                self._known_names,
                report_unused=self.config.report_unused_suppressions,
            )
            kept.extend(f for f in about_directives if self.config.selects(f.rule))
        return kept, silenced.suppressed


_NOTHING_OPTIONAL: frozenset[str] = frozenset()
_NOT_ENABLED = CheckResult(present=False, applicable=False, reason="rule not enabled")


def _optional(verdict: CheckResult, channel: str) -> CheckResult:
    """The verdict of a check the channel's profile makes optional: still truthful about
    what the reply contains, but a missing element is not held against it."""
    reason = verdict.reason
    if verdict.applicable and not verdict.present:
        reason = f"optional on {channel} replies (channel profile)"
    return CheckResult.model_construct(
        present=verdict.present,
        applicable=verdict.applicable,
        reason=reason,
        evidence=verdict.evidence,
        optional=True,
    )


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(p) for p in error["loc"])
    return f"{where}: {error['msg']}"


def _batched(iterable: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in iterable:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """The shipped list of common English words (see models/build_common_words.py)."""
    path = data_dir("models") / "common_words_en.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))
