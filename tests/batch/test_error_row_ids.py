"""A row that cannot be read whole keeps its real id where that can be read; where it
cannot, it gets ``row N``, never a bare row number that another row may hold as its
real id (and the summary then warned of repeated ids it had made itself)."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from replylint.batch.job import ScoreJob, run


def results(out: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_csv_rows_that_break_keep_their_id_or_say_they_have_none(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(
        "id,reply\n"
        '7,"Hi Ines, done. Thanks, Rui",Rui,extra\n'  # a cell too many: the id is first
        '4,"Hi Ines, your order ships today. Thanks, Rui"\n'
        ',"Hello Dev, the invoice is attached. Thanks!"\n'  # an empty id cell
        '3,"Hi Ola, the replacement is on its way. Thanks, Rui"\n',
        encoding="utf-8",
    )
    out = tmp_path / "scores.jsonl"
    summary = run(ScoreJob(input=source, output=out))
    assert [r["id"] for r in results(out)] == ["7", "4", "row 3", "3"]
    assert "error" in results(out)[0] and summary.repeated_ids.count == 0


def test_a_broken_record_of_one_field_is_not_read_as_its_id(tmp_path: Path) -> None:
    """A line of a reply cut loose by a stray quote is one field: which column it is,
    nothing says, and the sentence named its error row as if it were a ticket's id."""
    source = tmp_path / "in.csv"
    source.write_text(
        "id,reply,agent\n"
        '5,"Hi Ines, your order ships today. Thanks, Rui",Rui\n'
        'We are sorry the "parcel" arrived damaged and will send another.\n'
        "8\n"  # one field too, however much it looks like an id
        '9,"Hi Ola, the replacement is on its way. Thanks, Rui",Rui\n',
        encoding="utf-8",
    )
    out = tmp_path / "scores.jsonl"
    run(ScoreJob(input=source, output=out))
    rows = results(out)
    assert [r["id"] for r in rows] == ["5", "row 2", "row 3", "9"]
    assert "line 3: 1 fields where the header has 3" in str(rows[1]["error"])


def test_a_broken_record_whose_id_is_not_first_gets_row_n(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(
        'reply,id\n"Hi Ines, done. Thanks",1\nstray,"comma",2\n"Hi Bo, done. Thanks",2\n',
        encoding="utf-8",
    )
    out = tmp_path / "scores.jsonl"
    run(ScoreJob(input=source, output=out))
    assert [r["id"] for r in results(out)] == ["1", "row 2", "2"]


def test_jsonl_lines_that_are_not_objects_get_row_n(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    lines = [
        {"id": "2", "reply": "Hi Ines, your order ships today. Thanks, Rui"},
        "{not json",
        ["a", "list"],
        {"id": "3", "reply": None},
        {"reply": "Hi Ola, the replacement is on its way. Thanks, Rui"},
    ]
    source.write_text(
        "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "scores.jsonl"
    summary = run(ScoreJob(input=source, output=out))
    assert [r["id"] for r in results(out)] == ["2", "row 2", "row 3", "3", "row 5"]
    assert summary.repeated_ids.count == 0


def test_without_an_id_column_ids_are_still_row_numbers(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"reply": "Hi Ines, done. Thanks"}\n{oops\n', encoding="utf-8")
    out = tmp_path / "scores.jsonl"
    run(ScoreJob(input=source, output=out))
    assert [r["id"] for r in results(out)] == ["1", "2"]


def test_a_parquet_null_id_is_row_n(tmp_path: Path) -> None:
    source = tmp_path / "in.parquet"
    table = pa.table({"id": [None, "1"], "reply": ["Hi Ines, done. Thanks", None]})
    pq.write_table(table, source)
    out = tmp_path / "scores.jsonl"
    run(ScoreJob(input=source, output=out))
    assert [r["id"] for r in results(out)] == ["row 1", "1"]
