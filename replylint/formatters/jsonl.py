"""JSON Lines output: one compact report object per input, one per line.

Unlike ``--format json`` (a single document), JSONL can be streamed, appended to and
processed line by line (``jq -c``, ``grep``, data loaders), which suits batch runs over
many replies. Each object is the report contract (DESIGN.md) plus the input's ``path``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from replylint.report import Report

if TYPE_CHECKING:  # a type only: replylint.rule imports spaCy
    from replylint.rule import Rule


def format_reports(named: list[tuple[str, str, Report]], rules: Sequence[Rule]) -> str:
    """One JSON object per input, in input order; ``rules`` is unused (uniform signature)."""
    lines = [
        json.dumps(
            {"path": name, **report.model_dump(mode="json")},
            ensure_ascii=False,
            separators=(",", ":"),
        )
        for name, _original, report in named
    ]
    return "\n".join(lines)
