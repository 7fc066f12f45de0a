"""A script's background job starts with SIGINT ignored; `score` and `train` still stop
on it as on Ctrl-C, from their first instant, not only once their run has begun."""

from __future__ import annotations

import contextlib
import json
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

import replylint.collector
from replylint.cli import main
from replylint.config import RULES_ONLY


@pytest.fixture
def sigint_ignored() -> Iterator[None]:
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def test_score_stops_on_a_sigint_sent_while_it_starts(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    sigint_ignored: None,
) -> None:
    """It was ignored there, and the run went on to its last row."""
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text(
        "".join(json.dumps({"id": f"t{i}", "reply": "Thanks, Dana!"}) + "\n" for i in range(5)),
        encoding="utf-8",
    )

    @contextlib.contextmanager
    def interrupted_start_up() -> Iterator[None]:
        os.kill(os.getpid(), signal.SIGINT)  # while the imports run
        yield

    monkeypatch.setattr(replylint.collector, "start_up", interrupted_start_up)
    code = main(["score", str(source), "--out", str(out), "--model", RULES_ONLY,
                 "--isolated", "--jobs", "1"])  # fmt: skip
    assert code == 130
    assert "interrupted" in capsys.readouterr().err
    assert not out.exists()
