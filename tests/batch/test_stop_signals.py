"""SIGTERM stops `score` cleanly from its first instant, not only once rows are written,
and a second stop signal while a run stops is ignored (trust audit 5).

A SIGTERM while standard input was being copied killed the run with no word and left
the copy (a whole export of customer messages) hidden beside the output; a second Ctrl-C
during the stop ended in a traceback and sometimes cut the run record's last write."""

from __future__ import annotations

import io
import json
import os
import signal
from pathlib import Path

import pytest

import replylint.batch.stdin as stdin_module
from replylint.batch.job import ScoreJob, Stopped, run
from replylint.cli import main
from replylint.config import RULES_ONLY

ROWS = "".join(json.dumps({"id": f"t{i}", "reply": "Thanks, Dana!"}) + "\n" for i in range(5))


def test_a_sigterm_while_stdin_is_copied_stops_with_a_word_and_leaves_no_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    copy_rest = stdin_module.shutil.copyfileobj

    def terminated_copy(source: object, target: object, length: int = 0) -> None:
        copy_rest(source, target, length)  # type: ignore[arg-type]
        os.kill(os.getpid(), signal.SIGTERM)  # a service manager's stop, mid-copy

    monkeypatch.setattr(stdin_module.shutil, "copyfileobj", terminated_copy)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(ROWS.encode())))
    out = tmp_path / "out.jsonl"
    code = main(["score", "-", "--out", str(out), "--model", RULES_ONLY, "--isolated"])
    assert code == 143
    assert "stopped; nothing was written yet" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == []  # no hidden copy of the export


def test_stop_signals_are_ignored_while_a_run_stops_and_restored_after(tmp_path: Path) -> None:
    """The library's run restores the caller's handlers once it has stopped."""
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text(ROWS, encoding="utf-8")
    seen: list[object] = []
    job = ScoreJob(input=source, output=out, config={"model": RULES_ONLY}, chunk_size=1)
    from replylint.batch import job as job_module

    original = job_module._record_stop

    def record_stop(*args: object) -> None:
        seen.append(signal.getsignal(signal.SIGINT))
        os.kill(os.getpid(), signal.SIGINT)  # a second Ctrl-C during the stop: ignored
        original(*args)  # type: ignore[arg-type]

    before = signal.getsignal(signal.SIGINT)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(job_module, "_record_stop", record_stop)
        real_drain = job_module.drain

        def stopped_drain(*args: object, **kwargs: object) -> object:
            os.kill(os.getpid(), signal.SIGTERM)
            return real_drain(*args, **kwargs)  # type: ignore[arg-type]

        patch.setattr(job_module, "drain", stopped_drain)
        with pytest.raises(Stopped):
            run(job)
    assert seen == [signal.SIG_IGN]
    assert signal.getsignal(signal.SIGINT) is before  # the caller's Ctrl-C works again
    record = json.loads(out.with_name(out.name + ".replylint-run.json").read_text("utf-8"))
    assert record["finished"] is False and "written" in record


def test_a_full_disk_under_piped_input_says_how_to_finish_without_reading_stdin_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """It said "finish it with --resume", which standard input cannot do."""
    from replylint.batch import writers

    def full(self: object, results: object) -> None:
        raise writers.write_failed(
            tmp_path / "out.jsonl", OSError(28, "No space left"), resumable=True
        )

    monkeypatch.setattr(writers.JsonlWriter, "write", full)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(ROWS.encode())))
    out = tmp_path / "out.jsonl"
    assert main(["score", "-", "--out", str(out), "--model", RULES_ONLY, "--isolated"]) == 2
    err = capsys.readouterr().err
    assert "No space left" in err and "standard input cannot be read again" in err
    assert f"replylint score FILE --out {out} --resume" in err
