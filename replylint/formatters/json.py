"""JSON output: the report contract (DESIGN.md), one object per input, with the
configuration file it was checked with (``config``) when the caller says it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeAlias

from replylint.formatters.jsontext import dumps
from replylint.formatters.outcome import Unchecked
from replylint.report import Report

#: Which configuration file checked each input, in input order (None for none), or None
#: when the caller does not say: the report objects then carry no ``config``.
Configs: TypeAlias = Sequence[str | None] | None


def format_reports(
    named: Sequence[tuple[str, Report] | Unchecked], *, listed: bool, configs: Configs = None
) -> str:
    """``listed`` false (one file named on the command line): the report object. True
    (several paths, or a folder, however many files it holds): a list, in input order, of
    reports each with its ``path``, and of ``{"path", "error"}`` objects for inputs that
    could not be checked (the shape of ``score``'s error rows), so a script sees every
    input. The caller decides, so the shape follows the command line, not the number of
    files a folder happens to hold. With ``configs``, each report object starts with its
    ``config`` (after its ``path``): the file it was checked with, or null for none."""
    said = config_fields(configs, len(named))
    if not listed and len(named) == 1 and not isinstance(named[0], Unchecked):
        report = named[0][1]
        if configs is None:
            return report.model_dump_json(indent=2)
        return dumps({**said[0], **report.model_dump(mode="json")}, indent=2)
    return dumps([item(outcome, s) for outcome, s in zip(named, said, strict=True)], indent=2)


def config_fields(configs: Configs, count: int) -> list[dict[str, str | None]]:
    """What each of ``count`` report objects says of its configuration: its ``config``,
    or nothing when ``configs`` is None."""
    if configs is None:
        return [{} for _ in range(count)]
    return [{"config": config} for config in configs]


def item(
    outcome: tuple[str, Report] | Unchecked, said: Mapping[str, str | None] | None = None
) -> dict[str, Any]:
    """One input's object in a list of several (also one line of ``--format jsonl``);
    a report's with ``said`` (:func:`config_fields`) after its ``path``."""
    if isinstance(outcome, Unchecked):
        return {"path": outcome.name, "error": outcome.error}
    name, report = outcome
    return {"path": name, **(said or {}), **report.model_dump(mode="json")}
