"""`replylint check --exclude` and `--extend-exclude`: ruff's two flags for its `exclude`
setting, here for the config's `exclude` (see tests/test_check_folders.py for the key)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from replylint.cli import main

GOOD = "Hi {{first_name}},\n\nYour refund reaches your card within 5 days.\n\nThanks!\n"
FILES = ("refund.hbs", "README.md", "CHANGELOG.md", "help/guide.md", "drafts/a.txt")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A macro repository whose config leaves out its README.md."""
    for name in FILES:
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(GOOD, encoding="utf-8")
    (tmp_path / ".replylint.toml").write_text(
        'exclude = ["README.md"]\ntemplate = true\nmodel = "none"\n', encoding="utf-8"
    )
    return tmp_path


def checked(capsys: pytest.CaptureFixture[str], folder: Path, *flags: str) -> list[str]:
    """The files `check FOLDER --format json FLAGS` checks, relative to the folder; it
    must say nothing on stderr (a pattern that matches nothing is no warning, as in ruff)."""
    assert main(["check", str(folder), "--format", "json", *flags]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return [Path(r["path"]).relative_to(folder).as_posix() for r in json.loads(out)]


def test_exclude_replaces_the_configs_list(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert checked(capsys, repo) == ["CHANGELOG.md", "drafts/a.txt", "help/guide.md", "refund.hbs"]
    assert checked(capsys, repo, "--exclude", "CHANGELOG*") == [
        "README.md", "drafts/a.txt", "help/guide.md", "refund.hbs",
    ]  # fmt: skip


def test_extend_exclude_adds_to_the_configs_list(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert checked(capsys, repo, "--extend-exclude", "CHANGELOG*") == [
        "drafts/a.txt", "help/guide.md", "refund.hbs",
    ]  # fmt: skip


def test_extend_exclude_adds_to_exclude(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    flags = ("--exclude", "CHANGELOG*", "--extend-exclude", "drafts/")
    assert checked(capsys, repo, *flags) == ["README.md", "help/guide.md", "refund.hbs"]


def test_the_flags_repeat_and_take_commas(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repeated = ("--exclude", "CHANGELOG*", "--exclude", "drafts/")
    assert checked(capsys, repo, *repeated) == ["README.md", "help/guide.md", "refund.hbs"]
    assert checked(capsys, repo, "--exclude", "CHANGELOG*, drafts/") == [
        "README.md", "help/guide.md", "refund.hbs",
    ]  # fmt: skip
    extended = ("--extend-exclude", "CHANGELOG*", "--extend-exclude", "help/*.md,drafts")
    assert checked(capsys, repo, *extended) == ["refund.hbs"]


def test_a_pattern_that_matches_nothing_changes_nothing_quietly(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    everything_but_the_readme = checked(capsys, repo)
    assert checked(capsys, repo, "--extend-exclude", "nosuch*.md") == everything_but_the_readme


def test_the_patterns_are_read_from_the_configs_folder(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """As the config's own patterns are: `./help/*.md` is the config's help folder
    whichever folder the command runs in; without a config, the current folder's."""
    monkeypatch.chdir(repo / "help")
    assert checked(capsys, repo, "--extend-exclude", "./help/*.md") == [
        "CHANGELOG.md", "drafts/a.txt", "refund.hbs",
    ]  # fmt: skip
    isolated = ("--isolated", "--template", "--model", "none", "--exclude", "./guide.md")
    assert checked(capsys, repo, *isolated) == [
        "CHANGELOG.md", "README.md", "drafts/a.txt", "refund.hbs",
    ]  # fmt: skip


def test_a_file_named_on_the_command_line_is_checked_all_the_same(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """As a file the config's `exclude` names is (and as ruff checks one without
    --force-exclude); the pre-commit hook's --recheck-on-config leaves it out, as it
    leaves out one the config names."""
    changelog = str(repo / "CHANGELOG.md")
    assert main(["check", changelog, "--format", "json", "--exclude", "CHANGELOG*"]) == 0
    assert "score" in json.loads(capsys.readouterr().out)
    recheck = ["check", "--recheck-on-config", changelog, "--extend-exclude", "CHANGELOG*"]
    assert main(recheck) == 0
    assert capsys.readouterr().out == ""


def test_a_folder_the_flags_leave_empty_is_an_error_naming_them(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(repo / "drafts"), "--extend-exclude", "*.txt"]) == 2
    assert "--exclude/--extend-exclude" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("!keep.md", "'!keep.md': negation is not supported"),
        ("/srv/README.md", "'/srv/README.md': patterns are relative to the config file's folder"),
        ("README.md,", "an empty pattern excludes nothing"),
    ],
)
@pytest.mark.parametrize("flag", ["--exclude", "--extend-exclude"])
def test_a_pattern_that_could_never_match_is_refused_as_in_the_config(
    repo: Path, capsys: pytest.CaptureFixture[str], flag: str, value: str, message: str
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["check", str(repo), flag, value])
    assert exited.value.code == 2
    assert f"argument {flag}: {message}" in capsys.readouterr().err
