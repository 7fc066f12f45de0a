"""The per-rule layout itself: every built-in rule has its module here, and the shared
helpers run that rule alone and judge fire/pass correctly, so a passing rule module
means what it says."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from replylint import Linter

if TYPE_CHECKING:
    from conftest import RunRule

HERE = Path(__file__).resolve().parent


def test_every_builtin_rule_has_its_test_module(linter: Linter) -> None:
    for rule in linter.rules:
        module = HERE / f"test_{rule.id.replace('.', '_')}.py"
        assert module.is_file(), f"{rule.id} has no test module; add {module.name}"
        assert f'RULE = "{rule.id}"' in module.read_text(encoding="utf-8"), module.name


def test_the_helpers_run_each_rule_alone(linter: Linter, run_rule: RunRule) -> None:
    reply = "Your RMA is in the queue. Per our policy, you failed to send the form."
    for builtin in linter.rules:
        alone = run_rule(builtin.id)
        assert [r.id for r in alone.linter.rules] == [builtin.id]
        assert {f.rule for f in alone.report(reply).findings} <= {builtin.id}


def test_fires_and_passes_are_true_only_when_the_expectation_holds(run_rule: RunRule) -> None:
    greeting = run_rule("greeting")
    greeted, bare = "Hi Dana, your order ships Monday.", "Your order ships Monday."
    assert greeting.passes(greeted) and not greeting.fires(greeted)
    assert greeting.fires(bare) and not greeting.passes(bare)
    assert "expected to fire" in repr(greeting.fires(greeted))
