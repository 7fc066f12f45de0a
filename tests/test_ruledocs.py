"""Rule documentation: docs/rules.md must match the rules, and ``explain`` must say enough.

The drift test is the point of generating the docs: a rule whose standard, rationale,
examples or options change without regenerating docs/rules.md fails here.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path

import pytest

from replylint.analysis import AnalyzedReply
from replylint.linter import Linter
from replylint.packs import Example
from replylint.report import Finding, Report
from replylint.rule import Rule
from replylint.rule_examples import example_report
from replylint.ruledocs import (
    DOCS_PATH,
    UnknownRuleError,
    explain,
    explain_name,
    find_rule,
    rules_markdown,
    shipped_rules,
)
from replylint.suppression import DIRECTIVE_FIXES, DIRECTIVE_RULES


@lru_cache(maxsize=1)
def _rules() -> tuple[Rule, ...]:
    """replylint's own rules, as docs/rules.md documents them (built once: building a
    Linter loads spaCy)."""
    return shipped_rules()


def test_docs_rules_md_is_up_to_date() -> None:
    expected = rules_markdown(_rules())
    actual = DOCS_PATH.read_text(encoding="utf-8") if DOCS_PATH.exists() else ""
    assert actual == expected, (
        "docs/rules.md is out of date with the rules' metadata; "
        "run `python -m replylint.ruledocs` and commit the result"
    )


def test_markdown_is_deterministic_and_sorted() -> None:
    rules = _rules()
    text = rules_markdown(rules)
    assert text == rules_markdown(tuple(reversed(rules)))
    ids = [rule.id for rule in rules]
    positions = [text.index(f"## `{rule_id}`") for rule_id in sorted(ids)]
    assert positions == sorted(positions)
    assert "python -m replylint.ruledocs" in text.splitlines()[2]


def test_explain_next_step() -> None:
    rule = find_rule(_rules(), "next_step")
    text = explain(rule)
    assert "Manage expectations" in text
    assert repr(rule.examples.fire[0].reply) in text
    assert repr(rule.examples.pass_[0].reply) in text
    module = inspect.getmodule(type(rule))
    assert module is not None and module.__doc__
    assert inspect.cleandoc(module.__doc__).splitlines()[0] in text
    # the examples are the rules' own: the checks model judges a few otherwise
    assert "Fires on (as the rules alone judge them, --model none):" in text
    assert "Does not fire on:" in text
    assert "Default severity: error (with the checks model, one lower where it is unsure" in text


def test_explain_readability_lists_options_with_defaults() -> None:
    text = explain(find_rule(_rules(), "readability"))
    assert "max-grade (float, default 14.0)" in text
    assert "min-words (int, default 30)" in text
    assert "Highest acceptable US grade level." in text


def test_explain_rule_without_options_says_none() -> None:
    text = explain(find_rule(_rules(), "greeting"))
    assert "Options:\n  none" in text


def test_explain_pack_rule_names_its_pack() -> None:
    text = explain(find_rule(_rules(), "tone.cold_phrases"))
    assert "tone.yaml" in text
    assert "/" not in text.split("How it decides:")[1].split("Fires on:")[0]


def test_explain_shows_customer_message() -> None:
    rule = find_rule(_rules(), "apology")
    example = next(e for e in rule.examples.fire if e.customer_message)
    assert repr(example.customer_message) in explain(rule)


def test_unknown_rule_lists_valid_ids() -> None:
    with pytest.raises(UnknownRuleError) as info:
        find_rule(_rules(), "no_such_rule")
    message = str(info.value)
    assert "\n" not in message
    assert "no_such_rule" in message
    assert all(rule.id in message for rule in _rules())


# --- what explain says about the score is what the score does ------------------------------

_ALWAYS = re.compile(r"(\d+): counts whenever the check applies")
_WHEN_FAILING = re.compile(r"(\d+): counts only when the check fails")
_NOT_COUNTED = re.compile(r"0: the verdict is reported but not counted")
_PER_FINDING = re.compile(
    r"none \(no verdict\): each finding takes (\d+) points off .* at most (\d+)"
)
_WEIGHTED_REPLIES = [
    # the audit's reply: 50 of 90 (template_residue fails and adds 30 to the possible)
    "Hi Dana, {{order_link}} we will send a replacement that ships by Friday.",
    # a malformed directive and jargon: penalties per finding
    "Hi Sam,\nreplylint: enable=jargon\nYour RMA is in the tier-2 escalation queue.\nThanks!",
]


def _stated_weight(text: str) -> str:
    [line] = [line for line in text.splitlines() if line.startswith("Score weight:")]
    return line.removeprefix("Score weight:").strip()


def _score_by_hand(rules: Sequence[Rule], report: Report) -> int:
    """The score computed from nothing but each rule's "Score weight:" line in ``explain``
    (and the suppression findings' in ``explain_name``), and the report's verdicts and
    findings."""
    possible = earned = penalty = 0
    cap = 100
    ids = {rule.id: rule.check_name for rule in rules} | dict.fromkeys(DIRECTIVE_RULES, "")
    for rule_id, check_name in ids.items():
        stated = _stated_weight(explain_name(rules, rule_id))
        verdict = report.checks.get(check_name)
        if match := _ALWAYS.match(stated):
            assert verdict is not None, rule_id
            if verdict.applicable:
                possible += int(match[1])
                earned += int(match[1]) if verdict.present else 0
        elif match := _WHEN_FAILING.match(stated):
            assert verdict is not None, rule_id
            if verdict.applicable and not verdict.present:
                possible += int(match[1])
        elif match := _PER_FINDING.match(stated):
            penalty += int(match[1]) * sum(f.rule == rule_id for f in report.findings)
            cap = int(match[2])
        else:
            assert _NOT_COUNTED.match(stated), f"{rule_id}: unreadable weight {stated!r}"
    base = 100 * earned / possible if possible else 100
    return max(0, min(100, round(base - min(penalty, cap))))


def test_the_stated_weights_give_the_linters_score() -> None:
    """Score every rule's examples, and two replies of our own, by hand from the weights
    ``explain`` states; the linter must agree (template_residue and customer_name were
    once said to cost per finding, options and hold to count when they pass)."""
    linter = Linter({"model": "none"})
    rules = linter.rules
    cases = [Example(reply=reply) for reply in _WEIGHTED_REPLIES]
    cases += [e for rule in rules for e in (*rule.examples.fire, *rule.examples.pass_)]
    for example in cases:
        report = example_report(linter, example)
        if report.language != "en":  # no score: its English checks were not applied
            assert report.score is None, example
            continue
        assert _score_by_hand(rules, report) == report.score, (example, report.checks)
    first = linter.check(_WEIGHTED_REPLIES[0])
    assert first.score == round(100 * 50 / 90) == _score_by_hand(rules, first)


# --- explain takes every name the tool itself uses -----------------------------------------


@pytest.mark.parametrize("rule_id", sorted(DIRECTIVE_RULES))
def test_explain_a_suppression_finding(rule_id: str) -> None:
    text = explain_name(_rules(), rule_id)
    assert text.startswith(f"{rule_id}\n")
    assert _clean(DIRECTIVE_RULES[rule_id]) in _clean(text)
    assert _clean(DIRECTIVE_FIXES[rule_id]) in _clean(text)
    assert "Check:            suppression" in text


def test_explain_a_check_of_several_rules_explains_each() -> None:
    text = explain_name(_rules(), "tone")
    assert text.splitlines()[0] == "tone covers 2 rules: tone.blame, tone.cold_phrases"
    for rule_id in ("tone.blame", "tone.cold_phrases"):
        assert explain(find_rule(_rules(), rule_id)) in text
    assert "suppression.unused" in explain_name(_rules(), "suppression").splitlines()[0]
    assert explain_name(_rules(), "jargon") == explain(find_rule(_rules(), "jargon"))


def test_an_unknown_name_gets_the_nearest_one() -> None:
    with pytest.raises(UnknownRuleError, match=re.escape("did you mean 'suppression.malformed'")):
        explain_name(_rules(), "suppression.malfromed")
    with pytest.raises(UnknownRuleError, match="did you mean 'tone'"):
        explain_name(_rules(), "tones")


def _clean(text: str) -> str:
    return " ".join(text.split())


def test_explain_takes_a_rule_classes_own_docstring_before_its_modules() -> None:
    """A plugin module of two rules showed its module's docstring for both."""
    from replylint.registry import discover_rule_classes

    class Asap(Rule):
        """Reports "ASAP": the team names a time instead."""

        id = "acme.asap"
        standard = "Manage expectations"
        rationale = "A test plugin."

        def check(self, reply: AnalyzedReply) -> Iterator[Finding]:
            yield from ()

    linter = Linter({"model": "none"}, rule_classes=[*discover_rule_classes(), Asap])
    text = explain(find_rule(linter.rules, "acme.asap"))
    assert 'Reports "ASAP": the team names a time instead.' in text
    assert "docs/rules.md must match the rules" not in text  # this module's docstring


def test_a_plugin_installed_beside_replylint_stays_out_of_its_docs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With a rule plugin installed in the environment (examples/README.md has one
    install the example plugin), `python -m replylint.ruledocs` wrote the plugin's rule
    into replylint's own docs/rules.md, and `--check` (and the drift test) called the
    committed file stale until it did."""
    import sys
    import types
    from importlib.metadata import EntryPoint

    import replylint.registry
    from replylint.rule import PresenceRule
    from replylint.rule import Verdict as _Verdict
    from replylint.ruledocs import main

    class Signature(PresenceRule):
        id = "acme.signature"
        standard = "Sign every reply"
        rationale = "A test plugin."
        missing_message = "No signature."

        def detect(self, reply: AnalyzedReply) -> _Verdict:
            return _Verdict(present=True)

    module = types.ModuleType("acme_signature_plugin")
    module.Signature = Signature  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "acme_signature_plugin", module)
    group = replylint.registry.ENTRY_POINT_GROUP
    installed = list(replylint.registry.entry_points(group=group))
    plugin = EntryPoint(name="acme", value="acme_signature_plugin:Signature", group=group)
    monkeypatch.setattr(replylint.registry, "entry_points", lambda group: [*installed, plugin])
    assert "acme.signature" in {rule.id for rule in Linter({"model": "none"}).rules}
    main(["--check"])  # exits 1 when the file differs from what it would write


def test_an_installed_package_does_not_write_docs_into_site_packages(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Installed, the folder above the package is site-packages: the page's docs/ would
    be a folder there that pip never removes. It is refused, unless --out says where."""
    from replylint import ruledocs

    installed = tmp_path / "site-packages" / "docs" / "rules.md"
    monkeypatch.setattr(ruledocs, "DOCS_PATH", installed)
    with pytest.raises(SystemExit) as refused:
        ruledocs.main([])
    assert refused.value.code == 2 and not installed.parent.exists()
    assert "installed package" in capsys.readouterr().err
    out = tmp_path / "rules.md"
    ruledocs.main(["--out", str(out)])
    assert out.read_text(encoding="utf-8").startswith("# Rules")
