"""A mistake in a configuration built in code is the library's :class:`ConfigError`,
naming the setting and the one meant, as ``Linter({...})`` and a ``.replylint.toml`` say
it: ``LinterConfig(selct=[...])`` raised pydantic's own ``ValidationError``, three lines
ending in a link to pydantic's docs, which named neither ``select`` nor the settings
there are, and which ``except ConfigError`` did not catch."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from replylint import (
    ChannelProfile,
    ConfigError,
    Glossary,
    Linter,
    LinterConfig,
    RuleSettings,
)
from replylint.cli import main


@pytest.mark.parametrize(
    ("build", "said"),
    [
        (lambda: LinterConfig(selct=["greeting"]),
         "LinterConfig: selct: Extra inputs are not permitted (did you mean 'select'?)"),
        (lambda: LinterConfig(glossary={"allowd": ["Acme Cloud"]}),
         "LinterConfig: glossary.allowd: Extra inputs are not permitted (did you mean "
         "'allowed'?)"),
        (lambda: LinterConfig(channels={"social": {"optinal": ["greeting"]}}),
         "LinterConfig: channels.social.optinal: Extra inputs are not permitted (did you "
         "mean 'optional'?)"),
        (lambda: Glossary(allowd=["Acme Cloud"]),
         "Glossary: allowd: Extra inputs are not permitted (did you mean 'allowed'?)"),
        (lambda: ChannelProfile(ignroe=["jargon"]),
         "ChannelProfile: ignroe: Extra inputs are not permitted (did you mean 'ignore'?)"),
        (lambda: RuleSettings(severty="error"),
         "RuleSettings: severty: Extra inputs are not permitted (did you mean 'severity'?)"),
    ],
)  # fmt: skip
def test_a_misspelt_setting_is_a_config_error_naming_the_one_meant(
    build: Callable[[], Any], said: str
) -> None:
    with pytest.raises(ConfigError) as refused:
        build()
    assert str(refused.value) == said
    assert isinstance(refused.value, ValueError)  # as pydantic's error was: callers catch it


def test_a_setting_no_name_is_near_lists_the_settings_there() -> None:
    with pytest.raises(ConfigError) as refused:
        LinterConfig(qqqq=1)
    assert str(refused.value).startswith(
        "LinterConfig: qqqq: Extra inputs are not permitted (allowed: channel_names, channels, "
        "glossary, ignore, max_reply_chars, min_confidence, model, packs, "
        "report_unused_suppressions, "
    )


def test_every_mistake_is_named_at_once() -> None:
    with pytest.raises(ConfigError) as refused:
        LinterConfig(selct=["greeting"], min_confidence="high")
    assert str(refused.value) == (
        "LinterConfig: min_confidence: Input should be a valid number; selct: Extra inputs "
        "are not permitted (did you mean 'select'?)"
    )


def test_a_bad_value_says_what_is_wrong_with_it() -> None:
    with pytest.raises(ConfigError, match=r"^LinterConfig: select: an empty select selects no"):
        LinterConfig(select=[])
    with pytest.raises(ConfigError, match=r"^Glossary: banned: an empty term names no words"):
        Glossary(banned={"": "because"})


def test_a_mapping_given_to_the_linter_is_told_the_same() -> None:
    with pytest.raises(ConfigError) as refused:
        Linter({"selct": ["greeting"], "model": "none"})
    assert str(refused.value) == (
        "configuration: selct: Extra inputs are not permitted (did you mean 'select'?)"
    )
    with pytest.raises(ConfigError, match=r"min-confidence: .*did you mean 'min_confidence'"):
        Linter({"min-confidence": 0.5})


def test_a_misspelt_rule_name_is_found_when_the_rules_are_known() -> None:
    """Which names there are depends on the packs and plugins the Linter loads, so the
    LinterConfig takes the name and the Linter built from it refuses it."""
    config = LinterConfig(select=["greting"], model="none")
    with pytest.raises(ConfigError) as refused:
        Linter(config)
    assert str(refused.value) == "select: unknown rule or check 'greting'; did you mean 'greeting'?"


def test_a_valid_configuration_is_built_copied_and_pickled_as_before() -> None:
    config = LinterConfig(select=["greeting"], glossary=Glossary(allowed=["Acme Cloud"]))
    assert pickle.loads(pickle.dumps(config)) == config
    assert config.model_copy(update={"ignore": ["jargon"]}).ignore == ["jargon"]
    assert LinterConfig.model_validate_json(config.model_dump_json()) == config


def test_a_rule_both_selected_and_ignored_is_refused_naming_where_each_came_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--select jargon,greeting` with `ignore = ["jargon"]` in the file ran greeting
    alone, without a word: the rule asked for was silently not run."""
    (tmp_path / "q.txt").write_text("Your RMA request is in the tier-2 queue.\n")
    (tmp_path / ".replylint.toml").write_text('ignore = ["jargon"]\n')
    monkeypatch.chdir(tmp_path)
    assert main(["check", "q.txt", "--select", "jargon,greeting"]) == 2
    error = capsys.readouterr().err
    assert "jargon: both selected (from --select) and ignored (from " in error
    assert "remove it from ignore to run it" in error
    # a prefix selected and one of its rules ignored is what ignore is for
    assert main(["check", "q.txt", "--isolated", "--select", "tone", "--ignore", "tone"]) == 2
    capsys.readouterr()
    assert main(["check", "q.txt", "--isolated", "--select", "tone,jargon",
                 "--ignore", "tone.cold_phrases"]) == 1  # fmt: skip
    assert '"RMA" may be jargon' in capsys.readouterr().out
