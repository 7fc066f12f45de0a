"""examples/scorecards: a QA team's CSV scorecard, measured by `replylint eval` exactly as
examples/README.md shows, and refused by `replylint train` as too small, as it says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from replylint.cli import main

ROOT = Path(__file__).resolve().parents[2]
SCORECARD = ROOT / "examples" / "scorecards" / "qa_scorecard.csv"
COMMAND = "$ replylint eval examples/scorecards/qa_scorecard.csv"


def _shown_output() -> str:
    text = (ROOT / "examples" / "README.md").read_text(encoding="utf-8")
    block = re.search(re.escape(COMMAND) + r"\n(.*?)```", text, re.DOTALL)
    assert block is not None, "examples/README.md no longer shows the scorecard's eval"
    return block.group(1)


def test_eval_of_the_scorecard_prints_what_the_readme_shows(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["eval", "examples/scorecards/qa_scorecard.csv", "--isolated"]) == 0
    assert capsys.readouterr().out == _shown_output()


def test_the_disagreement_the_readme_names_is_the_one_listed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["eval", str(SCORECARD), "--isolated", "--errors", "empathy"]) == 0
    out = capsys.readouterr().out
    assert "1 record misjudged on empathy" in out
    assert "== QA-010 [empathy] gold=True predicted=False" in out
    assert "an hour on hold is far too much" in out


def test_training_on_ten_rows_is_refused_with_what_it_needs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["train", str(SCORECARD), "--out", str(tmp_path / "m")]) == 2
    assert "needs at least 20" in capsys.readouterr().err
