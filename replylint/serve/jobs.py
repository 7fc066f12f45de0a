"""What the HTTP process asks of the process that runs the checks, and what it gets back.

The same :func:`run_job` runs in a worker process (``replylint serve``) and in a thread
(an app built on a given :class:`~replylint.Linter`), so the answer is the same either
way: the report's JSON is made once, where the report is, by ``Report.model_dump_json``,
with the reply's ``id`` (:func:`~replylint.serve.models.report_with_id`) and its offsets
in the unit the request asked for (:mod:`replylint.serve.offsets`).
The messages are small frozen dataclasses, pickled across the process boundary; the
replies travel as the validated :class:`~replylint.linter.ReplyInput` objects (pickle
carries any string, where JSON could not carry a lone surrogate). Nothing here needs
FastAPI, so a worker process never imports it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from replylint.reply_input import InputError, ReplyError, ReplyInput
from replylint.report import Report
from replylint.serve.crash import Crashed, crashed
from replylint.serve.models import RuleInfo, report_with_id
from replylint.serve.offsets import OffsetUnit, report_in_unit

if TYPE_CHECKING:
    from replylint.linter import Linter


@dataclass(frozen=True)
class CheckOne:
    """``POST /v1/check``: one reply; ``offsets``: the unit the request asked its
    offsets in (None: not asked, code points)."""

    item: ReplyInput
    offsets: OffsetUnit | None = None


@dataclass(frozen=True)
class CheckMany:
    """``POST /v1/check-many``: the items that are valid replies, in order, and the unit
    the request asked every report's offsets in (None: not asked, code points)."""

    items: tuple[ReplyInput, ...]
    offsets: OffsetUnit | None = None


@dataclass(frozen=True)
class Checked:
    """The report of a :class:`CheckOne`, as JSON (with the reply's ``id``, if it had one)."""

    report: str


@dataclass(frozen=True)
class Refused:
    """The linter would not check the reply (empty, too long, unknown ``disable`` name)."""

    error: str


@dataclass(frozen=True)
class CheckedMany:
    """One result per item of a :class:`CheckMany`: a report as JSON (with the item's
    ``id``, if it had one), the :class:`~replylint.linter.ReplyError` in its place, whose
    ``index`` counts the items sent (the caller restores the request's own), or the
    :class:`~replylint.serve.crash.Crashed` of a rule that failed on it (the caller logs
    it and answers an error in its place)."""

    results: tuple[str | ReplyError | Crashed, ...]


Job = CheckOne | CheckMany
Outcome = Checked | Refused | CheckedMany | Crashed


def run_job(linter: Linter, job: Job) -> Outcome:
    """Check what ``job`` asks; never raises, so a bug in one rule costs one answer (a
    500, or one check-many item's error) and not the worker process that every later
    request needs."""
    try:
        if isinstance(job, CheckOne):
            return _check_one(linter, job.item, job.offsets)
        return CheckedMany(_check_many(linter, job))
    except Exception as exc:  # reported as a 500: see the docstring
        return crashed(exc)


def _check_one(linter: Linter, item: ReplyInput, offsets: OffsetUnit | None) -> Outcome:
    """One reply's report, or why the linter would not check it; raises what a rule
    raised (:class:`~replylint.errors.PluginFailed` for a plugin)."""
    try:
        report = linter.check(
            item.reply,
            channel=item.channel,
            customer_message=item.customer_message,
            customer_name=item.customer_name,
            input_format=item.input_format,
            disable=item.disable,
            template=item.template,
            agent_name=item.agent_name,
        )
    except InputError as exc:
        return Refused(str(exc))
    return Checked(_json(report, item, offsets))


def _check_many(linter: Linter, job: CheckMany) -> tuple[str | ReplyError | Crashed, ...]:
    """Every item's result, in order, a rule's failure costing only the item it failed
    on. The items are checked together (``check_many``) until a built-in rule raises,
    which ends the stream; the rest are then checked one at a time. An item the stream
    could not check is checked again alone: a plugin's failure, which the stream gives
    as an error like any other, is then logged and said as ``/v1/check`` says it; a
    reply the linter refuses (empty, too long) keeps its error."""
    results: list[str | ReplyError | Crashed] = []
    try:
        stream = linter.check_many(job.items, batch_size=32)
        for item, result in zip(job.items, stream, strict=False):
            if isinstance(result, ReplyError):
                results.append(_alone(linter, item, job.offsets))
            else:
                results.append(_json(result, item, job.offsets))
    except Exception:  # where: the item that raises again alone, below
        pass
    results += [_alone(linter, item, job.offsets) for item in job.items[len(results) :]]
    return tuple(results)


def _alone(
    linter: Linter, item: ReplyInput, offsets: OffsetUnit | None
) -> str | ReplyError | Crashed:
    """One check-many item checked on its own."""
    try:
        outcome = _check_one(linter, item, offsets)
    except Exception as exc:
        return crashed(exc)
    if isinstance(outcome, Refused):
        return ReplyError(id=item.id, index=0, error=outcome.error)
    assert isinstance(outcome, Checked)
    return outcome.report


def _json(report: Report, item: ReplyInput, offsets: OffsetUnit | None) -> str:
    """The JSON of ``item``'s report, its offsets counted in ``offsets``, with the item's
    id spliced in first by :func:`report_with_id`, which writes any string, where
    ``model_dump_json`` refuses a lone surrogate (so the id a ``check_many`` report
    carries is left out of its own JSON)."""
    if offsets is not None:
        report = report_in_unit(report, item.reply, offsets)
    return report_with_id(report.model_dump_json(exclude={"id"}), item.id, offsets)


def rule_infos(linter: Linter) -> list[RuleInfo]:
    """The enabled rules as ``GET /v1/rules`` lists them."""
    return [
        RuleInfo(
            id=rule.id,
            check=rule.check_name,
            severity=rule.severity,
            standard=rule.standard,
            rationale=rule.rationale,
            weight=rule.weight,
        )
        for rule in linter.rules
    ]
