"""The 0-100 score: how much of what the reply should contain it does contain.

Each applicable check verdict counts with its rule's ``weight`` (a missing next step
costs most; see :attr:`replylint.rule.Rule.weight`, where each rule declares its own, so
no table here can drift from the rules); the score is the weighted share present, minus
a small penalty per finding of a check without a verdict (jargon, style), capped so one
long reply is not zeroed by style alone.

The further service checks (template residue, the customer's name, options after a
refusal, who answered, explained holds) weigh only when they fail: a failing one adds its
weight to what the reply could have earned, and nothing to what it did. A reply that
passes them (or to which they do not apply) scores exactly as it did before they existed,
so scores stay comparable across versions; a sent reply with ``{{first_name}}`` left in it
(template_residue, weight 30) scores at most 85/115 = 74.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from replylint.report import SERVICE_CHECKS, CheckResult, Finding, Severity

FINDING_PENALTY: Mapping[Severity, int] = {
    Severity.info: 2,
    Severity.warning: 5,
    Severity.error: 10,
}
MAX_FINDING_PENALTY = 30
#: Checks whose verdict weighs only when it fails (see the module docstring).
COUNTED_ONLY_WHEN_FAILING: frozenset[str] = frozenset(SERVICE_CHECKS)


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
        if result.present and name in COUNTED_ONLY_WHEN_FAILING:
            continue
        weight = weights[name]
        possible += weight
        earned += weight if result.present else 0
    base = 100.0 * earned / possible if possible else 100.0
    penalty = sum(FINDING_PENALTY[f.severity] for f in findings if f.check not in checks)
    return max(0, min(100, round(base - min(penalty, MAX_FINDING_PENALTY))))
