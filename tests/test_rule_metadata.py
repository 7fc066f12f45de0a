"""A rule's metadata lives on the rule: its check name (the id unless it says otherwise),
its options model (the type parameter), and its score weight (0, reported but not
counted, unless it declares one; no table elsewhere supplies a default)."""

from __future__ import annotations

import pytest

from replylint import Linter, LinterConfig, PresenceRule, Rule, RuleOptions, Verdict
from replylint.analysis import AnalyzedReply
from replylint.checks.greeting import GreetingRule
from replylint.checks.readability import ReadabilityOptions, ReadabilityRule
from replylint.registry import discover_rule_classes
from replylint.ruledocs import explain, find_rule

REPLY = "Hi Sam, your refund was sent today and reaches you within 3 days. Thanks!\n\nMaria"


class AlwaysMissing(PresenceRule):
    """A plugin check every reply fails, with no weight of its own."""

    id = "acme.signature"
    standard = "Sign every reply"
    rationale = "test only"
    missing_message = "No signature."

    def detect(self, reply: AnalyzedReply) -> Verdict:
        return Verdict(present=False, confidence=1.0)


class WeightedMissing(AlwaysMissing):
    id = "acme.weighted"
    weight = 30


def linter_with(*extra: type[Rule]) -> Linter:
    return Linter(rule_classes=[*discover_rule_classes(), *extra])


def test_check_name_defaults_to_the_id() -> None:
    assert AlwaysMissing.check_name == "acme.signature"
    assert WeightedMissing.check_name == "acme.weighted"  # its own id, not the parent's


def test_a_declared_check_name_is_inherited() -> None:
    class Signed(AlwaysMissing):
        id = "acme.signed"
        check_name = "acme"

    class SignedTwice(Signed):
        id = "acme.signed_twice"

    class Stricter(GreetingRule):  # greeting's check name is its id: the new id's then
        id = "acme.greeting"

    assert (Signed.check_name, SignedTwice.check_name) == ("acme", "acme")
    assert Stricter.check_name == "acme.greeting"


def test_options_come_from_the_type_parameter() -> None:
    assert ReadabilityRule.Options is ReadabilityOptions
    rule = find_rule(Linter(LinterConfig(select=["readability"])).rules, "readability")
    assert isinstance(rule.options, ReadabilityOptions)
    assert AlwaysMissing.Options is RuleOptions


def test_options_declared_twice_must_agree() -> None:
    class Other(RuleOptions):
        limit: int = 1

    with pytest.raises(TypeError, match="keep one"):

        class Confused(Rule[ReadabilityOptions]):
            id = "acme.confused"
            standard = rationale = "test only"
            Options = Other


def test_verdict_fields_are_named() -> None:
    with pytest.raises(TypeError):
        Verdict(True)  # type: ignore[misc]


def test_a_plugin_without_a_weight_is_reported_but_not_counted(linter: Linter) -> None:
    report = linter_with(AlwaysMissing).check(REPLY)
    assert report.checks["acme.signature"].present is False
    assert [f.rule for f in report.findings] == ["acme.signature"]
    assert report.score == linter.check(REPLY).score == 100


def test_a_plugin_weight_counts_beside_the_built_in_ones(linter: Linter) -> None:
    """Present checks here weigh greeting 10 + next_step 30 + timeframe 10 + thanks 10;
    a missing check of weight 30 takes the score to 60 / 90."""
    report = linter_with(WeightedMissing).check(REPLY)
    assert report.checks["acme.weighted"].present is False
    assert report.score == round(100 * 60 / 90)


def test_explain_states_the_weight() -> None:
    rules = linter_with(AlwaysMissing).rules
    assert "Score weight:     0: the verdict is reported but not counted" in explain(
        find_rule(rules, "acme.signature")
    )
    assert "Score weight:     30:" in explain(find_rule(rules, "next_step"))
    assert "each finding takes 5 points off (warning)" in explain(find_rule(rules, "jargon"))


def test_built_in_checks_declare_their_weights(linter: Linter) -> None:
    """Every built-in verdict declares its weight: none relies on the plugin default.
    All count but agent_identity, info only by design (most replies are signed by a
    team; counting it would lower them all)."""
    presence = [r for r in linter.rules if isinstance(r, PresenceRule)]
    weights = {r.check_name: r.weight for r in presence}
    assert set(weights) >= {"greeting", "apology", "empathy", "next_step", "closing_thanks"}
    assert all("weight" in type(r).__dict__ for r in presence), weights
    counted = {name: weight for name, weight in weights.items() if name != "agent_identity"}
    assert all(weight > 0 for weight in counted.values()), weights
    assert weights.get("agent_identity") == 0
