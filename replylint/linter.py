"""The ``Linter``: configured once, then checks replies one at a time or as a stream.

It composes the layers: packs and rule classes are loaded, the configuration's rule
names and options checked against them, and rules compiled at construction; each reply
is normalised, analysed once (one spaCy ``Doc``) and read by every rule that reads its
language; the outcomes become a :class:`~replylint.report.Report`.

Thread safety: after construction a Linter holds no mutable state except the spaCy
pipeline, whose tokenizer keeps an internal cache; calls into the pipeline take a lock,
everything else (normalising, rules, report) runs concurrently.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NoReturn, TypeVar

from pydantic import ValidationError
from spacy.language import Language
from spacy.tokens import Span

from replylint.analysis import AnalyzedReply, SharedAnalyses
from replylint.config import (
    ConfigError,
    LinterConfig,
    RuleNames,
    RuleSettings,
    covers,
    rule_name_problems,
    settings_error,
)
from replylint.doctext import remember_text
from replylint.errors import validation_message
from replylint.language import ENGLISH, DetectedLanguage, detect_language
from replylint.model.checks_model import (
    ChecksModel,
    ModelError,
    Opinion,
    add,
    judge,
    resolve_model_dir,
    temper,
)
from replylint.model.features import MODEL_CHECKS, RuleView, rule_view
from replylint.model.problem_model import ProblemModel, ProblemModelError, load_problem_model
from replylint.model.terms import TermModelError
from replylint.nlp import load_pipeline
from replylint.normalize import InputFormat, NormalizedReply, normalize
from replylint.normalize.customer import own_words
from replylint.normalize.model import Directive, MalformedDirective
from replylint.pack_lists import check_lists_read
from replylint.pack_rule import PackRule
from replylint.packs import PackError, PackRuleSpec, PackSet, builtin_pack_paths
from replylint.pattern_needs import pattern_needs, refuse_untrained
from replylint.registry import (
    PluginError,
    PluginFailed,
    discover_rule_classes,
    plugin_name,
    refuse_shared_names,
    setup_failure,
)
from replylint.reply_input import CHANNEL_NAMES
from replylint.reply_input import InputError as InputError  # re-exported: the linter's API
from replylint.reply_input import ReplyError as ReplyError
from replylint.reply_input import ReplyInput as ReplyInput
from replylint.report import (
    NOT_ENABLED_REASON,
    REPORTED_CHECKS,
    SCHEMA_VERSION,
    Channel,
    CheckResult,
    Finding,
    Report,
    ReportWithId,
)
from replylint.resources import data_dir
from replylint.rule import PresenceRule, Rule, RuleContext, RuleOptions, RuleOutcome
from replylint.scoring import score
from replylint.suppression import (
    DIRECTIVE_CHECK,
    DIRECTIVE_RULES,
    apply_suppressions,
    directive_findings,
    honoured_in,
    not_ignored,
)

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

T = TypeVar("T")

#: The largest ``check_many`` batch: a batch's replies are all parsed before its first
#: result, at about 65 kB each, and past a few hundred a larger batch is no faster
#: (3,000 replies: 11.5 s in batches of 256, 11.1 s in one, which held 195 MB more and
#: gave its first result after 10.7 s, not 1.1 s). ``batch_size=len(tickets)`` for a
#: million tickets would hold some 65 GB and stream nothing.
MAX_BATCH_SIZE = 4096


class Linter:
    """Checks replies against the enabled rules. Build once, reuse, share across threads."""

    def __init__(
        self,
        config: LinterConfig | Mapping[str, Any] | None = None,
        *,
        rule_classes: Sequence[type[Rule]] | None = None,
        pack_texts: Mapping[str, str] | None = None,
    ) -> None:
        """``config`` may also be a mapping of :class:`LinterConfig` fields
        (``{"ignore": ["jargon"]}``). Raises :class:`ConfigError` for an invalid one,
        including a rule name no rule has or a rule option its rule does not take.
        ``pack_texts``: the configuration's packs as read before, by path as the
        configuration gives it, used instead of the files (every worker of a service
        builds from the packs read when the service started)."""
        self.config = as_config(config)
        available = rule_classes if rule_classes is not None else discover_rule_classes()
        self.packs = _load_packs(self.config, pack_texts)
        refuse_shared_names(available, self.packs)
        specs = [spec for _, spec in self.packs.rules()]
        #: Every name a configuration, ``disable`` or a suppression may use.
        self.rule_names = _rule_names(available, specs)
        settable = {c.id: c.Options for c in available} | {r.id: RuleOptions for r in specs}
        #: The options each rule declares, by id: every rule ``[rules.ID]`` may set.
        self.settable: Mapping[str, type[RuleOptions]] = settable
        options = checked_rule_settings(self.config, self.rule_names, settable)
        classes = [c for c in available if self.config.selects(c.id, c.check_name)]
        pack_specs = [(p, r) for p, r in self.packs.rules() if self.config.selects(r.id, r.check)]
        if not classes and not pack_specs and (available or specs):
            raise ConfigError(_runs_no_rule(self.config))
        if self.config.select is not None and (
            contradicted := [n for n in self.config.select if n in self.config.ignore]
        ):
            raise ConfigError(_selected_and_ignored(self.config, contradicted))
        # what the rules need, a pack's by the attributes its token patterns read
        patterned = [
            *((f"rule pack {path}: rule {spec.id!r}", spec.patterns) for path, spec in pack_specs),
            *(
                (f"rule pack {path}: patterns {name!r}", listed)
                for path, pack in self.packs.packs
                for name, listed in pack.patterns.items()
            ),
        ]
        needs = {cap for c in classes for cap in c.requires}
        needs.update(cap for _, patterns in patterned for cap in pattern_needs(patterns))
        self._pipeline = load_pipeline(needs)
        if not self._pipeline.trained:
            refuse_untrained(patterned)
        self._nlp_lock = threading.Lock()
        tokenizer = self._pipeline.nlp.tokenizer
        #: The selected model directory: the checks model, the jargon rule's term model
        #: in its ``terms/`` and the customer-problem model in its ``problem/`` (None:
        #: the rules alone).
        model_dir = resolve_model_dir(self.config.model)
        self._analyses = SharedAnalyses.build(
            self.packs, tokenizer, problem_model=_load_problem_model(self.config, model_dir)
        )
        context = RuleContext(
            packs=self.packs,
            make_doc=tokenizer,
            analyses=self._analyses,
            common_words=_common_words(),
            glossary_allowed=frozenset(self.config.glossary.allowed),
            glossary_banned=dict(self.config.glossary.banned),
            model_dir=model_dir,
        )
        rules: list[Rule] = []
        for cls in classes:
            settings = self.config.rules.get(cls.id)
            severity = settings.severity if settings else None
            try:
                rules.append(cls(context, options.get(cls.id), severity))
            except TermModelError as exc:  # the jargon rule reads the model's terms/
                message = self.config.located("model", self.config.model, f"model: {exc}")
                raise TermModelError(message) from None
            except Exception as exc:
                if cls.__module__.startswith("replylint."):
                    raise  # a built-in rule's exception is a bug in replylint
                raise setup_failure(cls, exc) from exc
        for path, spec in pack_specs:
            settings = self.config.rules.get(spec.id)
            rules.append(PackRule(spec, path, context, settings.severity if settings else None))
        plugins = [c for c in available if not c.__module__.startswith("replylint.")]
        check_lists_read(self.packs, every_plugin_built=all(c in classes for c in plugins))
        self.rules: tuple[Rule, ...] = tuple(rules)
        #: How many rules there are, run or not: the built-in ones, plugins' and packs'.
        self._rule_count = len(available) + len(specs)
        self._optional_on = {
            channel: frozenset(profile.optional)
            for channel, profile in self.config.channels.items()
        }
        self._rules_on: dict[str, tuple[Rule, ...]] = {
            channel: tuple(r for r in rules if not covers(profile.ignore, r.id, r.check_name))
            for channel, profile in self.config.channels.items()
        }
        for channel in self.config.channels:
            if rules and not self._rules_on[channel]:
                raise ConfigError(_channel_runs_no_rule(self.config, channel))
        #: The trained checks model (``config.model``), or None for the rules alone.
        self.model: ChecksModel | None = (
            _load_model(self.config, model_dir, self._pipeline.nlp)
            if model_dir is not None
            else None
        )
        #: The rule of every check the model reads, run for its features even where
        #: ``select``, ``ignore`` or a channel profile leaves it out of the report.
        self._feature_rules: dict[str, Rule] = (
            _feature_rules(available, rules, context, options) if self.model else {}
        )

    def __reduce__(self) -> NoReturn:
        """A Linter is not sent to another process (nor copied: share it, it is
        thread-safe): it holds the loaded spaCy pipeline and a lock, and rebuilding it
        for every task sent would load spaCy each time. pickle said only "cannot pickle
        '_thread.lock' object"; this says what to send instead."""
        raise TypeError(
            "a Linter cannot be pickled or copied (it holds the loaded spaCy pipeline); "
            "share one across threads, and to use one in another process send its "
            "configuration (linter.config, a LinterConfig, which pickles) and build one "
            "Linter per process from it, once"
        )

    @property
    def notices(self) -> tuple[str, ...]:
        return self._pipeline.notices

    def checks_run(self, channel: Channel) -> frozenset[str]:
        """The checks this configuration runs on ``channel``: a check its ``select``,
        ``ignore`` or channel profile turns off is reported "not enabled", which is not
        "missing" (``replylint eval`` leaves such a check unscored)."""
        return frozenset(rule.check_name for rule in self._rules_on.get(channel, self.rules))

    def rules_run(self, channel: Channel) -> tuple[int, int]:
        """How many rules this configuration runs on ``channel``, and how many there are
        (built-in, plugins', packs'). A score covers only the rules run: ``check --select
        jargon`` scored a reply with no greeting and no thanks 100/100, and its summary
        said so with nothing to tell it from a reply fully checked."""
        return len(self._rules_on.get(channel, self.rules)), self._rule_count

    def check(
        self,
        reply: str,
        *,
        channel: Channel | str | None = "email",
        customer_message: str | None = None,
        customer_name: str | None = None,
        input_format: InputFormat | None = "auto",
        disable: Sequence[str] | str | None = (),
        template: bool | None = None,
        agent_name: str | None = None,
    ) -> Report:
        """Check one reply. Raises :class:`InputError` for an empty or oversized reply,
        or a bad argument.

        ``template=True`` reads the text as a macro kept in a repository, where
        placeholders are expected (``template_residue`` fails only on a drafting mark
        such as TODO, a conditional never closed, a closing tag that closes none or an
        ``{% else %}`` outside its block);
        ``False`` as a reply about to be sent; ``None`` (the default) takes the
        configuration's ``template`` setting, itself False unless set.

        ``disable`` names rules (ids, prefixes or check names) not to report for this
        reply, as a ``replylint: disable=`` directive in the reply would; a single name
        may be given as a string, and None disables nothing. A name no rule has is an
        :class:`InputError`. ``input_format`` None is "auto", as ``channel`` None is
        e-mail: a ticket system's missing field (a database's NULL) is the default.

        ``agent_name`` (a name or an e-mail address) tells the agent's turns in a chat
        transcript given as the reply whose speaker labels are names alone; the
        customer's name does too, by telling theirs."""
        _refuse_an_input("check", reply)
        item = self.reply_input(
            reply=reply, channel=channel, customer_message=customer_message,
            customer_name=customer_name, input_format=input_format,
            disable=disable,  # a str is one name (see ReplyInput)
            template=template, agent_name=agent_name,
        )  # fmt: skip
        outcome = next(self._stream([item], batch_size=1, plugin_errors="raise"))
        if isinstance(outcome, ReplyError):
            raise InputError(outcome.error)
        return outcome

    def analyze(
        self,
        reply: str,
        *,
        channel: Channel | str | None = "email",
        customer_message: str | None = None,
        customer_name: str | None = None,
        input_format: InputFormat | None = "auto",
        template: bool | None = None,
        agent_name: str | None = None,
    ) -> AnalyzedReply:
        """The analysed reply every rule reads (for debugging rules and writing plugins).
        Raises :class:`InputError` for what ``check`` refuses."""
        _refuse_an_input("analyze", reply)
        item = self.reply_input(
            reply=reply, channel=channel, customer_message=customer_message,
            customer_name=customer_name, input_format=input_format, template=template,
            agent_name=agent_name,
        )  # fmt: skip
        _, analyzed = next(self._analyze_many([item], batch_size=1))
        if isinstance(analyzed, InputError):
            raise analyzed
        return analyzed

    def reply_input(self, **fields: Any) -> ReplyInput:
        """One reply's :class:`ReplyInput` (the fields ``check`` takes, and ``id``), its
        channel read with the configuration's ``channel_names`` before the built-in
        names, as ``check`` reads it and ``score`` reads a channel cell: an item for
        ``check_many`` built as ``ReplyInput(...)`` knows the built-in names only. A bad
        field is an :class:`InputError`."""
        try:
            return ReplyInput.model_validate(
                fields, context={CHANNEL_NAMES: self.config.channel_names}
            )
        except ValidationError as exc:
            raise InputError(_first_error(exc)) from None

    def check_many(
        self, items: Iterable[ReplyInput | str], *, batch_size: int = 256
    ) -> Iterator[Report | ReportWithId | ReplyError]:
        """Check a stream of replies lazily, tokenising them together with ``nlp.pipe``.

        Yields one result per item, in order: a :class:`Report` (a :class:`ReportWithId`
        carrying the item's ``id`` when it has one, as ``replylint serve`` answers), or a
        :class:`ReplyError` (with the item's ``id`` and position) for an item that cannot
        be checked (empty, too long, not a reply at all), and goes on with the rest.
        Raises :class:`InputError` at once when ``items`` is not a stream of replies, or
        ``batch_size`` is not from 1 to :data:`MAX_BATCH_SIZE`. Items built with
        :meth:`reply_input` read the configuration's ``channel_names``; so does an item
        built as ``ReplyInput(...)``, whose channel name is read again with them (the
        report's ``channel`` says what it was checked as)."""
        if isinstance(items, (str, bytes)) or not isinstance(items, Iterable):
            raise InputError(
                "check_many takes an iterable of replies (str or ReplyInput), got "
                f"{type(items).__name__}; to check one reply use check()"
            )
        if isinstance(items, Mapping):  # iterating it would check its keys
            raise InputError(
                f"check_many takes an iterable of replies, got a {type(items).__name__} (its "
                "keys would be checked); pass ReplyInput(id=key, reply=value) for each item"
            )
        if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
            raise InputError(f"batch_size must be a whole number from 1 up, not {batch_size!r}")
        if batch_size > MAX_BATCH_SIZE:
            raise InputError(
                f"batch_size {batch_size:,} would hold that many parsed replies in memory "
                "(tens of kilobytes each) before the first result; give at most "
                f"{MAX_BATCH_SIZE:,} (the default, 256, is as fast: results stream either way)"
            )
        return self._stream(items, batch_size)

    def _stream(
        self,
        items: Iterable[object],
        batch_size: int,
        *,
        plugin_errors: Literal["raise", "report"] = "report",
    ) -> Iterator[Report | ReportWithId | ReplyError]:
        """Each item's report or error, in order. A rule plugin that fails on a reply
        (:class:`PluginError`, naming it) is raised (``check``: there is no other reply),
        or reported as that item's error (``check_many``: the others are still checked)."""
        names = self.config.channel_names
        inputs = (_as_input(index, item, names) for index, item in enumerate(items))
        analyzed = self._analyze_many(inputs, batch_size)
        for chunk in _batched(enumerate(analyzed), batch_size):
            # the rules for each reply, then the model once for the whole chunk (one call
            # into the classifier costs about as much for 1 reply as for 50)
            runs = {}
            failed: dict[int, PluginError] = {}
            for index, (_, outcome) in chunk:
                if isinstance(outcome, InputError):
                    continue
                try:
                    runs[index] = (outcome, self._run_rules(outcome))
                except PluginError as exc:
                    if plugin_errors == "raise":
                        raise
                    failed[index] = exc
            opinions = self._opinions(list(runs.values()))
            for index, (item, outcome) in chunk:
                if isinstance(outcome, InputError) or index in failed:
                    error = failed.get(index, outcome)
                    item_id = item.id if isinstance(item, ReplyInput) else None
                    yield ReplyError(id=item_id, index=index, error=str(error))
                else:
                    report = self._report(outcome, runs[index][1], opinions.get(id(outcome)))
                    outcome.release()  # its doc is freed now, not by the cycle collector
                    assert isinstance(item, ReplyInput)  # (an item that is none is an error)
                    if item.id is None:
                        yield report
                    else:  # (its fields are checked already: no second validation per reply)
                        yield ReportWithId.model_construct(**dict(report), id=item.id)

    def _analyze_many(
        self, inputs: Iterable[ReplyInput | InputError], batch_size: int
    ) -> Iterator[tuple[ReplyInput | InputError, AnalyzedReply | InputError]]:
        """Each input with its analysis, or with why it has none, in input order."""
        prepared = ((item, self._normalize_or_error(item)) for item in inputs)
        nlp = self._pipeline.nlp
        for batch in _batched(prepared, batch_size):
            ready = [n for _, n in batch if not isinstance(n, InputError)]
            with self._nlp_lock:
                texts = [normalized.text for normalized in ready]
                # one text (``check``, a chunk's last): the pipeline called on it, the
                # same components on the same doc without ``pipe``'s batching generators
                made = [nlp(texts[0])] if len(texts) == 1 else nlp.pipe(texts)
                docs = iter([remember_text(d, t) for d, t in zip(made, texts, strict=True)])
            for item, normalized in batch:
                if isinstance(normalized, InputError):
                    yield item, normalized
                    continue
                assert isinstance(item, ReplyInput)  # an InputError item "normalises" to itself
                doc = next(docs)
                yield (
                    item,
                    AnalyzedReply(
                        normalized=normalized,
                        doc=doc,
                        channel=item.channel,
                        customer_text=_customer_text(item.customer_message, normalized),
                        customer_name=item.customer_name,
                        analyses=self._analyses,
                        disable=item.disable,
                        template=(
                            item.template
                            if item.template is not None
                            else bool(self.config.template)
                        ),
                    ),
                )

    def _normalize_or_error(self, item: ReplyInput | InputError) -> NormalizedReply | InputError:
        if isinstance(item, InputError):
            return item
        try:
            return self._normalize(item)
        except InputError as error:
            return error

    def _normalize(self, item: ReplyInput) -> NormalizedReply:
        unknown = [n for n in item.disable if n != "all" and not self.rule_names.knows(n)]
        if unknown:
            raise InputError(self.rule_names.unknown("disable", unknown[0]))
        if len(item.reply) > self.config.max_reply_chars:
            raise InputError(
                f"the reply has {len(item.reply):,} characters, over the limit of "
                f"{self.config.max_reply_chars:,}; split it or raise the max-reply-chars "
                "setting"
            )
        normalized = normalize(
            item.reply,
            input_format=item.input_format,
            agent_name=item.agent_name,
            customer_name=item.customer_name,
        )
        if len(normalized.text) > self._pipeline.nlp.max_length:
            raise InputError(
                f"the reply is {len(normalized.text):,} characters once normalised, over the "
                f"{self._pipeline.nlp.max_length:,} the NLP pipeline accepts; split it"
            )
        transcript = normalized.transcript
        if transcript is not None and transcript.unanswered:
            raise InputError(f"{NOTHING_LEFT}: {transcript.nothing_to_check()}")
        if not normalized.text.strip():
            raise InputError(
                f"{NOTHING_LEFT} (nothing left to check after removing markup, template "
                "tags, front matter, quoted history and signatures); write the text the "
                "customer reads, or leave it out"
            )
        return normalized

    def _run_rules(self, reply: AnalyzedReply) -> _RuleRun:
        """The rules' outcomes on one reply (none of the English-only ones for a reply
        in another language), and what the model should read of them."""
        checks: dict[str, CheckResult] = {}
        rules = self._rules_on.get(reply.channel, self.rules)
        language = detect_language(reply.normalized.text)
        if language is not None:
            checks, rules = _out_of_reach(language, rules)
        outcomes = [(rule, _run_rule(rule, reply)) for rule in rules]
        views = None
        if self.model is not None and language is None:
            views = _model_views(self.model, outcomes, self._feature_rules, reply)
        return _RuleRun(language=language, checks=checks, outcomes=outcomes, views=views)

    def _opinions(
        self, runs: list[tuple[AnalyzedReply, _RuleRun]]
    ) -> dict[int, dict[str, Opinion]]:
        """The model's opinions on the replies that need them, keyed by ``id(reply)``,
        from one call into the classifier."""
        wanted = [(reply, run.views) for reply, run in runs if run.views is not None]
        if self.model is None or not wanted:
            return {}
        opinions = self.model.opinions_many(wanted)
        return {id(reply): found for (reply, _), found in zip(wanted, opinions, strict=True)}

    def _report(
        self,
        reply: AnalyzedReply,
        run: _RuleRun | None = None,
        opinions: dict[str, Opinion] | None = None,
    ) -> Report:
        """The rules' outcomes (run here unless given) settled by the model where it
        decides, then their findings through the filters in order: confidence, the
        channel's optional checks, suppressions."""
        if run is None:
            run = self._run_rules(reply)
            opinions = self._opinions([(reply, run)]).get(id(reply))
        language = run.language
        checks = dict(run.checks)
        weights: dict[str, int] = {}
        findings: list[Finding] = []
        #: findings under ``min_confidence``: hidden from the report, still scored
        unsure: list[Finding] = []
        optional = self._optional_on.get(reply.channel, _NOTHING_OPTIONAL)
        outcomes = run.outcomes
        if self.model is not None and opinions is not None:
            outcomes = _judged(self.model, reply, outcomes, opinions)
        for rule, outcome in outcomes:
            verdict = outcome.verdict
            if verdict is not None:
                weights[rule.check_name] = rule.weight
                if rule.check_name in optional:
                    checks[rule.check_name] = _optional(verdict, reply.channel)
                    continue  # a presence rule's only finding is "missing"
                checks[rule.check_name] = verdict
            for finding in outcome.findings:
                sure = finding.confidence >= self.config.min_confidence
                (findings if sure else unsure).append(finding)
        ordered = {name: checks.pop(name, _NOT_ENABLED) for name in REPORTED_CHECKS}
        ordered.update(sorted(checks.items()))
        checks = ordered
        suppressed: list[Finding] = []
        if reply.normalized.directives or reply.normalized.malformed or reply.disable:
            directives, visible = honoured_in(
                reply.original,
                reply.normalized.directives,
                template=reply.template,
                html=reply.normalized.is_html,
            )
            # a directive silences an unsure finding too (hidden, it is still scored), and
            # is used by it: "unused" would advise removing what keeps the score up
            hidden_used: dict[tuple[int, str], int] = {}
            if unsure:
                hidden = apply_suppressions(unsure, reply.original, directives, reply.disable)
                unsure, hidden_used = hidden.kept, hidden.used
            findings, suppressed = self._suppress(
                reply, findings, hidden_used, directives, (*reply.normalized.malformed, *visible)
            )
        scored = _one_finding_per_banned_term([*findings, *unsure]) if unsure else None
        findings = _one_finding_per_banned_term(findings)
        excused = optional | {f.check for f in suppressed if f.check in checks}
        findings.sort(key=lambda f: (f.start, f.end, f.rule))
        notices = list(self.notices)
        if reply.normalized.transcript is not None:
            notices.append(reply.normalized.transcript.notice())
        if language is not None:
            notices.append(language.notice())
        return Report(
            schema_version=SCHEMA_VERSION,
            channel=reply.channel,
            language=language.code if language is not None else ENGLISH,
            checks=checks,
            findings=findings,
            # min_confidence hides findings, it does not raise the score: a team's
            # `min-confidence = 0.6` dropped the jargon it doubted from the penalty too,
            # and its scores were not those of a run without it. A reply in another
            # language has none (see scoring.py): its English checks did not read it
            score=(
                score(checks, weights, findings if scored is None else scored, excused)
                if language is None
                else None
            ),
            notices=notices,
            suppressed=len(suppressed),
            below_confidence=len(_one_finding_per_banned_term(unsure)),
        )

    def _suppress(
        self,
        reply: AnalyzedReply,
        findings: list[Finding],
        hidden_used: Mapping[tuple[int, str], int],
        directives: tuple[Directive, ...],
        malformed: tuple[MalformedDirective, ...],
    ) -> tuple[list[Finding], list[Finding]]:
        """The findings kept (with those about the directives themselves) and those the
        reply's ``directives`` or the caller's ``disable`` silenced. ``select`` does not
        hide the findings about directives (a typo must not silently do nothing); the
        configuration's or the channel's ``ignore`` does. ``hidden_used``: what each
        directive silenced among the findings ``min_confidence`` hides, which uses it
        as much as a shown one does. ``malformed``: what is meant as a directive and
        silences nothing (see :func:`~replylint.suppression.honoured_in`)."""
        silenced = apply_suppressions(findings, reply.original, directives, reply.disable)
        for key, count in hidden_used.items():
            silenced.used[key] = silenced.used.get(key, 0) + count
        kept = silenced.kept
        if directives or malformed:
            ran = self._rules_on.get(reply.channel, self.rules)
            about_directives = directive_findings(
                reply.original,
                directives,
                silenced.used,
                self.rule_names,
                report_unused=self.config.report_unused_suppressions,
                malformed=malformed,
                ran=[(rule.id, rule.check_name) for rule in ran],
            )
            profile = self.config.channels.get(reply.channel)
            channel_ignore = profile.ignore if profile is not None else ()
            kept.extend(not_ignored(about_directives, self.config.ignore, channel_ignore))
        return kept, silenced.suppressed


#: The rule that reports the glossary's banned terms (``replylint/checks/banned_terms.py``).
BANNED_TERMS = "banned_terms"


def _one_finding_per_banned_term(findings: list[Finding]) -> list[Finding]:
    """``findings`` less those another rule reports on the very words a banned_terms
    finding covers: a team that bans "per our policy" got that finding and the shipped
    ``tone.cold_phrases``' on the same words, with the same advice, and lost points
    twice. The team's ban speaks for both, as it does for a banned term that is jargon.
    (banned_terms turned off or suppressed, the other rule's finding stays.)"""
    banned = {(f.start, f.end) for f in findings if f.rule == BANNED_TERMS}
    if not banned:
        return findings
    return [f for f in findings if f.rule == BANNED_TERMS or (f.start, f.end) not in banned]


def _load_packs(config: LinterConfig, texts: Mapping[str, str] | None) -> PackSet:
    """The built-in packs and the configuration's (``texts``: some of them as read
    before). A pack the configuration file named that cannot be loaded (not there, not a
    pack) is an error naming that file and its ``packs`` key first, as an unusable
    ``model`` is: the path came from there."""
    try:
        return PackSet.load([*builtin_pack_paths(), *config.packs], texts)
    except PackError as exc:
        name = str(exc.path.resolve()) if exc.path is not None else ""
        if not config.wrote("packs", name):  # a --pack, or a problem of no one pack
            raise
        raise PackError(config.located("packs", name, f"packs: {exc}"), exc.path) from None


def _load_model(config: LinterConfig, path: Path, nlp: Language) -> ChecksModel:
    """The checks model of a model directory, loaded; a ConfigError if unusable, naming
    the configuration file when that file chose the model, as its other errors do."""
    try:
        return ChecksModel.load(path, nlp)
    except ModelError as exc:
        raise ConfigError(config.located("model", config.model, str(exc))) from None


def _load_problem_model(config: LinterConfig, path: Path | None) -> ProblemModel | None:
    """The customer-problem model of a model directory (None: the rules alone, or a
    model trained without problem labels); a ConfigError naming the configuration file
    when it is unusable."""
    try:
        return load_problem_model(path)
    except ProblemModelError as exc:
        raise ConfigError(config.located("model", config.model, f"model: {exc}")) from None


@dataclass(frozen=True)
class _RuleRun:
    """The rules' outcomes on one reply, before the model settles its checks."""

    language: DetectedLanguage | None
    #: Verdicts already settled (the English-only checks of a reply in another language).
    checks: dict[str, CheckResult]
    outcomes: list[tuple[Rule, RuleOutcome]]
    #: What the model reads of the rules' verdicts; None when it has nothing to decide.
    views: dict[str, RuleView] | None


def _model_views(
    model: ChecksModel,
    outcomes: list[tuple[Rule, RuleOutcome]],
    feature_rules: Mapping[str, Rule],
    reply: AnalyzedReply,
) -> dict[str, RuleView] | None:
    """The rules' verdicts as the model reads them, or None when the model decides none
    of the checks that ran and tempers none. The model was trained reading every core
    rule's verdict, so a check left out of this run is read from its rule all the same:
    otherwise which checks a team selects would change the model's verdict on the
    others."""
    ran = {
        rule.check_name: outcome
        for rule, outcome in outcomes
        if rule.check_name in _MODEL_CHECKS and outcome.verdict is not None
    }
    if model.consulted.isdisjoint(ran):
        return None
    for check, rule in feature_rules.items():
        if check not in ran:
            outcome = _run_rule(rule, reply)
            if outcome.verdict is not None:
                ran[check] = outcome
    return {check: rule_view(outcome) for check, outcome in ran.items()}


def _feature_rules(
    available: Sequence[type[Rule]],
    built: Sequence[Rule],
    context: RuleContext,
    options: Mapping[str, Any],
) -> dict[str, Rule]:
    """The rule of each check the model reads: the one configured when it runs, else the
    built-in rule with the configuration's options (its severity does not matter: it
    reports nothing)."""
    rules = {r.check_name: r for r in built if r.check_name in _MODEL_CHECKS}
    for cls in available:
        built_in = cls.__module__.startswith("replylint.checks.")
        if built_in and cls.check_name in _MODEL_CHECKS and cls.check_name not in rules:
            rules[cls.check_name] = cls(context, options.get(cls.id), None)
    return rules


#: :data:`MODEL_CHECKS` for membership tests (every rule's outcome of every reply).
_MODEL_CHECKS = frozenset(MODEL_CHECKS)


def _judged(
    model: ChecksModel,
    reply: AnalyzedReply,
    outcomes: list[tuple[Rule, RuleOutcome]],
    opinions: dict[str, Opinion],
) -> list[tuple[Rule, RuleOutcome]]:
    """The rules' outcomes with the checks the model decides settled by it, those it adds
    to added to and those it tempers tempered, then the checks that only apply after another
    (``PresenceRule.only_after``) withdrawn where the model overruled the check they
    build on."""
    judged = []
    decided, tempered, consulted = model.decided, model.tempered, model.consulted
    added: dict[str, Span] = {}
    for rule, outcome in outcomes:
        check = rule.check_name
        # (the cheap tests first: a rule's class is an ABC, slow to test, and few rules'
        # checks are the model's)
        if check in consulted and check in opinions and isinstance(rule, PresenceRule):
            calibration, opinion = model.card.checks[check], opinions[check]
            found_by_rule = outcome.verdict is not None and outcome.verdict.present
            if check in decided:
                outcome = judge(rule, reply, outcome, opinion, calibration)
            else:
                outcome = add(outcome, opinion, calibration)
                if check in tempered:  # (a check the model added is done: nothing to temper)
                    outcome = temper(outcome, opinion, calibration)
            verdict = outcome.verdict
            model_found = verdict is not None and verdict.present and not found_by_rule
            if model_found and outcome.evidence is not None:
                added[check] = outcome.evidence
        judged.append((rule, outcome))
    return _after_their_basis(_on_added_basis(reply, judged, added) if added else judged)


def _on_added_basis(
    reply: AnalyzedReply,
    outcomes: list[tuple[Rule, RuleOutcome]],
    added: dict[str, Span],
) -> list[tuple[Rule, RuleOutcome]]:
    """Each ``only_after`` (or ``done_by``) check whose basis the model found where the
    rules did not (``added``: the check and the model's sentence) decided again on that
    sentence (``PresenceRule.detect_after``): "the reply has no next step" or "a refusal
    with no next step" under a report whose next step the model found would contradict
    itself, and the step may say when."""
    settled = []
    for rule, outcome in outcomes:
        if isinstance(rule, PresenceRule) and (rule.only_after in added or rule.done_by in added):
            basis = rule.only_after if rule.only_after in added else rule.done_by
            assert basis is not None
            verdict = rule.detect_after(reply, added[basis])
            if verdict is not None:
                outcome = rule.outcome(reply, verdict)
        settled.append((rule, outcome))
    return settled


def _after_their_basis(
    outcomes: list[tuple[Rule, RuleOutcome]],
) -> list[tuple[Rule, RuleOutcome]]:
    """Each ``only_after`` check found present while the check it builds on was judged
    missing by the model: not applicable, with no evidence. The rules alone never
    disagree with themselves (the timeframe rule reads the next-step rule's steps); the
    model can, and a report saying "the step says when" under "no next step" would
    contradict itself (the guide: always false when there is no next step)."""
    missing = {
        rule.check_name: outcome.verdict.confidence
        for rule, outcome in outcomes
        if outcome.verdict is not None
        and outcome.verdict.decided_by == "model"
        and outcome.verdict.applicable
        and not outcome.verdict.present
    }
    if not missing:
        return outcomes
    settled = []
    for rule, outcome in outcomes:
        verdict = outcome.verdict
        # (the verdict first: most rules have none, and a rule's class is slow to test)
        applicable = verdict is not None and verdict.applicable
        basis = rule.only_after if applicable and isinstance(rule, PresenceRule) else None
        if basis in missing:
            withdrawn = CheckResult(
                present=False,
                applicable=False,
                reason=f"the model reads no {basis} in the reply",
                confidence=missing[basis],  # how sure the model is that there is none
                decided_by="model",
            )
            outcome = RuleOutcome(verdict=withdrawn, findings=[], evidence=None)
        settled.append((rule, outcome))
    return settled


#: How the error of a reply with nothing left to check begins (only quoted history, a
#: signature): such a reply is checked, and nothing is present (``replylint eval``).
NOTHING_LEFT = "the reply is empty"
_NOTHING_OPTIONAL: frozenset[str] = frozenset()
_NOT_ENABLED = CheckResult(present=False, applicable=False, reason=NOT_ENABLED_REASON)


def _rule_names(classes: Sequence[type[Rule]], specs: Sequence[PackRuleSpec]) -> RuleNames:
    """Every rule id and check name there is, enabled or not, with the findings about
    suppressions (``ignore = ["suppression"]`` turns those off)."""
    rule_ids = {c.id for c in classes} | {r.id for r in specs} | set(DIRECTIVE_RULES)
    checks = {c.check_name for c in classes} | {r.check for r in specs} | {DIRECTIVE_CHECK}
    verdicts = frozenset(c.check_name for c in classes if issubclass(c, PresenceRule))
    return RuleNames(rule_ids=frozenset(rule_ids), checks=frozenset(checks), verdicts=verdicts)


def as_config(config: LinterConfig | Mapping[str, Any] | None) -> LinterConfig:
    """The configuration as a validated :class:`LinterConfig`: a mapping of its fields is
    validated as one (what :class:`Linter` and :class:`replylint.batch.job.ScoreJob`
    accept)."""
    if config is None:
        return LinterConfig()
    if isinstance(config, LinterConfig):
        return config
    if isinstance(config, (str, os.PathLike)):  # a file's path: say how to read one
        raise ConfigError(
            "the configuration must be a LinterConfig or a mapping of its fields, not a "
            f"file's path; read the file with load_linter_config(Path({os.fspath(config)!r})) "
            "and pass what it returns"
        )
    if not isinstance(config, Mapping):
        raise ConfigError(
            "the configuration must be a LinterConfig or a mapping of its fields, "
            f"got {type(config).__name__}"
        )
    try:
        return LinterConfig.model_validate(config)
    except ValidationError as exc:
        raise settings_error(exc, LinterConfig, "configuration") from None


def checked_rule_settings(
    config: LinterConfig, names: RuleNames, settable: Mapping[str, type[RuleOptions]]
) -> dict[str, RuleOptions]:
    """Each ``[rules.ID.options]`` of ``config``, validated, once every rule name it uses
    is known to be a rule's. Else one :class:`ConfigError` naming every unknown name and
    every wrong option together, each on a line of its own: found one at a time, a file
    with three mistakes took three runs to fix."""
    problems = rule_name_problems(config, names, settable)
    options: dict[str, RuleOptions] = {}
    for rule_id, settings in config.rules.items():
        if rule_id not in settable:  # (said among the names)
            continue
        checked = _rule_options(config, rule_id, settings, settable[rule_id])
        if isinstance(checked, RuleOptions):
            options[rule_id] = checked
        else:
            problems += checked
    if problems:
        raise ConfigError("\n".join(problems))
    return options


def _rule_options(
    config: LinterConfig, rule_id: str, settings: RuleSettings, model: type[RuleOptions]
) -> RuleOptions | list[str]:
    """``[rules.ID.options]`` validated against the options the rule declares, or what is
    wrong with each option that is not (a misspelt or mistyped one is an error naming it
    instead of a default silently used), as the file names it.

    Read as JSON, strictly: a configuration's values are JSON's or TOML's types, and a
    quoted number or boolean ("12", "yes") is a mistake to point at, where pydantic's
    lax Python mode would convert it; strict JSON still takes a list for a tuple, a
    string for a path or an enum's value, a whole number for a float."""
    try:
        as_json = json.dumps(settings.options, default=str)
        return model.model_validate_json(as_json, strict=True)
    except ValidationError as exc:
        return [
            config.located("rules", rule_id, _option_problem(rule_id, error, model))
            for error in exc.errors()
        ]


def _option_problem(rule_id: str, error: ErrorDetails, model: type[RuleOptions]) -> str:
    """One thing wrong with ``[rules.ID.options]``, naming the option."""
    key = ".".join(["rules", rule_id, "options", *(str(p) for p in error["loc"])])
    if error["type"] == "extra_forbidden":
        allowed = ", ".join(f.alias or n for n, f in model.model_fields.items()) or "none"
        return f"{key}: unknown option (allowed: {allowed})"
    return f"{key}: {validation_message(error)}"


def _runs_no_rule(config: LinterConfig) -> str:
    """Why a configuration that leaves no rule to run is refused: every reply would pass
    with 100/100, and a gate built on it would pass everything (``select = ["jargon"]``
    in a file and ``--ignore jargon`` on the command line cancel out). Each list says
    where its names came from, so the user knows what to edit."""
    if not config.ignore or (config.select is not None and set(config.select) <= {DIRECTIVE_CHECK}):
        return (
            f"select {config.select}{_written_where(config, 'select', config.select or [])} "
            "runs no rule, so every reply would pass with 100/100 (`suppression` only "
            "reports on the directives beside rules that run); select a rule too "
            "(`replylint rules` lists them)"
        )
    chosen = (
        f"select {config.select}{_written_where(config, 'select', config.select)} and "
        if config.select is not None
        else ""
    )
    return (
        f"{chosen}ignore {config.ignore}{_written_where(config, 'ignore', config.ignore)} "
        "leave no rule to run, so every reply would pass with 100/100; remove a name from "
        "ignore, or select other rules (`replylint rules` lists them)"
    )


def _selected_and_ignored(config: LinterConfig, names: Sequence[str]) -> str:
    """Why a name both selected and ignored is refused: the rule asked for (``--select
    jargon,greeting``) was silently not run, ignored by the configuration file."""
    listed = ", ".join(names)
    return (
        f"{listed}: both selected{_written_where(config, 'select', names)} and "
        f"ignored{_written_where(config, 'ignore', names)}, so it would not run; remove it "
        "from ignore to run it, or from select to leave it out"
    )


def _written_where(config: LinterConfig, key: str, names: Sequence[str]) -> str:
    """Where ``names`` under ``key`` came from: the configuration file, the command line
    or the library's settings (``--ignore`` adds to the file's list), or both."""
    if config.source is None:
        return ""
    in_file = [n for n in names if config.wrote(key, n)]
    flag = f"--{key}"
    if len(in_file) == len(names):
        return f" (from {config.source.path})"
    if not in_file:
        return f" (from {flag})"
    given = [n for n in names if n not in in_file]
    return f" ({', '.join(in_file)} from {config.source.path}; {', '.join(given)} from {flag})"


def _run_rule(rule: Rule, reply: AnalyzedReply) -> RuleOutcome:
    """``rule``'s outcome on ``reply``. A rule plugin that raises, or returns what is no
    outcome (or another rule's finding), is a :class:`PluginFailed` naming it and its
    package: the fault is the plugin's, to be fixed or uninstalled, not replylint's (an
    exception of a built-in rule stays what it is: a bug in replylint)."""
    if rule.__module__.startswith("replylint."):
        return rule.run(reply)
    try:
        outcome = rule.run(reply)
        if not isinstance(outcome, RuleOutcome):
            raise TypeError(f"run() returned {type(outcome).__name__}, not a RuleOutcome")
        for finding in outcome.findings:
            if not isinstance(finding, Finding):
                raise TypeError(f"a finding is a {type(finding).__name__}, not a Finding")
            if (finding.rule, finding.check) != (rule.id, rule.check_name):
                # reported as that rule's: past this rule's `ignore`, severity and directives
                raise TypeError(
                    f"a finding of the rule {finding.rule!r} (check {finding.check!r}), not "
                    "of this rule; build findings with self.finding(...), which gives them "
                    "this rule's id, check and severity"
                )
        return outcome
    except Exception as exc:
        raise PluginFailed(plugin_name(type(rule)), exc, rule.id) from exc


def _channel_runs_no_rule(config: LinterConfig, channel: Channel) -> str:
    """Why a channel profile whose ``ignore`` leaves no rule to run on its channel is
    refused: every reply of that channel would pass with 100/100, as with a ``select``
    and ``ignore`` that cancel out. A ``select`` (``--select`` on the command line, most
    often) that leaves only the ignored rules is named too, with where it came from: the
    error blamed the file's profile alone, which ran rules until the flag was given."""
    ignore = config.channels[channel].ignore
    where = f"{config.source.path}: " if config.source is not None else ""
    selected = (
        f" of select {config.select}{_written_where(config, 'select', config.select)}"
        if config.select is not None
        else ""
    )
    return (
        f"{where}channels.{channel}: ignore {ignore} leaves no rule to run on {channel} "
        f"replies{selected}, so every {channel} reply would pass with 100/100; remove a "
        f"name from channels.{channel}.ignore{', select other rules' if selected else ''}, "
        f"or make a check optional there instead (channels.{channel}.optional) to keep "
        "its verdict without reporting its absence"
    )


def _as_input(
    index: int, item: object, channel_names: Mapping[str, Channel]
) -> ReplyInput | InputError:
    """A stream's item as a :class:`ReplyInput`, or why it is not one; an item built
    without a team's names has its channel read again with ``channel_names``."""
    if isinstance(item, ReplyInput):
        return item.with_channel_names(channel_names)
    if isinstance(item, str):
        return ReplyInput(reply=item)
    expected = f"item {index}: expected a reply (a str or a ReplyInput), got {type(item).__name__}"
    if isinstance(item, Mapping):  # a ticket's fields, as replylint serve takes them
        return InputError(f"{expected}; pass ReplyInput(**item) for a mapping of its fields")
    return InputError(expected)


def _out_of_reach(
    language: DetectedLanguage, rules: Sequence[Rule]
) -> tuple[dict[str, CheckResult], tuple[Rule, ...]]:
    """For a reply in another language: the verdicts of the checks whose rules cannot
    read it (not applicable, saying why), and the rules that can."""
    reason = (
        f"the reply looks like {language.name} ({language.code}); this check reads English only"
    )
    skipped = CheckResult(present=False, applicable=False, reason=reason)
    readable = [r for r in rules if r.languages is None or language.code in r.languages]
    checks = {rule.check_name: skipped for rule in rules if rule not in readable}
    return checks, tuple(readable)


def _optional(verdict: CheckResult, channel: str) -> CheckResult:
    """The verdict of a check the channel's profile makes optional: still truthful about
    what the reply contains, but a missing element is not held against it."""
    reason = verdict.reason
    if verdict.applicable and not verdict.present:
        reason = f"optional on {channel} replies (channel profile)"
    return CheckResult(
        present=verdict.present,
        applicable=verdict.applicable,
        reason=reason,
        evidence=verdict.evidence,
        optional=True,
    )


def _refuse_an_input(method: str, reply: object) -> None:
    """A :class:`ReplyInput` given to ``check`` or ``analyze`` (``method``) as the reply
    is an :class:`InputError` saying where it goes: it was "reply: Input should be a
    valid string", which does not say that the fields go as keywords."""
    if isinstance(reply, ReplyInput):
        raise InputError(
            f"{method}() takes the reply's text, not a ReplyInput; give its fields "
            f"({method}(item.reply, channel=item.channel, ...)), or pass ReplyInputs to "
            "check_many(), which yields a report for each"
        )


def _first_error(exc: ValidationError) -> str:
    """The first problem with a reply's arguments, as "where: what" (``check``'s keywords
    are fixed, so it is never an unknown one)."""
    error = exc.errors()[0]
    where = ".".join(str(p) for p in error["loc"])
    return f"{where}: {validation_message(error)}"


def _customer_text(given: str | None, normalized: NormalizedReply) -> str | None:
    """The customer's words the reply answers: the message given with it, else the
    customer's turns of a chat transcript given as the reply; their own words only."""
    if given is None and normalized.transcript is not None:
        given = normalized.transcript.customer_text
    return None if given is None else own_words(given)


def _batched(iterable: Iterable[T], size: int) -> Iterator[list[T]]:
    """``iterable`` in lists of ``size``. When it raises midway (a caller's generator
    whose database cursor closed), the items read before are yielded first and the error
    raised after them: they were taken from the caller's source, which cannot give them
    again, and their results were lost with the unfinished batch (``check_many`` gave no
    result for the 255 replies read before a failure at the 256th)."""
    batch: list[T] = []
    items = iter(iterable)
    while True:
        try:
            item = next(items)
        except StopIteration:
            break
        except Exception:
            if batch:
                yield batch
            raise
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
