"""Where `score` writes: never over a file it should not replace (the input, the
results, a summary from another run), and in a format it can tell or is told."""

from __future__ import annotations

import json
import os
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


def test_summary_json_is_not_the_input_under_another_name_or_the_run_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = export(tmp_path)
    linked = tmp_path / "linked.csv"
    linked.hardlink_to(source)  # one file, two names
    out = tmp_path / "scores.jsonl"
    base = ["score", str(source), "--out", str(out), "--jobs", "1", "--isolated", "--force"]
    assert main([*base, "--summary-json", str(linked)]) == 2
    assert "--summary-json must not be the input file" in capsys.readouterr().err
    record = tmp_path / "scores.jsonl.replylint-run.json"
    assert main([*base, "--summary-json", str(record)]) == 2
    assert "--summary-json must not be the run record file" in capsys.readouterr().err
    summary = tmp_path / "summary.json"
    assert main([*base, "--summary-json", str(summary)]) == 0
    percentiles = json.loads(summary.read_text(encoding="utf-8"))["percentiles"]
    assert set(percentiles) == {"p10", "median", "p90"}


def test_a_comma_file_named_tsv_is_told_to_pass_delimiter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "c.tsv"
    source.write_text('id,reply\n1,"Hi Dana, we will call you tomorrow."\n', encoding="utf-8")
    assert main(["score", str(source), "--out", str(tmp_path / "c.jsonl"), "--isolated"]) == 2
    assert "the header was not split; if its columns are separated by something else, pass " \
        "--delimiter" in capsys.readouterr().err  # fmt: skip


def test_report_never_writes_over_the_scores_or_a_file_unasked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, out = export(tmp_path), tmp_path / "scores.jsonl"
    assert main(["score", str(source), "--out", str(out), "--jobs", "1", "--isolated"]) == 0
    results = out.read_bytes()
    assert main(["report", str(out), "--html", str(out)]) == 2
    assert "is the scores file itself" in capsys.readouterr().err
    assert out.read_bytes() == results
    page = tmp_path / "page.html"
    page.write_text("last week's report", encoding="utf-8")
    assert main(["report", str(out), "--html", str(page)]) == 2
    assert "already exists; pass --force to replace it" in capsys.readouterr().err
    assert main(["report", str(out), "--html", str(page), "--force"]) == 0
    assert page.read_text(encoding="utf-8").startswith("<!")


def test_a_summary_json_that_cannot_be_written_is_refused_before_the_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder given as --summary-json was an internal error (exit 3) once the run began,
    and a folder that cannot be written to was found out only after every row was
    scored; both are now refused first, OUTPUT untouched, saying what to name."""
    source = export(tmp_path)
    out = tmp_path / "scores.jsonl"
    folder = tmp_path / "summaries"
    folder.mkdir()
    base = ["score", str(source), "--out", str(out), "--jobs", "1", "--isolated", "--force"]
    assert main([*base, "--summary-json", str(folder)]) == 2
    err = capsys.readouterr().err
    assert f"--summary-json {folder} is a folder; name a file in it, e.g. " in err
    assert folder.is_dir() and not out.exists()
    unwritable = folder / "summary.json"
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda path, mode: Path(path) != folder and real_access(path, mode)
    )
    assert main([*base, "--summary-json", str(unwritable)]) == 2
    assert f"the folder {folder} cannot be written to" in capsys.readouterr().err
    assert not out.exists()
