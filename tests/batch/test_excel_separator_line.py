"""A CSV export whose first line is Excel's ``sep=;`` is read as Excel reads it: the
separator is the one named, the header is the next line, and line numbers still count
the first. It was taken for the header ("cannot tell which column holds the reply
text ... The input has: sep=, ''")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from replylint.batch.columns import ColumnMap
from replylint.batch.job import ScoreJob, run
from replylint.batch.readers import column_names, read_rows, row_count
from replylint.config import RULES_ONLY, LinterConfig

ROWS = ['t1{0}"Hi Dana; your refund was sent today. Thanks!"', 't2{0}"a "stray" quote"',
        "t3{0}Restart the app."]  # fmt: skip


def export(tmp_path: Path, separator: str, first: str, newline: str = "\r\n") -> Path:
    path = tmp_path / "export.csv"
    lines = [first, f"id{separator}reply", *(row.format(separator) for row in ROWS)]
    path.write_text(newline.join(lines) + newline, encoding="utf-8", newline="")
    return path


@pytest.mark.parametrize(("separator", "first"), [(";", "sep=;"), ("\t", "sep=\t"),
                                                  (",", "SEP=,"), ("|", "sep=|")])  # fmt: skip
def test_the_separator_line_names_the_separator(tmp_path: Path, separator: str, first: str) -> None:
    path = export(tmp_path, separator, first)
    for sniffed in (",", ";"):  # whatever was sniffed from the file, the line decides
        assert column_names(path, "csv", sniffed) == ["id", "reply"]
        columns = ColumnMap.resolve(["id", "reply"])
        rows = list(read_rows(path, "csv", columns, sniffed))
        assert [row.id for row in rows] == ["t1", "t2", "t3"]
        assert rows[0].text == "Hi Dana; your refund was sent today. Thanks!"
        assert rows[1].problem is not None and rows[1].problem.startswith("line 4:")
        assert row_count(path, "csv", sniffed) == 3


def test_a_scored_export_with_a_separator_line(tmp_path: Path) -> None:
    path, out = export(tmp_path, ";", "sep=;", newline="\n"), tmp_path / "out.jsonl"
    run(ScoreJob(input=path, output=out, config=LinterConfig(model=RULES_ONLY)))
    results = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [result["id"] for result in results] == ["t1", "t2", "t3"]
    assert "error" not in results[0] and "error" not in results[2]
    assert results[1]["error"].startswith("line 4:")


def test_a_header_that_only_starts_like_one_is_a_header(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("sep=x,reply\n1,Thanks!\n", encoding="utf-8")
    assert column_names(path, "csv", ",") == ["sep=x", "reply"]
