"""One `score` run at a time per output (trust audit 5): two runs given the same --out
both exited 0 and left the rows of one, or a splice of both, with a record vouching for
it. The second is now refused before it touches anything."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from replylint.batch.output_lock import lock_path, output_locked
from replylint.cli import main
from replylint.config import RULES_ONLY

ROWS = "".join(json.dumps({"id": f"t{i}", "reply": "Thanks, Dana!"}) + "\n" for i in range(3))


def score(source: Path, out: Path, *options: str) -> int:
    return main(["score", str(source), "--out", str(out), "--model", RULES_ONLY, "--isolated",
                 "--jobs", "1", *options])  # fmt: skip


@pytest.mark.parametrize("options", [[], ["--force"]])
def test_a_second_run_on_the_same_output_is_refused_and_touches_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], options: list[str]
) -> None:
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text(ROWS, encoding="utf-8")
    out.write_text("the first run's rows\n", encoding="utf-8")
    with output_locked(out):  # the first run, still writing
        assert score(source, out, *options) == 2
        err = capsys.readouterr().err
        assert "is being written by another replylint score run (process" in err
        assert out.read_text(encoding="utf-8") == "the first run's rows\n"
    assert not lock_path(out).exists()  # removed when its run ends


def test_a_lock_file_left_by_a_killed_run_blocks_nothing(tmp_path: Path) -> None:
    """kill -9 lets the kernel's lock go; the file it leaves is reused."""
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text(ROWS, encoding="utf-8")
    lock_path(out).write_text("999999", encoding="utf-8")
    assert score(source, out) == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3
    assert not lock_path(out).exists()
