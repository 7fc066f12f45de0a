"""JSON output: exactly the report contract (DESIGN.md), one object per input."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from replylint.formatters.jsontext import dumps
from replylint.formatters.outcome import Unchecked
from replylint.report import Report


def format_reports(named: Sequence[tuple[str, Report] | Unchecked], *, listed: bool) -> str:
    """``listed`` false (one file named on the command line): the report object. True
    (several paths, or a folder, however many files it holds): a list, in input order, of
    reports each with its ``path``, and of ``{"path", "error"}`` objects for inputs that
    could not be checked (the shape of ``score``'s error rows), so a script sees every
    input. The caller decides, so the shape follows the command line, not the number of
    files a folder happens to hold."""
    if not listed and len(named) == 1 and not isinstance(named[0], Unchecked):
        return named[0][1].model_dump_json(indent=2)
    return dumps([item(outcome) for outcome in named], indent=2)


def item(outcome: tuple[str, Report] | Unchecked) -> dict[str, Any]:
    """One input's object in a list of several (also one line of ``--format jsonl``)."""
    if isinstance(outcome, Unchecked):
        return {"path": outcome.name, "error": outcome.error}
    name, report = outcome
    return {"path": name, **report.model_dump(mode="json")}
