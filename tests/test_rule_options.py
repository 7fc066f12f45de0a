"""``[rules.ID.options]`` is checked against the options the rule declares when the
Linter is built: a misspelt or mistyped option is an error naming the file and the key,
not a default silently used."""

from __future__ import annotations

from pathlib import Path

import pytest

from replylint import ConfigError, Linter, LinterConfig, RuleSettings
from replylint.checks.readability import ReadabilityOptions
from replylint.cli import main

#: 12 words of long, Latinate vocabulary: far above grade 1, far below the default 14.
DENSE = (
    "Hi Sam, the configuration modifications were implemented comprehensively yesterday "
    "afternoon. Thanks!"
)


def readability(options: dict[str, object]) -> LinterConfig:
    return LinterConfig(rules={"readability": RuleSettings(options=options)})


def test_declared_options_reach_the_rule() -> None:
    linter = Linter(readability({"max-grade": 1, "min_words": 5}))
    rule = next(r for r in linter.rules if r.id == "readability")
    assert rule.options == ReadabilityOptions(max_grade=1, min_words=5)
    assert any(f.rule == "readability" for f in linter.check(DENSE).findings)


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"max-grad": 3}, "rules.readability.options.max-grad: unknown option "
                          "(allowed: max-grade, min-words)"),
        ({"max-grade": "high"}, "rules.readability.options.max-grade: Input should be a valid "
                                "number"),
        ({"min-words": 0}, "rules.readability.options.min-words: Input should be greater than"),
    ],
)  # fmt: skip
def test_bad_option_is_a_config_error_naming_the_key(
    options: dict[str, object], expected: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        Linter(readability(options))
    assert str(caught.value).startswith(expected)


def test_rules_without_options_refuse_any() -> None:
    for rule_id in ("greeting", "tone.blame"):  # a Python rule and a pack rule
        config = LinterConfig(rules={rule_id: RuleSettings(options={"strict": True})})
        with pytest.raises(ConfigError, match=rf"^rules\.{rule_id}\.options\.strict: .*none"):
            Linter(config)


def test_config_file_option_error_names_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / ".replylint.toml"
    config.write_text("[rules.readability.options]\nmax-grad = 3\n", encoding="utf-8")
    draft = tmp_path / "r.txt"
    draft.write_text(DENSE, encoding="utf-8")
    assert main(["check", str(draft)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (
        f"replylint: error: {config}: rules.readability.options.max-grad: unknown option "
        "(allowed: max-grade, min-words)"
    )
