"""Which checks a batch run reports: one source for every place that lists them (the
CSV and Parquet columns, the summary, the run record), taken from the configured rules.

A rule plugin's presence check counts in each reply's score by its weight; a list of
checks written down here would leave it out of the columns and summaries that explain
those scores.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, get_args

from replylint.report import REPORTED_CHECKS, Channel

if TYPE_CHECKING:
    from replylint.config import LinterConfig
    from replylint.linter import Linter
    from replylint.rule import Rule


def reported_checks(rules: Iterable[Rule]) -> tuple[str, ...]:
    """The checks results of ``rules`` carry a verdict for, in a report's order: every
    built-in check (a report always carries them, "not enabled" when turned off), then
    each further check a configured rule decides (a plugin's presence rule), by name."""
    from replylint.rule import PresenceRule  # (spaCy: `report` reads results without it)

    further = {rule.check_name for rule in rules if isinstance(rule, PresenceRule)}
    return in_report_order(further)


@dataclass(frozen=True)
class ChannelVerdicts:
    """The checks a run's result on one channel holds verdicts for: ``required``, each
    check of :func:`reported_checks` whose rule runs there (a report always carries the
    built-in ones, and a plugin's presence rule decides its check on every reply it
    reads); ``possible``, those and any other check a rule running there may decide
    (``jargon`` and ``tone`` give one on some replies only)."""

    required: frozenset[str]
    possible: frozenset[str]

    def lacking(self, held: Iterable[str]) -> tuple[str, ...]:
        """The required checks a result holding verdicts for ``held`` lacks."""
        return tuple(sorted(self.required - set(held)))

    def foreign(self, held: Iterable[str]) -> tuple[str, ...]:
        """The checks of ``held`` no rule of the run decides on the channel."""
        return tuple(sorted(set(held) - self.possible))


def verdicts_by_channel(linter: Linter) -> dict[str, ChannelVerdicts]:
    """What a result of ``linter`` holds verdicts for, by the reply's channel (one a
    channel's profile ignores gives none there): what a JSONL result must hold to be
    one this run would write, since ``--resume`` appends to no other
    (:class:`~replylint.batch.writers.WrittenResults`)."""
    reported = set(reported_checks(linter.rules))
    verdicts: dict[str, ChannelVerdicts] = {}
    for channel in get_args(Channel):
        run_there = linter.checks_run(channel)
        verdicts[channel] = ChannelVerdicts(
            required=frozenset(REPORTED_CHECKS) | (reported & run_there),
            possible=frozenset(REPORTED_CHECKS) | run_there,
        )
    return verdicts


def configured_checks(
    config: LinterConfig, rule_classes: Iterable[type[Rule]] | None = None
) -> tuple[str, ...]:
    """The checks a :class:`~replylint.linter.Linter` built from ``config`` reports
    (:func:`reported_checks` of its rules), known without building one: from the rule
    classes installed (the ``replylint.rules`` entry points, unless ``rule_classes``
    are given) and what the configuration selects. Building a Linter loads the spaCy
    model, seconds a Dask worker would spend asked about its plugins in its event loop;
    this costs the rules' import. It validates nothing of ``config`` (a Linter does)."""
    from replylint.registry import discover_rule_classes
    from replylint.rule import PresenceRule

    classes = discover_rule_classes() if rule_classes is None else rule_classes
    further = {
        rule.check_name
        for rule in classes
        if issubclass(rule, PresenceRule) and config.selects(rule.id, rule.check_name)
    }
    return in_report_order(further)


def in_report_order(checks: Iterable[str]) -> tuple[str, ...]:
    """The built-in checks, then ``checks`` that are not built in, by name: the order
    of a report's checks (and so of the columns and summary lines)."""
    return REPORTED_CHECKS + tuple(sorted(set(checks) - set(REPORTED_CHECKS)))
