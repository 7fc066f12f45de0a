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

A reply read as another language than English has no score (``None``, JSON ``null``):
its English-only checks were not applied, so nothing it lacks was counted, and the 100
this sum gives it read as a perfect reply to a QA team sorting or averaging the scores.
Its leftover placeholders and banned terms are still reported as findings.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from replylint.report import REPORTED_CHECKS, SERVICE_CHECKS, CheckResult, Finding, Severity

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


def weight_in_words(check: str, weight: int, severity: Severity, *, verdict: bool) -> str:
    """How a rule moves the score, in words, from the facts :func:`score` uses: whether
    the rule gives its check a verdict, its ``weight``, whether the check counts only when
    it fails, and what a finding of a check without a verdict costs at ``severity``.
    ``replylint explain`` and docs/rules.md show it, so it cannot drift from the sum."""
    if verdict:
        if weight == 0:
            return "0: the verdict is reported but not counted (the rule sets no weight)"
        if check in COUNTED_ONLY_WHEN_FAILING:
            return (
                f"{weight}: counts only when the check fails, adding {weight} to the points "
                "the reply could earn and none to those it earns; passing or not applicable, "
                "it leaves the score as it is"
            )
        return (
            f"{weight}: counts whenever the check applies: {weight} points to earn, earned "
            "when it passes (missing but optional on the channel, or suppressed, it weighs "
            "nothing)"
        )
    if check in REPORTED_CHECKS:  # its findings belong to a check with a verdict
        return f"none (no verdict): its findings cost nothing; the {check} verdict counts"
    return (
        f"none (no verdict): each finding takes {FINDING_PENALTY[severity]} points off "
        f"({severity.value}), at most {MAX_FINDING_PENALTY} for all findings together"
    )
