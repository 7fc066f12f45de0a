"""Rows whose every cell is empty (``;;;``), which Excel and LibreOffice keep where a
sheet once had content, are no rows, as blank lines are not: ``score`` counted each as an
"empty reply" error row with a made-up id, where ``eval`` skipped them. A row with an id
or an agent and no reply is still an error row."""

from __future__ import annotations

import json
from pathlib import Path

from replylint.batch.job import ScoreJob, run
from replylint.batch.readers import row_count
from replylint.config import RULES_ONLY, LinterConfig

HEADER = "id;reply;agent;"
SENT = ["1;Hi Dana, we ship today. Thanks, Sam;Sam;", "2;Hi Kim, we refund you. Thanks, Jo;Jo;"]


def scored(tmp_path: Path, lines: list[str]) -> list[dict[str, object]]:
    path, out = tmp_path / "export.csv", tmp_path / "out.jsonl"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8", newline="")
    run(ScoreJob(input=path, output=out, config=LinterConfig(model=RULES_ONLY)))
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_a_sheets_emptied_rows_are_no_rows(tmp_path: Path) -> None:
    results = scored(tmp_path, [HEADER, *SENT, ";;;", " ; ;;", ";;;"])
    assert [r["id"] for r in results] == ["1", "2"]
    assert all("error" not in r for r in results)
    assert row_count(tmp_path / "export.csv", "csv", ";") == 2


def test_an_emptied_row_between_rows_keeps_the_row_numbers_of_the_rest(tmp_path: Path) -> None:
    lines = ["reply;agent", "Hi Dana, it ships today.;Sam", ";", "Hi Kim, refunded.;Jo"]
    assert [r["id"] for r in scored(tmp_path, lines)] == ["1", "2"]


def test_a_row_with_an_id_and_no_reply_is_still_an_error_row(tmp_path: Path) -> None:
    results = scored(tmp_path, [HEADER, *SENT, "3;;Sam;"])
    assert [r["id"] for r in results] == ["1", "2", "3"]
    assert "error" in results[2] and "empty" in str(results[2]["error"])
