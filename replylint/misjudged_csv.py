"""The records a check misjudged as a CSV sheet (``replylint eval --errors CHECK --format
csv``): a QA team reviews them in the spreadsheet its scorecards live in, a row per
record, and writes down whether the label or replylint was wrong.

Cells are what the reviewer reads: ``present``/``missing`` rather than ``True``/``False``,
term lists joined with ``"; "`` (as a scorecard writes them), the reply and the customer's
message whole. A cell that starts as a spreadsheet formula would gets a leading ``'``
(:func:`replylint.spreadsheet_cells.safe_cell`): the reply and the customer's message are
text a customer can write, and a sheet opened in Excel must not run it.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from replylint.evaluation import NO_GROUP, Misjudged, group_of
from replylint.spreadsheet_cells import safe_cell

#: The sheet's columns, in order.
COLUMNS = (
    "id", "source", "channel", "check", "gold", "predicted", "evidence", "reason",
    "customer_message", "reply",
)  # fmt: skip


def write_misjudged_csv(errors: Iterable[Misjudged], stream: TextIO) -> int:
    """Write a header and a row per misjudged record to ``stream``; returns the rows."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(COLUMNS)
    rows = 0
    for error in errors:
        record = error.record
        cells = (
            record.id, _source(error), record.channel, error.check, _value(error.gold),
            _value(error.predicted), error.evidence or "", error.reason or "",
            record.customer_message or "", record.reply,
        )  # fmt: skip
        writer.writerow(safe_cell(cell) for cell in cells)
        rows += 1
    return rows


def _source(error: Misjudged) -> str:
    """The record's source, an empty cell without one (not ``eval --by``'s group name
    ``(none)``, which a reviewer filtering the sheet would take for a team)."""
    source = group_of(error.record, "source")
    return "" if source == NO_GROUP else source


def _value(value: object) -> str:
    """A verdict as the reviewer reads it: present/missing, or the terms."""
    if isinstance(value, bool):
        return "present" if value else "missing"
    if isinstance(value, list | tuple | set):
        return "; ".join(str(v) for v in value)
    return "" if value is None else str(value)
