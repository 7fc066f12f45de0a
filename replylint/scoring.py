"""The 0-100 score: how much of what the reply should contain it does contain.

Each applicable check verdict counts with its rule's ``weight`` (a missing next step
costs most; see :attr:`replylint.rule.Rule.weight`, where each rule declares its own, so
no table here can drift from the rules); the score is the weighted share present, minus
a small penalty per finding of a check without a verdict (jargon, style), capped so one
long reply is not zeroed by style alone.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from replylint.report import CheckResult, Finding, Severity

FINDING_PENALTY: Mapping[Severity, int] = {
    Severity.info: 2,
    Severity.warning: 5,
    Severity.error: 10,
}
MAX_FINDING_PENALTY = 30


def score(
    checks: Mapping[str, CheckResult],
    weights: Mapping[str, int],
    findings: Iterable[Finding],
    excused: Collection[str] = (),
) -> int:
    """``weights`` holds the weight of every check that has an applicable verdict (the
    weight of the rule that gave it). ``excused`` names checks whose absence the team
    does not count (optional on the channel, or suppressed by a directive): missing,
    they weigh nothing."""
    possible = earned = 0
    for name, result in checks.items():
        if not result.applicable or (name in excused and not result.present):
            continue
        weight = weights[name]
        possible += weight
        earned += weight if result.present else 0
    base = 100.0 * earned / possible if possible else 100.0
    penalty = sum(FINDING_PENALTY[f.severity] for f in findings if f.check not in checks)
    return max(0, min(100, round(base - min(penalty, MAX_FINDING_PENALTY))))
