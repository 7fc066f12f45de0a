"""Streaming readers for exported replies: CSV, JSONL and Parquet, one row at a time.

Text is decoded leniently (``surrogateescape``) so one bad row becomes one ``error``
result instead of stopping the run; nothing is read into memory whole.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

from replylint.batch.columns import ColumnMap
from replylint.batch.rows import RowIn

InputFormat = Literal["csv", "jsonl", "parquet"]
FORMATS: tuple[InputFormat, ...] = ("csv", "jsonl", "parquet")
_EXTENSIONS: dict[str, InputFormat] = {
    ".csv": "csv", ".tsv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".parquet": "parquet", ".pq": "parquet",
}  # fmt: skip


class InputFormatError(ValueError):
    """The input cannot be read in the requested or guessed format."""


def guess_format(path: Path, explicit: str | None = None) -> InputFormat:
    if explicit:
        if explicit not in FORMATS:
            raise InputFormatError(f"unknown format {explicit!r}; use csv, jsonl or parquet")
        return explicit
    try:
        return _EXTENSIONS[path.suffix.lower()]
    except KeyError:
        raise InputFormatError(
            f"cannot tell the format of {path} from its extension; pass --input-format "
            "csv, jsonl or parquet"
        ) from None


def column_names(path: Path, fmt: InputFormat) -> list[str]:
    """The columns of the input, read from its header, first record or schema."""
    if fmt == "csv":
        with _open_text(path) as handle:
            header = next(csv.reader(handle, dialect=_dialect(path)), None)
        return list(header or [])
    if fmt == "jsonl":
        with _open_text(path) as handle:
            for line in handle:
                if line.strip():
                    try:
                        first = json.loads(line)
                    except json.JSONDecodeError:
                        raise InputFormatError(f"{path}: the first line is not JSON") from None
                    return list(first) if isinstance(first, dict) else []
        return []
    import pyarrow.parquet as pq

    return list(pq.ParquetFile(path).schema_arrow.names)


def read_rows(path: Path, fmt: InputFormat, columns: ColumnMap) -> Iterator[RowIn]:
    if fmt == "csv":
        yield from _read_csv(path, columns)
    elif fmt == "jsonl":
        yield from _read_jsonl(path, columns)
    else:
        yield from _read_parquet(path, columns)


def _open_text(path: Path) -> Any:
    if str(path) == "-":
        return open(sys.stdin.fileno(), encoding="utf-8", errors="surrogateescape", closefd=False)
    return open(path, encoding="utf-8-sig", errors="surrogateescape", newline="")


def _dialect(path: Path) -> str:
    return "excel-tab" if path.suffix.lower() == ".tsv" else "excel"


def _read_csv(path: Path, columns: ColumnMap) -> Iterator[RowIn]:
    csv.field_size_limit(sys.maxsize)
    with _open_text(path) as handle:
        for number, record in enumerate(csv.DictReader(handle, dialect=_dialect(path)), 1):
            yield row_from_record(record, columns, number)


def _read_jsonl(path: Path, columns: ColumnMap) -> Iterator[RowIn]:
    with _open_text(path) as handle:
        number = 0
        for line in handle:
            if line.strip():
                number += 1
                yield row_from_json_line(line, columns, number)


def row_from_json_line(line: str, columns: ColumnMap, number: int) -> RowIn:
    """One non-blank JSONL line as a row; a bad line becomes a row with a ``problem``
    (one ``error`` result), never a failed run. Shared with the Dask path."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return RowIn(id=str(number), text=None, problem=f"invalid JSON: {exc.msg}")
    if not isinstance(record, dict):
        return RowIn(id=str(number), text=None, problem="line is not a JSON object")
    return row_from_record(record, columns, number)


def _read_parquet(path: Path, columns: ColumnMap) -> Iterator[RowIn]:
    import pyarrow.parquet as pq

    wanted = [c for c in (columns.text, columns.id, columns.channel, columns.customer,
                          columns.agent) if c]  # fmt: skip
    number = 0
    for batch in pq.ParquetFile(path).iter_batches(batch_size=2048, columns=wanted):
        for record in batch.to_pylist():
            number += 1
            yield row_from_record(record, columns, number)


def row_from_record(record: dict[str, Any], columns: ColumnMap, number: int) -> RowIn:
    """One input record as a row; its id is the row number when it has none."""

    def value(column: str | None) -> str | None:
        if column is None:
            return None
        raw = record.get(column)
        return None if raw is None else str(raw)

    row_id = value(columns.id) or str(number)
    text = value(columns.text)
    problem = None
    if text is not None and _has_surrogates(text):
        problem = "the reply text is not valid UTF-8"
    return RowIn(
        id=row_id, text=text, channel=value(columns.channel),
        customer_message=value(columns.customer), agent=value(columns.agent), problem=problem,
    )  # fmt: skip


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
