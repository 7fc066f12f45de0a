"""A bad JSONL line says where on the line it went wrong. json's own message for a raw
control character ends in "at" ("Invalid control character at"): said without the
position, it stopped mid-sentence."""

from __future__ import annotations

import pytest

from replylint.batch.columns import ColumnMap
from replylint.batch.readers import row_from_json_line

COLUMNS = ColumnMap.resolve(["id", "reply"])
AT_END = "at the end of the line (is it cut short, or a record broken across lines?)"


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('{"id": "a", "reply": "Hi\tSam"}\n', "Invalid control character at column 25"),
        ('{"id": "a", "reply": "Hi Sa\n', f"Invalid control character {AT_END}"),
        ('{"id": "a"} {"id": "b"}\n', "Extra data at column 13"),
        ('{"id": "a", "reply": "Hi"\r\n', f"Expecting ',' delimiter {AT_END}"),
    ],
)  # fmt: skip
def test_a_bad_line_says_where_it_went_wrong(line: str, problem: str) -> None:
    assert row_from_json_line(line, COLUMNS, 1, 4).problem == f"line 4: invalid JSON: {problem}"
