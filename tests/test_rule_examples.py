"""Every rule's own examples: each 'fire' example must produce a finding of that rule,
each 'pass' example must not. Adding a rule without examples fails here. The rules run
alone (no trained model): the examples describe what each rule does."""

from __future__ import annotations

import pytest

from replylint.packs import Example
from replylint.rule_examples import ExampleLinters, example_fires

#: The rules alone, and one linter per team glossary an example names (built once each).
_LINTERS = ExampleLinters()
_CASES = [
    pytest.param(rule.id, example, should_fire, id=f"{rule.id}-{kind}-{i}")
    for rule in _LINTERS.rules
    for kind, should_fire, examples in (
        ("fire", True, rule.examples.fire),
        ("pass", False, rule.examples.pass_),
    )
    for i, example in enumerate(examples)
]


def test_every_rule_has_examples_both_ways() -> None:
    for rule in _LINTERS.rules:
        assert rule.examples.fire, f"{rule.id} has no firing example"
        assert rule.examples.pass_, f"{rule.id} has no passing example"


@pytest.mark.parametrize(("rule_id", "example", "should_fire"), _CASES)
def test_rule_example(rule_id: str, example: Example, should_fire: bool) -> None:
    linter = _LINTERS.for_example(example)
    assert example_fires(linter, rule_id, example) == should_fire, example.reply
