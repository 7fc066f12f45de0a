"""Writers for batch results: JSONL (full reports), CSV and Parquet (one column per check
the run reports: :func:`~replylint.batch.checks.reported_checks`, a plugin's included).

Every result is written as soon as its chunk is done, so an interrupted run leaves the
output valid up to the last complete row. :class:`WrittenResults` reads those back for
``--resume`` (results match input rows by position), refusing a file that is not
``replylint score`` output and cutting off a torn last line.

A CSV file is opened in a spreadsheet: its text cells (id, agent, error) are written
through :func:`~replylint.spreadsheet_cells.safe_cell`, so that an id such as
``=HYPERLINK(...)`` or an agent ``@sam`` is shown, not run, and read back through
:func:`~replylint.spreadsheet_cells.cell_text` as the text it was.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, BinaryIO, Literal, Protocol

from replylint.batch.checks import ChannelVerdicts
from replylint.errors import UserError
from replylint.report import REPORTED_CHECKS, SCHEMA_VERSION
from replylint.spreadsheet_cells import cell_text, safe_cell

OutputFormat = Literal["jsonl", "csv", "parquet"]
_EXTENSIONS: dict[str, OutputFormat] = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv",
    ".parquet": "parquet", ".pq": "parquet",
}  # fmt: skip


def flat_columns(checks: Sequence[str]) -> tuple[str, ...]:
    """The CSV and Parquet columns of a run that reports ``checks``: one per check."""
    return ("id", "agent", "score", "language", "findings", "jargon_terms", *checks, "error")


#: The flat columns of a run of the built-in rules alone.
FLAT_COLUMNS = flat_columns(REPORTED_CHECKS)
#: The flat columns that hold text from the input (or an error quoting it), not a number
#: or a check's state.
_TEXT_COLUMNS = ("id", "agent", "error")
_CHECK_STATES = ("present", "missing", "n/a")
_NO_APPEND = "--resume needs JSONL or CSV output (a Parquet file cannot be appended)"
#: How a Parquet file begins and ends; the end comes with the footer, written on close.
_PARQUET_MAGIC = b"PAR1"
#: A later major report schema changed the results incompatibly; a later minor one only
#: added fields, which the readers here pass over (README, "Report schema versions").
_SCHEMA_MAJOR = int(SCHEMA_VERSION.split(".")[0])
#: What schema 2 changed, for a refusal to append its results to an older run's.
_SINCE_2 = "which leaves the score of a reply not in English empty (null) where 1.x gave 100"


class OutputError(UserError, ValueError):
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
            f"cannot tell the output format of {path}; name it .jsonl, .csv or .parquet, "
            "or pass --output-format jsonl|csv|parquet"
        ) from None


def flatten(result: dict[str, Any], checks: Sequence[str]) -> dict[str, Any]:
    """One row per reply: score, finding count, jargon count and the state of each of
    ``checks``; a check the result has no verdict for (a plugin's rule not run on the
    reply's channel) is ``n/a``, as a built-in check turned off is."""
    flat: dict[str, Any] = {"id": result.get("id"), "agent": result.get("agent")}
    if "error" in result:
        flat.update(dict.fromkeys(flat_columns(checks)[2:], None), error=result["error"])
        return flat
    findings = result.get("findings", [])
    flat["score"] = result.get("score")
    # the mean and percentiles describe replies in English only: a summary read back
    # from this row (``--resume``) must know which it is
    flat["language"] = result.get("language") or "en"
    flat["findings"] = len(findings)
    flat["jargon_terms"] = sum(1 for f in findings if f.get("check") == "jargon")
    for check in checks:
        state = result["checks"].get(check, {})
        if not state.get("applicable", False):
            flat[check] = "n/a"
        else:
            flat[check] = "present" if state.get("present") else "missing"
    flat["error"] = None
    return flat


def result_from_flat(flat: dict[str, str], checks: Sequence[str]) -> dict[str, Any]:
    """A CSV output row turned back into a result holding what a summary reads: id,
    agent, score, the state of each of ``checks``, one jargon finding per counted term; or
    the error. Raises ``ValueError`` for a row ``flatten`` cannot have written."""
    flat = {**flat, **{name: cell_text(flat[name]) for name in _TEXT_COLUMNS}}
    result: dict[str, Any] = {"id": flat["id"], "agent": flat["agent"] or None}
    if flat["error"]:
        return {**result, "error": flat["error"]}
    states = [flat[check] for check in checks]
    if any(state not in _CHECK_STATES for state in states):
        raise ValueError("a check column holds something other than present, missing or n/a")
    result["language"] = flat["language"]
    # (empty: a reply in another language, which has no score)
    result["score"] = int(flat["score"]) if flat["score"] else None
    if (result["score"] is None) != (result["language"] != "en"):
        raise ValueError("a score where none is given, or none where one is")
    result["checks"] = {
        check: {"applicable": state != "n/a", "present": state == "present"}
        for check, state in zip(checks, states, strict=True)
    }
    result["findings"] = [{"check": "jargon"}] * int(flat["jargon_terms"] or 0)
    return result


class Writer(Protocol):
    def write(self, results: list[dict[str, Any]]) -> None: ...
    def close(self) -> None: ...


class WriteFailed(OutputError):
    """A write that failed mid-run (a full disk, a lost network share). Its message says
    what is left and how to finish; ``stdin``: said for a run whose input was standard
    input, which ``--resume`` cannot read again (:meth:`from_stdin`)."""

    def __init__(self, path: Path, cause: str, *, resumable: bool, stdin: bool = False) -> None:
        if not resumable:
            then = "it is incomplete; make room and score again with --force (which replaces it)"
        elif stdin:
            then = (
                "it is complete up to the last written row; make room, save the export to a "
                "file (standard input cannot be read again) and finish with "
                f"`replylint score FILE --out {path} --resume`"
            )
        else:
            then = (
                "it is complete up to the last written row; make room and finish it with --resume"
            )
        super().__init__(f"cannot write {path}: {cause}; {then}")
        self.path, self.cause, self.resumable = path, cause, resumable

    def from_stdin(self) -> WriteFailed:
        """The same failure, said of a run that read standard input."""
        return WriteFailed(self.path, self.cause, resumable=self.resumable, stdin=True)


def write_failed(path: Path, exc: OSError, *, resumable: bool) -> WriteFailed:
    """A write that failed mid-run: one line saying what is left and how to finish,
    instead of a traceback."""
    return WriteFailed(path, str(exc.strerror or exc), resumable=resumable)


def left_by_stop(path: Path, resumable: bool, *, stdin: bool = False) -> str:
    """What a run that stopped on an error (after its output was opened) left in
    ``path``, and how to finish it, as :func:`write_failed` says it."""
    if resumable and stdin:
        return (
            f"{path} is complete up to the last written row; save the export to a file "
            "(standard input cannot be read again) and finish with "
            f"`replylint score FILE --out {path} --resume`"
        )
    if resumable:
        return f"{path} is complete up to the last written row; finish it with --resume"
    return f"{path} is incomplete; score again with --force (which replaces it)"


class JsonlWriter:
    def __init__(self, path: Path, append: bool) -> None:
        self._path = path
        self._handle = open(path, "a" if append else "w", encoding="utf-8")  # noqa: SIM115

    def write(self, results: list[dict[str, Any]]) -> None:
        try:
            self._handle.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in results))
            self._handle.flush()
        except OSError as exc:
            raise write_failed(self._path, exc, resumable=True) from None

    def close(self) -> None:
        try:
            self._handle.close()
        except OSError as exc:
            raise write_failed(self._path, exc, resumable=True) from None


class CsvWriter:
    def __init__(self, path: Path, append: bool, checks: Sequence[str]) -> None:
        fresh = not append or not path.exists() or path.stat().st_size == 0
        mode = "a" if append else "w"
        self._path = path
        self._checks = tuple(checks)
        self._handle = open(path, mode, encoding="utf-8", newline="")  # noqa: SIM115
        self._writer = csv.DictWriter(self._handle, fieldnames=flat_columns(self._checks))
        if fresh:
            self._writer.writeheader()

    def write(self, results: list[dict[str, Any]]) -> None:
        try:
            self._writer.writerows(_csv_row(flatten(r, self._checks)) for r in results)
            self._handle.flush()
        except OSError as exc:
            raise write_failed(self._path, exc, resumable=True) from None

    def close(self) -> None:
        try:
            self._handle.close()
        except OSError as exc:
            raise write_failed(self._path, exc, resumable=True) from None


def _csv_row(flat: dict[str, Any]) -> dict[str, Any]:
    """A flat row with its text cells made safe to open in a spreadsheet."""
    safe = {n: safe_cell(flat[n]) for n in _TEXT_COLUMNS if isinstance(flat[n], str)}
    return {**flat, **safe}


class ParquetWriter:
    """Buffers rows into row groups; a Parquet file is only valid once closed."""

    ROW_GROUP = 4096

    def __init__(self, path: Path, checks: Sequence[str]) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        self._pa = pa
        fields = [pa.field("id", pa.string()), pa.field("agent", pa.string()),
                  pa.field("score", pa.int64()), pa.field("language", pa.string()),
                  pa.field("findings", pa.int64()),
                  pa.field("jargon_terms", pa.int64())]  # fmt: skip
        self._checks = tuple(checks)
        fields += [pa.field(c, pa.string()) for c in self._checks]
        fields.append(pa.field("error", pa.string()))
        self._schema = pa.schema(fields)
        self._path = path
        self._writer = pq.ParquetWriter(path, self._schema)
        self._buffer: list[dict[str, Any]] = []

    def write(self, results: list[dict[str, Any]]) -> None:
        self._buffer.extend(flatten(r, self._checks) for r in results)
        if len(self._buffer) >= self.ROW_GROUP:
            self._flush()

    def _flush(self) -> None:
        if self._buffer:
            table = self._pa.Table.from_pylist(self._buffer, schema=self._schema)
            try:
                self._writer.write_table(table)
            except OSError as exc:
                raise write_failed(self._path, exc, resumable=False) from None
            self._buffer = []

    def close(self) -> None:
        try:
            self._flush()
        finally:
            try:
                self._writer.close()
            except OSError as exc:
                raise write_failed(self._path, exc, resumable=False) from None


def check_output_target(path: Path, *, resume: bool, force: bool, appendable: bool = True) -> None:
    """Refuse, before any work, to write where it cannot go or would destroy results:
    a missing folder, a folder, or an existing results file without ``--resume`` (keep
    and complete it) or ``--force`` (replace it). An empty file or a device such as
    ``/dev/stdout`` holds no results to lose. A file that is not ``appendable`` (Parquet)
    is told ``--force`` alone: told ``--resume`` too, the user was then refused it."""
    if resume and force:
        raise OutputError(
            "--resume keeps the results already in OUTPUT and --force replaces them; pass one"
        )
    if not path.parent.is_dir():
        raise OutputError(f"cannot write {path}: the folder {path.parent} does not exist")
    if path.is_dir():
        raise OutputError(f"cannot write {path}: it is a folder")
    if not (resume or force) and path.is_file() and path.stat().st_size > 0:
        if not appendable:
            raise OutputError(
                f"{path} already exists; pass --force to replace it (a Parquet file cannot "
                "be completed with --resume), or write to a new file"
            )
        raise OutputError(
            f"{path} already exists; pass --resume to complete it or --force to replace it"
        )


def parquet_cut_short(path: Path) -> bool:
    """Whether ``path`` is a Parquet file whose footer was never written: a run killed
    outright (``kill -9``, out of memory) leaves the 4 bytes its writer opens with, or
    row groups without the footer that indexes them, and none of its rows can be read.
    Told apart by its first and last bytes, so what pyarrow would say ("smaller than the
    minimum file footer") is never the user's only clue."""
    try:
        with path.open("rb") as handle:
            if handle.read(4) != _PARQUET_MAGIC:
                return False
            if handle.seek(0, 2) < 12:  # (the magic twice and the footer's length)
                return True
            handle.seek(-4, 2)
            return handle.read(4) != _PARQUET_MAGIC
    except OSError:
        return False


def cut_short_advice(path: Path) -> str:
    """What a :func:`parquet_cut_short` file is, and what to do about it."""
    return (
        f"{path} is a Parquet file its run never finished (killed with kill -9, or out of "
        "memory, before the file was closed): it holds no readable rows and cannot be "
        "resumed; score the input again with --force (or write .jsonl or .csv output, "
        "which --resume can finish after a kill)"
    )


def _no_append(path: Path) -> OutputError:
    """The refusal of ``--resume`` into a Parquet file, saying what a cut-short one is."""
    return OutputError(cut_short_advice(path) if parquet_cut_short(path) else _NO_APPEND)


def open_writer(path: Path, fmt: OutputFormat, append: bool, checks: Sequence[str]) -> Writer:
    """The writer for ``fmt``, with a column for each of ``checks`` (the run's
    :func:`~replylint.batch.checks.reported_checks`) where it has columns; a file that
    cannot be opened is an :class:`OutputError`."""
    if append and fmt == "parquet":
        raise _no_append(path)
    try:
        if fmt == "jsonl":
            return JsonlWriter(path, append)
        if fmt == "csv":
            return CsvWriter(path, append, checks)
        return ParquetWriter(path, checks)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None


class WrittenResults:
    """The complete results already in an output, read lazily for ``--resume``.

    Iterating yields them in order (CSV rows rebuilt by :func:`result_from_flat`); a file
    that is not ``replylint score`` output of this format (another header, a line that is
    not a result, results of another report schema) is an :class:`OutputError` and is left
    untouched. A last line without its newline is a run killed while writing it: it is
    not yielded, and :meth:`cut_torn_tail` removes it before appending. A CSV file's
    columns must be those of ``checks``, the checks this run reports: rows without a
    plugin's column appended to rows with it (or the reverse) would mix two tables. A
    JSONL result's verdicts must be for the checks this run gives a reply on its
    channel (``verdicts``: :func:`~replylint.batch.checks.verdicts_by_channel`), which is
    how a file copied without its run record tells a run with a plugin from one
    without."""

    def __init__(
        self,
        path: Path,
        fmt: OutputFormat,
        checks: Sequence[str],
        verdicts: Mapping[str, ChannelVerdicts] | None = None,
    ) -> None:
        if fmt == "parquet":
            raise _no_append(path)
        self._path = path
        self._fmt = fmt
        self._checks = tuple(checks)
        self._verdicts = verdicts
        self._columns = flat_columns(self._checks)
        self._end = 0  # bytes of complete results read so far

    def __iter__(self) -> Iterator[dict[str, Any]]:
        if not self._path.is_file():  # nothing written yet, or a pipe: nothing to read
            return
        with open(self._path, "rb") as handle:
            if handle.read(len(_PARQUET_MAGIC)) == _PARQUET_MAGIC:
                # (a killed Parquet run's 4 bytes, renamed: read as a torn last line, they
                # were cut and the results appended, without a word)
                raise OutputError(
                    f"cannot resume into {self._path}: it holds a Parquet file (it starts "
                    f"with PAR1), not {self._fmt.upper()} results; write to a new file, or "
                    "score again with --force to replace it"
                )
            handle.seek(0)
            records = self._jsonl(handle) if self._fmt == "jsonl" else self._csv(handle)
            for result, end in records:
                self._end = end
                yield result

    def cut_torn_tail(self) -> None:
        """Truncate after the last complete result (call once iteration is done)."""
        if self._path.is_file() and self._path.stat().st_size > self._end:
            with open(self._path, "rb+") as handle:
                handle.truncate(self._end)

    def _refuse(self, what: str) -> OutputError:
        return OutputError(
            f"cannot resume into {self._path}: {what}; write to a new file, or pass --force "
            "instead of --resume to replace it"
        )

    def _jsonl(self, handle: BinaryIO) -> Iterator[tuple[dict[str, Any], int]]:
        end = 0
        for number, line in enumerate(handle, 1):
            if not line.endswith(b"\n"):
                return  # torn
            end += len(line)
            if line.strip():
                yield self._checked(_json_result(line), number), end

    def _checked(self, result: dict[str, Any] | None, number: int) -> dict[str, Any]:
        if result is None:
            raise self._refuse(f"line {number} is not a result of `replylint score`")
        version = result.get("schema_version", SCHEMA_VERSION)
        if "error" not in result and (newer := _newer_schema(result)):
            raise self._refuse(f"line {number} {newer} to complete it")
        if "error" not in result and _major(version) < _SCHEMA_MAJOR:
            raise OutputError(
                f"cannot resume into {self._path}: line {number} has report schema "
                f"{version}, written by an older replylint; this one writes schema "
                f"{SCHEMA_VERSION}, {_SINCE_2}, and the file would hold both; score again "
                "without --resume, into a new file or with --force"
            )
        if "error" not in result and version != SCHEMA_VERSION:
            raise self._refuse(
                f"line {number} has report schema {version}, this replylint writes {SCHEMA_VERSION}"
            )
        if "error" not in result:
            self._check_verdicts(result, number)
        return result

    def _check_verdicts(self, result: dict[str, Any], number: int) -> None:
        """Refuse a result whose verdicts are not those this run gives a reply on its
        channel: a run with a plugin's check appended to one without (or the reverse)
        would count the check over part of the file alone."""
        if not isinstance(result["checks"], dict):
            raise self._refuse(f"line {number} is not a result of `replylint score`")
        channel = str(result.get("channel"))
        verdicts = (self._verdicts or {}).get(channel)
        if verdicts is None:
            return
        said = []
        if foreign := verdicts.foreign(result["checks"]):
            said.append(f"has verdicts for {_listed(foreign)}, which no rule of this run gives")
        if lacking := verdicts.lacking(result["checks"]):
            said.append(
                f"has no verdict for {_listed(lacking)}, which this run gives {channel} replies"
            )
        if said:
            raise self._refuse(
                f"line {number} {' and '.join(said)} (a rule plugin was installed, removed or "
                "selected since), so the file would count a check over some of its results alone"
            )

    def _csv(self, handle: BinaryIO) -> Iterator[tuple[dict[str, Any], int]]:
        lines = _CountedLines(handle)
        reader = csv.reader(lines, strict=True)
        header = True
        while True:
            try:
                fields = next(reader)
            except StopIteration:
                return
            except csv.Error:
                if lines.at_end():
                    return  # a quoted field cut off by the kill
                raise self._refuse(f"line {lines.number} is not valid CSV") from None
            if not lines.last_complete:
                return  # torn
            if header:
                self._check_header(fields)
                header = False
            elif fields:
                yield self._flat_result(fields, lines.number), lines.offset

    def _check_header(self, fields: list[str]) -> None:
        """Refuse a CSV header other than the one this run writes, saying why when it is
        an older replylint's or another set of checks'."""
        if fields == list(self._columns):
            return
        if (
            fields
            and fields[0].startswith("\ufeff")
            and [fields[0][1:], *fields[1:]] == list(self._columns)
        ):  # (what `score` writes has none: it was saved again by another program)
            raise self._refuse(
                "its header is preceded by a byte order mark, so it was saved again by "
                "another program (a spreadsheet's 'CSV UTF-8', an editor), which may have "
                "changed its cells too (numbers, ids, quoting)"
            )
        if fields == [c for c in self._columns if c != "language"]:
            raise OutputError(
                f"{self._path} was written by an older replylint, without the "
                "language column its summary needs (replies in another language "
                "would be counted in the mean); score again without --resume, into "
                "a new file or with --force"
            )
        written = _check_columns(fields)
        if written is not None:
            raise self._refuse(
                f"it has columns for the checks {_named(written)}, but this run reports "
                f"{_named(self._checks)} (a rule plugin was installed, removed or "
                "selected since), so rows of the two runs would not fit one table"
            )
        raise self._refuse(
            "its header is not the one `replylint score` writes (" + ",".join(self._columns) + ")"
        )

    def _flat_result(self, fields: list[str], number: int) -> dict[str, Any]:
        if len(fields) != len(self._columns):
            raise self._refuse(f"line {number} has {len(fields)} fields, not {len(self._columns)}")
        flat = dict(zip(self._columns, fields, strict=True))
        if not flat["error"] and flat["score"] and flat["language"] not in ("", "en"):
            # (a CSV says no schema: this row tells the older writer apart)
            raise OutputError(
                f"cannot resume into {self._path}: line {number} scores a reply not in "
                f"English ({flat['language']}), as an older replylint did; this one "
                f"writes schema {SCHEMA_VERSION}, {_SINCE_2}, and the file would hold both; score "
                "again without --resume, into a new file or with --force"
            )
        try:
            return result_from_flat(flat, self._checks)
        except ValueError:
            raise self._refuse(f"line {number} is not a result of `replylint score`") from None


def _check_columns(header: list[str]) -> list[str] | None:
    """The checks a header of ``replylint score``'s CSV output has columns for, or None
    when it is not such a header."""
    checks = header[len(flat_columns(())) - 1 : -1]
    return checks if header == list(flat_columns(checks)) else None


def _listed(checks: Sequence[str]) -> str:
    return ", ".join(repr(check) for check in checks)


def _named(checks: Sequence[str]) -> str:
    """Checks as an error names them: the plugins' beside the built-in ones."""
    further = [c for c in checks if c not in REPORTED_CHECKS]
    if not further:
        return "built in alone"
    return "built in and " + ", ".join(repr(c) for c in further)


def _json_result(line: bytes) -> dict[str, Any] | None:
    """A JSONL output line as a result, or None when it is not one."""
    try:
        result = json.loads(line)
    except ValueError:  # not JSON, or not UTF-8
        return None
    if not isinstance(result, dict) or not isinstance(result.get("id"), str):
        return None
    if "error" in result or {"score", "checks", "findings"} <= result.keys():
        return result
    return None


class _CountedLines:
    """Binary lines decoded for :func:`csv.reader`, with the line number, the bytes read
    and whether the last line had its newline (a torn row has not)."""

    def __init__(self, handle: BinaryIO) -> None:
        self._handle = handle
        self.number = 0
        self.offset = 0
        self.last_complete = True

    def __iter__(self) -> _CountedLines:
        return self

    def __next__(self) -> str:
        line = self._handle.readline()
        if not line:
            raise StopIteration
        self.number += 1
        self.offset += len(line)
        self.last_complete = line.endswith(b"\n")
        return line.decode("utf-8", "surrogateescape")

    def at_end(self) -> bool:
        return not self._handle.read(1)


def output_ids(path: Path, fmt: OutputFormat) -> Iterator[str]:
    """The ids in a finished output file, in order, reading as little as each format
    allows: JSONL lines start with the id, Parquet reads only its column."""
    if fmt == "parquet":
        import pyarrow.parquet as pq

        for batch in pq.ParquetFile(path).iter_batches(columns=["id"]):
            yield from (str(value) for value in batch.column(0).to_pylist())
    elif fmt == "csv":
        with open(path, encoding="utf-8", errors="surrogateescape", newline="") as handle:
            yield from (cell_text(row["id"]) for row in csv.DictReader(handle))
    else:
        with open(path, "rb") as handle:
            yield from (_line_id(line) for line in handle if line.strip())


_ID_PREFIX = b'{"id": '
_DECODER = json.JSONDecoder()


def _line_id(line: bytes) -> str:
    if line.startswith(_ID_PREFIX):
        text = line.decode("utf-8", "surrogateescape")
        return str(_DECODER.raw_decode(text, len(_ID_PREFIX))[0])
    return str(json.loads(line)["id"])


_NOT_RESULTS = "this is not the JSONL output of `replylint score`"


class ResultsError(UserError, ValueError):
    """A results file holds a line that is not a result; the message names the line."""


def iter_results(path: Path) -> Iterator[dict[str, Any]]:
    """Read back a JSONL results file (for ``replylint report``), checking each line's
    shape so that a bad one is named by its line number, not met later as a bare
    ``KeyError``, and its report schema, so that the results of a newer, incompatible
    replylint are refused rather than misread. A last line without its newline that is
    not a result is a run killed while writing it, or one still running: said so, since
    ``--resume`` finishes it."""
    results = 0
    with open(path, "rb") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            result = _report_result(line)
            if result is not None and (newer := _newer_schema(result)):
                raise ResultsError(f"line {number} {newer} to read it")
            if result is not None:
                results += 1
                yield result
            elif not _is_utf8(line):
                raise ResultsError(f"line {number} is not UTF-8 text; {_NOT_RESULTS}")
            elif results and not line.endswith(b"\n"):
                raise ResultsError(
                    f"line {number} is cut off, as a run that was stopped or is still "
                    "writing leaves it; finish the run (`replylint score ... --resume`) first"
                )
            elif _is_check_output(line):
                raise ResultsError(
                    f"line {number} is a report of `replylint check`, which names its file; "
                    "`report` reads the results of `replylint score` (score your export with "
                    "`replylint score EXPORT --out scores.jsonl`, then report scores.jsonl)"
                )
            else:
                raise ResultsError(f"line {number} is not a result; {_NOT_RESULTS}")


def _is_check_output(line: bytes) -> bool:
    """A line of ``replylint check --format jsonl``: a report keyed by its file's path."""
    try:
        record = json.loads(line)
    except ValueError:
        return False
    return isinstance(record, dict) and "path" in record and "id" not in record


def _major(version: object) -> int:
    """A report schema's major version; this one's for a version that is not one."""
    major = str(version).split(".")[0]
    return int(major) if major.isdecimal() else _SCHEMA_MAJOR


def _newer_schema(result: dict[str, Any]) -> str | None:
    """What to say of a result of a later major report schema, which would be misread
    (its fields may have changed meaning); None for this schema or an older one."""
    version = result.get("schema_version")
    if _major(version) <= _SCHEMA_MAJOR:
        return None
    return (
        f"has report schema {version}, from a newer replylint (this one reads schema "
        f"{_SCHEMA_MAJOR}.x and older): upgrade replylint"
    )


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _report_result(line: bytes) -> dict[str, Any] | None:
    """A line as a result with the shape a report reads, or None."""
    result = _json_result(line)
    if result is None or "error" in result:
        return result
    # (no score: a reply in another language, since schema 2.0)
    unscored = result["score"] is None and result.get("language") not in (None, "en")
    shaped = (
        (unscored or isinstance(result["score"], int))
        and isinstance(result["checks"], dict)
        and isinstance(result["findings"], list)
        and all(isinstance(f, dict) for f in result["findings"])
    )
    return result if shaped else None
