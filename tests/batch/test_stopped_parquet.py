"""A stopped run with Parquet output: its file is valid Parquet, as a complete run's is,
and --resume refuses Parquet. The stop's message said "finish it with --resume"; it must
say the file is incomplete and give advice that works."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

pq = pytest.importorskip("pyarrow.parquet")

import replylint.batch.job as job_module  # noqa: E402
from replylint.batch.job import Stopped  # noqa: E402
from replylint.cli import main  # noqa: E402
from replylint.config import RULES_ONLY  # noqa: E402

STOPS = [(Stopped, 143), (KeyboardInterrupt, 130)]  # SIGTERM, Ctrl-C


def stop_after_first_chunk(monkeypatch: pytest.MonkeyPatch, stop: type[BaseException]) -> None:
    """The run is stopped once its first chunk is written, as a signal would stop it."""
    drain = job_module.drain

    def stopping(chunks: Iterable[list[dict[str, Any]]], *args: Any, **kwargs: Any) -> Any:
        def cut() -> Iterator[list[dict[str, Any]]]:
            yield next(iter(chunks))
            raise stop

        return drain(cut(), *args, **kwargs)

    monkeypatch.setattr(job_module, "drain", stopping)


def score(source: Path, out: Path, *extra: str) -> int:
    return main(["score", str(source), "--out", str(out), "--model", RULES_ONLY, "--isolated",
                 "--jobs", "1", "--chunk-size", "2", *extra])  # fmt: skip


def write_five_replies(source: Path) -> None:
    source.write_text(
        "".join(json.dumps({"id": f"t{i}", "reply": "Thanks, Dana!"}) + "\n" for i in range(5)),
        encoding="utf-8",
    )


def rows_in(out: Path) -> int:
    if out.suffix == ".parquet":
        return int(pq.read_metadata(out).num_rows)
    return len(out.read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize(("stop", "code"), STOPS)
@pytest.mark.parametrize(
    ("suffix", "advice", "redo"),
    [
        (".parquet", "is INCOMPLETE: it holds the first 2 rows only", "--force"),
        (".jsonl", "is complete up to the last written row (finish it with --resume)", "--resume"),
    ],
)
def test_a_stopped_run_says_how_to_finish_it_and_the_advice_works(
    stop: type[BaseException],
    code: int,
    suffix: str,
    advice: str,
    redo: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A Parquet output, which cannot be appended to, was told to finish with --resume."""
    source, out = tmp_path / "in.jsonl", tmp_path / f"out{suffix}"
    write_five_replies(source)
    stop_after_first_chunk(monkeypatch, stop)
    assert score(source, out) == code
    err = capsys.readouterr().err
    assert f"{out} {advice}" in err
    assert rows_in(out) == 2
    if suffix == ".parquet":
        assert "finish it with --resume" not in err
    monkeypatch.undo()
    assert score(source, out, redo) == 0
    assert rows_in(out) == 5


@pytest.mark.parametrize("written", [b"PAR1", b"PAR1" + b"\x15\x04" * 40])
def test_a_parquet_file_of_a_killed_run_says_what_it_is_to_resume_and_report(
    written: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """kill -9 leaves the 4 bytes the writer opens with (or row groups without their
    footer): no rows can be read, and nothing said so."""
    source, out = tmp_path / "in.jsonl", tmp_path / "out.parquet"
    write_five_replies(source)
    out.write_bytes(written)
    advice = "is a Parquet file its run never finished"
    assert score(source, out, "--resume") == 2
    assert advice in capsys.readouterr().err
    assert out.read_bytes() == written
    assert main(["report", str(out), "--html", str(tmp_path / "r.html")]) == 2
    err = capsys.readouterr().err
    assert advice in err and "score the input again with --force" in err
    assert score(source, out, "--force") == 0
    assert rows_in(out) == 5


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_resuming_into_a_text_output_holding_a_parquet_file_is_refused(
    suffix: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A killed Parquet run's 4 bytes under a .jsonl name were read as a torn last line:
    cut, and the results appended, without a word."""
    source, out = tmp_path / "in.jsonl", tmp_path / f"out{suffix}"
    write_five_replies(source)
    out.write_bytes(b"PAR1")
    assert score(source, out, "--resume") == 2
    assert "holds a Parquet file (it starts with PAR1)" in capsys.readouterr().err
    assert out.read_bytes() == b"PAR1"


@pytest.mark.parametrize(("stop", "code"), STOPS)
def test_a_run_stopped_before_it_wrote_anything_says_so(
    stop: type[BaseException],
    code: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Stopped in its first second, it said OUTPUT "is complete up to the last written
    row (finish it with --resume)" of a file with no row in it."""
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_five_replies(source)

    def stopped_at_once(*args: Any, **kwargs: Any) -> Any:
        raise stop

    monkeypatch.setattr(job_module, "drain", stopped_at_once)
    assert score(source, out) == code
    err = capsys.readouterr().err
    assert f"nothing was written to {out} yet; run the command again with --resume" in err
    assert "complete up to" not in err
    monkeypatch.undo()
    assert score(source, out, "--resume") == 0  # the advice works
    assert rows_in(out) == 5
