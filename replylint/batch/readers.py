"""Streaming readers for exported replies: CSV, JSONL and Parquet, one row at a time.

Text is decoded leniently (``surrogateescape``) so one bad row becomes one ``error``
result instead of stopping the run; nothing is read into memory whole. A row that cannot
be read cleanly (broken CSV quoting, a cell that is not text) becomes a row with a
``problem``, which scoring turns into an ``error`` result: a row is never merged into
another, and a value is never scored as Python's printed form of a list or bytes.
"""

from __future__ import annotations

import codecs
import csv
import decimal
import io
import json
import math
import numbers
import re
import sys
import zipfile
from collections import Counter, deque
from collections.abc import Generator, Iterable, Iterator, Mapping
from dataclasses import astuple, dataclass
from itertools import chain
from pathlib import Path
from typing import Any, Literal

from replylint.batch.columns import ColumnMap
from replylint.batch.labels import label_text
from replylint.batch.rows import RowIn
from replylint.batch.summary import NOT_UTF8, UNPAIRED_SURROGATE
from replylint.errors import UserError
from replylint.spreadsheet_cells import excel_string

#: The format of a batch file (a reply's own format is ``replylint.normalize.InputFormat``).
FileFormat = Literal["csv", "jsonl", "parquet"]
FORMATS: tuple[FileFormat, ...] = ("csv", "jsonl", "parquet")
_EXTENSIONS: dict[str, FileFormat] = {
    ".csv": "csv", ".tsv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".parquet": "parquet", ".pq": "parquet",
}  # fmt: skip
DELIMITERS = ",;\t|"
"""Field separators that are detected: comma, semicolon (Excel in much of Europe), tab, pipe."""
_DELIMITER_NAMES = {"comma": ",", "semicolon": ";", "tab": "\t", "\\t": "\t", "pipe": "|"}
_SNIFF_CHARS = 64 * 1024
MAX_JSONL_KEYS = 10_000
"""Distinct JSONL keys collected at most while finding the columns (bounded memory)."""
CSV_FIELD_LIMIT = 16 * 1024 * 1024
"""Longest CSV field, in characters. Far above any reply the linter accepts, and it keeps
an unbalanced quote from reading the rest of a huge file into one field in memory."""


class InputFormatError(UserError, ValueError):
    """The input cannot be read in the requested or guessed format."""


#: What a spreadsheet workbook gets told: its cells are not read (a sheet is no export;
#: reading one would need a spreadsheet library), the sheet saved as CSV is. ``{then}``
#: is what to do with the CSV: "score that" for ``score``, "give that" for a scorecard.
EXCEL_WORKBOOK = (
    "an Excel workbook (.xlsx/.xls) is not read; save it as CSV UTF-8 (File > Save As) and {then}"
)
OPENDOCUMENT_SPREADSHEET = (
    "an OpenDocument spreadsheet (.ods) is not read; save it as CSV (File > Save As, "
    "Text CSV, character set UTF-8) and {then}"
)
ZIP_ARCHIVE = "a ZIP archive is not read; unzip it and use the file inside"
#: ``{then}`` for ``score``'s input.
SCORE_IT = "score that"
_WORKBOOK_EXTENSIONS = {
    ".xlsx": EXCEL_WORKBOOK, ".xlsm": EXCEL_WORKBOOK, ".xlsb": EXCEL_WORKBOOK,
    ".xls": EXCEL_WORKBOOK, ".ods": OPENDOCUMENT_SPREADSHEET,
}  # fmt: skip
#: The first bytes of a ZIP archive (.xlsx, .ods) and of an OLE compound file (.xls).
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def guess_format(path: Path, explicit: str | None = None) -> FileFormat:
    """The input's format: ``explicit`` (``--input-format``), else its extension. A
    spreadsheet workbook is refused for what it is, by its extension or, whatever the
    format asked for, by its first bytes (:func:`not_a_table`): read as CSV, an .xlsx
    was "UTF-16 without a byte-order mark"."""
    if explicit:
        if explicit not in FORMATS:
            raise InputFormatError(f"unknown format {explicit!r}; use csv, jsonl or parquet")
        fmt: FileFormat = explicit
    else:
        workbook = workbook_named(path, SCORE_IT)
        if workbook is not None:
            raise InputFormatError(f"{path}: {workbook}")
        try:
            fmt = _EXTENSIONS[path.suffix.lower()]
        except KeyError:
            raise InputFormatError(
                f"cannot tell the format of {path} from its extension; pass --input-format "
                "csv, jsonl or parquet"
            ) from None
    what = not_a_table(path)
    if what is not None:
        raise InputFormatError(f"{path}: {what}")
    return fmt


def not_a_table(path: Path, then: str = SCORE_IT) -> str | None:
    """What to tell the user when ``path`` holds a spreadsheet workbook or another
    archive rather than CSV, JSONL or Parquet, known by its first bytes whatever its
    name: a ZIP archive holding ``xl/`` (.xlsx; one too damaged to list is most likely
    a workbook cut off in the upload) or an OpenDocument ``mimetype``, an OLE compound
    file (.xls). None for anything else, or a path that cannot be read (its reader
    says why). ``then`` says what to do with the sheet saved as CSV."""
    if str(path) == "-":
        return None
    try:
        with path.open("rb") as handle:
            head = handle.read(len(_OLE_MAGIC))
    except OSError:
        return None
    if head.startswith(_OLE_MAGIC):
        return EXCEL_WORKBOOK.format(then=then)
    if not head.startswith(_ZIP_MAGIC):
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            kind = b""
            if "mimetype" in names:
                with archive.open("mimetype") as member:
                    kind = member.read(100)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, ValueError):
        return EXCEL_WORKBOOK.format(then=then)
    if kind.startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
        return OPENDOCUMENT_SPREADSHEET.format(then=then)
    if any(name.startswith("xl/") for name in names):
        return EXCEL_WORKBOOK.format(then=then)
    return ZIP_ARCHIVE


def workbook_named(path: Path, then: str) -> str | None:
    """What to tell the user when ``path``'s extension names a spreadsheet workbook
    (``.xlsx``, ``.ods``...), whatever it holds; None for any other name."""
    told = _WORKBOOK_EXTENSIONS.get(path.suffix.lower())
    return None if told is None else told.format(then=then)


def parse_delimiter(value: str) -> str:
    """A ``--delimiter`` value as one character; ``tab``, ``\\t``, ``comma``,
    ``semicolon`` and ``pipe`` are accepted because a literal tab is awkward in a shell."""
    delimiter = _DELIMITER_NAMES.get(value.lower(), value)
    if len(delimiter) != 1 or delimiter in '"\r\n' or delimiter.isalnum():
        raise InputFormatError(
            f"--delimiter must be one character such as , ; | or tab, not {value!r}"
        )
    return delimiter


def csv_delimiter(path: Path, explicit: str | None = None) -> str:
    """The CSV field separator: the explicit one, a tab for ``.tsv``, else the one
    :class:`csv.Sniffer` finds among :data:`DELIMITERS` in the first 64 KiB. A sniffed
    separator is kept only if it splits the header into several columns: a one-column
    file, or a sample the sniffer cannot decide, falls back to a comma.

    The sniffer reads a sample with its line endings made ``\\n``: its patterns take a
    line's end to be ``\\n`` alone, so with Windows line endings (``\\r\\n``, what Excel
    writes) a quoted last field is followed by ``\\r``, and a semicolon or tab file with
    one went undecided and was read as one column. A sample the sniffer cannot decide
    is decided by its header line alone: a first reply longer than the sample, broken
    after its greeting, left the header and half a record, which it could not tell
    apart, and a semicolon export was read as one column. Shared by ``score`` and by
    ``eval``'s CSV scorecards (:func:`csv_table`)."""
    if explicit is not None:
        return parse_delimiter(explicit)
    if path.suffix.lower() == ".tsv":
        return "\t"
    if str(path) == "-":  # stdin cannot be read twice
        return ","
    sample = _sample(path)
    lines = sample.replace("\r\n", "\n").replace("\r", "\n")
    first = lines.split("\n", 1)[0] + "\n"
    found = _sniffed(lines) or (None if _EXCEL_SEPARATOR.fullmatch(first) else _sniffed(first))
    if found is None:
        return ","
    header = next(csv.reader(io.StringIO(sample, newline=""), delimiter=found), [])
    return found if len(header) > 1 else ","


def _sniffed(sample: str) -> str | None:
    """The separator :class:`csv.Sniffer` finds among :data:`DELIMITERS`, or None."""
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        return None


def _sample(path: Path) -> str:
    """The start of the file, cut after its last complete line so the sniffer does not
    judge a half line."""
    with _open_text(path) as handle:
        try:
            sample = str(handle.read(_SNIFF_CHARS))
        except UnicodeDecodeError as exc:
            raise _not_decodable(path, exc) from None
    end = max(sample.rfind("\n"), sample.rfind("\r"))
    return sample[: end + 1] if end > 0 else sample


def column_names(path: Path, fmt: FileFormat, delimiter: str = ",") -> list[str]:
    """The columns of the input, read from its header, first record or schema. An empty
    or unreadable input is an :class:`InputFormatError` saying so."""
    _require_content(path)
    if fmt == "csv":
        return _csv_header(path, delimiter)
    if fmt == "jsonl":
        return _jsonl_keys(path)
    return list(_parquet_file(path).schema_arrow.names)


def _require_content(path: Path) -> None:
    if str(path) != "-" and path.is_file() and path.stat().st_size == 0:
        raise InputFormatError(
            f"input {path} is empty (0 bytes): nothing to score; check that the export finished"
        )


def _csv_header(path: Path, delimiter: str) -> list[str]:
    with _open_text(path) as handle:
        for record in _export_records(_decoded(handle, path), delimiter):
            if record.problem is not None:
                raise InputFormatError(f"{path}: the header cannot be read: {record.problem}")
            if any("\x00" in name for name in record.fields):
                raise InputFormatError(
                    f"the header of {path} holds NUL bytes, as UTF-16 text without a "
                    "byte-order mark does; save it as UTF-8 (Excel: CSV UTF-8) and score that"
                )
            return record.fields
    raise InputFormatError(f"{path} has no header line naming its columns")


def _jsonl_keys(path: Path) -> list[str]:
    """Every key of every JSON object in the file, in order of first appearance.

    JSON exports leave out empty fields, so the first line alone would miss a column
    that only later rows have (a channel, an agent), and those rows would silently get
    the defaults. Reading every line costs far less than scoring one in a hundred of
    them. Lines that are not objects are skipped here (they become error rows); a file
    with no object at all is not JSON Lines."""
    keys: dict[str, None] = {}
    objects = 0
    with _open_text(path) as handle:
        for line in _decoded(handle, path):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(record, dict):
                objects += 1
                if len(keys) < MAX_JSONL_KEYS:
                    keys.update(dict.fromkeys(record))
    if not objects:
        raise InputFormatError(
            f"{path} holds no JSON object on a line of its own; JSON Lines has one object "
            "per line (a JSON array can be converted with: jq -c '.[]')"
        )
    return list(keys)


def _parquet_file(path: Path) -> Any:
    """The opened Parquet file; anything else (a renamed CSV, a truncated upload) is an
    :class:`InputFormatError`, not a pyarrow traceback."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        return pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as exc:
        raise InputFormatError(
            f"{path} is not a readable Parquet file: {_first_line(exc)}"
        ) from None


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def row_count(path: Path, fmt: FileFormat, delimiter: str = ",") -> int | None:
    """How many rows ``read_rows`` will yield, for the progress bar's total and ETA: exact
    for Parquet (its metadata) and JSONL (its lines); for CSV the records a plain
    ``csv.reader`` finds (a quoted field may span lines), which differs from the scored
    rows only when a record is malformed. None when the file cannot be read."""
    try:
        if fmt == "parquet":
            return int(_parquet_file(path).metadata.num_rows)
        if fmt == "jsonl":
            with path.open("rb") as handle:
                blocks = iter(lambda: handle.read(1 << 20), b"")
                return sum(block.count(b"\n") for block in blocks)
        with _open_text(path) as handle:
            csv.field_size_limit(CSV_FIELD_LIMIT)
            lines, delimiter, _ = _after_excel_separator(handle, delimiter)
            records = csv.reader(lines, delimiter=delimiter, skipinitialspace=True)
            return max(0, sum(1 for r in records if any(c.strip() for c in r)) - 1)
    except (OSError, csv.Error, UnicodeDecodeError, InputFormatError):
        return None


def read_rows(
    path: Path, fmt: FileFormat, columns: ColumnMap, delimiter: str = ","
) -> Generator[RowIn, None, None]:
    if fmt == "csv":
        yield from _read_csv(path, columns, delimiter)
    elif fmt == "jsonl":
        yield from _read_jsonl(path, columns)
    else:
        yield from _read_parquet(path, columns)


def _open_text(path: Path) -> Any:
    """The input as text. UTF-8 (a byte-order mark is dropped) is decoded leniently, so a
    bad byte costs one row; UTF-16 and UTF-32 (Excel's "Unicode Text" is UTF-16), known
    by their byte-order mark, are decoded strictly (those codecs cannot carry a bad byte
    through), and :func:`_decoded` turns a decoding failure into an input error."""
    if str(path) == "-":
        return open(sys.stdin.fileno(), encoding="utf-8", errors="surrogateescape", closefd=False)
    encoding, errors = _codec(_leading_bom(path)[1])
    return open(path, encoding=encoding, errors=errors, newline="")


def _codec(encoding: str | None, *, file_start: bool = True) -> tuple[str, str]:
    """The codec and error handler :func:`_open_text` decodes with, given the encoding
    the byte-order mark names (None: UTF-8). Text that does not start the file (a part
    of it that a Dask worker reads) keeps a UTF-8 mark, as reading the whole file does:
    only the file's first one is dropped."""
    if encoding is None:
        return ("utf-8-sig" if file_start else "utf-8"), "surrogateescape"
    return encoding, "strict"


#: Byte-order marks of the encodings besides UTF-8 that exports use; UTF-32 first, as
#: its little-endian mark starts with UTF-16's.
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))  # fmt: skip


def _leading_bom(path: Path) -> tuple[bytes, str | None]:
    """The byte-order mark the file starts with (``b""`` for none) and the encoding it
    names (None for UTF-8, marked or not)."""
    try:
        with path.open("rb") as handle:
            start = handle.read(4)
    except OSError:
        return b"", None
    found = next(((bom, name) for bom, name in _BOMS if start.startswith(bom)), None)
    if found is not None:
        return found
    return (codecs.BOM_UTF8 if start.startswith(codecs.BOM_UTF8) else b""), None


def _decoded(handle: Any, path: Path) -> Iterator[str]:
    """The lines of a text handle; text that cannot be decoded is an input error."""
    try:
        yield from handle
    except UnicodeDecodeError as exc:
        raise _not_decodable(path, exc) from None


def _not_decodable(path: Path, exc: UnicodeDecodeError) -> InputFormatError:
    return InputFormatError(
        f"{path} starts with a {exc.encoding.upper()} byte-order mark but holds bytes that "
        f"are not valid {exc.encoding.upper()}; export it again as UTF-8"
    )


@dataclass(frozen=True)
class CsvRecord:
    """One CSV record: the physical line it starts on, its fields, and why it breaks
    the quoting rules or the header's field count (then ``fields`` holds only what can
    be trusted: a one-line record with the wrong number of fields, as read; for broken
    quoting, the unquoted cells of its first line before the first quote)."""

    line: int
    fields: list[str]
    problem: str | None = None
    #: The record breaks the quoting rules: each of ``fields`` is a cell a separator
    #: follows. (In a record of the wrong field count the last field is followed by the
    #: line's end, so one field alone is no column's for certain.)
    broken_quoting: bool = False


class _ReplayLines:
    """Physical lines for :func:`csv.reader`, counted, keeping the lines of the record in
    progress so that after a malformed record reading can restart on the line after its
    first. Holds at most one record's lines (bounded by the field size limit)."""

    def __init__(self, source: Iterator[str], skipped: int = 0) -> None:
        self._source = source
        self._replay: deque[str] = deque()
        self._current: list[str] = []
        self._consumed = skipped  # lines read before ``source`` starts, for the numbers

    def __iter__(self) -> _ReplayLines:
        return self

    def __next__(self) -> str:
        line = self._replay.popleft() if self._replay else next(self._source)
        self._consumed += 1
        self._current.append(line)
        return line

    @property
    def record_start(self) -> int:
        """1-based line number of the record in progress (or just read)."""
        return self._consumed - len(self._current) + 1

    @property
    def record_first_line(self) -> str:
        return self._current[0] if self._current else ""

    @property
    def record_end(self) -> int:
        return self._consumed

    def record_done(self) -> None:
        self._current = []

    def restart_after_first(self) -> None:
        """Hand out the record's lines again, all but its first: the rows an unbalanced
        quote swallowed are read as rows of their own."""
        again = self._current[1:]
        self._replay.extendleft(reversed(again))
        self._consumed -= len(again)
        self._current = []


def _csv_records(handle: Any, delimiter: str, skipped: int = 0) -> Iterator[CsvRecord]:
    """The header, then the data records, under two rules: strict quoting (a quote that
    opens a field closes it, followed by the delimiter or the end of the line; spaces
    after a delimiter are dropped, so ``a, "b, c"`` is two fields) and as many fields as
    the header. A record that breaks either becomes one record with a
    ``problem`` at its first line, and reading restarts on the line after that one, so
    rows swallowed by an unbalanced quote come back as rows. Blank lines are skipped, and
    so are records whose every cell is empty (``;;;``: the rows a spreadsheet keeps where
    a sheet once had content; scored, each was an "empty reply" error row).
    ``skipped``: the lines before ``handle`` starts, which its line numbers count."""
    csv.field_size_limit(CSV_FIELD_LIMIT)
    lines = _ReplayLines(iter(handle), skipped)
    reader = csv.reader(lines, delimiter=delimiter, strict=True, skipinitialspace=True)
    expected: int | None = None
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            start, before = lines.record_start, _cells_before_quote(lines, delimiter)
            lines.restart_after_first()
            problem = f"line {start}: {_quoting_problem(exc)}"
            yield CsvRecord(start, before, problem, broken_quoting=True)
            continue
        start, end = lines.record_start, lines.record_end
        if expected is not None and fields and len(fields) != expected:
            lines.restart_after_first()
            problem = _count_problem(start, end, len(fields), expected)
            yield CsvRecord(start, fields if end == start else [], problem)
            continue
        lines.record_done()
        if any(field.strip() for field in fields):  # (";;;", a sheet's emptied row: no row)
            expected = expected or len(fields)
            yield CsvRecord(start, fields)


def _export_records(lines: Iterator[str], delimiter: str) -> Iterator[CsvRecord]:
    """:func:`_csv_records` of an export to score, whose first line may be Excel's
    ``sep=X``: Excel reads that line as "the separator is X" and shows the header below
    it, so ``score`` does too (it is no header: read as one, no column could be found).
    Its X wins over ``delimiter``, which was sniffed from, or typed for, the same file.
    Line numbers still count the line. (Gold scorecards refuse it instead:
    :mod:`replylint.scorecards`.)"""
    rest, delimiter, skipped = _after_excel_separator(lines, delimiter)
    return _csv_records(rest, delimiter, skipped)


#: Excel's separator line: "sep=" and one character, alone on the first line.
_EXCEL_SEPARATOR = re.compile(r"sep=([^\w\r\n\"])\r?\n?", re.IGNORECASE)


def _after_excel_separator(lines: Iterable[str], delimiter: str) -> tuple[Iterator[str], str, int]:
    """``lines`` after a first line ``sep=X`` if there is one, the delimiter to read them
    with (X, else ``delimiter``), and how many lines were skipped (1 or 0)."""
    iterator = iter(lines)
    first = next(iterator, None)
    if first is None:
        return iterator, delimiter, 0
    separator = _EXCEL_SEPARATOR.fullmatch(first)
    if separator is None:
        return chain([first], iterator), delimiter, 0
    return iterator, separator.group(1), 1


def _cells_before_quote(lines: _ReplayLines, delimiter: str) -> list[str]:
    """The cells of a broken record's first line that no quote can have garbled: those
    before the first cell holding one (the last cell is cut off by the line's end, so
    it is never among them)."""
    cells = lines.record_first_line.split(delimiter)[:-1]
    clean = [cell.strip() for cell in cells]
    return clean[: next((i for i, c in enumerate(clean) if '"' in c), len(clean))]


def csv_table(path: Path) -> Iterator[CsvRecord]:
    """The records of a CSV file, header first, read as ``score`` reads an export: its
    separator sniffed (a tab for ``.tsv``), a byte-order mark honoured, and a record that
    breaks the quoting rules or the header's field count given with its ``problem``
    instead of merged with the rows after it. For readers of other tables (gold
    scorecards) that need every row whole."""
    _require_content(path)
    delimiter = csv_delimiter(path)
    with _open_text(path) as handle:
        yield from _csv_records(_decoded(handle, path), delimiter)


def _quoting_problem(exc: csv.Error) -> str:
    detail = str(exc)
    if "unexpected end of data" in detail:
        return "a quoted field opens here and is never closed (an unbalanced quote?)"
    if "expected after" in detail:
        return "text follows the quote that closes a field (an unbalanced or unescaped quote?)"
    if "field larger than field limit" in detail:
        return f"a field is longer than {CSV_FIELD_LIMIT:,} characters (an unbalanced quote?)"
    return f"the row cannot be parsed ({detail})"


def _count_problem(start: int, end: int, found: int, expected: int) -> str:
    where = f"line {start}" if end == start else f"lines {start}-{end} (one quoted field)"
    if end > start:
        cause = "an unbalanced quote?"
    elif found > expected:
        cause = "a delimiter inside an unquoted value?"
    else:
        cause = "a missing field?"
    return f"{where}: {found} fields where the header has {expected} ({cause})"


def _read_csv(path: Path, columns: ColumnMap, delimiter: str) -> Iterator[RowIn]:
    with _open_text(path) as handle:
        records = _export_records(_decoded(handle, path), delimiter)
        header = next(records, None)
        if header is None or header.problem is not None:
            return  # column_names has already said why
        for number, record in enumerate(records, 1):
            if record.problem is not None:
                row_id = _broken_record_id(record, header.fields, columns, number)
                yield RowIn(id=row_id, text=None, problem=record.problem)
            else:
                cells = dict(zip(header.fields, record.fields, strict=True))
                if columns.id is not None and columns.id in cells:
                    cells[columns.id] = cells[columns.id].strip()  # see row_from_record
                yield row_from_record(_excel_labels(cells, columns), columns, number)


def _excel_labels(cells: dict[str, str], columns: ColumnMap) -> dict[str, str]:
    """``cells`` with each label (id, agent, channel) and the customer's name written
    ``="00124"`` read as the text Excel shows, ``00124``: exports made for Excel keep an
    id's leading zeros so, and read verbatim the ids matched nothing in the ticket
    system, and a name ``="Dana"`` was one no reply uses. Only CSV cells, and never a
    text whose offsets a finding points into: a reply or a customer's message is scored
    as written, and a JSONL or Parquet string is typed, kept exactly."""
    for column in (columns.id, columns.agent, columns.channel, columns.customer_name):
        if column is not None and column in cells:
            text = excel_string(cells[column].strip())
            if text != cells[column].strip():  # (else as it was: spaces and all)
                cells[column] = text
    return cells


def unread_id(columns: ColumnMap, number: int) -> str:
    """The id of row ``number`` when its record gives none (a broken record, an empty
    or unreadable id cell). Without an id column every id is a row number, which is
    then the id; with one, a bare number could be another row's real id (row 4's
    number, where a row whose id is ``4`` follows), so it is ``row 4``: it says what it
    is, and the summary does not warn of repeated ids it made itself."""
    return str(number) if columns.id is None else f"row {number}"


def _broken_record_id(record: CsvRecord, header: list[str], columns: ColumnMap, number: int) -> str:
    """The id of a CSV record that breaks the rules, where it can be trusted: the first
    cell of a one-line record, when the id column is the header's first (no stray or
    missing separator before it can have moved it) and a separator follows the cell;
    else :func:`unread_id`. A record of one field says nothing of which column it is: it
    is as often a line of a reply that a stray quote cut loose ("Thanks for letting us
    know ...") as an id, and such a sentence named its error row as a ticket's id."""
    separated = record.fields if record.broken_quoting else record.fields[:-1]
    first = excel_string(separated[0].strip()) if separated else ""
    if columns.id is not None and header[:1] == [columns.id] and first:
        return first  # trimmed, as a sound record's id is (row_from_record)
    return unread_id(columns, number)


def _read_jsonl(path: Path, columns: ColumnMap) -> Iterator[RowIn]:
    with _open_text(path) as handle:
        yield from _jsonl_rows(_decoded(handle, path), columns)


def _jsonl_rows(
    lines: Iterable[str], columns: ColumnMap, first_line: int = 1, first_row: int = 1
) -> Iterator[RowIn]:
    """The rows of ``lines``, which start at line ``first_line`` of the file and row
    ``first_row``: every line counts for the line numbers, blank ones are no rows."""
    number = first_row
    for line_number, line in enumerate(lines, first_line):
        if not _blank(line):
            yield row_from_json_line(line, columns, number, line_number)
            number += 1


def _blank(line: str) -> bool:
    return not line.strip()


@dataclass(frozen=True)
class JsonlSpan:
    """Whole lines of a JSONL file, bytes ``start`` to ``end``, whose first line is
    ``first_line`` of the file and, unless blank, row ``first_row``: a part of the file
    that one Dask task reads (:func:`jsonl_spans`, :func:`read_jsonl_span`)."""

    start: int
    end: int
    first_line: int = 1
    first_row: int = 1


def jsonl_spans(path: Path, span_bytes: int) -> list[JsonlSpan]:
    """The file cut into spans of about ``span_bytes`` (a long line makes one longer)
    at the ends of lines as this reader finds them (line feed, carriage return, or
    both), in the file's encoding. Cutting at bytes that merely look like a line end
    would split a UTF-16 character or a CR LF pair, and cutting at fixed sizes leaves
    spans with no line at all.

    The file is decoded here once, as :func:`read_rows` decodes it, to find each line's
    bytes and to number lines and rows, so that a worker reading one span needs nothing
    from the spans before it. An undecodable file is an :class:`InputFormatError`."""
    spans: list[JsonlSpan] = []
    span = JsonlSpan(0, 0)
    line_number, rows = 0, 0
    for line, end in _line_ends(path):
        line_number, rows = line_number + 1, rows + (not _blank(line))
        span = JsonlSpan(span.start, end, span.first_line, span.first_row)
        if end - span.start >= span_bytes:
            spans.append(span)
            span = JsonlSpan(end, end, line_number + 1, rows + 1)
    if span.end > span.start:
        spans.append(span)
    return spans or [JsonlSpan(0, path.stat().st_size)]  # no line: a mark at most


def _line_ends(path: Path) -> Iterator[tuple[str, int]]:
    """Each line as :func:`_open_text` decodes it, with the file offset just after it.
    Encoding a line again gives its length in the file: lenient UTF-8 gives back every
    byte, even one that is not UTF-8, and UTF-16 and UTF-32 were decoded strictly."""
    bom, encoding = _leading_bom(path)
    # The byte order does not change a line's length; the mark was dropped before it.
    encode = "utf-8" if encoding is None else f"{encoding}-le"
    end = len(bom)
    with _open_text(path) as handle:
        for line in _decoded(handle, path):
            end += len(line.encode(encode, "surrogateescape"))
            yield line, end


def read_jsonl_span(path: Path, span: JsonlSpan, columns: ColumnMap) -> Iterator[RowIn]:
    """The rows of one span (:func:`jsonl_spans`), exactly as :func:`read_rows` reads
    them from the whole file: a span after the first gets the file's UTF-16 or UTF-32
    mark put back for its byte order, and keeps a UTF-8 mark of its own, which is a
    line's problem, not the file's (two files joined)."""
    bom, encoding = _leading_bom(path)
    with path.open("rb") as handle:
        handle.seek(span.start)
        data = handle.read(span.end - span.start)
    file_start = span.start == 0
    if not file_start and encoding is not None:
        data = bom + data
    codec, errors = _codec(encoding, file_start=file_start)
    text = io.TextIOWrapper(io.BytesIO(data), encoding=codec, errors=errors, newline="")
    yield from _jsonl_rows(_decoded(text, path), columns, span.first_line, span.first_row)


def row_from_json_line(line: str, columns: ColumnMap, number: int, line_number: int) -> RowIn:
    """One non-blank JSONL line (row ``number``, on line ``line_number`` of the file) as a
    row; a bad line becomes a row with a ``problem`` (one ``error`` result), never a
    failed run. The problem names the file's line, which is where the user must look: a
    row's number skips blank lines. Shared with the Dask path."""
    try:
        record = json.loads(line, object_pairs_hook=_object)
    except json.JSONDecodeError as exc:
        if line.startswith("\ufeff"):  # (json's own words: "decode using utf-8-sig")
            problem = f"line {line_number} {_BOM_INSIDE}"
        else:
            problem = f"line {line_number}: invalid JSON: {_json_problem(exc, line)}"
        return RowIn(id=unread_id(columns, number), text=None, problem=problem)
    if not isinstance(record, dict):
        problem = f"line {line_number} is not a JSON object"
        return RowIn(id=unread_id(columns, number), text=None, problem=problem)
    # A surrogate in a line read from UTF-8 is a byte that was not UTF-8; in a line
    # without one, a surrogate in a value came from a JSON escape (\ud800). A line with no
    # escape at all (nearly every one) is not encoded again to tell.
    escapes = "\\u" in line and not _has_surrogates(line)
    row = row_from_record(record, columns, number, json_escapes=escapes)
    repeated = _repeated_columns(record, columns)
    if not repeated:
        return row
    given = ", ".join(f"{key!r} {times} times" for key, times in repeated.items())
    problem = (
        f"line {line_number} gives the key {given} in one object; give it once (which "
        "value is meant?)"
    )
    # (the id and agent are the row's when the line gives them once)
    row_id = unread_id(columns, number) if columns.id in repeated else row.id
    agent = None if columns.agent in repeated else row.agent
    return RowIn(id=row_id, text=None, agent=agent, problem=problem)


class _RepeatedKeys(dict[str, Any]):
    """A JSON object that gives some keys more than once, with how often (``repeated``):
    ``json.loads`` keeps the last value and drops the others without a word."""

    def __init__(self, pairs: list[tuple[str, Any]], repeated: dict[str, int]) -> None:
        super().__init__(pairs)
        self.repeated = repeated


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object as ``json.loads`` makes it, remembering the keys it repeats."""
    record = dict(pairs)
    if len(record) == len(pairs):
        return record
    counts = Counter(key for key, _ in pairs)
    return _RepeatedKeys(pairs, {key: n for key, n in counts.items() if n > 1})


def _repeated_columns(record: dict[str, Any], columns: ColumnMap) -> dict[str, int]:
    """The columns read that a JSON line gives more than once, with how often
    (``{"reply": "Hi Ana, ...", "reply": ""}``, an exporter writing a field twice): its
    last value was read and the others dropped, so a reply was scored as another or
    counted as empty. A repeated key that no column reads loses nothing."""
    if not isinstance(record, _RepeatedKeys):
        return {}
    read = (column for column in astuple(columns) if column is not None)
    return {column: record.repeated[column] for column in read if column in record.repeated}


def _json_problem(exc: json.JSONDecodeError, line: str) -> str:
    """What is wrong with a line, and where on it: a few of json's own messages end in
    "at" and rely on a position it gives apart ("Invalid control character at"). The
    line is named already; the column finds the spot in a long one (a raw tab inside a
    string), and "the end of the line" says the line was cut off or broken in two."""
    if exc.pos >= len(line.rstrip("\r\n")):
        where = "the end of the line (is it cut short, or a record broken across lines?)"
    else:
        where = f"column {exc.pos + 1}"  # the document is this one line
    return f"{exc.msg.removesuffix(' at')} at {where}"


#: A line of a JSONL file that starts with a byte-order mark: the reader drops the one
#: that starts the file; one inside it is where a second file was joined on.
_BOM_INSIDE = (
    "starts with a byte-order mark (U+FEFF), which belongs only at the very start of a "
    "file: joining files (cat a.jsonl b.jsonl) leaves the mark that began the second "
    "inside the joined file; remove the mark from the line (or join files saved as UTF-8 "
    "without a BOM) and score that"
)


def _read_parquet(path: Path, columns: ColumnMap) -> Iterator[RowIn]:
    import pyarrow as pa

    wanted = list(dict.fromkeys(c for c in (columns.text, columns.id, columns.channel,
                                            columns.customer, columns.agent,
                                            columns.customer_name, columns.template)
                                if c))  # fmt: skip
    number = 0
    batches = _parquet_file(path).iter_batches(batch_size=2048, columns=wanted)
    while True:
        try:
            batch = next(batches, None)
        except (pa.ArrowException, OSError) as exc:
            raise InputFormatError(
                f"{path}: cannot read after row {number}: {_first_line(exc)}"
            ) from None
        if batch is None:
            return
        for record in batch.to_pylist():
            number += 1
            yield row_from_record(record, columns, number)


def row_from_record(
    record: dict[str, Any], columns: ColumnMap, number: int, *, json_escapes: bool = False
) -> RowIn:
    """One input record as a row; its id is :func:`unread_id` when it has none. Text
    columns take strings (or bytes that are UTF-8); id, channel and agent also take whole
    numbers. Any other value (a list, a struct, undecodable bytes) makes the row an error
    naming the column, rather than scoring Python's printed form of it.

    Spaces around a cell, column by column:

    - **agent** and **channel**: dropped at both ends, in every format, with the
      invisible format characters there (:func:`~replylint.batch.labels.label_text`: a
      cell of a zero-width space alone is empty, as one of spaces is). A name is a label
      to count replies under: ``" Sam "`` and ``"Sam"`` are one agent (the CSV reader
      used to drop the spaces before a name and keep those after it, so ``1, Sam ,...``
      made an agent ``"Sam "`` of its own). Names that differ in case or inner spacing
      (``Ana@acme.io``, ``ana@acme.io``) are kept as written here, one row's agent as its
      export wrote it, and counted as one agent by the summary
      (:meth:`~replylint.batch.summary.Summary.agent_named`), as ``eval --by`` groups
      values: an address or a name typed by hand differs in case, never in person.
    - **id**: a CSV cell's are dropped at both ends (by :func:`_read_csv`): CSV has no
      string type, its reader drops the spaces after a separator (so that ``a, "b, c"``
      is two fields), and keeping those before the next one made ``3`` and ``3 `` two
      ids. A JSONL or Parquet id is a typed string, kept exactly, so results join back to
      the records they came from. An id of spaces or invisible format characters alone
      is no id (:func:`unread_id`).
    - **reply**, customer message, customer name: as given (the checks read the text;
      a finding's offsets point into it), but for a CSV name cell written ``="Dana"``
      (:func:`_excel_labels`), which points nowhere.

    A text holding a lone surrogate is an error naming its column: a byte that was not
    UTF-8 (``NOT_UTF8``), or, with ``json_escapes`` (the record is a JSON line that
    decoded as UTF-8), a ``\\ud800`` escape that stands for no character. The library
    and ``replylint serve`` check such a text, reading U+FFFD there; a batch row is an
    export's defect to count and fix at its source, and the results (a spreadsheet, a
    Parquet file) could not hold the character.
    """
    texts = ("text", "customer", "customer_name")
    cells = {
        role: _cell(record, column, text=role in texts, json_escapes=json_escapes)
        for role, column in (("text", columns.text), ("id", columns.id),
                             ("channel", columns.channel), ("customer", columns.customer),
                             ("agent", columns.agent), ("customer_name", columns.customer_name))
    }  # fmt: skip
    template, template_problem = _flag(record, columns.template)
    problem = next((p for _, p in cells.values() if p is not None), template_problem)
    row_id, agent = cells["id"][0], label_text(cells["agent"][0])
    return RowIn(
        id=row_id if row_id and label_text(row_id) else unread_id(columns, number),
        text=cells["text"][0], channel=label_text(cells["channel"][0]) or None,
        customer_message=cells["customer"][0], agent=agent or None, problem=problem,
        customer_name=cells["customer_name"][0], template=template,
    )  # fmt: skip


#: How a true/false cell may be written (CSV has no booleans; exports say yes/no or 1/0).
#: Gold scorecards read it too (replylint.scorecards).
TRUE_FALSE = {"true": True, "yes": True, "y": True, "1": True,
              "false": False, "no": False, "n": False, "0": False}  # fmt: skip


def _flag(record: dict[str, Any], column: str | None) -> tuple[bool | None, str | None]:
    """A true/false cell (the template column): ``(value, None)``, ``(None, None)`` when
    empty or absent (the job's default applies), or ``(None, problem)``."""
    raw = None if column is None else record.get(column)
    if raw is None or (isinstance(raw, float) and math.isnan(raw)):
        return None, None
    if isinstance(raw, bool):
        return raw, None
    if isinstance(raw, numbers.Integral) and int(raw) in (0, 1):
        return bool(raw), None
    if isinstance(raw, str):
        if not raw.strip():
            return None, None
        value = TRUE_FALSE.get(raw.strip().lower())
        if value is not None:
            return value, None
    return None, f"the {column!r} column holds {raw!r} on this row, not true or false"


def _cell(
    record: dict[str, Any], column: str | None, *, text: bool, json_escapes: bool = False
) -> tuple[str | None, str | None]:
    """A cell as a string, or why it is not one: ``(value, None)`` or ``(None, problem)``.
    Missing cells (absent, null, NaN) are ``(None, None)``. ``json_escapes``: a lone
    surrogate in a string came from a JSON escape, not from an undecodable byte."""
    raw = None if column is None else record.get(column)
    if raw is None or (isinstance(raw, float) and math.isnan(raw)):
        return None, None
    if isinstance(raw, bytes | bytearray):
        raw, json_escapes = bytes(raw).decode("utf-8", "surrogateescape"), False
    if isinstance(raw, str):
        if _has_surrogates(raw):
            if json_escapes:
                code = next(ord(c) for c in raw if "\ud800" <= c <= "\udfff")
                return None, (
                    f"the {column!r} column holds '\\u{code:04x}' on this row, "
                    f"{UNPAIRED_SURROGATE}, which is no character (half of one, such as an "
                    "emoji); fix the exporter"
                )
            return None, f"the {column!r} column is {NOT_UTF8} on this row"
        return raw, None
    label = None if text else _label(raw)
    if label is not None:
        return label, None
    return None, f"the {column!r} column holds {_kind(raw)} on this row, not text"


def _label(raw: Any) -> str | None:
    """An id, channel or agent given as a number: whole numbers print without a
    fraction (a float column is often an int column widened to hold nulls)."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, numbers.Integral):
        return str(int(raw))
    if isinstance(raw, float) and math.isfinite(raw):
        return str(int(raw)) if raw.is_integer() else repr(raw)
    if isinstance(raw, decimal.Decimal) and raw.is_finite():
        return str(raw)
    return None


def _kind(raw: Any) -> str:
    if isinstance(raw, bool):
        return "a boolean"
    if isinstance(raw, numbers.Number):
        return "a number"
    if isinstance(raw, Mapping):
        return "an object"
    if isinstance(raw, Iterable):  # a list, or an array from a pandas frame
        return "a list"
    return f"a {type(raw).__name__}"


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
