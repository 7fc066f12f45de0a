"""One input row and the JSON-ready result it becomes (the batch output contract)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from replylint.channel_names import channel_named, names_no_channel, unknown_channel
from replylint.errors import PluginFailed, UserError, out_of_room, out_of_room_message
from replylint.linter import InputError, Linter, ReplyError, ReplyInput
from replylint.report import Channel, Report


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
    customer_name: str | None = None
    #: From a template column: True a template, False a sent reply, None the job's default.
    template: bool | None = None


class OutOfRoom(UserError):
    """Scoring a row needed to write a file and the disk was full (a library's temporary
    file; a plugin's, say). It
    stops the run as a full disk met writing the output does (the output complete up to
    its last row, for ``--resume``): made the row's ``error``, it was written to the
    output as an internal error, kept by ``--resume``, and the run went on, failing every
    row that needed the file."""

    def __init__(self, row_id: str, cause: OSError) -> None:
        super().__init__(f"cannot score row {row_id!r}: {out_of_room_message(cause)}")
        self.row_id = row_id
        self.cause = cause

    def __reduce__(self) -> tuple[Any, ...]:  # (raised in a worker process, re-raised here)
        return (type(self), (self.row_id, self.cause))


def result_for_error(row: RowIn, error: str, *, keep_text: bool = False) -> dict[str, Any]:
    """The result of a row that could not be scored. With ``keep_text`` it carries the
    reply (and customer message) as a scored row's does, whenever the reply was read: a
    row refused for its channel, its length or a plugin's failure is one to read and fix,
    and ``--resume`` then checks its text as it checks a scored row's. A reply that could
    not be read (not UTF-8) has none to carry."""
    result: dict[str, Any] = {"id": row.id, "agent": row.agent, "error": error}
    if keep_text and row.text is not None:
        _add_text(result, row)
    return result


def _add_text(result: dict[str, Any], row: RowIn) -> None:
    result["text"] = row.text
    if row.customer_message:
        result["customer_message"] = row.customer_message


def _precheck(
    row: RowIn, default_channel: Channel, team: Mapping[str, Channel]
) -> tuple[Channel | None, str | None]:
    """The row's channel, or why it cannot be scored at all. ``team``: the team's own
    channel names (the configuration's ``channel_names``). A name that carries no
    channel (``api``: :func:`~replylint.channel_names.names_no_channel`) takes the
    default, as an empty cell does; the run's summary says so."""
    if row.problem is not None:
        return None, row.problem
    if row.text is None or not row.text.strip():
        return None, "empty reply"
    if row.channel is None or not row.channel.strip():
        return default_channel, None
    channel = channel_named(row.channel, team)
    if channel is None and names_no_channel(row.channel, team):
        return default_channel, None
    if channel is None:
        return None, unknown_channel(row.channel, mappable=True)
    return channel, None


def _result(row: RowIn, report: Report, keep_text: bool) -> dict[str, Any]:
    result: dict[str, Any] = {"id": row.id, "agent": row.agent}
    result.update(report.model_dump(mode="json"))
    if keep_text:
        _add_text(result, row)
    return result


def score_row(
    linter: Linter, row: RowIn, default_channel: Channel, keep_text: bool
) -> dict[str, Any]:
    """Score one row; every failure becomes an ``error`` result, never an exception."""
    channel, problem = _precheck(row, default_channel, linter.config.channel_names)
    if problem is not None or channel is None:
        return result_for_error(row, problem or "cannot be scored", keep_text=keep_text)
    try:
        report = linter.check(
            str(row.text),
            channel=channel,
            customer_message=row.customer_message or None,
            customer_name=row.customer_name or None,
            template=row.template,
            agent_name=row.agent or None,
        )
    except (InputError, PluginFailed) as exc:  # (a plugin's fault is named as its own)
        return result_for_error(row, str(exc), keep_text=keep_text)
    except Exception as exc:  # a bug must cost one row, not the whole run
        if out_of_room(exc):  # (not the row's fault: the run stops, for --resume)
            raise OutOfRoom(row.id, exc) from None
        return result_for_error(
            row, f"internal error: {type(exc).__name__}: {exc}", keep_text=keep_text
        )
    return _result(row, report, keep_text)


def score_chunk(
    linter: Linter, rows: list[RowIn], default_channel: Channel, keep_text: bool
) -> list[dict[str, Any]]:
    """Score rows together (one ``nlp.pipe`` batch); same results as ``score_row`` on
    each. If the batch hits an unexpected error, the rows are redone one by one so that
    only the row that fails gets an ``internal error``."""
    results: list[dict[str, Any] | None] = []
    todo: list[tuple[int, RowIn, ReplyInput]] = []
    for row in rows:
        channel, problem = _precheck(row, default_channel, linter.config.channel_names)
        if problem is not None or channel is None:
            results.append(
                result_for_error(row, problem or "cannot be scored", keep_text=keep_text)
            )
            continue
        item = ReplyInput(
            reply=str(row.text),
            channel=channel,
            customer_message=row.customer_message or None,
            customer_name=row.customer_name or None,
            template=row.template,
            agent_name=row.agent or None,
        )
        todo.append((len(results), row, item))
        results.append(None)
    try:
        outcomes = list(linter.check_many([item for _, _, item in todo]))
    except Exception:
        return [score_row(linter, row, default_channel, keep_text) for row in rows]
    for (index, row, _), outcome in zip(todo, outcomes, strict=True):
        results[index] = (
            result_for_error(row, outcome.error, keep_text=keep_text)
            if isinstance(outcome, ReplyError)
            else _result(row, outcome, keep_text)
        )
    return [r for r in results if r is not None]
