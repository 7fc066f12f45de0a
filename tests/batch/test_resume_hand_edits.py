"""--resume refuses results edited by hand since the run that wrote them: the run
record keeps how many results the run left, how many bytes, their SHA-256 and that of
the last line. Before, a score changed by hand was resumed without a word and counted
in the summary as replylint's, and a row deleted in the middle was refused as "not the
output of this input"."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from replylint.batch import job as job_module
from replylint.batch.job import ScoreJob, Stopped, run
from replylint.batch.run_record import record_path
from replylint.batch.writers import OutputError

REPLIES = [
    "Hi Noor, your replacement kettle ships on Friday. Thanks for your patience, Ines",
    "Hello, the SKU you asked about is discontinued.",
    "Hi Arlo, sorry your order came late. We have refunded the postage today. Best, Ines",
    "Your ticket is closed.",
]


def make_input(path: Path, rows: int = 12) -> None:
    path.write_text(
        "".join(
            json.dumps({"id": f"h{n:02d}", "reply": REPLIES[n % 4]}) + "\n" for n in range(rows)
        ),
        encoding="utf-8",
    )


def scored(tmp_path: Path, suffix: str = ".jsonl") -> tuple[Path, Path]:
    source, out = tmp_path / "in.jsonl", tmp_path / f"out{suffix}"
    make_input(source)
    run(ScoreJob(input=source, output=out))
    return source, out


def resume(source: Path, out: Path) -> None:
    run(ScoreJob(input=source, output=out, resume=True))


def edit_score(out: Path, line: int, new: str) -> None:
    """Give result ``line`` (1-based) another score, by hand."""
    lines = out.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[line - 1] = re.sub(r'"score": \d+', f'"score": {new}', lines[line - 1])
    out.write_text("".join(lines), encoding="utf-8")


@pytest.mark.parametrize("new", ["1", "100"])  # one byte shorter or longer, or the same
def test_a_score_edited_by_hand_is_refused(tmp_path: Path, new: str) -> None:
    source, out = scored(tmp_path)
    before = json.loads(out.read_text(encoding="utf-8").splitlines()[4])["score"]
    edit_score(out, 5, new if str(before) != new else "2")
    with pytest.raises(OutputError, match="by hand since") as refused:
        resume(source, out)
    assert "the 12 results the run left in it are not as it left them" in str(refused.value)
    assert "--force" in str(refused.value)


def test_a_score_edited_to_the_same_length_is_refused(tmp_path: Path) -> None:
    source, out = scored(tmp_path)
    before = json.loads(out.read_text(encoding="utf-8").splitlines()[2])["score"]
    edit_score(out, 3, str(before)[::-1] if before > 9 else str((before + 1) % 10))
    with pytest.raises(OutputError, match="by hand"):
        resume(source, out)


def test_a_row_deleted_in_the_middle_is_said_to_be(tmp_path: Path) -> None:
    source, out = scored(tmp_path)
    lines = out.read_text(encoding="utf-8").splitlines(keepends=True)
    out.write_text("".join(lines[:5] + lines[6:]), encoding="utf-8")
    with pytest.raises(OutputError, match="deleted by hand") as refused:
        resume(source, out)
    assert "fewer, though the last result is the same" in str(refused.value)


def test_a_csv_cell_edited_by_hand_is_refused(tmp_path: Path) -> None:
    source, out = scored(tmp_path, ".csv")
    resume(source, out)  # unedited: nothing to do, and nothing refused
    data = out.read_bytes()
    lines = data.splitlines(keepends=True)
    header, row = lines[0].rstrip(b"\r\n").split(b","), lines[3].split(b",")
    score = header.index(b"score")
    row[score] = b"1" if row[score] != b"1" else b"2"  # a score changed by hand
    out.write_bytes(b"".join([*lines[:3], b",".join(row), *lines[4:]]))
    with pytest.raises(OutputError, match="by hand"):
        resume(source, out)
    # saved again by a program that writes other line endings: every row is another now
    out.write_bytes(data.replace(b"\r\n", b"\n"))
    with pytest.raises(OutputError, match="saved again by another program"):
        resume(source, out)
    out.write_bytes(data)
    resume(source, out)


def test_results_cut_at_the_end_are_completed(tmp_path: Path) -> None:
    """Results lost at the end (a copy cut short) are scored again, as before: what is
    left is as the run wrote it, as far as anything can tell."""
    source, out = scored(tmp_path)
    whole = out.read_text(encoding="utf-8")
    out.write_text("".join(whole.splitlines(keepends=True)[:7]), encoding="utf-8")
    resume(source, out)
    assert out.read_text(encoding="utf-8") == whole


def test_a_stopped_run_leaves_what_it_wrote_in_its_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stopped (Ctrl-C, SIGTERM), a run records what it had written, so the --resume that
    finishes it refuses an edit made in between; unedited, it resumes."""
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    make_input(source)
    real = job_module.score_rows

    def stopped_after_two_chunks(*args: Any, **kwargs: Any) -> Iterator[list[dict[str, Any]]]:
        for number, chunk in enumerate(real(*args, **kwargs)):
            if number == 2:
                raise Stopped()
            yield chunk

    monkeypatch.setattr(job_module, "score_rows", stopped_after_two_chunks)
    with pytest.raises(Stopped):
        run(ScoreJob(input=source, output=out, chunk_size=3, jobs=1))
    record = json.loads(record_path(out).read_text(encoding="utf-8"))
    assert record["finished"] is False
    assert record["written"]["rows"] == 6 == len(out.read_text(encoding="utf-8").splitlines())
    assert record["written"]["bytes"] == out.stat().st_size
    monkeypatch.setattr(job_module, "score_rows", real)
    left = out.read_text(encoding="utf-8")
    edit_score(out, 2, "3" if '"score": 3,' not in left.splitlines()[1] else "4")
    with pytest.raises(OutputError, match="the 6 results the run left in it are not as"):
        resume(source, out)
    out.write_text(left, encoding="utf-8")  # put back as the run left it: resumed
    resume(source, out)
    assert len(out.read_text(encoding="utf-8").splitlines()) == 12
    assert json.loads(record_path(out).read_text(encoding="utf-8"))["written"]["rows"] == 12
