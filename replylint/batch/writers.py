"""Writers for batch results: JSONL (full reports), CSV and Parquet (one column per check).

Every result is written as soon as its chunk is done, so an interrupted run leaves the
output valid up to the last complete row; ``completed_ids`` reads those back for
``--resume``, cutting off a torn last line.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal, Protocol

from replylint.report import CORE_CHECKS

OutputFormat = Literal["jsonl", "csv", "parquet"]
_EXTENSIONS: dict[str, OutputFormat] = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv",
    ".parquet": "parquet", ".pq": "parquet",
}  # fmt: skip
FLAT_COLUMNS = ("id", "agent", "score", "findings", "jargon_terms", *CORE_CHECKS, "error")


class OutputError(ValueError):
    """The output cannot be written as asked."""


def output_format(path: Path, explicit: str | None = None) -> OutputFormat:
    if explicit:
        if explicit not in _EXTENSIONS.values():
            raise OutputError(f"unknown output format {explicit!r}; use jsonl, csv or parquet")
        return explicit  # type: ignore[return-value]
    try:
        return _EXTENSIONS[path.suffix.lower()]
    except KeyError:
        raise OutputError(
            f"cannot tell the output format of {path}; use .jsonl, .csv or .parquet"
        ) from None


def flatten(result: dict[str, Any]) -> dict[str, Any]:
    """One row per reply: score, finding count, jargon count and each check's state."""
    flat: dict[str, Any] = {"id": result.get("id"), "agent": result.get("agent")}
    if "error" in result:
        flat.update(dict.fromkeys(FLAT_COLUMNS[2:], None), error=result["error"])
        return flat
    findings = result.get("findings", [])
    flat["score"] = result.get("score")
    flat["findings"] = len(findings)
    flat["jargon_terms"] = sum(1 for f in findings if f.get("check") == "jargon")
    for check in CORE_CHECKS:
        state = result["checks"].get(check, {})
        if not state.get("applicable", True):
            flat[check] = "n/a"
        else:
            flat[check] = "present" if state.get("present") else "missing"
    flat["error"] = None
    return flat


class Writer(Protocol):
    def write(self, results: list[dict[str, Any]]) -> None: ...
    def close(self) -> None: ...


class JsonlWriter:
    def __init__(self, path: Path, append: bool) -> None:
        self._handle = open(path, "a" if append else "w", encoding="utf-8")  # noqa: SIM115

    def write(self, results: list[dict[str, Any]]) -> None:
        self._handle.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in results))
        self._handle.flush()

    def close(self) -> None:
        self._handle.close()


class CsvWriter:
    def __init__(self, path: Path, append: bool) -> None:
        fresh = not append or not path.exists() or path.stat().st_size == 0
        mode = "a" if append else "w"
        self._handle = open(path, mode, encoding="utf-8", newline="")  # noqa: SIM115
        self._writer = csv.DictWriter(self._handle, fieldnames=FLAT_COLUMNS)
        if fresh:
            self._writer.writeheader()

    def write(self, results: list[dict[str, Any]]) -> None:
        self._writer.writerows(flatten(r) for r in results)
        self._handle.flush()

    def close(self) -> None:
        self._handle.close()


class ParquetWriter:
    """Buffers rows into row groups; a Parquet file is only valid once closed."""

    ROW_GROUP = 4096

    def __init__(self, path: Path) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        self._pa = pa
        fields = [pa.field("id", pa.string()), pa.field("agent", pa.string()),
                  pa.field("score", pa.int64()), pa.field("findings", pa.int64()),
                  pa.field("jargon_terms", pa.int64())]  # fmt: skip
        fields += [pa.field(c, pa.string()) for c in CORE_CHECKS]
        fields.append(pa.field("error", pa.string()))
        self._schema = pa.schema(fields)
        self._writer = pq.ParquetWriter(path, self._schema)
        self._buffer: list[dict[str, Any]] = []

    def write(self, results: list[dict[str, Any]]) -> None:
        self._buffer.extend(flatten(r) for r in results)
        if len(self._buffer) >= self.ROW_GROUP:
            self._flush()

    def _flush(self) -> None:
        if self._buffer:
            table = self._pa.Table.from_pylist(self._buffer, schema=self._schema)
            self._writer.write_table(table)
            self._buffer = []

    def close(self) -> None:
        self._flush()
        self._writer.close()


def open_writer(path: Path, fmt: OutputFormat, append: bool) -> Writer:
    if fmt == "jsonl":
        return JsonlWriter(path, append)
    if fmt == "csv":
        return CsvWriter(path, append)
    if append:
        raise OutputError("--resume needs JSONL or CSV output (a Parquet file cannot be appended)")
    return ParquetWriter(path)


def completed_ids(path: Path, fmt: OutputFormat) -> set[str]:
    """Ids already in an output file; a torn last line (killed run) is cut off first."""
    if not path.exists():
        return set()
    if fmt == "parquet":
        raise OutputError("--resume needs JSONL or CSV output (a Parquet file cannot be appended)")
    _truncate_torn_tail(path, fmt)
    with open(path, encoding="utf-8", newline="") as handle:
        if fmt == "jsonl":
            return {str(json.loads(line)["id"]) for line in handle if line.strip()}
        return {row["id"] for row in csv.DictReader(handle)}


def _truncate_torn_tail(path: Path, fmt: OutputFormat) -> None:
    """Cut a last line that has no newline: a run killed while writing it. Results are
    written a whole line at a time, so every line that ends in a newline is complete.
    Reads only the tail of the file."""
    with open(path, "rb+") as handle:
        end = handle.seek(0, 2)
        position = end
        while position > 0:
            start = max(0, position - 65536)
            handle.seek(start)
            block = handle.read(position - start)
            if position == end and block.endswith(b"\n"):
                return
            newline = block.rfind(b"\n")
            if newline != -1:
                handle.truncate(start + newline + 1)
                return
            position = start
        handle.truncate(0)


def iter_results(path: Path) -> Iterator[dict[str, Any]]:
    """Read back a JSONL results file (for ``replylint report``)."""
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)
