"""JSON Lines output: one compact report object per input, one per line.

Unlike ``--format json`` (a single document), JSONL can be streamed, appended to and
processed line by line (``jq -c``, ``grep``, data loaders), which suits batch runs over
many replies. Each object is the report contract (DESIGN.md) plus the input's ``path``;
an input that could not be checked is ``{"path", "error"}`` on its line instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from replylint.formatters.json import Configs, config_fields, item
from replylint.formatters.jsontext import dumps
from replylint.formatters.outcome import Outcome, Unchecked

if TYPE_CHECKING:  # a type only: replylint.rule imports spaCy
    from replylint.rule import Rule


def format_reports(named: Sequence[Outcome], rules: Sequence[Rule], configs: Configs = None) -> str:
    """One JSON object per input, in input order, a report's with its ``config`` when
    ``configs`` says them (as ``--format json`` lists them); ``rules`` is unused (uniform
    signature)."""
    lines = [
        dumps(item(o if isinstance(o, Unchecked) else (o[0], o[2]), said), separators=(",", ":"))
        for o, said in zip(named, config_fields(configs, len(named)), strict=True)
    ]
    return "\n".join(lines)
