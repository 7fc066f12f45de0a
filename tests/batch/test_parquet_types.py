"""Cells that are not text (Parquet binary or list columns, JSON arrays) are error rows
naming the column, or decoded when they are UTF-8 bytes; never scored as Python's printed
form of the value. Numeric ids are fine; a file that is not Parquet is a one-line error."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from replylint.batch.job import ScoreJob, run
from replylint.cli import main

HELLO = "Hi Sam, your refund was sent today. Thanks!"


def score(tmp_path: Path, source: Path) -> list[dict[str, Any]]:
    out = tmp_path / "scores.jsonl"
    run(ScoreJob(input=source, output=out))
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def assert_no_printed_forms(results: list[dict[str, Any]]) -> None:
    for result in results:
        for value in (result["id"], result.get("text"), result.get("agent")):
            assert not str(value).startswith(("b'", "[", "{")), value


def test_binary_reply_column_is_decoded_or_an_error(tmp_path: Path) -> None:
    source = tmp_path / "export.parquet"
    table = pa.table(
        {
            "id": pa.array([1, 2, 3], pa.int64()),
            "reply": pa.array([HELLO.encode(), b"caf\xe9 \xff", None], pa.binary()),
            "agent": pa.array([b"sam", b"kim", b"lee"], pa.binary()),
        }
    )
    pq.write_table(table, source)
    results = score(tmp_path, source)
    assert [r["id"] for r in results] == ["1", "2", "3"]
    assert results[0]["text"] == HELLO and results[0]["agent"] == "sam" and "score" in results[0]
    assert results[1]["error"] == "the 'reply' column is not valid UTF-8 text on this row"
    assert results[2]["error"] == "empty reply"
    assert_no_printed_forms(results)


def test_list_columns_are_error_rows(tmp_path: Path) -> None:
    source = tmp_path / "export.parquet"
    table = pa.table(
        {
            "id": pa.array([["a"], ["b"]], pa.list_(pa.string())),
            "reply": pa.array([[HELLO], [HELLO]], pa.list_(pa.string())),
        }
    )
    pq.write_table(table, source)
    results = score(tmp_path, source)
    assert [r["id"] for r in results] == ["row 1", "row 2"]  # the ids are not ids
    assert all(r["error"] == "the 'reply' column holds a list on this row, not text"
               for r in results)  # fmt: skip
    assert_no_printed_forms(results)


def test_float_ids_widened_for_nulls_print_as_whole_numbers(tmp_path: Path) -> None:
    source = tmp_path / "export.parquet"
    pq.write_table(pa.table({"id": [10.0, None, 12.5], "reply": [HELLO] * 3}), source)
    assert [r["id"] for r in score(tmp_path, source)] == ["10", "row 2", "12.5"]


def test_json_values_that_are_not_text_are_error_rows(tmp_path: Path) -> None:
    source = tmp_path / "export.jsonl"
    records = [{"id": 7, "reply": HELLO, "agent": 12}, {"id": ["x"], "reply": HELLO},
               {"id": "r3", "reply": {"text": HELLO}}, {"id": "r4", "reply": 42},
               {"id": "r5", "reply": HELLO, "agent": True}]  # fmt: skip
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    results = score(tmp_path, source)
    assert [r["id"] for r in results] == ["7", "row 2", "r3", "r4", "r5"]
    assert "error" not in results[0] and results[0]["agent"] == "12"
    assert [r.get("error") for r in results[1:]] == [
        "the 'id' column holds a list on this row, not text",
        "the 'reply' column holds an object on this row, not text",
        "the 'reply' column holds a number on this row, not text",
        "the 'agent' column holds a boolean on this row, not text",
    ]
    assert_no_printed_forms(results)


def test_undecodable_ids_are_error_rows_not_a_crash(tmp_path: Path) -> None:
    source = tmp_path / "export.csv"
    source.write_bytes(b"id,reply\n\xff1,Hello there\nr2,Hello there\n")
    results = score(tmp_path, source)
    error = "the 'id' column is not valid UTF-8 text on this row"
    # (the reply was read: an error row carries its text, as the README says)
    assert results[0] == {"id": "row 1", "agent": None, "error": error, "text": "Hello there"}
    assert results[1]["id"] == "r2" and "score" in results[1]


@pytest.mark.parametrize("content", [b"id,reply\nr1,Hello\n", b"PAR1 truncated"])
def test_a_parquet_file_that_is_not_parquet_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    source = tmp_path / "export.parquet"
    source.write_bytes(content)
    assert main(["score", str(source), "--out", str(tmp_path / "o.jsonl"), "--jobs", "1"]) == 2
    err = capsys.readouterr().err
    assert "is not a readable Parquet file" in err and len(err.strip().splitlines()) == 1
