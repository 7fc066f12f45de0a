"""`replylint check DIR`: a macro repository is walked the way the pre-commit hook picks
files, so one command checks every template."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from replylint.cli import main
from replylint.inputs import MACRO_FILES

REPO = Path(__file__).resolve().parents[1]
GOOD = "Hi {{first_name}},\n\nYour refund reaches your card within 5 days.\n\nThanks!\n"


def test_the_hook_and_the_folder_walk_pick_the_same_files() -> None:
    [hook] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["files"] == MACRO_FILES.pattern


def test_check_walks_a_folder_of_macros(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "billing").mkdir()
    (tmp_path / "billing" / "refund.hbs").write_text(GOOD, encoding="utf-8")
    (tmp_path / "welcome.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "notes.py").write_text("print('not a macro')\n", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "COMMIT_EDITMSG.txt").write_text("wip\n", encoding="utf-8")
    assert main(["check", str(tmp_path), "--format", "json", "--isolated", "--template"]) == 0
    paths = [Path(r["path"]).relative_to(tmp_path).as_posix() for r in json.loads(
        capsys.readouterr().out
    )]  # fmt: skip
    assert paths == ["billing/refund.hbs", "welcome.md"]


def test_a_folder_without_macros_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "script.py").write_text("x = 1\n", encoding="utf-8")
    assert main(["check", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip()
    assert "holds no reply files" in err and "\n" not in err
