"""Shared helpers for the per-rule tests: one module per built-in rule, each running its
rule alone, through the public API only.

A module names its rule (``RULE = "greeting"``) and takes the ``rule`` fixture: that
rule run by ``Linter(LinterConfig(select=[RULE], model="none"))``, so no other rule's
findings or verdicts, and no trained model, can make a test pass or fail (the model's
own tests are in tests/model/). Tests then read as the rule's behaviour::

    assert rule.fires("Your refund was processed.")
    assert rule.passes("Hi Dana, your refund was processed.")
    assert rule.verdict("Hi Dana, ...").present

``fires`` and ``passes`` return an :class:`Outcome` that is true when the expectation
holds and, when it does not, shows in pytest's failure message what the rule reported.
The helpers live in fixtures (not a module the tests import), as in
``tests/robustness/conftest.py``, so no test depends on ``sys.path``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pytest

from replylint import Linter, LinterConfig
from replylint.report import CheckResult, Finding, Report


@dataclass(frozen=True)
class Outcome:
    """Whether a rule fired on a reply as a test expected; its repr is the evidence."""

    holds: bool
    expected: str
    rule: str
    reply: str
    findings: tuple[Finding, ...]
    verdict: CheckResult | None

    def __bool__(self) -> bool:
        return self.holds

    def __repr__(self) -> str:
        seen = [(f.text, f.message) for f in self.findings] or "none"
        return (
            f"<{self.rule} expected to {self.expected} on {self.reply!r}; "
            f"findings: {seen}; verdict: {self.verdict}>"
        )


@dataclass(frozen=True)
class RuleUnderTest:
    """One rule, run alone by its own Linter."""

    id: str
    linter: Linter

    def report(self, reply: str, **context: Any) -> Report:
        """The whole report; ``context`` is passed to ``Linter.check`` (customer_message,
        channel, customer_name, input_format, disable)."""
        return self.linter.check(reply, **context)

    def findings(self, reply: str, **context: Any) -> list[Finding]:
        """This rule's findings on the reply, in report order."""
        return [f for f in self.report(reply, **context).findings if f.rule == self.id]

    def spans(self, reply: str, **context: Any) -> list[str]:
        """The words each finding flags (empty for a "missing" finding)."""
        return [f.text for f in self.findings(reply, **context)]

    def verdict(self, reply: str, **context: Any) -> CheckResult:
        """The verdict of the check this rule decides (core rules: named as their check)."""
        return self.report(reply, **context).checks[self.id]

    def fires(self, reply: str, **context: Any) -> Outcome:
        return self._outcome(reply, context, expect_findings=True)

    def passes(self, reply: str, **context: Any) -> Outcome:
        return self._outcome(reply, context, expect_findings=False)

    def _outcome(self, reply: str, context: Mapping[str, Any], expect_findings: bool) -> Outcome:
        report = self.report(reply, **context)
        findings = tuple(f for f in report.findings if f.rule == self.id)
        return Outcome(
            holds=bool(findings) == expect_findings,
            expected="fire" if expect_findings else "pass",
            rule=self.id,
            reply=reply,
            findings=findings,
            verdict=report.checks.get(self.id),
        )


RunRule = Callable[..., RuleUnderTest]


@pytest.fixture(scope="session")
def run_rule() -> RunRule:
    """``run_rule(rule_id, **config)``: the rule alone, with any further ``LinterConfig``
    fields (glossary, rules options...). Linters without extra config are built once per
    session: building one loads spaCy."""
    built: dict[str, RuleUnderTest] = {}

    def run(rule_id: str, **config: Any) -> RuleUnderTest:
        if config:
            return RuleUnderTest(
                rule_id, Linter(LinterConfig(select=[rule_id], **{"model": "none", **config}))
            )
        if rule_id not in built:
            built[rule_id] = RuleUnderTest(
                rule_id, Linter(LinterConfig(select=[rule_id], model="none"))
            )
        return built[rule_id]

    return run


@pytest.fixture(scope="module")
def rule(request: pytest.FixtureRequest, run_rule: RunRule) -> RuleUnderTest:
    """The rule the test module names in its ``RULE`` constant, run alone."""
    rule_id = getattr(request.module, "RULE", None)
    if not isinstance(rule_id, str):
        raise pytest.UsageError(f"{request.module.__name__} sets no RULE = '<rule id>'")
    return run_rule(rule_id)
