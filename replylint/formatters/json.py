"""JSON output: exactly the report contract (DESIGN.md), one object per input."""

from __future__ import annotations

import json

from replylint.report import Report


def format_reports(named: list[tuple[str, Report]]) -> str:
    """One input: the report object. Several: a list of reports, each with its ``path``."""
    if len(named) == 1:
        return named[0][1].model_dump_json(indent=2)
    items = [{"path": name, **report.model_dump(mode="json")} for name, report in named]
    return json.dumps(items, indent=2, ensure_ascii=False)
