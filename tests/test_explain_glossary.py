"""`replylint explain banned_terms` showed its examples' glossary ("kindly", "ticket
number") as if it were the team's, and never the glossary the configuration bans: a
user reading it could not tell which terms the rule reports for them. The examples'
glossary is now called an example, and the configured one follows."""

from __future__ import annotations

from pathlib import Path

import pytest

from replylint.cli import main


def read_here(name: str = ".replylint.toml") -> str:
    """The line `explain` ends with when it read ``name`` in the current folder."""
    return (
        f"\nConfiguration: {name} (the nearest from the current folder); `check` reads "
        "the nearest to each file\n"
    )


#: The line `explain` ends with when it read no configuration.
READ_NONE = (
    "\nConfiguration: none found from the current folder upwards; `check` reads the "
    "nearest to each file\n"
)


def explain(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> str:
    assert main(["explain", name]) == 0
    return capsys.readouterr().out


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_examples_glossary_is_said_to_be_an_example(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = explain(project, capsys, "banned_terms")
    assert "(an example glossary bans: 'kindly' (say 'please')" in out
    assert "(glossary bans:" not in out


def test_the_configured_glossary_is_shown(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = project / ".replylint.toml"
    config.write_text(
        '[glossary]\nbanned = {"per se" = "as such", "ASAP" = ""}\n', encoding="utf-8"
    )
    out = explain(project, capsys, "banned_terms")
    assert out.endswith(
        f"\nYour glossary ({config}, [glossary] banned) bans 2 terms:\n"
        "  'per se' (say 'as such')\n"
        "  'ASAP' (leave it out)\n" + read_here()
    )


def test_without_a_configuration_it_says_none_is_read(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It said "Your configuration bans no terms ([glossary] banned in .replylint.toml)"
    in a folder with no configuration file, as if a .replylint.toml had been read."""
    out = explain(project, capsys, "banned_terms")
    assert out.endswith(
        "\nNo configuration file is read here, so no terms are banned and banned_terms "
        "reports nothing; ban some under [glossary] banned in a .replylint.toml.\n" + READ_NONE
    )


@pytest.mark.parametrize(
    ("name", "text", "table"),
    [
        (".replylint.toml", 'fail-on = "error"\n', "[glossary]"),
        ("pyproject.toml", '[tool.replylint]\nfail-on = "error"\n', "[tool.replylint.glossary]"),
    ],
)
def test_a_configuration_without_a_glossary_is_named(
    project: Path, capsys: pytest.CaptureFixture[str], name: str, text: str, table: str
) -> None:
    config = project / name
    config.write_text(text, encoding="utf-8")
    out = explain(project, capsys, "banned_terms")
    assert out.endswith(
        f"\nYour configuration ({config}) bans no terms ({table} banned), so banned_terms "
        "reports nothing.\n" + read_here(name)
    )


def test_rules_that_read_no_glossary_say_nothing_of_it(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "glossary" not in explain(project, capsys, "greeting").lower()
