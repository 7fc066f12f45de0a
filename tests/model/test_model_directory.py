"""A model directory copied in part is refused: without the `terms/` or `problem/` its
card lists, jargon or the reading of the customer's problem would quietly fall back to
the rules, and the results change with no word said."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from replylint.cli import main
from replylint.resources import data_dir

REPLY = "Hi Dana,\n\nYour replacement ships today and should reach you by Friday.\n\nThanks,\nSam\n"


@pytest.fixture
def copied_model(tmp_path: Path) -> Path:
    target = tmp_path / "ours"
    shutil.copytree(data_dir("models") / "default", target)
    (tmp_path / "reply.txt").write_text(REPLY, encoding="utf-8")
    return target


def check_with(model: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["check", str(model.parent / "reply.txt"), "--isolated", "--model", str(model)])
    return code, capsys.readouterr().err


def test_a_whole_copy_of_a_model_directory_is_used(
    copied_model: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = check_with(copied_model, capsys)
    assert code == 0 and err == ""


@pytest.mark.parametrize(
    ("part", "named"),
    [("terms", "its term model (terms/terms.json)"), ("problem", "customer-problem model")],
)
def test_a_model_directory_missing_a_part_its_card_lists_is_refused(
    copied_model: Path, part: str, named: str, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.rmtree(copied_model / part)
    code, err = check_with(copied_model, capsys)
    assert code == 2
    assert err.startswith("replylint: error: model: ") and err.count("\n") == 1
    assert named in err and "copy the whole directory" in err
