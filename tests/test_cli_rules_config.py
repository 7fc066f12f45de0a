"""``replylint rules`` and ``explain`` read the configuration file as ``check`` does: a
team's pack rules are listed and explained, and a rule the file turns off is marked, not
hidden."""

from __future__ import annotations

from pathlib import Path

import pytest

from replylint.cli import main

PACK = """\
schema: replylint.pack/1
name: acme
rules:
  - id: acme.banned
    kind: existence
    check: acme
    severity: warning
    message: '"{match}" is a phrase the team does not send.'
    rationale: The team agreed not to write it.
    standard: Use plain language
    phrases: [per our policy]
    examples:
      fire: [{reply: "Hi Dana, per our policy we cannot refund you. Thanks!"}]
      pass: [{reply: "Hi Dana, your refund is on its way. Thanks!"}]
"""


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A team's folder: its pack, and a .replylint.toml naming it; the current folder."""
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "team.yaml").write_text(PACK, encoding="utf-8")
    (tmp_path / ".replylint.toml").write_text('packs = ["packs/team.yaml"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def listed(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, str]:
    """``replylint rules``' first line of each rule, by rule id (the listing, before the
    blank line and the line saying which configuration it read)."""
    assert main(["rules", *args]) == 0
    lines = capsys.readouterr().out.split("\n\n")[0].splitlines()
    return {line.split()[0]: line for line in lines if not line.startswith(" ")}


def test_rules_lists_the_configs_pack_rules(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "acme.banned" in listed(capsys)
    assert "acme.banned" in listed(capsys, "--config", str(project / ".replylint.toml"))
    assert "acme.banned" not in listed(capsys, "--isolated")


def test_explain_explains_the_configs_pack_rule(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["explain", "acme.banned"]) == 0
    assert capsys.readouterr().out.startswith("acme.banned\n")
    assert main(["explain", "acme.banned", "--isolated"]) == 2
    assert "--pack PATH" in capsys.readouterr().err


def test_rules_the_config_turns_off_are_listed_and_marked(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / ".replylint.toml").write_text(
        'packs = ["packs/team.yaml"]\nignore = ["acme"]\n'
        '[rules."acme.banned"]\nseverity = "error"\n'
        '[channels.chat]\nignore = ["greeting"]\n',
        encoding="utf-8",
    )
    rules = listed(capsys)
    assert rules["acme.banned"].split()[1] == "error"
    assert rules["acme.banned"].endswith("[not run: ignored by .replylint.toml]")
    assert rules["greeting"].endswith("[not run on chat: ignored there by .replylint.toml]")
    assert "[" not in rules["jargon"]
    assert main(["explain", "acme"]) == 0
    out = capsys.readouterr().out
    assert f"Configured in {project / '.replylint.toml'}:" in out
    assert "acme.banned: severity error (default warning); not run: ignored" in out
    # what a finding costs is said at the severity the rule runs with, not its default's
    assert "each finding takes 10 points off (error)" in out
    assert "(warning), at most" not in out


def test_a_select_marks_the_rules_it_leaves_out(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / ".replylint.toml").write_text('select = ["jargon"]\n', encoding="utf-8")
    rules = listed(capsys)
    assert "[" not in rules["jargon"]
    assert rules["greeting"].endswith("[not run: not selected by .replylint.toml]")


def test_an_unknown_name_in_the_config_is_the_error_check_gives(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / ".replylint.toml").write_text('ignore = ["jargn"]\n', encoding="utf-8")
    assert main(["rules"]) == 2
    assert "ignore: unknown rule or check 'jargn'; did you mean 'jargon'?" in (
        capsys.readouterr().err
    )


def test_check_examples_runs_a_packs_examples_and_says_which_are_not_followed(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A pack rule's examples were never run: one that does not do what it says was shown
    by `explain` as if it did. `rules --check-examples` runs every rule's examples."""
    assert main(["rules", "--check-examples"]) == 0
    assert "examples of" in capsys.readouterr().out
    wrong = PACK.replace(
        'fire: [{reply: "Hi Dana, per our policy we cannot refund you. Thanks!"}]',
        'fire: [{reply: "Hi Dana, nothing to see here. Thanks!"}]',
    ).replace(
        'pass: [{reply: "Hi Dana, your refund is on its way. Thanks!"}]',
        'pass: [{reply: "Hi Dana, per our policy, no. Thanks!"}]',
    )
    (project / "packs" / "team.yaml").write_text(wrong, encoding="utf-8")
    assert main(["rules", "--check-examples"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[:2] == [
        "acme.banned: fire example 1 does not fire: 'Hi Dana, nothing to see here. Thanks!'",
        "acme.banned: pass example 1 fires: 'Hi Dana, per our policy, no. Thanks!'",
    ]  # every built-in rule follows its own examples
    assert lines[2].startswith("2 of ") and lines[2].endswith(
        "are not followed; 0 examples missing"
    )


def test_check_examples_names_a_rule_without_an_example_of_each_kind(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A rule without a pass example was left out of the count, and all was "followed"."""
    bare = PACK.replace(
        '      pass: [{reply: "Hi Dana, your refund is on its way. Thanks!"}]\n', ""
    )
    (project / "packs" / "team.yaml").write_text(bare, encoding="utf-8")
    assert main(["rules", "--check-examples"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "acme.banned: no pass example; write one (a reply it lets pass)"
    assert lines[1].endswith("are not followed; 1 example missing")


class _Raising:
    """A rule plugin that raises on every reply (built from replylint's Rule)."""

    @staticmethod
    def install(monkeypatch: pytest.MonkeyPatch) -> None:
        import replylint.linter
        from replylint import Rule
        from replylint.registry import discover_rule_classes

        class Raising(Rule):
            id = "acme.raising"
            standard = "A ready reply"
            rationale = "A test plugin."

            def check(self, reply: object) -> object:  # type: ignore[override]
                raise RuntimeError("broken plugin")

        builtins = discover_rule_classes()
        monkeypatch.setattr(replylint.linter, "discover_rule_classes", lambda: [*builtins, Raising])


def test_check_examples_leaves_out_a_plugin_the_config_ignores(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A plugin that raised on every reply stopped the run however the team's config
    left it out: the examples ran with every rule installed."""
    _Raising.install(monkeypatch)
    config = 'packs = ["packs/team.yaml"]\nignore = ["acme.raising"]\n'
    (project / ".replylint.toml").write_text(config, encoding="utf-8")
    assert main(["rules", "--check-examples"]) == 0, capsys.readouterr().err
    assert capsys.readouterr().out.startswith("all ")


def test_check_examples_says_how_to_leave_out_a_failing_plugin(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """It advised `--ignore acme.raising`, an option `replylint rules` does not take."""
    _Raising.install(monkeypatch)
    assert main(["rules", "--check-examples"]) == 2
    err = capsys.readouterr().err
    assert "rule plugin 'acme.raising'" in err and "RuntimeError: broken plugin" in err
    assert "--ignore" not in err
    assert err.rstrip().endswith(
        'or leave its rule out with ignore = ["acme.raising"] in .replylint.toml'
    )


def _install_broken_setup(monkeypatch: pytest.MonkeyPatch) -> None:
    """A rule plugin whose ``setup`` raises, installed beside the built-in rules."""
    import replylint.linter
    from replylint import Rule
    from replylint.registry import discover_rule_classes

    class BrokenSetup(Rule):
        id = "acme.broken"
        standard = "A ready reply"
        rationale = "A test plugin."

        def setup(self, context: object) -> None:  # type: ignore[override]
            raise KeyError("acme.words")

        def check(self, reply: object) -> object:  # type: ignore[override]
            return iter(())

    builtins = discover_rule_classes()
    monkeypatch.setattr(replylint.linter, "discover_rule_classes", lambda: [*builtins, BrokenSetup])


def test_rules_and_explain_leave_out_a_broken_plugin_the_config_ignores(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`check` ran with `ignore = ["acme.broken"]`, but `rules` and `explain` build every
    rule to list it, so they stopped at the plugin's error, which advised `--ignore`, an
    option neither takes."""
    _install_broken_setup(monkeypatch)
    config = 'packs = ["packs/team.yaml"]\nignore = ["acme.broken"]\n'
    (project / ".replylint.toml").write_text(config, encoding="utf-8")
    assert "acme.banned" in listed(capsys)
    assert main(["explain", "acme.banned"]) == 0
    assert main(["rules", "--check-examples"]) == 0


def test_rules_says_how_to_leave_out_a_plugin_that_cannot_be_set_up(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _install_broken_setup(monkeypatch)
    assert main(["rules"]) == 2
    err = capsys.readouterr().err
    assert "rule plugin 'acme.broken'" in err and "KeyError: 'acme.words'" in err
    assert "--ignore" not in err
    assert err.rstrip().endswith(
        'leave its rule out with ignore = ["acme.broken"] in .replylint.toml'
    )
