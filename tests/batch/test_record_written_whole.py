"""The run record beside a batch's output is written whole or not at all: a run killed
while rewriting it must not leave half a record, which ``--resume`` cannot read and
refuses."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from replylint.batch import run_record
from replylint.batch.run_record import record_path, write_record


def test_a_write_cut_short_leaves_the_record_that_was_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = tmp_path / "scores.jsonl"
    output.write_text("", encoding="utf-8")
    write_record(output, {"rows": 3}, finished=False)
    before = record_path(output).read_text(encoding="utf-8")

    real_replace = os.replace

    def killed(*_args: object) -> None:  # the process dies before the move
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        write_record(output, {"rows": 3, "big": "x" * 100_000}, finished=True)
    monkeypatch.setattr(os, "replace", real_replace)

    assert record_path(output).read_text(encoding="utf-8") == before
    assert json.loads(before)["finished"] is False
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == sorted([output.name, record_path(output).name])  # no stray part file


def test_the_record_is_still_written_in_full(tmp_path: Path) -> None:
    output = tmp_path / "scores.csv"
    output.write_text("", encoding="utf-8")
    write_record(output, {"rows": 7}, finished=True, notes=["a note"])
    saved = json.loads(record_path(output).read_text(encoding="utf-8"))
    assert saved == {"rows": 7, "finished": True, "notes": ["a note"]}
    assert run_record.unfinished(output) is False
