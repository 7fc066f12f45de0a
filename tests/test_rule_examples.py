"""Every rule's own examples: each 'fire' example must produce a finding of that rule,
each 'pass' example must not. Adding a rule without examples fails here. The rules run
alone (no trained model): the examples describe what each rule does."""

from __future__ import annotations

import pytest

from replylint import Linter
from replylint.packs import Example

_LINTER = Linter({"model": "none"})
#: Linters for examples checked with a team glossary's banned terms, by those terms.
_WITH_GLOSSARY: dict[tuple[tuple[str, str], ...], Linter] = {}
_CASES = [
    pytest.param(rule.id, example, should_fire, id=f"{rule.id}-{kind}-{i}")
    for rule in _LINTER.rules
    for kind, should_fire, examples in (
        ("fire", True, rule.examples.fire),
        ("pass", False, rule.examples.pass_),
    )
    for i, example in enumerate(examples)
]


def test_every_rule_has_examples_both_ways() -> None:
    for rule in _LINTER.rules:
        assert rule.examples.fire, f"{rule.id} has no firing example"
        assert rule.examples.pass_, f"{rule.id} has no passing example"


@pytest.mark.parametrize(("rule_id", "example", "should_fire"), _CASES)
def test_rule_example(rule_id: str, example: Example, should_fire: bool) -> None:
    report = _linter_for(example).check(
        example.reply,
        channel=example.channel,
        customer_message=example.customer_message,
        customer_name=example.customer_name,
        template=example.template,
    )
    fired = [f for f in report.findings if f.rule == rule_id]
    assert bool(fired) == should_fire, (example.reply, report.findings, report.checks)


def _linter_for(example: Example) -> Linter:
    """The linter an example is checked with: one whose glossary bans the terms the
    example says (banned_terms fires only on what a team bans)."""
    if not example.glossary_banned:
        return _LINTER
    key = tuple(sorted(example.glossary_banned.items()))
    if key not in _WITH_GLOSSARY:
        glossary = {"banned": example.glossary_banned}
        _WITH_GLOSSARY[key] = Linter({"model": "none", "glossary": glossary})
    return _WITH_GLOSSARY[key]
