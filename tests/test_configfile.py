"""Configuration files: discovery upwards from the checked file, overrides, and one-line
errors naming the file and the key."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from replylint.cli import main
from replylint.model.checks_model import bundled_model_dir

DRAFT = "Hi Sam, your RMA is approved and ships today. Thanks!"


def jargon_of(capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    main(["check", *args, "--format", "json"])
    return [
        f["text"] for f in json.loads(capsys.readouterr().out)["findings"] if f["check"] == "jargon"
    ]


def config_error(project: Path, capsys: pytest.CaptureFixture[str], content: str) -> str:
    """The error of checking a macro under a config file holding ``content``: exit 2 and
    one line."""
    (project / ".replylint.toml").write_text(content, encoding="utf-8")
    assert main(["check", str(project / "macros" / "billing" / "approved.txt")]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err
    return err


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    (tmp_path / "macros" / "billing").mkdir(parents=True)
    (tmp_path / "macros" / "billing" / "approved.txt").write_text(DRAFT, encoding="utf-8")
    return tmp_path


def test_pyproject_table_is_found_from_the_file_upwards(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "pyproject.toml").write_text(
        '[project]\nname = "macros"\n\n[tool.replylint]\nignore = ["jargon"]\n', encoding="utf-8"
    )
    draft = str(project / "macros" / "billing" / "approved.txt")
    assert jargon_of(capsys, draft) == []
    assert jargon_of(capsys, draft, "--isolated") == ["RMA"]


def test_replylint_toml_glossary_and_relative_pack(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "team.yaml").write_text(
        "schema: replylint.pack/1\nname: team\nrules:\n"
        "  - id: team.approved\n    kind: existence\n    check: tone\n"
        '    message: \'Say "accepted" instead of "{match}".\'\n'
        "    rationale: House style.\n    standard: A positive greeting\n"
        "    phrases: [approved]\n",
        encoding="utf-8",
    )
    (project / "macros" / ".replylint.toml").write_text(
        'packs = ["../team.yaml"]\n\n[glossary]\nallowed = ["RMA"]\n', encoding="utf-8"
    )
    draft = str(project / "macros" / "billing" / "approved.txt")
    main(["check", draft, "--format", "json"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert not [f for f in findings if f["check"] == "jargon"]
    assert [f["text"] for f in findings if f["rule"] == "team.approved"] == ["approved"]


def test_fail_on_from_config_and_cli_override(project: Path) -> None:
    config = project / "strict.toml"
    config.write_text('fail-on = "error"\n', encoding="utf-8")
    draft = str(project / "macros" / "billing" / "approved.txt")
    assert main(["check", draft, "--config", str(config)]) == 0  # only warnings
    assert main(["check", draft, "--config", str(config), "--fail-on", "warning"]) == 1


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            "ignroe = ['jargon']\n",
            "ignroe: Extra inputs are not permitted (did you mean 'ignore'?)",
        ),
        ("min-confidence = 2\n", "min-confidence: Input should be less than or equal to 1"),
        ("fail-on = 'sometimes'\n", "fail-on: Input should be 'info', 'warning' or 'error'"),
        ("select = [\n", "invalid TOML"),
        (
            "qqqq = 1\n",
            "qqqq: Extra inputs are not permitted (allowed: channel-names, channels, exclude, ",
        ),
        (
            "exlude = ['README.md']\n",
            "exlude: Extra inputs are not permitted (did you mean 'exclude'?)",
        ),
        ("exclude = 'README.md'\n", "exclude: Input should be a valid list"),
        ("exclude = ['/srv/README.md']\n", "patterns are relative to the config file's folder"),
        ("exclude = ['!keep.md']\n", "negation is not supported"),
        (
            "select = []\n",
            "select: an empty select selects no rule; remove the "
            "key to run every rule, or name the rules to run",
        ),
    ],
)
def test_bad_config_is_one_line_naming_file_and_key(
    project: Path, capsys: pytest.CaptureFixture[str], content: str, expected: str
) -> None:
    config = project / ".replylint.toml"
    config.write_text(content, encoding="utf-8")
    assert main(["check", str(project / "macros" / "billing" / "approved.txt")]) == 2
    err = capsys.readouterr().err.strip()
    assert str(config) in err and expected in err and "\n" not in err


def test_every_problem_of_a_config_file_is_in_one_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Three mistakes took three runs to find, one error each. Each is a line of its
    own, an error naming the file as one mistake's would."""
    config = project / ".replylint.toml"
    config.write_text(
        'fail-on = "sometimes"\nmin-confidence = 3\n[glosary]\nallowed = ["Quillbox"]\n',
        encoding="utf-8",
    )
    assert main(["check", str(project / "macros" / "billing" / "approved.txt")]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 3
    for said in ("fail-on: Input should be", "min-confidence: Input should be",
                 "glosary: Extra inputs are not permitted (did you mean 'glossary'?)"):  # fmt: skip
        assert any(
            line.startswith(f"replylint: error: {config.resolve()}: {said}") for line in lines
        )


#: A file whose every mistake is in a rule's name or option, found once the rules are
#: loaded (and two of them in select, which does not filter `rules`' listing).
NAME_MISTAKES = """select = ["jargn", "greting", "tone", "greting"]
ignore = ["jargn"]

[rules.readability.options]
max-grad = 12

[rules.tone]
severity = "error"

[channels.social]
optional = ["greting"]
"""


@pytest.mark.parametrize("command", [["check", "macros/billing/approved.txt"], ["rules"],
                                     ["explain", "greeting"]])  # fmt: skip
def test_every_unknown_name_and_option_of_a_config_file_is_said_at_once(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
) -> None:
    """Found one at a time, five mistakes took five runs, and `rules` said another first
    (the options' before select's). Now each is a line of stderr, in the file's order
    (names, then options), from each command alike; a name listed twice is said once."""
    config = project / ".replylint.toml"
    config.write_text(NAME_MISTAKES, encoding="utf-8")
    monkeypatch.chdir(project)
    assert main(command) == 2
    at = f"replylint: error: {config.resolve()}: "
    assert capsys.readouterr().err.splitlines() == [
        f"{at}select: unknown rule or check 'jargn'; did you mean 'jargon'?",
        f"{at}select: unknown rule or check 'greting'; did you mean 'greeting'?",
        f"{at}ignore: unknown rule or check 'jargn'; did you mean 'jargon'?",
        f"{at}rules.tone: [rules.ID] sets one rule, and 'tone' covers 2 (tone.blame, "
        'tone.cold_phrases); write the rule\'s id in quotes, [rules."tone.blame"], for each '
        "rule to set",
        f"{at}channels.social.optional: 'greting' is not a check that can be optional; did you "
        "mean 'greeting'?",
        f"{at}rules.readability.options.max-grad: unknown option (allowed: max-grade, min-words)",
    ]


@pytest.mark.parametrize("name", [".replylint.toml", "replylint.toml"])
def test_a_tool_table_in_replylint_toml_says_to_drop_the_header(
    project: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    config = project / name
    config.write_text('[tool.replylint]\nignore = ["jargon"]\n', encoding="utf-8")
    assert main(["check", str(project / "macros" / "billing" / "approved.txt")]) == 2
    assert (
        capsys.readouterr()
        .err.strip()
        .endswith(
            f"{config}: [tool.replylint]: {name} holds the settings at the top level; "
            "drop the [tool.replylint] header (that header is for pyproject.toml)"
        )
    )


def test_library_loads_the_same_config(project: Path) -> None:
    from replylint import Linter, find_config, load_linter_config

    (project / ".replylint.toml").write_text('ignore = ["jargon"]\n', encoding="utf-8")
    draft = project / "macros" / "billing" / "approved.txt"
    found = find_config(draft)
    assert found == (project / ".replylint.toml").resolve()
    report = Linter(load_linter_config(found)).check(DRAFT)
    assert not [f for f in report.findings if f.check == "jargon"]


def test_the_readme_example_config_is_valid(project: Path) -> None:
    """The configuration shown in the README loads and takes effect."""
    from replylint import Linter, load_linter_config

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    example = readme.split("```toml\n", 1)[1].split("```", 1)[0]
    (project / "rules").mkdir()
    (project / "rules" / "our-tone.yaml").write_text(
        "schema: replylint.pack/1\nname: ours\nlexicons:\n  jargon.product_names: [Acme Cloud]\n",
        encoding="utf-8",
    )
    config_path = project / ".replylint.toml"
    config_path.write_text(example, encoding="utf-8")
    config = load_linter_config(config_path)
    linter = Linter(config)
    assert "readability" not in [r.id for r in linter.rules]
    severities = {r.id: r.severity.value for r in linter.rules}
    assert severities["greeting"] == severities["tone.blame"] == "error"
    report = linter.check("Per our policy, your SSO login works. Thanks!")
    assert [f.suggestion for f in report.findings if f.check == "banned_terms"] == [
        'Say "because" instead.'
    ]
    assert not [f for f in report.findings if f.check == "jargon"]  # SSO is allowed


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("[channels.social]\noptinal = ['greeting']\n",
         "channels.social.optinal: Extra inputs are not permitted (did you mean 'optional'?)"),
        ("[channels.social]\noptional = ['jargon']\n",
         "channels.social.optional: 'jargon' is not a check that can be optional"),
        ("[channels.fax]\noptional = ['greeting']\n",
         "channels: 'fax' is no channel; a profile is for email, chat or social"),
        ("[channels.Chat]\noptional = ['greeting']\n",
         "channels: 'Chat' is no channel; a profile is for email, chat or social ('Chat' "
         "replies are read as chat: write channels.chat)"),
        ("report-unused-suppressions = 'sometimes'\n",
         "report-unused-suppressions: Input should be a valid boolean"),
    ],
)  # fmt: skip
def test_bad_channel_profile_is_one_line_naming_the_key(
    project: Path, capsys: pytest.CaptureFixture[str], content: str, expected: str
) -> None:
    assert expected in config_error(project, capsys, content)


def test_channel_profile_and_unused_suppressions_from_config(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / ".replylint.toml").write_text(
        "report-unused-suppressions = true\n\n"
        '[channels.social]\noptional = ["greeting", "closing_thanks"]\nignore = ["jargon"]\n',
        encoding="utf-8",
    )
    draft = project / "macros" / "billing" / "tweet.txt"
    draft.write_text("{# replylint: disable=tone #}\nYour RMA ships today.", encoding="utf-8")

    def rules_for(channel: str) -> set[str]:
        main(["check", str(draft), "--channel", channel, "--format", "json"])
        return {f["rule"] for f in json.loads(capsys.readouterr().out)["findings"]}

    assert rules_for("social") == {"suppression.unused"}
    assert rules_for("email") == {
        "suppression.unused", "greeting", "closing_thanks", "jargon", "agent_identity"
    }  # fmt: skip


def test_config_option_on_a_pyproject_without_the_table_is_an_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--config pyproject.toml`` whose only section is misspelt ran with no settings."""
    config = project / "pyproject.toml"
    draft = str(project / "macros" / "billing" / "approved.txt")
    config.write_text('[tool.replylnt]\nignore = ["jargon"]\n', encoding="utf-8")
    assert main(["check", draft, "--config", str(config)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.endswith(
        f"{config}: no [tool.replylint] table "
        "(found [tool.replylnt]: did you mean [tool.replylint]?)"
    )
    config.write_text('[project]\nname = "macros"\n', encoding="utf-8")
    assert main(["check", draft, "--config", str(config)]) == 2
    assert capsys.readouterr().err.strip().endswith(f"{config}: no [tool.replylint] table")


@pytest.mark.parametrize("table", ["tool.replylnt", "tool.reply-lint", "tools.replylint"])
def test_a_misspelt_table_in_a_found_pyproject_is_an_error(
    project: Path, capsys: pytest.CaptureFixture[str], table: str
) -> None:
    (project / "pyproject.toml").write_text(
        f'[project]\nname = "macros"\n\n[{table}]\nignore = ["jargon"]\n', encoding="utf-8"
    )
    assert main(["check", str(project / "macros" / "billing" / "approved.txt")]) == 2
    err = capsys.readouterr().err.strip()
    assert f"no [tool.replylint] table (found [{table}]: did you mean [tool.replylint]?)" in err


def test_a_found_pyproject_for_other_tools_is_skipped(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """[tool.pylint] is another tool's table, not a misspelt [tool.replylint]."""
    (project / "pyproject.toml").write_text(
        '[project]\nname = "macros"\n\n[tool.pylint]\ndisable = ["C0114"]\n', encoding="utf-8"
    )
    draft = str(project / "macros" / "billing" / "approved.txt")
    assert jargon_of(capsys, draft) == ["RMA"]


#: The README's configuration block pasted under a [tool.replylint] header: its keys go
#: into that table, its own headers open tables at the pyproject.toml's top level.
PASTED = """[project]
name = "macros"

[tool.replylint]
fail-on = "error"

[glossary]
allowed = ["RMA"]

[rules.greeting]
severity = "error"

[rules."tone.blame"]              # quoted
severity = "error"

[channels.social]
optional = ["greeting"]

[channel-names]
"Phone callback" = "email"
"""


def test_replylint_tables_outside_the_tool_table_are_an_error(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pasted under [tool.replylint], the README's [glossary] and [rules.greeting] were
    top-level tables nothing read: RMA was still jargon and the severity stayed."""
    (project / "pyproject.toml").write_text(PASTED, encoding="utf-8")
    err = config_error_of(project, capsys)
    assert err == (
        f"replylint: error: {project.resolve() / 'pyproject.toml'}: [glossary], "
        '[rules.greeting], [rules."tone.blame"], [channels.social], [channel-names] are '
        "outside [tool.replylint], so replylint would not read them; in pyproject.toml "
        "replylint's tables go under [tool.replylint]: write [tool.replylint.glossary], "
        '[tool.replylint.rules.greeting], [tool.replylint.rules."tone.blame"], '
        "[tool.replylint.channels.social], [tool.replylint.channel-names]"
    )
    monkeypatch.chdir(project)
    assert main(["rules"]) == 2  # the listing reads the file as check does
    assert "[glossary], [rules.greeting]" in capsys.readouterr().err


@pytest.mark.parametrize(
    "table",
    [
        '[glossary]\nallowed = ["RMA"]\n',
        '[rules.greeting]\nseverity = "error"\n',
        '[channels.social]\noptional = ["greeting"]\n',
        '[channel-names]\n"Phone callback" = "email"\n',
    ],
)
def test_replylint_tables_in_a_pyproject_without_the_tool_table_are_an_error(
    project: Path, capsys: pytest.CaptureFixture[str], table: str
) -> None:
    """Without [tool.replylint], a top-level table that holds replylint's settings of
    that name is replylint's too: the search stops at the file and says so."""
    (project / "pyproject.toml").write_text(
        f'[project]\nname = "macros"\n\n{table}', encoding="utf-8"
    )
    err = config_error_of(project, capsys)
    header = table.split("]")[0].removeprefix("[")
    assert f"[{header}] is outside [tool.replylint]" in err
    assert f"write [tool.replylint.{header}]" in err


@pytest.mark.parametrize(
    "table",
    [
        '[glossary]\nterms = ["RMA"]\n',  # another tool's glossary
        "[glossary]\n",  # empty
        "[rules]\nline-length = 88\n",
        '[rules.E501]\nlevel = "warn"\n',
        '[channels]\nstable = "1.0"\n',
        '[channel-names]\n"Phone callback" = "telephone"\n',
    ],
)
def test_other_tools_tables_of_those_names_are_left_alone(
    project: Path, capsys: pytest.CaptureFixture[str], table: str
) -> None:
    """A pyproject.toml without [tool.replylint] whose top-level table shares a name
    with replylint's but is not replylint's settings belongs to some other tool."""
    (project / "pyproject.toml").write_text(
        f'[project]\nname = "macros"\n\n{table}', encoding="utf-8"
    )
    draft = str(project / "macros" / "billing" / "approved.txt")
    assert jargon_of(capsys, draft) == ["RMA"]


def config_error_of(project: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """The one-line error of checking the project's macro as it is configured."""
    assert main(["check", str(project / "macros" / "billing" / "approved.txt")]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err
    return err


@pytest.mark.parametrize(
    "header", ["[tool.replylint]", '[ tool . "replylint" ]', '[tool.replylint.rules."tone"]']
)
def test_a_found_pyproject_with_the_table_that_is_no_valid_toml_is_an_error(
    project: Path, capsys: pytest.CaptureFixture[str], header: str
) -> None:
    """An unclosed string further down made the search skip the file: the team's
    settings were ignored without a word. Its text still opens [tool.replylint], so it
    is replylint's config, and the error says where the TOML is wrong."""
    pyproject = project / "pyproject.toml"
    pyproject.write_text(
        f'{header}\nignore = ["jargon"]\n\n[project]\nname = "macros\n', encoding="utf-8"
    )
    assert main(["check", str(project / "macros" / "billing" / "approved.txt")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"replylint: error: {pyproject.resolve()}: invalid TOML: ")
    assert "(at line 5, column 15)" in err and err.endswith("cannot read its settings")


def test_a_found_pyproject_that_is_no_valid_toml_without_the_table_is_skipped(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Another tool's broken pyproject.toml (no [tool.replylint] line in it) configures
    nothing here: the config above it applies."""
    (project / ".replylint.toml").write_text('ignore = ["jargon"]\n', encoding="utf-8")
    (project / "macros" / "pyproject.toml").write_text(
        '[tool.black]\n# [tool.replylint] is in ../.replylint.toml\nline-length = "88\n',
        encoding="utf-8",
    )
    assert jargon_of(capsys, str(project / "macros" / "billing" / "approved.txt")) == []


@pytest.mark.parametrize(
    ("names", "listed"),
    [
        ((".replylint.toml", "pyproject.toml"),
         ".replylint.toml and pyproject.toml ([tool.replylint])"),
        ((".replylint.toml", "replylint.toml"), ".replylint.toml and replylint.toml"),
    ],
)  # fmt: skip
def test_two_config_files_in_one_folder_are_an_error(
    project: Path, capsys: pytest.CaptureFixture[str], names: tuple[str, str], listed: str
) -> None:
    """Which one was read was silently decided by a fixed order, nowhere documented."""
    for name in names:
        table = "[tool.replylint]\n" if name == "pyproject.toml" else ""
        (project / name).write_text(f'{table}ignore = ["jargon"]\n', encoding="utf-8")
    draft = str(project / "macros" / "billing" / "approved.txt")
    assert main(["check", draft]) == 2
    assert (
        capsys.readouterr()
        .err.strip()
        .endswith(
            f"{project.resolve()}: both {listed} configure replylint; keep one "
            "(or name one with --config)"
        )
    )
    assert jargon_of(capsys, draft, "--config", str(project / names[1])) == []


def test_a_pyproject_with_replylint_tables_beside_a_config_is_named_by_them(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Its tables at the top level make it replylint's too; the error about the two
    files does not claim it has a [tool.replylint]."""
    (project / ".replylint.toml").write_text('ignore = ["jargon"]\n', encoding="utf-8")
    (project / "pyproject.toml").write_text('[glossary]\nallowed = ["RMA"]\n', encoding="utf-8")
    err = config_error_of(project, capsys)
    assert err.endswith(
        f"{project.resolve()}: both .replylint.toml and pyproject.toml (replylint's tables "
        "outside [tool.replylint]) configure replylint; keep one (or name one with --config)"
    )


@pytest.mark.parametrize(
    "name", [".replylint.yaml", "replylint.json", ".replylintrc", ".replylint", "replylint.conf"]
)
def test_settings_in_a_file_of_another_format_are_refused_not_skipped(
    project: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """A team that wrote its settings in YAML, as the rule packs are, had them skipped
    without a word: every check ran and the draft passed or failed on the defaults."""
    (project / "macros" / name).write_text("ignore: [jargon]\n", encoding="utf-8")
    draft = str(project / "macros" / "billing" / "approved.txt")
    assert main(["check", draft]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"replylint: error: {(project / 'macros' / name).resolve()}: ")
    assert "does not read this file; its settings go in .replylint.toml (TOML)" in err
    (project / "macros" / ".replylint.toml").write_text('ignore = ["jargon"]\n', encoding="utf-8")
    assert jargon_of(capsys, draft) == []  # beside the file that is read, it does no harm


@pytest.mark.parametrize(
    ("name", "section"),
    [("setup.cfg", "replylint"), ("setup.cfg", "tool:replylint"), ("tox.ini", "replylint")],
)
def test_a_replylint_section_in_a_shared_ini_file_is_refused_not_skipped(
    project: Path, capsys: pytest.CaptureFixture[str], name: str, section: str
) -> None:
    """A flake8-style [replylint] section in setup.cfg or tox.ini was skipped without a
    word, where a .replylint.ini was refused: the draft passed on the defaults."""
    ini = project / "macros" / name
    ini.write_text(f"[metadata]\nname = macros\n\n[{section}]\nignore = jargon\n", encoding="utf-8")
    draft = str(project / "macros" / "billing" / "approved.txt")
    assert main(["check", draft]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (
        f"replylint: error: {ini.resolve()}: [{section}]: replylint does not read a section "
        f"of {name}; its settings go in .replylint.toml (TOML), or [tool.replylint] in "
        "pyproject.toml: write them there (the keys are the same), with TOML's quoted "
        'values (fail-on = "error"), or remove the section'
    )
    (project / "macros" / ".replylint.toml").write_text('ignore = ["jargon"]\n', encoding="utf-8")
    assert jargon_of(capsys, draft) == []  # beside the file that is read, it does no harm


def test_other_tools_sections_in_setup_cfg_are_no_settings(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A setup.cfg of flake8's and pytest's sections (one naming replylint) is theirs."""
    (project / "macros" / "setup.cfg").write_text(
        "[flake8]\nmax-line-length = 88\n[tool:pytest]\naddopts = -p replylint\n",
        encoding="utf-8",
    )
    assert jargon_of(capsys, str(project / "macros" / "billing" / "approved.txt")) == ["RMA"]


@pytest.mark.parametrize(
    ("name", "content", "pack"),
    [
        (".replylint.yaml", "ignore: [jargon]\n", False),
        ("replylint.json", '{"ignore": ["jargon"]}\n', False),
        ("team.yml", "schema: replylint.pack/1\nname: team\n", True),
    ],
)
def test_config_naming_a_file_of_another_format_says_settings_are_toml(
    project: Path, capsys: pytest.CaptureFixture[str], name: str, content: str, pack: bool
) -> None:
    """``--config .replylint.yaml`` was "invalid TOML: Expected '=' after a key ...; fix
    the file": valid YAML, it has nothing to fix, and its settings belong elsewhere. A
    rule pack given there (YAML too) is told where packs go."""
    (project / name).write_text(content, encoding="utf-8")
    draft = str(project / "macros" / "billing" / "approved.txt")
    assert main(["check", draft, "--config", str(project / name)]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "invalid TOML" not in err, err
    assert f"{project / name}: not TOML" in err
    assert "settings go in .replylint.toml (TOML)" in err
    assert ("rule pack" in err) is pack, err


def test_a_pyproject_for_other_tools_beside_replylint_toml_is_no_conflict(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "pyproject.toml").write_text('[project]\nname = "macros"\n', encoding="utf-8")
    (project / ".replylint.toml").write_text('ignore = ["jargon"]\n', encoding="utf-8")
    assert jargon_of(capsys, str(project / "macros" / "billing" / "approved.txt")) == []


def test_an_empty_select_is_refused_by_the_library_too() -> None:
    """Not only in a config file: LinterConfig(select=[]) ran no rule and passed all."""
    from replylint import Linter
    from replylint.config import ConfigError

    with pytest.raises(ConfigError, match=r"^configuration: select: an empty select selects no"):
        Linter({"select": []})


def test_a_select_and_an_ignore_that_cancel_out_are_refused(tmp_path: Path) -> None:
    """A file's select and the command line's --ignore left no rule: every reply passed
    with 100/100 and exit 0, so a gate built on them passed everything."""
    (tmp_path / ".replylint.toml").write_text('select = ["jargon"]\n', encoding="utf-8")
    draft = tmp_path / "macro.txt"
    draft.write_text("Hi Dana, your RMA ships today.\n", encoding="utf-8")
    assert main(["check", str(draft), "--ignore", "jargon"]) == 2
    assert main(["check", str(draft), "--ignore", "tone"]) == 1  # jargon still runs


def test_a_refusal_to_run_no_rule_says_where_each_name_came_from(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It named no file, and said "remove a name from ignore" when nothing was ignored."""
    config = tmp_path / ".replylint.toml"
    config.write_text('ignore = ["jargon"]\n', encoding="utf-8")
    draft = tmp_path / "macro.txt"
    draft.write_text("Your RMA is approved.\n", encoding="utf-8")
    assert main(["check", str(draft), "--select", "jargon", "--ignore", "tone"]) == 2
    assert (
        f"select ['jargon'] (from --select) and ignore ['jargon', 'tone'] (jargon from "
        f"{config}; tone from --ignore) leave no rule to run"
    ) in capsys.readouterr().err
    config.write_text("", encoding="utf-8")
    assert main(["check", str(draft), "--select", "suppression"]) == 2
    error = capsys.readouterr().err
    assert "select ['suppression'] (from --select) runs no rule" in error
    assert "ignore" not in error


def test_ignoring_every_rule_is_refused_by_the_library() -> None:
    from replylint import Linter
    from replylint.config import ConfigError

    with pytest.raises(ConfigError, match=r"leave no rule to run"):
        Linter({"select": ["tone"], "ignore": ["tone.blame", "tone.cold_phrases"]})


def test_a_channel_profile_that_ignores_every_rule_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A channel's ignore that left no rule gave every reply of that channel 100/100 and
    exit 0, while the same lists as the global select and ignore are refused."""
    config = tmp_path / ".replylint.toml"
    config.write_text('select = ["jargon"]\n[channels.chat]\nignore = ["jargon"]\n')
    draft = tmp_path / "macro.txt"
    draft.write_text("Your RMA is approved.\n", encoding="utf-8")
    assert main(["check", "--channel", "chat", str(draft)]) == 2
    error = capsys.readouterr().err
    assert f"{config}: channels.chat: ignore ['jargon'] leaves no rule to run" in error
    config.write_text('select = ["jargon", "greeting"]\n[channels.chat]\nignore = ["jargon"]\n')
    assert main(["check", "--channel", "chat", str(draft)]) == 1  # greeting still runs


def test_a_channel_left_without_rules_by_select_names_the_select(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The file's profile ran rules on chat until `--select jargon` was given, and the
    error blamed the profile alone: "remove a name from channels.chat.ignore"."""
    config = tmp_path / ".replylint.toml"
    config.write_text('[channels.chat]\nignore = ["jargon"]\n')
    draft = tmp_path / "macro.txt"
    draft.write_text("Your RMA is approved.\n", encoding="utf-8")
    assert main(["check", "--channel", "chat", str(draft), "--select", "jargon"]) == 2
    error = capsys.readouterr().err
    assert (
        f"{config}: channels.chat: ignore ['jargon'] leaves no rule to run on chat replies "
        "of select ['jargon'] (from --select), so every chat reply would pass"
    ) in error
    assert "remove a name from channels.chat.ignore, select other rules, or" in error


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        (".replylint.toml", '[rules.tone.blame]\nseverity = "error"\n',
         'rules.tone.blame: write the rule id in quotes, [rules."tone.blame"]; '
         "unquoted, TOML reads its dots as tables inside tables"),
        (".replylint.toml", "[rules.tone.blame.options]\nlimit = 1\n",
         'rules.tone.blame: write the rule id in quotes, [rules."tone.blame"]'),
        (".replylint.toml", '[rules.acme.team.banned]\nseverity = "error"\n',
         'rules.acme.team.banned: write the rule id in quotes, [rules."acme.team.banned"]'),
        ("pyproject.toml", '[tool.replylint.rules.tone.blame]\nseverity = "error"\n',
         'rules.tone.blame: write the rule id in quotes, [tool.replylint.rules."tone.blame"]'),
        (".replylint.toml", "[rules.readability.option]\nmax-grade = 12\n",
         "rules.readability.option: Extra inputs are not permitted (did you mean 'options'?)"),
    ],
)  # fmt: skip
def test_an_unquoted_dotted_rule_id_says_to_quote_it(
    project: Path, capsys: pytest.CaptureFixture[str], name: str, content: str, expected: str
) -> None:
    """TOML reads [rules.tone.blame] as a table inside a table: the error said that
    'blame' is not one of options and severity. A misspelt setting keeps that error."""
    (project / name).write_text(content, encoding="utf-8")
    assert main(["check", str(project / "macros" / "billing" / "approved.txt")]) == 2
    err = capsys.readouterr().err.strip()
    assert expected in err and "\n" not in err


def test_a_config_model_directory_is_read_from_the_config_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`check` read a relative `model` from the current folder, not the file's as the
    README says (score and eval did): it worked only when run from the config's folder."""
    project = tmp_path / "project"
    project.mkdir()
    (project / ".replylint.toml").write_text('model = "mymodel"\n', encoding="utf-8")
    draft = project / "draft.txt"
    draft.write_text("Hi Dana, your refund ships today.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", str(draft)]) == 2
    assert f"{project / 'mymodel'}: no such directory" in capsys.readouterr().err


def test_a_config_model_under_home_is_read_from_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`model = "~/models/ours"` was read as `<config folder>/~/models/ours`, so the error
    named a folder nobody meant; `~` is the home folder, as in a shell."""
    home, project = tmp_path / "home", tmp_path / "project"
    home.mkdir()
    project.mkdir()
    monkeypatch.setenv("HOME", str(home))
    (project / ".replylint.toml").write_text('model = "~/models/ours"\n', encoding="utf-8")
    assert main(["check", str(_draft(project))]) == 2
    assert f"{home / 'models' / 'ours'}: no such directory" in capsys.readouterr().err


def _draft(folder: Path) -> Path:
    draft = folder / "draft.txt"
    draft.write_text("Hi Dana, your refund ships today.\n", encoding="utf-8")
    return draft


def _usage_error(capsys: pytest.CaptureFixture[str], args: list[str]) -> str:
    """What `replylint` printed on stderr, having exited 2 (a usage error)."""
    assert main(args) == 2
    return capsys.readouterr().err


def test_a_model_the_config_cannot_use_names_the_file_and_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """As every other mistake in a config file: the file and the key first, so the user
    knows where the directory came from; a --model on the command line is no file's."""
    config = tmp_path / ".replylint.toml"
    config.write_text('model = "nowhere"\n', encoding="utf-8")
    draft = _draft(tmp_path)
    err = _usage_error(capsys, ["check", str(draft)])
    assert err.startswith(f"replylint: error: {config}: model: {tmp_path / 'nowhere'}: no such")
    err = _usage_error(capsys, ["check", str(draft), "--model", str(tmp_path / "elsewhere")])
    assert err.startswith(f"replylint: error: model: {tmp_path / 'elsewhere'}: no such directory")


@pytest.mark.parametrize(
    ("name", "text"),
    [(".replylint.toml", 'packs = ["nowhere.yaml"]\n'),
     ("pyproject.toml", '[tool.replylint]\npacks = ["nowhere.yaml"]\n')],
)  # fmt: skip
def test_a_pack_the_config_names_that_is_not_there_names_the_file_and_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, text: str
) -> None:
    """As a `model` it cannot use: the error said only "rule pack .../nowhere.yaml: cannot
    read it", not which file asked for the pack; a --pack on the command line is no file's."""
    config = tmp_path / name
    config.write_text(text, encoding="utf-8")
    draft = _draft(tmp_path)
    err = _usage_error(capsys, ["check", str(draft)])
    pack = tmp_path / "nowhere.yaml"
    assert err.startswith(f"replylint: error: {config}: packs: rule pack {pack}: no such file")
    elsewhere = tmp_path / "elsewhere.yaml"
    err = _usage_error(capsys, ["check", str(draft), "--isolated", "--pack", str(elsewhere)])
    assert err.startswith(f"replylint: error: rule pack {elsewhere}: no such file")


def test_a_term_model_the_config_cannot_use_names_the_file_and_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The jargon rule reads the term model in the model directory's terms/: an unusable
    one said "term model .../terms.json is not format 2" without the file that chose the
    directory, which the checks model's errors name."""
    model = tmp_path / "ourmodel"
    shutil.copytree(bundled_model_dir(), model)
    (model / "terms" / "terms.json").write_text('{"format": 0}\n', encoding="utf-8")
    config = tmp_path / ".replylint.toml"
    config.write_text('model = "ourmodel"\n', encoding="utf-8")
    draft = _draft(tmp_path)
    err = _usage_error(capsys, ["check", str(draft)])
    assert err.startswith(f"replylint: error: {config}: model: term model {model / 'terms'}")
    err = _usage_error(capsys, ["check", str(draft), "--isolated", "--model", str(model)])
    assert err.startswith("replylint: error: model: term model ")


@pytest.mark.parametrize(
    ("content", "key"),
    [
        ('template = "yes"\n', "template: Input should be a valid boolean"),
        ('min-confidence = "0.5"\n', "min-confidence: Input should be a valid number"),
        ('max-reply-chars = "50000"\n', "max-reply-chars: Input should be a valid integer"),
        ("report-unused-suppressions = 1\n", "report-unused-suppressions: Input should be"),
        (
            '[rules.readability.options]\nmax-grade = "12"\n',
            "max-grade: Input should be a valid number",
        ),
    ],
)
def test_a_value_of_the_wrong_type_is_refused_not_converted(
    project: Path, capsys: pytest.CaptureFixture[str], content: str, key: str
) -> None:
    """A quoted "yes" or "0.5" was read as true and 0.5 without a word: the README says a
    value of the wrong type is an error, and a guess at what was meant hides typos."""
    assert key in config_error(project, capsys, content)


def test_a_whole_number_is_a_fine_value_for_a_number(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / ".replylint.toml").write_text(
        "min-confidence = 0\n[rules.readability.options]\nmax-grade = 12\n", encoding="utf-8"
    )
    assert main(["check", str(project / "macros" / "billing" / "approved.txt")]) in (0, 1)
    assert "error" not in capsys.readouterr().err


def test_the_library_takes_a_config_path_given_as_a_string(project: Path) -> None:
    """`load_linter_config(".replylint.toml")` and `find_config("macros")` raised
    AttributeError: 'str' object has no attribute 'read_bytes' (and 'is_dir')."""
    from replylint import Linter, find_config, load_linter_config

    config_path = project / ".replylint.toml"
    config_path.write_text('ignore = ["jargon"]\n', encoding="utf-8")
    found = find_config(str(project / "macros" / "billing"))
    assert found == config_path.resolve()
    config = load_linter_config(str(config_path))
    assert config == load_linter_config(config_path)
    assert not [f for f in Linter(config).check(DRAFT).findings if f.check == "jargon"]


def test_a_model_the_config_cannot_use_is_named_with_the_file_in_the_library_too(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Loaded from a relative path, a config's unusable `model` was an error without the
    file that chose it ("model: /srv/macros/nowhere: no such directory"), as `check`'s
    names it: the file recorded the model as read from its folder as given, the library
    read it from the folder resolved."""
    from replylint import ConfigError, Linter, load_linter_config

    (project / ".replylint.toml").write_text('model = "nowhere"\n', encoding="utf-8")
    monkeypatch.chdir(project)
    config = load_linter_config(Path(".replylint.toml"))
    with pytest.raises(ConfigError) as raised:
        Linter(config)
    assert str(raised.value).startswith(f".replylint.toml: model: {project.resolve() / 'nowhere'}")


def test_a_misspelt_key_in_the_file_names_the_one_meant(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """As ``LinterConfig(selct=...)`` says it in code: a list of every allowed key left
    the team to spot "select" among thirteen."""
    said = config_error(project, capsys, 'selct = ["greeting"]\n')
    assert "selct: Extra inputs are not permitted (did you mean 'select'?)" in said
    said = config_error(project, capsys, '[glossary]\nalowed = ["RMA"]\n')
    assert "glossary.alowed: Extra inputs are not permitted (did you mean 'allowed'?)" in said
