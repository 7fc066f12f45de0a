"""An existing results file is never replaced by accident: `--out` onto one needs
`--resume` (complete it) or `--force` (replace it); a missing folder is a one-line error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from replylint.batch.job import ScoreJob, run
from replylint.batch.writers import OutputError
from replylint.cli import main


def export(tmp_path: Path, name: str, replies: list[str]) -> Path:
    path = tmp_path / name
    path.write_text(
        "".join(
            json.dumps({"id": f"{name}-{n}", "reply": r}) + "\n" for n, r in enumerate(replies)
        ),
        encoding="utf-8",
    )
    return path


def score(*args: str) -> int:
    return main(["score", *args, "--jobs", "1"])


def test_existing_results_need_force_or_resume(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = export(tmp_path, "first.jsonl", ["Hi Sam, thanks!", "Hello there."])
    second = export(tmp_path, "second.jsonl", ["Hi Kim, sorry for the wait."])
    out = tmp_path / "scores.jsonl"
    assert score(str(first), "--out", str(out)) == 0
    kept = out.read_bytes()
    capsys.readouterr()
    assert score(str(second), "--out", str(out)) == 2
    err = capsys.readouterr().err
    assert "already exists; pass --resume to complete it or --force to replace it" in err
    assert out.read_bytes() == kept
    assert score(str(second), "--out", str(out), "--resume", "--force") == 2
    assert out.read_bytes() == kept
    assert score(str(second), "--out", str(out), "--force") == 0
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == ["second.jsonl-0"]


def test_the_library_refuses_too_and_an_empty_file_is_no_results(tmp_path: Path) -> None:
    source = export(tmp_path, "in.jsonl", ["Hi Sam, thanks!"])
    out = tmp_path / "scores.csv"
    out.touch()  # e.g. made by mktemp: nothing to lose
    run(ScoreJob(input=source, output=out))
    with pytest.raises(OutputError, match="already exists"):
        run(ScoreJob(input=source, output=out))


def test_a_missing_output_folder_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = export(tmp_path, "in.jsonl", ["Hi Sam, thanks!"])
    assert score(str(source), "--out", str(tmp_path / "nowhere" / "scores.jsonl")) == 2
    err = capsys.readouterr().err
    assert "the folder" in err and "does not exist" in err and len(err.strip().splitlines()) == 1


def test_the_cluster_path_refuses_before_connecting(tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    from replylint.batch.cluster import run_on_cluster

    source = export(tmp_path, "in.jsonl", ["Hi Sam, thanks!"])
    out = tmp_path / "scores.jsonl"
    out.write_text("{}\n", encoding="utf-8")
    with pytest.raises(OutputError, match="already exists"):
        run_on_cluster(ScoreJob(input=source, output=out), "tcp://127.0.0.1:1")


def test_a_stopped_run_leaves_no_summary_of_other_results_and_says_it_did_not_finish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A nightly run with --force that is stopped halfway must not leave yesterday's
    summary beside today's partial results, and `report` on those results says they are
    partial; a finished run's record says it finished."""
    import replylint.batch.job as job_module
    from replylint.batch.job import Stopped
    from replylint.batch.run_record import record_path, unfinished

    first = export(tmp_path, "first.jsonl", ["Hi Sam, thanks!", "Hello there."])
    out, summary = tmp_path / "scores.jsonl", tmp_path / "summary.json"
    assert score(str(first), "--out", str(out), "--summary-json", str(summary)) == 0
    assert summary.is_file() and not unfinished(out)
    assert json.loads(record_path(out).read_text(encoding="utf-8"))["finished"] is True

    def stopped(*args: object, **kwargs: object) -> None:
        raise Stopped

    monkeypatch.setattr(job_module, "drain", stopped)
    second = export(tmp_path, "second.jsonl", ["Hi Kim, sorry for the wait."])
    argv = [str(second), "--out", str(out), "--summary-json", str(summary), "--force"]
    assert score(*argv) == 143
    assert not summary.exists()  # yesterday's summary is gone, not left to mislead
    assert unfinished(out)
    monkeypatch.undo()
    capsys.readouterr()
    html = tmp_path / "report.html"
    assert main(["report", str(out), "--html", str(html)]) == 0
    assert "did not finish" in capsys.readouterr().err
    # the page is what gets shared: it says so too, at its top
    page = html.read_text(encoding="utf-8")
    assert 'class="warning" role="alert"' in page and "did not finish" in page
    assert page.index("did not finish") < page.index('id="scores"')
    # a finished run's report has no such warning
    third = export(tmp_path, "third.jsonl", ["Hi Kim, thanks!"])
    assert score(str(third), "--out", str(out), "--force") == 0
    finished = tmp_path / "finished.html"
    assert main(["report", str(out), "--html", str(finished)]) == 0
    assert "did not finish" not in finished.read_text(encoding="utf-8")


def test_a_refused_run_keeps_the_summary_it_would_have_replaced(tmp_path: Path) -> None:
    first = export(tmp_path, "first.jsonl", ["Hi Sam, thanks!", "Hello there."])
    out, summary = tmp_path / "scores.jsonl", tmp_path / "summary.json"
    assert score(str(first), "--out", str(out), "--summary-json", str(summary)) == 0
    kept = summary.read_bytes()
    other = export(tmp_path, "other.jsonl", ["Hi Kim.", "Hi Lee.", "Hi Al."])
    # --resume onto results of another input is refused before anything changes
    assert score(str(other), "--out", str(out), "--summary-json", str(summary), "--resume") == 2
    assert summary.read_bytes() == kept


def test_an_existing_parquet_file_is_told_force_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Told "--resume to complete it", the user who passed it was refused: a Parquet file
    cannot be appended to."""
    source = export(tmp_path, "in.jsonl", ["Hi Sam, thanks!"])
    out = tmp_path / "scores.parquet"
    assert score(str(source), "--out", str(out)) == 0
    capsys.readouterr()
    assert score(str(source), "--out", str(out)) == 2
    err = capsys.readouterr().err
    assert "pass --force to replace it (a Parquet file cannot be completed with --resume)" in err
    assert "--resume to complete it" not in err


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (lambda rows: rows[:1], "(3 results in"),
        (lambda rows: rows + rows, "(3 results in"),
        (lambda rows: [r.replace(b'"score": ', b'"score": 1') for r in rows], "(3 results in"),
    ],
)
def test_report_says_when_the_results_are_not_what_the_run_left(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], change: object, said: str
) -> None:
    """A copy cut to 10 of 30 rows, a file joined to itself, every score edited: the
    record beside them said the run had finished, and the page gave other figures as
    that run's, without a word."""
    assert callable(change)
    first = export(tmp_path, "first.jsonl", ["Hi Sam, thanks!", "Hello there.", "Bye."])
    out = tmp_path / "scores.jsonl"
    assert score(str(first), "--out", str(out)) == 0
    rows = out.read_bytes().splitlines(keepends=True)
    out.write_bytes(b"".join(change(rows)))
    capsys.readouterr()
    html = tmp_path / "report.html"
    assert main(["report", str(out), "--html", str(html)]) == 0
    err = capsys.readouterr().err
    assert "scores.jsonl is not what the run that wrote it left " in err and said in err
    assert "it was cut, joined or edited since" in err
    page = html.read_text(encoding="utf-8")
    assert 'class="warning" role="alert"' in page and "is not what the run" in page
