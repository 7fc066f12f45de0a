"""``replylint score - --out OUT``: an export piped in is scored like the same file, the
copy it needs is removed afterwards, and what stdin cannot do (be read twice for
--resume, be empty) is refused in one line."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from replylint.batch.job import ScoreJob, run
from replylint.batch.readers import InputFormatError
from replylint.batch.stdin import sniffed_format, spooled
from replylint.cli import main
from replylint.config import RULES_ONLY, LinterConfig

FAST = LinterConfig(model=RULES_ONLY)
CSV = 'id,reply\nt1,"Hi Dana, your refund was sent today. Thanks!"\nt2,Restart the app.\n'
JSONL = '{"id": "t1", "reply": "Hi Dana, your refund was sent today. Thanks!"}\n'


def score_piped(data: bytes, out: Path, *extra: str) -> subprocess.CompletedProcess[bytes]:
    """The real command, its standard input a pipe (kept for one test: the others run
    :func:`score_from_stdin`, in this process)."""
    return subprocess.run(
        [sys.executable, "-m", "replylint", "score", "-", "--out", str(out), *SCORE_OPTIONS,
         *extra],
        input=data, capture_output=True, cwd=out.parent, timeout=300, check=False,
    )  # fmt: skip


SCORE_OPTIONS = ("--model", RULES_ONLY, "--isolated", "--jobs", "1")


@pytest.fixture
def score_from_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Callable[..., tuple[int, str]]:
    """``score_from_stdin(data, out, *extra)``: ``score - --out OUT`` run by ``main`` in
    this process, ``data`` on a standard input that is no terminal (the command reads
    ``sys.stdin.buffer``, as from a pipe): the exit code and what went to stderr."""

    def score(data: bytes, out: Path, *extra: str) -> tuple[int, str]:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
        capsys.readouterr()
        code = main(["score", "-", "--out", str(out), *SCORE_OPTIONS, *extra])
        return code, capsys.readouterr().err

    return score


def test_piped_csv_is_scored_like_the_file(tmp_path: Path) -> None:
    source = tmp_path / "export.csv"
    source.write_text(CSV, encoding="utf-8")
    from_file = tmp_path / "file.jsonl"
    run(ScoreJob(input=source, output=from_file, config=FAST))
    piped = score_piped(CSV.encode(), tmp_path / "piped.jsonl")
    assert piped.returncode == 0, piped.stderr
    assert (tmp_path / "piped.jsonl").read_text() == from_file.read_text()
    record = json.loads((tmp_path / "piped.jsonl.replylint-run.json").read_text())
    assert record["input"] == "-"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_piped_jsonl_is_recognised_without_input_format(
    tmp_path: Path, score_from_stdin: Callable[..., tuple[int, str]]
) -> None:
    out = tmp_path / "out.csv"
    code, err = score_from_stdin(JSONL.encode(), out)
    assert code == 0, err
    assert out.read_text().splitlines()[1].startswith("t1,")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_resume_from_stdin_is_refused_before_anything_is_read(
    tmp_path: Path, score_from_stdin: Callable[..., tuple[int, str]]
) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "t1"}\n')
    code, err = score_from_stdin(CSV.encode(), out, "--resume")
    assert code == 2
    assert "standard input cannot be read twice" in err
    assert out.read_text() == '{"id": "t1"}\n'  # untouched
    assert sys.stdin.buffer.tell() == 0  # nothing read


def test_empty_stdin_is_one_line_error(
    tmp_path: Path, score_from_stdin: Callable[..., tuple[int, str]]
) -> None:
    code, err = score_from_stdin(b"", tmp_path / "out.jsonl")
    assert code == 2
    message = "standard input is empty: nothing to score; pipe the export in, or name the file"
    assert err == f"replylint: error: {message}\n"
    assert not (tmp_path / "out.jsonl").exists()


def test_a_terminal_as_stdin_is_refused_not_waited_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`score -` typed at a terminal, with nothing piped in, waited without a word for
    rows to be typed, as if it hung; `check` says so at once, and so does `score` now."""

    class Terminal(io.TextIOWrapper):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Terminal(io.BytesIO(CSV.encode())))
    out = tmp_path / "out.jsonl"
    assert main(["score", "-", "--out", str(out), "--isolated", "--jobs", "1"]) == 2
    assert "INPUT is - but nothing is piped in: pipe the export in" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize(
    ("head", "fmt"),
    [
        (b"PAR1\x15\x04", "parquet"),
        (b'\n  {"id": 1}', "jsonl"),
        (b'\xef\xbb\xbf{"id": 1}', "jsonl"),
        ('{"id": 1}'.encode("utf-16"), "jsonl"),
        (b"id,reply\n", "csv"),
        (b"reply\n{not json}", "csv"),
    ],
)
def test_the_first_bytes_tell_the_format(head: bytes, fmt: str) -> None:
    assert sniffed_format(head) == fmt


def test_the_copy_is_removed_even_when_the_run_fails(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), spooled(None, tmp_path, io.BytesIO(CSV.encode())) as copy:
        assert copy.suffix == ".csv" and copy.read_text() == CSV
        raise RuntimeError("the run failed")
    assert list(tmp_path.iterdir()) == []


def test_an_explicit_format_names_the_copy(tmp_path: Path) -> None:
    with spooled("jsonl", tmp_path, io.BytesIO(b"x")) as copy:
        assert copy.suffix == ".jsonl"
    with pytest.raises(InputFormatError, match="empty"), spooled(None, tmp_path, io.BytesIO()):
        pass


def test_a_copy_left_by_a_killed_run_is_removed_by_the_next_one(tmp_path: Path) -> None:
    """`kill -9` runs no cleanup: the hidden copy of a whole export of customer messages
    stayed beside the output. The next piped run removes copies whose run is gone, and
    leaves alone one whose run is still going."""
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
    orphan = tmp_path / f".replylint-stdin-{gone}-abc123.csv"
    orphan.write_text(CSV, encoding="utf-8")
    running = tmp_path / f".replylint-stdin-{os.getpid()}-def456.csv"
    running.write_text(CSV, encoding="utf-8")
    with spooled(None, tmp_path, io.BytesIO(CSV.encode())) as copy:
        assert copy.name.startswith(f".replylint-stdin-{os.getpid()}-")
    assert not orphan.exists() and running.exists()


@pytest.mark.parametrize(("stop", "code"), [("SIGTERM", 143), ("Ctrl-C", 130)])
def test_a_stopped_piped_run_says_how_to_finish_it(
    stop: str,
    code: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """It said "finish with --resume", which refuses standard input."""
    import replylint.batch.job as job_module
    from replylint.batch.job import Stopped
    from replylint.cli import main

    def stopped(*args: object, **kwargs: object) -> None:
        raise Stopped if stop == "SIGTERM" else KeyboardInterrupt

    monkeypatch.setattr(job_module, "drain", stopped)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(CSV.encode())))
    out = tmp_path / "scores.jsonl"
    assert main(["score", "-", "--out", str(out), "--model", RULES_ONLY, "--jobs", "1"]) == code
    assert "save the export to a file" in capsys.readouterr().err
    # stopped before its first row: the advice (pipe it in again with --force) works
    monkeypatch.undo()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(CSV.encode())))
    again = ["score", "-", "--out", str(out), "--model", RULES_ONLY, "--jobs", "1", "--force"]
    assert main(again) == 0
    assert out.read_text(encoding="utf-8").count("\n") == CSV.count("\n") - 1


@pytest.mark.parametrize("given_format", [(), ("--output-format", "jsonl")])
def test_out_dash_is_refused_not_written_as_a_file_named_dash(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    score_from_stdin: Callable[..., tuple[int, str]],
    given_format: tuple[str, ...],
) -> None:
    """With the format given, `score - --out -` wrote a file named "-" beside the run's
    record, said nothing and exited 0; stdout held only the summary."""
    monkeypatch.chdir(tmp_path)
    code, err = score_from_stdin(CSV.encode(), Path("-"), *given_format)
    assert code == 2 and "--out - is no file" in err and "--out results.jsonl" in err
    assert list(tmp_path.iterdir()) == []
