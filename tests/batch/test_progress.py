"""The progress bar knows the row count, so it can show total, percentage and ETA (the
README promises them) for every input format, CSV included."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from replylint.batch import job as job_module
from replylint.batch.job import ScoreJob, progress_bar
from replylint.batch.readers import row_count

CSV = (
    "id;reply\n"
    '1;"Hi Ann,\nyour refund; it is on its way.\n\nThanks!"\n'
    "2;Hello, please restart the app.\n"
    '3;"Two\nlines"\n'
)


def test_row_count_of_a_csv_with_quoted_line_breaks(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text(CSV, encoding="utf-8")
    assert row_count(path, "csv", ";") == 3  # 7 physical lines after the header


def test_row_count_of_jsonl_and_parquet(tmp_path: Path) -> None:
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text("".join(json.dumps({"id": i, "reply": "Hi"}) + "\n" for i in range(5)))
    parquet = tmp_path / "in.parquet"
    pq.write_table(pa.table({"id": [1, 2], "reply": ["Hi", "Hello"]}), parquet)
    assert row_count(jsonl, "jsonl") == 5
    assert row_count(parquet, "parquet") == 2


def test_the_bar_on_a_terminal_has_the_total(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "in.csv"
    path.write_text(CSV, encoding="utf-8")

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(job_module.sys, "stderr", terminal)
    job = ScoreJob(input=path, output=tmp_path / "out.jsonl", progress=True)
    bar = progress_bar(job, "csv", already=1)
    assert bar.total == 3 and bar.n == 1
    bar.update(1)
    bar.close()
    assert "67%" in terminal.getvalue() and "2/3" in terminal.getvalue()


def test_no_bar_off_a_terminal(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text(CSV, encoding="utf-8")
    assert (
        progress_bar(ScoreJob(input=path, output=tmp_path / "o.jsonl", progress=True), "csv")
        is None
    )
