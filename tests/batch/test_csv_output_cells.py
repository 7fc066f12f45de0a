"""`replylint score --out x.csv`: the output is opened in a spreadsheet, so a text cell
from the input (an id, an agent) that would start a formula is written with a leading
`'`; numbers stay numbers, and `--resume` and the repeated-id count read the cells back
as the text they were."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from replylint.batch.job import ScoreJob, run
from replylint.spreadsheet_cells import cell_text, safe_cell

REPLY = "Hi Dana, sorry about the delay. Your parcel arrives tomorrow. Thanks, Sam"
ROWS = [
    ('=HYPERLINK("http://x.example","open")', "@sam"),
    ("+4420", "-kim"),
    ("'=already quoted", "lee"),
    ("t4", "sam"),
    ("@dup", "=1+1"),
    ("@dup", "kim"),
    ("\tt7", "bo"),  # (a JSONL id is kept exactly; an agent's tab would be trimmed)
]


def write_input(path: Path) -> None:
    lines = (json.dumps({"id": i, "agent": a, "reply": REPLY}) + "\n" for i, a in ROWS)
    path.write_text("".join(lines), encoding="utf-8")


def read_sheet(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_text_cells_cannot_start_a_formula_and_numbers_stay_numbers(tmp_path: Path) -> None:
    source, out = tmp_path / "in.jsonl", tmp_path / "out.csv"
    write_input(source)
    run(ScoreJob(input=source, output=out))
    rows = read_sheet(out)
    assert [(r["id"], r["agent"]) for r in rows] == [
        ('\'=HYPERLINK("http://x.example","open")', "'@sam"),
        ("'+4420", "'-kim"),
        ("''=already quoted", "lee"),
        ("t4", "sam"),
        ("'@dup", "'=1+1"),
        ("'@dup", "kim"),
        ("'\tt7", "bo"),
    ]
    assert all(r["score"].isdigit() and r["findings"].isdigit() for r in rows)


def test_resume_reads_the_quoted_cells_back_as_they_were(tmp_path: Path) -> None:
    source, out = tmp_path / "in.jsonl", tmp_path / "out.csv"
    write_input(source)
    whole = run(ScoreJob(input=source, output=out))
    written = out.read_text(encoding="utf-8")
    out.write_text(written[: written.index("t4")], encoding="utf-8")  # stopped after 3 rows
    resumed = run(ScoreJob(input=source, output=out, resume=True))
    assert out.read_text(encoding="utf-8") == written
    # the agents read back are the agents scored afresh: none counted twice under two names
    assert resumed.as_dict()["agents"] == whole.as_dict()["agents"]
    assert resumed.repeated_ids.examples == whole.repeated_ids.examples == ("@dup",)


@pytest.mark.parametrize(
    "text", ["=1+1", "+1", "-", "@a", "\tx", "\rx", "'=x", "''-x", "'x", "x", "", "a=b"]
)
def test_a_safe_cell_reads_back_as_its_text(text: str) -> None:
    assert cell_text(safe_cell(text)) == text
    assert not safe_cell(text).startswith(("=", "+", "-", "@", "\t", "\r"))
