"""examples/packs: a team's own YAML rule pack, loaded with --pack or LinterConfig(packs=...).

Each of its rules must fire on its own 'fire' examples and stay quiet on its 'pass'
examples (the contract every built-in rule meets), and the CLI must list and explain it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from replylint import Linter, LinterConfig
from replylint.cli import main
from replylint.packs import Example, load_pack

PACK = Path(__file__).resolve().parents[2] / "examples" / "packs" / "promises.yaml"
SPEC = load_pack(PACK)
CASES = [
    pytest.param(rule.id, example, fire, id=f"{rule.id}-{'fire' if fire else 'pass'}-{i}")
    for rule in SPEC.rules
    for fire, examples in ((True, rule.examples.fire), (False, rule.examples.pass_))
    for i, example in enumerate(examples)
]


@pytest.fixture(scope="module")
def pack_linter() -> Linter:
    return Linter(LinterConfig(packs=[PACK]))


def test_pack_has_both_kinds_with_examples_both_ways() -> None:
    assert {rule.kind for rule in SPEC.rules} == {"existence", "substitution"}
    for rule in SPEC.rules:
        assert rule.examples.fire and rule.examples.pass_, rule.id


@pytest.mark.parametrize(("rule_id", "example", "should_fire"), CASES)
def test_pack_rule_examples(
    pack_linter: Linter, rule_id: str, example: Example, should_fire: bool
) -> None:
    report = pack_linter.check(
        example.reply, channel=example.channel, customer_message=example.customer_message
    )
    fired = [f for f in report.findings if f.rule == rule_id]
    assert bool(fired) == should_fire, (example.reply, report.findings)
    for finding in fired:
        assert finding.text and finding.text in example.reply


def test_substitution_suggests_the_brand_wording(pack_linter: Linter) -> None:
    report = pack_linter.check("Hi Dana, at this point in time the app cannot utilise it.")
    swaps = [(f.text, f.suggestion) for f in report.findings if f.rule == "promises.plain_words"]
    assert swaps == [
        ("at this point in time", 'Say "now" instead.'),
        ("utilise", 'Say "use" instead.'),
    ]


def test_cli_check_with_pack_fails_on_the_draft(capsys: pytest.CaptureFixture[str]) -> None:
    """The draft of the README: fine for the built-in rules, blocked by the team's pack."""
    args = ["check", "--isolated", "--format", "json", str(PACK.with_name("draft.txt"))]
    assert main(args) == 0, capsys.readouterr().out
    capsys.readouterr()
    assert main([*args, "--pack", str(PACK)]) == 1
    report = json.loads(capsys.readouterr().out)
    pack_findings = [
        (f["rule"], f["severity"], f["text"])
        for f in report["findings"]
        if f["rule"].startswith("promises.")
    ]
    assert pack_findings == [
        ("promises.plain_words", "warning", "apologise for any inconvenience"),
        ("promises.guarantee", "error", "fixed in the next release"),
        ("promises.guarantee", "error", "we guarantee"),
        ("promises.guarantee", "error", "never happen again"),
    ]


def test_cli_rules_and_explain_show_the_pack(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--pack", str(PACK)]) == 0
    listed = capsys.readouterr().out
    assert "promises.guarantee     error    Manage expectations" in listed
    assert "promises.plain_words   warning  Express empathy" in listed

    assert main(["explain", "promises.guarantee", "--pack", str(PACK)]) == 0
    text = capsys.readouterr().out
    assert text.startswith("promises.guarantee\n")
    assert "Declared in the rule pack promises.yaml (kind: existence)" in text
    assert "A guarantee that is later broken" in text
    assert "I promise this will never happen again" in text  # a firing example

    assert main(["explain", "promises.guarantee"]) == 2  # unknown without the pack
    assert "unknown rule 'promises.guarantee'" in capsys.readouterr().err
