"""Where `score` writes: never over a file it should not replace (the input, the
results, a summary from another run), and in a format it can tell or is told."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from replylint.cli import main


def export(tmp_path: Path) -> Path:
    path = tmp_path / "export.csv"
    path.write_text("id,reply\nr1,Hi Dana. Your refund was sent today. Thanks!\n", encoding="utf-8")
    return path


def test_summary_json_never_replaces_the_input_the_results_or_a_file_unasked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = export(tmp_path)
    before = source.read_bytes()
    out = tmp_path / "scores.jsonl"
    for target, message in (
        (source, "--summary-json must not be the input file"),
        (out, "--summary-json must not be the output file"),
    ):
        assert main(["score", str(source), "--out", str(out), "--jobs", "1", "--isolated",
                     "--summary-json", str(target)]) == 2  # fmt: skip
        assert message in capsys.readouterr().err
    assert source.read_bytes() == before and not out.exists()
    kept = tmp_path / "last_week.json"
    kept.write_text('{"rows": 9000}', encoding="utf-8")
    args = ["score", str(source), "--out", str(out), "--jobs", "1", "--isolated",
            "--summary-json", str(kept)]  # fmt: skip
    assert main(args) == 2
    assert "already exists; pass --force to replace it" in capsys.readouterr().err
    assert kept.read_text(encoding="utf-8") == '{"rows": 9000}'
    assert main([*args, "--force"]) == 0
    assert json.loads(kept.read_text(encoding="utf-8"))["rows"] == 1


def test_an_output_name_without_a_format_says_how_to_give_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = export(tmp_path)
    assert main(["score", str(source), "--out", str(tmp_path / "scores.txt"), "--isolated"]) == 2
    assert "name it .jsonl, .csv or .parquet, or pass --output-format" in capsys.readouterr().err
