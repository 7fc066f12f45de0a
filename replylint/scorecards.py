"""Gold records from a CSV scorecard: the spreadsheet a QA team already keeps.

Why: ``eval`` and ``train`` read the annotation guide's JSON lines, but a team's
scorecards live in a spreadsheet, a row per reviewed reply and a column per check, and
converting them by hand is where labels get lost. A ``.csv`` (or ``.tsv``) gold file is
read here into the same records, so a team measures replylint against its own scores,
and trains on them, with the file it has.

The columns (names compared as the batch reader compares them: case, spaces and ``_ - .``
do not count, so ``Next step`` is ``next_step``; a hint in brackets or a closing ``?`` is
dropped, so ``Greeting (Y/N)`` is ``greeting``):

- the reply: the one column named ``reply``, ``text``, ``body``, ``message``... (as
  ``score``; two of them are an error); ``id`` (``ticket_id``...; or the column named
  with ``--id-col``; else the file and line, ``card.csv:7``, and a column that looks
  like the id, "Ticket #", is named in a note: :func:`unread_id_note`),
  ``customer_message`` (or ``customer``, ``question``...), ``channel``,
  ``customer_name``, ``template`` and ``source`` when present (an id, channel or source
  cell written ``="00124"``, Excel's way to keep leading zeros, is ``00124``, as
  ``score`` reads it);
- one column per check it scores, named as the check (``customer_name_check`` for the
  customer_name check: ``customer_name`` is the name itself): a yes/no cell (``yes``,
  ``no``, ``true``, ``false``, ``y``, ``n``, ``1``, ``0``, ``pass``, ``fail``, ``met``,
  ``not met``); an empty cell or ``n/a`` leaves the row out of that check (not scored,
  or not applicable);
- ``jargon``, ``jargon_lenient`` and ``template_residue``: the terms, separated by ``;``
  or line breaks (and for jargon by commas); an empty cell, ``none`` or ``-``: none;
  ``n/a``: not reviewed on this row;
- ``<check>_evidence``: the passage that does the check (for ``train``).

Other columns (agent, date, notes) are ignored and named by :func:`unread_columns`, but a
column named almost as a check ("Greting", "Empathy shown") is an error: a misspelt
header would otherwise drop the check without a word. So is a ``Customer`` column of
names (read as what the customer wrote, every reply would be judged against a customer
who said nothing), and a row without a reply (a totals row would score every check
"missing"). Blank rows are skipped.
"""

from __future__ import annotations

import difflib
import json
import math
import re
import shlex
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from replylint.batch.columns import (
    AMBIGUOUS_CUSTOMER,
    DEFAULTS,
    column_key,
    looks_like,
    names_a_reply,
    names_not_messages,
)
from replylint.batch.readers import TRUE_FALSE, CsvRecord, InputFormatError, csv_table
from replylint.errors import UserError
from replylint.spreadsheet_cells import excel_string

#: What a header may end with after its name: "Next step?", "Greeting:", "Apology -".
_CLOSING = " \t\r\n?:*-–"
#: A header's last word saying how to answer: "Greeting Y/N".
_ANSWER_HINTS = frozenset({"y/n", "yes/no", "0/1", "1/0", "pass/fail", "(y/n)"})
#: What follows a check's name in a header that means "the check was done".
_DONE_WORDS = frozenset(
    "given shown used offered made present provided done met ok y_n yes_no score check".split()
)
_TERM_SEPARATORS = re.compile(r"[;\r\n]+")
_JARGON_SEPARATORS = re.compile(r"[;,\r\n]+")
#: The file name endings read as scorecards.
SCORECARD_SUFFIXES = (".csv", ".tsv")
#: The label columns that hold lists of terms rather than yes/no.
LIST_LABELS = frozenset({"jargon", "jargon_lenient", "template_residue"})

#: A yes/no cell as scorecards write it: an export's true/false (``yes``, ``1``...), and
#: the check done ("pass", "met", "present") or not ("fail", "not met", "missing").
_YES_NO = {**TRUE_FALSE, "pass": True, "passed": True, "met": True, "present": True,
           "fail": False, "failed": False, "not met": False, "missing": False}  # fmt: skip
#: Cells that say "not applicable": the row is left out of the check, as a blank is.
_NOT_APPLICABLE = frozenset({"n/a", "na", "null", "none", "-"})
#: A list cell saying there is nothing to list (an empty cell says so too). ``0`` is a
#: yes/no scorecard's "no" (its ``1`` is refused as ``yes`` is): read as a term, a reply
#: holding a 0 counted it as jargon missed.
_NO_TERMS = frozenset({"none", "-", "no", "n", "false", "0", "nothing", "no jargon", "none found"})
_EVIDENCE = "_evidence"
#: A label whose column cannot carry its own name: ``customer_name`` is the customer's
#: name (a record field); whether the reply used it right is ``customer_name_check``.
LABEL_COLUMNS = {"customer_name": "customer_name_check"}
#: The record fields that name a row rather than hold text: a cell of theirs written
#: ``="00124"`` (how Excel keeps leading zeros) is read as ``00124``, as ``score`` reads
#: an export's id, agent and channel. Read verbatim, the id matched no ticket and the
#: channel was refused as unknown. The reply, the customer's message and name are
#: texts, read as written.
_EXCEL_LABEL_FIELDS = frozenset({"id", "channel", "source"})


class ScorecardError(UserError, ValueError):
    """A scorecard cannot be read as gold; names the file, line and column."""


def is_scorecard(path: Path) -> bool:
    return path.suffix.lower() in SCORECARD_SUFFIXES


def gold_place(path: Path, line: int, record_id: object) -> str:
    """Where a gold record is, for an error about it: the file and line, and the record's
    id when it has one, as a JSON line writes it (a labelling tool or a spreadsheet is
    searched by id, and a line number shifts as the file is sorted or edited)."""
    if isinstance(record_id, int) and not isinstance(record_id, bool):
        record_id = str(record_id)
    if not isinstance(record_id, str) or not record_id.strip():
        return f"gold file {path}, line {line}"
    return f"gold file {path}, line {line} (id {json.dumps(record_id, ensure_ascii=False)})"


def scorecard_records(
    path: Path, labels: Sequence[str], pass_mark: float | None = None, id_col: str | None = None
) -> Iterator[tuple[str, dict[str, object]]]:
    """Each row of the scorecard at ``path`` as a gold record (the JSON-lines shape),
    with where it is (:func:`gold_place`: the line it starts on, and its id).
    ``labels``: the names a label column may have; ``pass_mark``: for a graded
    scorecard, the points (or percentage), more than 0, from which a check's cell counts
    as met (None: cells are yes/no); ``id_col``: the column of ids (``--id-col``; None:
    the usual names)."""
    if pass_mark is not None:
        _require_pass_mark(pass_mark)
    try:
        _require_csv(path)
        table = csv_table(path)
        header = next(table, None)
    except FileNotFoundError:
        raise ScorecardError(f"gold file {path}: no such file") from None
    except InputFormatError as exc:
        raise ScorecardError(f"gold file {path}: {exc}") from None
    if header is None:
        raise ScorecardError(f"gold file {path} is empty: a scorecard needs a header row")
    if header.problem is not None:
        raise ScorecardError(f"gold file {path}: the header cannot be read: {header.problem}")
    _require_utf8(path, header)
    if header.fields and header.fields[0].strip().lower().startswith("sep="):
        raise ScorecardError(
            f"gold file {path}, line 1: {header.fields[0].strip()!r} is Excel's separator "
            "line, not the header; delete that line (the separator is found without it)"
        )
    columns = _Columns.of(path, header.fields, labels, pass_mark, id_col)
    rows: list[tuple[int, dict[str, str]]] = []
    for row in table:
        if row.problem is not None:
            raise ScorecardError(f"gold file {path}, {row.problem}")
        _require_utf8(path, row)
        if any(cell.strip() for cell in row.fields):  # (a blank row holds nothing to read)
            rows.append((row.line, dict(zip(header.fields, row.fields, strict=True))))
    _require_one_scale(path, columns, rows)
    _require_messages(path, columns, [cells for _, cells in rows])
    _require_context(path, columns, [cells for _, cells in rows])
    for line, cells in rows:
        place = gold_place(path, line, columns.field(cells, "id"))
        yield place, columns.record(cells, f"{path}:{line}", place)


#: The record fields that are not the reply's context: with the same reply and context,
#: two rows are one reply reviewed twice (or pasted twice), whatever their labels say.
_NOT_CONTEXT = frozenset({"id", "labels", "evidence", "source"})


def repeated_rows(
    path: Path, labels: Sequence[str], pass_mark: float | None = None, id_col: str | None = None
) -> list[tuple[int, int]]:
    """The rows without an id of their own (no id column, or an empty cell) that hold
    the reply and context (customer message, channel, name, template) of an earlier such
    row, each as (its line, the earlier row's line). Each is read as a record of its own,
    named by its line: it is a row of the team's scorecard, and without ids two tickets
    answered with the same macro look alike too. ``eval`` and ``train`` name them, where
    a row pasted twice was counted twice without a word (two rows of one id are an
    error). Read after :func:`scorecard_records` has read the file whole."""
    first: dict[str, int] = {}
    repeats = []
    named_by_line = f"{path}:"
    for _, record in scorecard_records(path, labels, pass_mark, id_col):
        row_id = str(record["id"])
        line = row_id.removeprefix(named_by_line)
        if not (row_id.startswith(named_by_line) and line.isdigit()):
            continue  # an id of its own: another ticket (a repeated id is an error)
        context = {k: v for k, v in record.items() if k not in _NOT_CONTEXT}
        key = json.dumps(context, sort_keys=True, ensure_ascii=False)
        if key in first:
            repeats.append((int(line), first[key]))
        else:
            first[key] = int(line)
    return repeats


def has_messages(path: Path, labels: Sequence[str]) -> bool:
    """Does the scorecard at ``path`` have a column of the customer's messages?"""
    table = csv_table(path)
    header = next(table, None)
    if header is None or header.problem is not None:
        return False
    return "customer_message" in _Columns.of(path, header.fields, labels).fields


def unread_columns(path: Path, labels: Sequence[str], id_col: str | None = None) -> list[str]:
    """The scorecard's columns that are neither a check nor a field of the record
    (agent, date, notes... or a check under a name it does not know, "Thanks"): ``eval``
    and ``train`` name them, so that a check column is never dropped without a word. A
    column that looks like the id while none is read ("Ticket #") is left to
    :func:`unread_id_note`, which says how to read it: listed here too, it was named
    twice, once as a column to drop."""
    table = csv_table(path)
    header = next(table, None)
    if header is None or header.problem is not None:
        return []
    columns = _Columns.of(path, header.fields, labels, id_col=id_col)
    read = columns.headers()
    lookalikes = _id_lookalikes(columns, header.fields)
    unread = [
        name
        for name in header.fields
        if name not in read and name.strip() and name not in lookalikes
    ]
    return unread + _unnamed_columns(header.fields, table)


def _id_lookalikes(columns: _Columns, header: Sequence[str]) -> list[str]:
    """The columns not read that look like the id, when no column is read as the id."""
    if "id" in columns.fields:
        return []
    read = columns.headers()
    return [n for n in header if n not in read and n.strip() and looks_like(n, "id")]


def unread_id_note(path: Path, labels: Sequence[str], id_col: str | None = None) -> str | None:
    """What to say when no column was read as the id (none of the usual names, no
    ``--id-col``) while one looks like it ("Ticket #", "Case Number", "Conversation ID":
    :func:`~replylint.batch.columns.looks_like`, as ``score`` names such a column): each
    row was named by its file and line, and the option that reads the column. Named
    only among the columns not read, ``eval`` and ``train`` gave every row of a
    scorecard keyed by "Ticket #" a line number for an id without a word of why, where
    ``score`` said which column and option. None when nothing looks like the id."""
    table = csv_table(path)
    header = next(table, None)
    if header is None or header.problem is not None:
        return None
    lookalikes = _id_lookalikes(
        _Columns.of(path, header.fields, labels, id_col=id_col), header.fields
    )
    if not lookalikes:
        return None
    pick = shlex.quote(lookalikes[0]) if len(lookalikes) == 1 else "NAME"
    could = ", ".join(repr(name) for name in lookalikes)
    return (
        f"no id column ({', '.join(DEFAULTS['id'])}): each row is named by its file and line "
        f"({path}:2, ...); {could} could be it: pass --id-col {pick}"
    )


def _unnamed_columns(header: list[str], rows: Iterator[CsvRecord]) -> list[str]:
    """The columns without a header that hold a cell, as "column 5 (no header: 'yes')":
    a check's scores pasted beside the table were ignored without a word (an empty one,
    the trailing column of a line ending in the separator, is no column)."""
    unnamed = {index for index, name in enumerate(header) if not name.strip()}
    found: dict[int, str] = {}
    for row in rows:
        for index in unnamed - found.keys():
            if index < len(row.fields) and row.fields[index].strip():
                found[index] = row.fields[index].strip()
    return [f"column {i + 1} (no header: {found[i]!r})" for i in sorted(found)]


def columns_below_the_mark(
    path: Path, labels: Sequence[str], pass_mark: float
) -> list[tuple[str, float]]:
    """The graded check columns none of whose cells reaches ``pass_mark``, with the
    highest cell: every row they score counts as not met. ``eval`` and ``train`` name
    them: a yes/no column written 1/0 beside columns of points (0 to 2) read every "1"
    as 1 point, under ``--pass-mark 2`` a check never met, without a word."""
    table = csv_table(path)
    header = next(table, None)
    if header is None or header.problem is not None:
        return []
    columns = _Columns.of(path, header.fields, labels, pass_mark)
    highest: dict[str, float] = {}
    for row in table:
        cells = dict(zip(header.fields, row.fields, strict=False))
        for label, name in columns.labels.items():
            points = _points(cells.get(name, "")) if label not in LIST_LABELS else None
            if points is not None:
                highest[name] = max(points, highest.get(name, points))
    return [(name, most) for name, most in highest.items() if most < pass_mark]


def unscored_columns(path: Path, labels: Sequence[str]) -> list[str]:
    """The scorecard's yes/no check columns that score no row (every cell empty or
    ``n/a``): ``eval`` and ``train`` name them. Such a column is read, so it is not among
    :func:`unread_columns`, and its check showed ``n 0`` as a check without a column
    does: a column whose cells an export left empty (formulas saved without their
    values) looked like a check the team never scored."""
    table = csv_table(path)
    header = next(table, None)
    if header is None or header.problem is not None:
        return []
    columns = _Columns.of(path, header.fields, labels)
    scored: set[str] = set()
    for row in table:
        cells = dict(zip(header.fields, row.fields, strict=False))
        for label, name in columns.labels.items():
            value = cells.get(name, "").strip().lower()
            if label not in LIST_LABELS and value and value not in _NOT_APPLICABLE:
                scored.add(name)
    return [
        name for label, name in columns.labels.items()
        if label not in LIST_LABELS and name not in scored
    ]  # fmt: skip


def _require_pass_mark(pass_mark: float) -> None:
    """A pass mark is a number of points (or a percentage) above 0: with 0 or less every
    graded cell counts as met (a team's 0 points "met" the check), and with NaN or
    infinity none does, so the figures would say nothing about the scorecard."""
    if math.isfinite(pass_mark) and pass_mark > 0:
        return
    outcome = (
        "every graded cell would count as met" if pass_mark <= 0 else "no cell would count as met"
    )
    raise ScorecardError(
        f"--pass-mark {pass_mark:g} cannot be a pass mark: it is the points (or percentage) "
        f"from which a check's cell counts as met, a number more than 0 (with {pass_mark:g}, "
        f"{outcome}); give the scorecard's own, e.g. --pass-mark 2, or --pass-mark 80 for 80%"
    )


def _require_one_scale(
    path: Path, columns: _Columns, rows: list[tuple[int, dict[str, str]]]
) -> None:
    """A graded scorecard gives its check cells as points or as percentages, not both:
    one ``--pass-mark`` is compared with every cell, so with ``--pass-mark 2`` (points) a
    cell of 10% counted as met, and with ``--pass-mark 80`` a cell of 2 points as not
    met, without a word."""
    if columns.pass_mark is None:
        return
    first: dict[bool, tuple[int, str, str]] = {}  # percentage? -> line, column, cell
    for line, cells in rows:
        for label, header in columns.labels.items():
            value = cells[header].strip()
            if label not in LIST_LABELS and _points(value) is not None:
                first.setdefault(value.endswith("%"), (line, header, value))
    if len(first) < 2:
        return
    (p_line, p_column, p_cell), (n_line, n_column, n_cell) = first[True], first[False]
    raise ScorecardError(
        f"gold file {path}: the check cells mix percentages (line {p_line}, column "
        f"{p_column!r}: {p_cell!r}) and points (line {n_line}, column {n_column!r}: "
        f"{n_cell!r}), and --pass-mark {columns.pass_mark:g} is compared with both as one "
        "number; write every graded cell on one scale (points, or percentages), and a "
        "yes/no check as yes or no"
    )


def _require_csv(path: Path) -> None:
    """A file of JSON lines named .csv is named for what it is (a spreadsheet workbook is
    refused before, by :func:`replylint.evaluation.read_gold`, whatever its name)."""
    with path.open("rb") as handle:
        start = handle.read(256)
    if start.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        raise ScorecardError(
            f"gold file {path} holds JSON lines, not a CSV scorecard; name it .jsonl"
        )


def _require_context(path: Path, columns: _Columns, rows: list[dict[str, str]]) -> None:
    """The columns some labels are read with are there. Two further checks read a
    record field: customer_name compares the reply with the customer's name, and hold
    applies only in a live conversation; scored without them, every "no" would count as
    the linter's mistake. The ``problem`` label is about the customer's message: without
    the messages, ``eval`` and ``train`` would drop every row's label. And lenient jargon
    comes with the strict list that recall is scored against (without it, every row
    would be left out of jargon)."""
    name = columns.fields.get("customer_name")
    if name is not None:
        cells = [cells[name].strip().lower() for cells in rows if cells[name].strip()]
        if cells and all(cell in _YES_NO for cell in cells):
            raise ScorecardError(
                f"gold file {path}: the column {name!r} holds yes/no, but it is read as the "
                "customer's name; name the check's column 'customer_name_check' (and the "
                "name's, if there is one, 'customer_name')"
            )
    if "customer_name" in columns.labels and name is None:
        raise ScorecardError(
            f"gold file {path}: the column {columns.labels['customer_name']!r} scores the "
            "customer_name check, which compares the reply with the customer's name; add "
            "a 'customer_name' column holding the name"
        )
    if "problem" in columns.labels and "customer_message" not in columns.fields:
        raise ScorecardError(
            f"gold file {path}: the column {columns.labels['problem']!r} says whether the "
            "customer's message reports a problem, and no column holds the messages (every "
            "row's label would be dropped); add a 'customer_message' column"
        )
    if "jargon_lenient" in columns.labels and "jargon" not in columns.labels:
        raise ScorecardError(
            f"gold file {path}: the column {columns.labels['jargon_lenient']!r} lists the "
            "jargon any annotator flagged; add a 'jargon' column with the terms every "
            "annotator flagged, which recall is scored against"
        )
    if "hold" in columns.labels and "channel" not in columns.fields:
        raise ScorecardError(
            f"gold file {path}: the column {columns.labels['hold']!r} scores the hold check, "
            "which applies in a live conversation; add a 'channel' column (chat, social "
            "or email) so that it knows which replies are one"
        )


def _require_messages(path: Path, columns: _Columns, rows: list[dict[str, str]]) -> None:
    """A ``Customer`` column read as the customer's message must hold messages: a
    scorecard's "Customer" is often the customer's name, and every reply would then be
    judged against a customer who said nothing. (``score`` reads such a column as the
    name, with a note; a scorecard is the team's own file, so it is renamed once.)"""
    header = columns.fields.get("customer_message")
    if header is None or column_key(header) != AMBIGUOUS_CUSTOMER:
        return
    examples = names_not_messages(cells[header] for cells in rows)
    if examples is not None:
        raise ScorecardError(
            f"gold file {path}: the column {header!r} holds names "
            f"({', '.join(repr(e) for e in examples)}), not the customer's messages; rename "
            "it customer_name if it names the customer, or customer_message if it holds "
            "what they wrote"
        )


def _require_utf8(path: Path, row: CsvRecord) -> None:
    """The row's cells decoded as UTF-8: the reader keeps a byte that did not as a lone
    surrogate, which would reach the linter as a garbled reply."""
    try:
        "".join(row.fields).encode("utf-8")
    except UnicodeEncodeError:
        raise ScorecardError(
            f"gold file {path}, line {row.line}: not UTF-8 text (Excel's plain 'CSV' is "
            "Windows-1252); save it as 'CSV UTF-8' and read that"
        ) from None


@dataclass(frozen=True)
class _Columns:
    """Which header holds what, worked out once per file."""

    reply: str
    #: record field -> header
    fields: dict[str, str]
    #: label -> header
    labels: dict[str, str]
    #: check -> header of its passage
    evidence: dict[str, str]
    #: A graded scorecard's mark from which a check is met; None: yes/no cells.
    pass_mark: float | None = None

    @classmethod
    def of(
        cls,
        path: Path,
        header: list[str],
        labels: Sequence[str],
        pass_mark: float | None = None,
        id_col: str | None = None,
    ) -> _Columns:
        by_key: dict[str, str] = {}
        twins: dict[str, str] = {}  # a key's second header (only an error if it is read)
        for name in header:
            key = _label_key(name)
            if key in by_key:
                twins.setdefault(key, name)
            else:
                by_key[key] = name
        replies = [by_key[k] for k in DEFAULTS["text"] if k in by_key]
        replies += [n for k, n in by_key.items() if names_a_reply(k) and n not in replies]
        if not replies:
            one_column = len(header) == 1 and any(sep in header[0] for sep in ",;\t|")
            raise ScorecardError(
                f"gold file {path}: no column holds the reply; name it one of "
                f"{', '.join(DEFAULTS['text'])} (the columns are: {', '.join(header)})"
                + (
                    "; the header reads as one column: is the separator the one its name "
                    "says (.csv: commas or semicolons, .tsv: tabs)?"
                    if one_column
                    else ""
                )
            )
        if len(replies) > 1:
            raise ScorecardError(
                f"gold file {path}: the columns {' and '.join(repr(r) for r in replies)} could "
                "each hold the reply; name the reply's column 'reply' and the customer's "
                "message 'customer_message'"
            )
        reply = replies[0]
        guessed_id = next((by_key[k] for k in DEFAULTS["id"] if k in by_key), None)
        named_id = _id_column(path, header, id_col, reply) if id_col is not None else None
        fields: dict[str, str | None] = {"id": named_id or guessed_id}
        customer = next((by_key[k] for k in DEFAULTS["customer"] if k in by_key), None)
        fields["customer_message"] = customer
        for name in ("channel", "customer_name", "template", "source"):
            fields[name] = by_key.get(name)
        keys = {label: LABEL_COLUMNS.get(label, label) for label in labels}
        found = {label: by_key[key] for label, key in keys.items() if key in by_key}
        evidence = {
            label: by_key[label + _EVIDENCE] for label in labels if label + _EVIDENCE in by_key
        }
        known = set(found.values()) | set(evidence.values()) | {reply}
        known |= {header for header in fields.values() if header is not None}
        for key, name in by_key.items():
            if name in known:
                continue
            close = difflib.get_close_matches(key, list(keys.values()), n=1, cutoff=0.8)
            close = close or [c for c in keys.values() if _check_with_a_verb(key, c)][:1]
            if close:
                raise ScorecardError(
                    f"gold file {path}: the column {name!r} looks like the check "
                    f"{close[0]!r} but is not named so; rename it {close[0]!r} (or to "
                    "something else if it is not that check)"
                )
        if not found:
            raise ScorecardError(
                f"gold file {path}: no column names a check; name a column after each "
                f"check it scores: {', '.join(keys.values())}"
            )
        for key, name in twins.items():
            if by_key[key] in known:
                raise ScorecardError(
                    f"gold file {path}: the columns {by_key[key]!r} and {name!r} are the "
                    "same column; rename one"
                )
        fields_read = {k: v for k, v in fields.items() if v is not None}
        return cls(reply, fields_read, found, evidence, pass_mark)

    def headers(self) -> set[str]:
        """The columns read."""
        return {self.reply, *self.fields.values(), *self.labels.values(), *self.evidence.values()}

    def field(self, cells: dict[str, str], field: str) -> str | None:
        """A record field's cell, trimmed (and a label's ``="..."`` read as the text
        Excel shows); None without its column."""
        header = self.fields.get(field)
        if header is None:
            return None
        value = cells[header].strip()
        return excel_string(value) if field in _EXCEL_LABEL_FIELDS else value

    def record(self, cells: dict[str, str], row_id: str, where: str) -> dict[str, object]:
        """The row as a gold record; ``row_id`` when the scorecard has no id column."""
        record: dict[str, object] = {"id": row_id, "reply": cells[self.reply]}
        for field, header in self.fields.items():
            value = self.field(cells, field) or ""
            if field == "template":
                record[field] = _template(value, header, where)
            elif value:  # a channel's name ("Live chat") is read by the gold record
                record[field] = value if field != "customer_message" else cells[header]
        labels: dict[str, object] = {}
        for label, header in self.labels.items():
            value = cells[header].strip()
            if label in LIST_LABELS:
                if value.lower() in _NO_TERMS:
                    labels[label] = []
                elif _YES_NO.get(value.lower()) is True:
                    raise ScorecardError(
                        f"{where}: column {header!r} holds {value!r}; it lists the terms "
                        "themselves (separated by ;), not yes or no: write the terms, or "
                        "leave it empty when there are none"
                    )
                elif value.lower() not in _NOT_APPLICABLE:  # n/a: not reviewed on this row
                    labels[label] = _terms(value, label)
            else:
                verdict = _verdict(value, header, where, self.pass_mark)
                if verdict is not None:
                    labels[label] = verdict
        if not labels:
            raise ScorecardError(
                f"{where}: no check is scored on this row (every check column is empty); "
                "score it or remove the row"
            )
        record["labels"] = labels
        evidence = {c: cells[h].strip() for c, h in self.evidence.items() if cells[h].strip()}
        if evidence:
            record["evidence"] = evidence
        return record


def _id_column(path: Path, header: list[str], id_col: str, reply: str) -> str:
    """The column ``--id-col`` names: spelled exactly, else the one of the same key
    (``Ticket #`` for ``ticket #``), as ``score`` finds it. Missing, or the reply's own
    column, it is an error listing the columns."""
    found = [name for name in header if name == id_col] or [
        name for name in header if column_key(name) == column_key(id_col)
    ]
    if len(found) != 1:
        how = "no column" if not found else "more than one column"
        raise ScorecardError(
            f"gold file {path}: {how} {id_col!r} for --id-col; the columns are: "
            + ", ".join(repr(name) for name in header)
        )
    if found[0] == reply:
        raise ScorecardError(
            f"gold file {path}: --id-col {id_col!r} names the column of replies; name the "
            "column that holds each row's ticket id"
        )
    return found[0]


def _label_key(name: str) -> str:
    """A header as it is matched: ``Greeting (Y/N)``, ``Greeting?`` and ``greeting`` are
    the greeting column (a scorecard's hints and question marks do not count)."""
    return column_key(_without_hint(name))


def _without_hint(name: str) -> str:
    """``Greeting (Y/N)``, ``Greeting [Y/N]``, ``Greeting - Y/N`` -> ``Greeting``;
    ``Next step?`` -> ``Next step``."""
    text, before = name.rstrip(_CLOSING), None
    while text != before:
        before = text
        for opening, closing in ("()", "[]"):
            if text.endswith(closing) and opening in text:
                text = text[: text.rindex(opening)].rstrip(_CLOSING)
        words = text.rsplit(None, 1)
        if len(words) == 2 and words[1].lower() in _ANSWER_HINTS:
            text = words[0].rstrip(_CLOSING)
    return text


def _check_with_a_verb(key: str, check: str) -> bool:
    """``empathy_shown``, ``next_step_given``: a check's name and a word saying it was
    done, which is the check's column under another name."""
    head, _, rest = key.partition(check + "_")
    return not head and rest in _DONE_WORDS


def _terms(value: str, label: str) -> list[str]:
    """A list cell's terms: separated by ``;`` or line breaks, and for jargon by commas
    too (a term never holds one; a leftover such as "[Name, Surname]" may)."""
    separators = _JARGON_SEPARATORS if label.startswith("jargon") else _TERM_SEPARATORS
    return [t.strip() for t in separators.split(value) if t.strip()]


def _template(value: str, column: str, where: str) -> bool | None:
    """The template column says whether the row is a template, yes or no. A column of
    macro names ("Refund v2") is another column under the same name."""
    try:
        return _yes_no(value, column, where)
    except ScorecardError:
        raise ScorecardError(
            f"{where}: column {column!r} holds {value!r}; it is read as whether the row is "
            "a template (yes/no). If it names the macro used, rename it (e.g. 'macro')"
        ) from None


def _verdict(value: str, column: str, where: str, pass_mark: float | None) -> bool | None:
    """A check's cell: yes/no, or with a pass mark, points ("2", "1.5", "80%") that meet
    it or not (the words still read: "pass", "n/a"). None when not scored."""
    if pass_mark is None:
        return _yes_no(value, column, where)
    points = _points(value)
    if points is not None:
        return points >= pass_mark
    try:
        return _yes_no(value, column, where)
    except ScorecardError:
        raise ScorecardError(
            f"{where}: column {column!r} holds {value!r}; write the points (2, 1.5 or 80%), "
            "yes or no, or leave it empty when the row does not score it"
        ) from None


#: A graded cell: a number of points (``2``, ``1.5``) or a percentage (``80%``, ``80 %``).
_POINTS = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:\s*%)?")


def _points(value: str) -> float | None:
    """A graded cell's number, or None. Only digits are points: ``float`` also reads
    ``NaN`` and ``inf`` (a blank exported by pandas or a sheet's formula), and a NaN cell
    was compared with the pass mark and counted as not met, without a word."""
    if _POINTS.fullmatch(value.strip()) is None:
        return None
    return float(value.strip().removesuffix("%").strip())


def _yes_no(value: str, column: str, where: str) -> bool | None:
    """A yes/no cell; None when empty or "n/a"."""
    if not value or value.lower() in _NOT_APPLICABLE:
        return None
    verdict = _YES_NO.get(value.lower())
    if verdict is None and _points(value) is not None:
        raise ScorecardError(
            f"{where}: column {column!r} holds {value!r}, a score rather than yes or no; "
            "for a graded scorecard pass --pass-mark N to count N points (or N%) and more "
            "as met, or write yes or no"
        )
    if verdict is None:
        raise ScorecardError(
            f"{where}: column {column!r} holds {value!r}; write yes or no (true/false, "
            "1/0, pass/fail, met/not met), or leave it empty when the row does not score it"
        )
    return verdict
