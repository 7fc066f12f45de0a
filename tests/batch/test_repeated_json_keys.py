"""A JSONL line that gives a column's key twice (an exporter writing a field twice) was
read as its last value, the other dropped without a word: ``{"reply": "Hi Ana, ...",
"reply": ""}`` was counted as an empty reply, and two texts as the second. Such a line
is now an error row naming the key, as ``replylint serve`` refuses such a body; the id
and agent are kept when the line gives them once, and a key no column reads is no
matter."""

from __future__ import annotations

import json
from pathlib import Path

from replylint.batch.columns import ColumnMap
from replylint.batch.readers import row_from_json_line
from replylint.cli import main

COLUMNS = ColumnMap.resolve(["id", "reply", "agent"])
REPLY = "Hi Ana, your refund was sent today and reaches your card by Friday. Thanks, Sam"


def test_a_reply_given_twice_is_an_error_naming_the_key() -> None:
    line = json.dumps({"id": 7, "agent": "Sam", "reply": REPLY})[:-1] + ', "reply": ""}\n'
    row = row_from_json_line(line, COLUMNS, 1, 3)
    assert row.problem == (
        "line 3 gives the key 'reply' 2 times in one object; give it once (which value is meant?)"
    )
    assert (row.id, row.agent, row.text) == ("7", "Sam", None)


def test_an_id_given_twice_is_no_id() -> None:
    row = row_from_json_line(f'{{"id": 7, "id": 8, "reply": "{REPLY}"}}\n', COLUMNS, 2, 2)
    assert row.id == "row 2"
    assert row.problem is not None and "the key 'id' 2 times" in row.problem


def test_a_key_no_column_reads_may_repeat() -> None:
    line = f'{{"id": 7, "reply": "{REPLY}", "tags": "a", "tags": "b"}}\n'
    row = row_from_json_line(line, COLUMNS, 1, 1)
    assert (row.problem, row.text) == (None, REPLY)


def test_the_row_is_counted_among_the_errors(tmp_path: Path) -> None:
    export = tmp_path / "replies.jsonl"
    export.write_text(
        f'{{"id": 1, "reply": "{REPLY}", "reply": ""}}\n{{"id": 2, "reply": "{REPLY}"}}\n',
        encoding="utf-8",
    )
    out, summary = tmp_path / "scores.jsonl", tmp_path / "summary.json"
    argv = ["score", str(export), "--out", str(out), "--jobs", "1", "--isolated",
            "--summary-json", str(summary)]  # fmt: skip
    assert main(argv) == 0
    results = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["id"], "error" in r) for r in results] == [("1", True), ("2", False)]
    kinds = json.loads(summary.read_text(encoding="utf-8"))["error_kinds"]
    assert "empty reply" not in kinds
    assert list(kinds) == [
        "line N gives the key '…' N times in one object; give it once (which value is meant?)"
    ]
