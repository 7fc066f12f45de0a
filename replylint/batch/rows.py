"""One input row and the JSON-ready result it becomes (the batch output contract)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from replylint.linter import InputError, Linter
from replylint.report import CHANNELS, Channel


@dataclass(frozen=True)
class RowIn:
    """A row as read from the input file; ``problem`` is set when it cannot be scored
    (e.g. undecodable text) so that it still yields a result with an ``error``."""

    id: str
    text: str | None
    channel: str | None = None
    customer_message: str | None = None
    agent: str | None = None
    problem: str | None = None


def result_for_error(row: RowIn, error: str) -> dict[str, Any]:
    return {"id": row.id, "agent": row.agent, "error": error}


def score_row(
    linter: Linter, row: RowIn, default_channel: Channel, keep_text: bool
) -> dict[str, Any]:
    """Score one row; every failure becomes an ``error`` result, never an exception."""
    if row.problem is not None:
        return result_for_error(row, row.problem)
    if row.text is None or not row.text.strip():
        return result_for_error(row, "empty reply")
    channel = (row.channel or default_channel).strip().lower()
    if channel not in CHANNELS:
        return result_for_error(row, f"unknown channel {row.channel!r}; use email, chat or social")
    try:
        report = linter.check(
            row.text,
            channel=channel,
            customer_message=row.customer_message or None,
        )
    except InputError as exc:
        return result_for_error(row, str(exc))
    except Exception as exc:  # a bug must cost one row, not the whole run
        return result_for_error(row, f"internal error: {type(exc).__name__}: {exc}")
    result: dict[str, Any] = {"id": row.id, "agent": row.agent}
    result.update(report.model_dump(mode="json"))
    if keep_text:
        result["text"] = row.text
    return result
