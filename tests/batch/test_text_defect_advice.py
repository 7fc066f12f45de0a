"""A row whose text cannot be scored says why in the words of its own format: a JSON
``\\ud800`` escape in a valid UTF-8 JSONL file was "not valid UTF-8 text" with advice to
re-save a CSV from Excel, and a byte-order mark inside a file (two files joined) was
Python's "decode using utf-8-sig"."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from replylint.batch.job import ScoreJob, run
from replylint.config import RULES_ONLY, LinterConfig

FAST = LinterConfig(model=RULES_ONLY)
REPLY = "Hi Dana, refund today. Thanks, Sam"
#: The tester's line: valid UTF-8, valid JSON, a string holding half of a character.
ESCAPED = '{"id":"e","reply":"Hi Dana, refund today.\\ud800 Thanks, Sam"}\n'


def score(tmp_path: Path, source: Path) -> tuple[list[dict[str, object]], dict[str, object]]:
    out = tmp_path / "out.jsonl"
    summary = run(ScoreJob(input=source, output=out, config=FAST, force=True))
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return rows, summary.as_dict()


def notes(summary: dict[str, object]) -> str:
    return "\n".join(summary["notes"])  # type: ignore[arg-type]


def test_an_unpaired_surrogate_escape_is_named_with_the_fix(tmp_path: Path) -> None:
    source = tmp_path / "export.jsonl"
    source.write_text(ESCAPED + json.dumps({"id": "ok", "reply": REPLY}) + "\n", "utf-8")
    rows, summary = score(tmp_path, source)
    assert rows[0]["error"] == (
        "the 'reply' column holds '\\ud800' on this row, a JSON escape of an unpaired "
        "surrogate, which is no character (half of one, such as an emoji); fix the exporter"
    )
    assert "score" in rows[1]
    assert "not valid UTF-8" not in str(rows[0]["error"])
    assert "CSV UTF-8" not in notes(summary) and "Excel" not in notes(summary)
    assert "unpaired surrogate escape ('\\ud800' to '\\udfff')" in notes(summary)
    assert "Fix the exporter" in notes(summary)
    # the same failure with another escape is the same reason
    assert list(summary["error_kinds"]) == [  # type: ignore[call-overload]
        "the 'reply' column holds '…' on this row, a JSON escape of an unpaired surrogate, "
        "which is no character (half of one, such as an emoji); fix the exporter"
    ]


def test_the_library_checks_the_same_text_reading_the_half_character_as_a_replacement() -> None:
    """The difference README "Batch scoring" documents: the library (and serve, which
    runs it) checks such a text whole; a batch row is an export's defect to fix."""
    from replylint import Linter

    report = Linter().check("Hi Dana, refund today.\ud800 Thanks, Sam")
    assert report.checks["greeting"].present and report.checks["closing_thanks"].present


def test_bytes_that_are_not_utf8_get_advice_for_the_format_they_came_in(tmp_path: Path) -> None:
    jsonl = tmp_path / "export.jsonl"
    jsonl.write_bytes(b'{"id": "1", "reply": "Hi Ann, I\x92ve chased it. Thanks, Sam"}\n')
    rows, summary = score(tmp_path, jsonl)
    assert rows[0]["error"] == "the 'reply' column is not valid UTF-8 text on this row"
    assert "the JSONL file holds bytes of another encoding" in notes(summary)
    assert "Excel" not in notes(summary) and "unpaired" not in notes(summary)

    parquet = tmp_path / "export.parquet"
    pq.write_table(pa.table({"id": ["1"], "reply": pa.array([b"caf\xe9"], pa.binary())}), parquet)
    rows, summary = score(tmp_path, parquet)
    assert "a binary column holds bytes of another encoding" in notes(summary)
    assert "Excel" not in notes(summary)

    csv = tmp_path / "export.csv"
    csv.write_bytes(b'id,reply\n1,"Hi Ann, I\x92ve chased it. Thanks, Sam"\n')
    rows, summary = score(tmp_path, csv)
    assert "save it as 'CSV UTF-8'" in notes(summary)  # where Excel is the likely cause


@pytest.mark.parametrize("first_has_one", [True, False], ids=["both-marked", "second-marked"])
def test_a_byte_order_mark_inside_the_file_says_what_it_is(
    tmp_path: Path, first_has_one: bool
) -> None:
    """Two exports joined with cat: the second's mark starts a line inside the file."""
    bom = "\ufeff"
    first = json.dumps({"id": "a", "reply": REPLY}) + "\n"
    second = json.dumps({"id": "b", "reply": REPLY}) + "\n"
    source = tmp_path / "joined.jsonl"
    source.write_text((bom if first_has_one else "") + first + bom + second, "utf-8")
    rows, summary = score(tmp_path, source)
    assert "score" in rows[0]
    error = str(rows[1]["error"])
    assert error.startswith("line 2 starts with a byte-order mark (U+FEFF), which belongs ")
    assert "joining files (cat a.jsonl b.jsonl)" in error and "remove the mark" in error
    assert "utf-8-sig" not in error and "utf-8-sig" not in str(summary["error_kinds"])
