"""`--config PATH` and `--isolated` say opposite things: one file for every input, or none
at all. Given together, `--isolated` won without a word, and the team's settings the user
had just named (its ignores, its glossary, its `fail-on`) were not applied."""

from __future__ import annotations

from pathlib import Path

import pytest

from replylint.cli import main

#: A reply whose only warning is the jargon "RMA"; the configuration ignores jargon.
REPLY = "Hi Ann,\n\nYour RMA ships today.\n\nThanks,\nSam\n"
CONFIG = 'ignore = ["jargon"]\n'


@pytest.mark.parametrize(
    "command",
    [["check", "r.txt", "--model", "none"], ["rules"], ["explain", "jargon"]],
    ids=["check", "rules", "explain"],
)
def test_config_and_isolated_together_are_a_usage_error(
    command: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / "r.txt").write_text(REPLY, encoding="utf-8")
    (tmp_path / "team.toml").write_text(CONFIG, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exited:
        main([*command, "--isolated", "--config", "team.toml"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "--isolated" in err and "--config" in err and "not allowed" in err, err


def test_config_alone_still_applies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "r.txt").write_text(REPLY, encoding="utf-8")
    (tmp_path / "team.toml").write_text(CONFIG, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "r.txt", "--config", "team.toml", "--model", "none"]) == 0
    assert "jargon" not in capsys.readouterr().out
