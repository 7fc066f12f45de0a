"""Which checks a batch run reports: one source for every place that lists them (the
CSV and Parquet columns, the summary, the run record), taken from the configured rules.

A rule plugin's presence check counts in each reply's score by its weight; a list of
checks written down here would leave it out of the columns and summaries that explain
those scores.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from replylint.report import REPORTED_CHECKS

if TYPE_CHECKING:
    from replylint.rule import Rule


def reported_checks(rules: Iterable[Rule]) -> tuple[str, ...]:
    """The checks results of ``rules`` carry a verdict for, in a report's order: every
    built-in check (a report always carries them, "not enabled" when turned off), then
    each further check a configured rule decides (a plugin's presence rule), by name."""
    from replylint.rule import PresenceRule  # (spaCy: `report` reads results without it)

    further = {rule.check_name for rule in rules if isinstance(rule, PresenceRule)}
    return in_report_order(further)


def in_report_order(checks: Iterable[str]) -> tuple[str, ...]:
    """The built-in checks, then ``checks`` that are not built in, by name: the order
    of a report's checks (and so of the columns and summary lines)."""
    return REPORTED_CHECKS + tuple(sorted(set(checks) - set(REPORTED_CHECKS)))
