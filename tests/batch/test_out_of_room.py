"""A full disk met while a row is scored (a library writing a temporary file,
simulated where the language model is loaded) stops the run as a
full disk met while writing the output does: the output is complete up to its last row,
and --resume finishes it once there is room. It was made an "internal error" row, asking
for a bug report: written to the output, kept by --resume, the run going on to exit 0."""

from __future__ import annotations

import csv
import errno
import json
import os
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from replylint import language
from replylint.cli import main

EXPORT = [
    {"id": "r1", "reply": "Hi Ines, your new card is on its way and arrives Monday. Thanks, Olu"},
    {
        "id": "r2",
        "reply": "Hola Carmen, gracias por escribirnos. Hemos cambiado la fecha de su "
        "entrega al viernes y le enviaremos un correo con el nuevo horario.",
    },
    {"id": "r3", "reply": "Hello Femi, I have cancelled the second order. Thank you!"},
]


def _full_disk() -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize(("suffix", "jobs"), [(".jsonl", "1"), (".csv", "2")])
def test_a_full_disk_while_scoring_stops_the_run_for_resume(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    suffix: str,
    jobs: str,
) -> None:
    """With two jobs the error is met in a worker process and raised in the run's."""
    source, out = tmp_path / "in.jsonl", tmp_path / f"out{suffix}"
    source.write_text("".join(json.dumps(row) + "\n" for row in EXPORT), encoding="utf-8")
    command = ["score", str(source), "--out", str(out), "--jobs", jobs, "--chunk-size", "1"]
    monkeypatch.setattr(language, "_classifier", _full_disk)
    assert main(command) == 2
    said = capsys.readouterr().err
    assert "No space left on device" in said and "internal error" not in said
    assert f"{out} is complete up to the last written row" in said and "--resume" in said
    assert [result["id"] for result in _results(out)] == ["r1"]
    monkeypatch.undo()  # room made
    assert main([*command, "--resume"]) == 0
    results = _results(out)
    assert [result["id"] for result in results] == ["r1", "r2", "r3"]
    assert [result["language"] for result in results] == ["en", "es", "en"]
    assert not any(result.get("error") for result in results)


def _results(out: Path) -> list[dict[str, str]]:
    with open(out, encoding="utf-8", newline="") as handle:
        if out.suffix == ".csv":
            return list(csv.DictReader(handle))
        return [json.loads(line) for line in handle]


def test_another_os_error_costs_its_row_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unreadable() -> None:
        raise OSError(errno.EIO, "Input/output error")

    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text("".join(json.dumps(row) + "\n" for row in EXPORT), encoding="utf-8")
    monkeypatch.setattr(language, "_classifier", unreadable)
    assert main(["score", str(source), "--out", str(out), "--jobs", "1"]) == 0
    assert [bool(result.get("error")) for result in _results(out)] == [False, True, False]


FRENCH = EXPORT[1]["reply"]


@pytest.mark.parametrize("command", ["eval", "check"])
def test_a_full_disk_is_one_line_and_exit_2_in_every_command(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: str,
) -> None:
    """`eval` (and `check`) printed a traceback and "internal error: ... a bug in
    replylint" for a full /tmp, with exit 3."""
    gold, draft = tmp_path / "gold.jsonl", tmp_path / "draft.txt"
    gold.write_text(
        json.dumps({"id": "g1", "reply": FRENCH, "labels": {"greeting": True}}) + "\n",
        encoding="utf-8",
    )
    draft.write_text(FRENCH, encoding="utf-8")
    monkeypatch.setattr(language, "_classifier", _full_disk)
    target = gold if command == "eval" else draft
    assert main([command, str(target), "--isolated"]) == 2
    said = capsys.readouterr().err
    assert "Traceback" not in said and "internal error" not in said
    assert said.startswith("replylint: error: No space left on device")
    assert "TMPDIR" in said and len(said.strip().splitlines()) == 1


def _file_size_limit(size: int) -> Callable[[], None]:
    def limit() -> None:  # (Python ignores SIGXFSZ: a write past it fails with EFBIG)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return limit


def test_a_report_that_cannot_be_written_whole_leaves_the_old_one(tmp_path: Path) -> None:
    """The page was written in place: on a full disk `report --force` left the first
    64 KiB of the new page, which opens as a report cut short, where the old one was."""
    source, scores, page = tmp_path / "in.jsonl", tmp_path / "s.jsonl", tmp_path / "r.html"
    rows = [{"id": f"r{n}", "reply": f"Hello Priya, ticket {n} is closed."} for n in range(400)]
    source.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    assert main(["score", str(source), "--out", str(scores), "--jobs", "1", "--isolated"]) == 0
    page.write_text("<p>last week's report</p>", encoding="utf-8")
    command = [sys.executable, "-m", "replylint", "report", str(scores), "--html", str(page)]
    full = subprocess.run(
        [*command, "--force"], capture_output=True, text=True, timeout=120,
        preexec_fn=_file_size_limit(16 * 1024),
    )  # fmt: skip
    assert full.returncode == 2, full.stderr
    assert "cannot write it" in full.stderr
    assert page.read_text(encoding="utf-8") == "<p>last week's report</p>"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["in.jsonl", "s.jsonl", "s.jsonl.replylint-run.json", "r.html"]
    )
    # without the limit (in this process: only the limit needed a process of its own)
    assert main([*command[3:], "--force"]) == 0
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert page.stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_a_summary_json_that_cannot_be_written_whole_leaves_none(tmp_path: Path) -> None:
    """--summary-json was written in place: a file size limit (as a full disk) let it
    through the results and cut the summary, a JSON file ending mid-object that a
    dashboard would read as a broken run or not at all. It is now written beside its
    name and moved over it once complete: there is no summary rather than half of one."""
    source, out, summary = tmp_path / "in.jsonl", tmp_path / "s.csv", tmp_path / "summary.json"
    rows = [
        {"id": f"c{n}", "agent": f"desk agent {n}", "reply": f"Hello Priya, case {n} is solved."}
        for n in range(300)
    ]  # (an agent each: the summary outgrows the CSV results)
    source.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    command = [sys.executable, "-m", "replylint", "score", str(source), "--out", str(out),
               "--jobs", "1", "--isolated", "--summary-json", str(summary)]  # fmt: skip
    full = subprocess.run(
        command, capture_output=True, text=True, timeout=300,
        preexec_fn=_file_size_limit(48 * 1024),
    )  # fmt: skip
    assert full.returncode == 2, full.stderr
    assert "--summary-json" in full.stderr and "cannot write it" in full.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 301  # the results are whole
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["in.jsonl", "s.csv", "s.csv.replylint-run.json"]
    )  # no summary cut short, and nothing left beside it
    # without the limit (in this process: only the limit needed a process of its own)
    assert main([*command[3:], "--force"]) == 0
    assert json.loads(summary.read_text(encoding="utf-8"))["rows"] == 300
    assert summary.stat().st_mode & 0o777 == 0o666 & ~_umask()
