"""A misspelt rule or check name is an error naming the closest real name, wherever it is
written: ``select``, ``ignore``, ``[rules.NAME]``, a channel profile, ``disable=``, the
command line and configuration files. Before, ``--select jargn`` ran nothing and passed."""

from __future__ import annotations

from pathlib import Path

import pytest

from replylint import (
    ChannelProfile,
    ConfigError,
    InputError,
    Linter,
    LinterConfig,
    ReplyInput,
    RuleSettings,
)
from replylint.cli import main

JARGON_REPLY = "Hi Sam, your RMA is approved and ships today. Thanks!"


@pytest.mark.parametrize(
    ("config", "key", "closest"),
    [
        (LinterConfig(select=["jargn"]), "select", "jargon"),
        (LinterConfig(ignore=["jargon", "greting"]), "ignore", "greeting"),
        (LinterConfig(ignore=["tone.blam"]), "ignore", "tone.blame"),  # a built-in pack rule
        (LinterConfig(rules={"jargn": RuleSettings(severity="error")}), "rules.jargn", "jargon"),
        (
            LinterConfig(channels={"social": ChannelProfile(ignore=["closing_thank"])}),
            "channels.social.ignore",
            "closing_thanks",
        ),
    ],
)
def test_unknown_name_in_the_configuration_names_the_closest(
    config: LinterConfig, key: str, closest: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        Linter(config)
    message = str(caught.value)
    assert message.startswith(f"{key}: ") and f"did you mean {closest!r}?" in message
    assert "\n" not in message


def test_a_name_nothing_resembles_points_to_the_rule_list() -> None:
    with pytest.raises(ConfigError, match="unknown rule or check 'xyzzy'; `replylint rules`"):
        Linter(LinterConfig(select=["xyzzy"]))


def test_a_plugins_rule_not_installed_points_to_the_pre_commit_hooks_dependencies() -> None:
    """In pre-commit's own environment a plugin installed beside replylint is missing,
    and "once its package is installed here" did not say where "here" was."""
    with pytest.raises(ConfigError) as error:
        Linter(LinterConfig(select=["refund_policy.timeframe"]))
    message = str(error.value)
    assert "a rule plugin's once its package is installed here" in message
    assert "for the pre-commit hook: under additional_dependencies" in message
    assert "\n" not in message


def test_a_pack_rule_named_in_a_run_without_its_pack_says_how_to_load_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file's `select = ["team"]` for a pack given with `--pack`, run without the flag,
    was refused with a hint about plugins alone, and `replylint rules` did not list it."""
    (tmp_path / ".replylint.toml").write_text(
        'select = ["team", "greeting"]\n\n[rules."team.promise"]\nseverity = "error"\n',
        encoding="utf-8",
    )
    draft = tmp_path / "macro.txt"
    draft.write_text("Hi Dana, we guarantee it ships today. Thanks!\n", encoding="utf-8")
    assert main(["check", str(draft)]) == 2
    error = capsys.readouterr().err
    assert "select: unknown rule or check 'team';" in error
    assert "a rule pack's once it is loaded: `packs` in the config file or --pack PATH" in error
    (tmp_path / ".replylint.toml").write_text(
        '[rules."team.promise"]\nseverity = "error"\n', encoding="utf-8"
    )
    assert main(["check", str(draft)]) == 2
    error = capsys.readouterr().err
    assert "rules.team.promise: no rule has this id;" in error
    assert "`packs` in the config file or --pack PATH" in error


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["tone"], {"tone.blame", "tone.cold_phrases"}),  # an id prefix of pack rules
        (["tone.blame"], {"tone.blame"}),  # a pack rule's id
        (["next_step_timeframe", "jargon"], {"next_step_timeframe", "jargon"}),
    ],
)
def test_real_names_select_their_rules(names: list[str], expected: set[str]) -> None:
    assert {rule.id for rule in Linter(LinterConfig(select=names)).rules} == expected


def test_a_check_name_selects_the_rules_of_that_check(tmp_path: Path) -> None:
    """A user pack's rule ``acme.polite`` serves the check ``courtesy``: ``courtesy`` is a
    name too, in ``select`` as in a suppression."""
    pack = tmp_path / "acme.yaml"
    pack.write_text(
        "schema: replylint.pack/1\nname: acme\nrules:\n"
        "  - id: acme.polite\n    kind: existence\n    check: courtesy\n"
        "    message: 'Drop \"{match}\".'\n    rationale: House style.\n"
        "    standard: A positive tone\n    phrases: [kindly]\n",
        encoding="utf-8",
    )
    linter = Linter(LinterConfig(packs=[pack], select=["courtesy"]))
    assert [rule.id for rule in linter.rules] == ["acme.polite"]
    with pytest.raises(ConfigError, match="did you mean 'courtesy'"):
        Linter(LinterConfig(packs=[pack], ignore=["curtesy"]))


def test_unknown_name_in_disable_is_an_input_error(linter: Linter) -> None:
    with pytest.raises(InputError, match=r"^disable: unknown rule or check 'jargn'; .*'jargon'"):
        linter.check(JARGON_REPLY, disable=["jargn"])


def test_disable_given_as_a_string_is_one_name(linter: Linter) -> None:
    """``disable="jargon"`` used to become the names j, a, r, g, o, n: nothing silenced."""
    report = linter.check(JARGON_REPLY, disable="jargon")
    assert not [f for f in report.findings if f.check == "jargon"]
    assert report.suppressed == 1
    assert ReplyInput(reply="Hi", disable="jargon").disable == ("jargon",)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="'jargon'"):
        linter.check(JARGON_REPLY, disable="jargn")


def test_names_joined_by_commas_in_one_string_are_told_to_be_a_list(linter: Linter) -> None:
    """As the command line takes them: the hint was the one name nearest the whole string
    ("did you mean 'next_step'?"), which reads as if jargon were fine."""
    with pytest.raises(InputError, match=r"^disable: .* give the names as a list, "
                       r'\["jargon", "next_step"\], not one string'):  # fmt: skip
        linter.check(JARGON_REPLY, disable="jargon,next_step")
    with pytest.raises(ConfigError, match=r'^ignore: .*\["greeting", "jargon"\]'):
        Linter(LinterConfig(ignore=["greeting, jargon"], model="none"))


def test_disable_all_and_real_names_are_accepted(linter: Linter) -> None:
    assert linter.check(JARGON_REPLY, disable=["all"]).findings == []
    report = linter.check(JARGON_REPLY, disable=["tone", "suppression"])
    assert [f.text for f in report.findings if f.check == "jargon"] == ["RMA"]


def test_cli_select_typo_exits_2_naming_the_closest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = tmp_path / "r.txt"
    draft.write_text(JARGON_REPLY, encoding="utf-8")
    assert main(["check", str(draft), "--isolated", "--select", "jargn"]) == 2
    err = capsys.readouterr().err.strip()
    assert "'jargon'" in err and "\n" not in err


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('[rules.jargn]\nseverity = "error"\n', "rules.jargn: no rule has this id; did you mean"),
        # a prefix of rules: it was "no rule has this id", sending the user to packs
        (
            '[rules.tone]\nseverity = "error"\n',
            "rules.tone: [rules.ID] sets one rule, and 'tone' covers 2 (tone.blame, "
            'tone.cold_phrases); write the rule\'s id in quotes, [rules."tone.blame"]',
        ),
        ('select = ["greeting", "jargn"]\n', "select: unknown rule or check 'jargn'"),
        ('[channels.chat]\nignore = ["tone.cold"]\n', "channels.chat.ignore: unknown rule"),
        ('[channels.chat]\noptional = ["greting"]\n', "did you mean 'greeting'?"),
    ],
)
def test_config_file_typo_names_the_file_and_the_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, expected: str
) -> None:
    config = tmp_path / ".replylint.toml"
    config.write_text(content, encoding="utf-8")
    draft = tmp_path / "r.txt"
    draft.write_text(JARGON_REPLY, encoding="utf-8")
    assert main(["check", str(draft)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"replylint: error: {config}: ") and expected in err
    assert "\n" not in err


def test_a_command_line_typo_does_not_blame_the_config_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".replylint.toml").write_text('ignore = ["tone"]\n', encoding="utf-8")
    draft = tmp_path / "r.txt"
    draft.write_text(JARGON_REPLY, encoding="utf-8")
    assert main(["check", str(draft), "--ignore", "jargn"]) == 2
    err = capsys.readouterr().err.strip()
    assert ".replylint.toml" not in err and "ignore: unknown rule or check 'jargn'" in err
