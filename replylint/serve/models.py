"""The API's own request and response models, around the library's: a reply in is
:class:`~replylint.linter.ReplyInput`, a report out is :class:`~replylint.report.Report`
(with the reply's ``id``: :class:`~replylint.report.ReportWithId`, the type
``Linter.check_many`` yields for an item with an id; with the unit of its offsets when
the request chose one: :class:`ServedReport`), an item that cannot be checked is
:class:`~replylint.linter.ReplyError`. So the OpenAPI document, ``replylint schema`` and
the library describe one contract."""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from replylint.reply_input import ReplyError, ReplyInput
from replylint.report import ReportWithId, Severity
from replylint.serve.offsets import OFFSET_UNITS, OffsetUnit


class CheckManyRequest(BaseModel):
    """Several replies at once (``POST /v1/check-many``). Each item is read on its own:
    an item that is not a valid reply gets an error object in its place, not a 422 for the
    whole request."""

    model_config = ConfigDict(extra="forbid")

    items: list[ReplyInput] = Field(description="The replies, each as for /v1/check.")


class ServedReport(ReportWithId):
    """A report as the service answers it: the library's :class:`ReportWithId`, and the
    unit of its offsets when the request chose one (``?offsets=``), so that a client can
    assert it got what it asked for (a server that predates the parameter ignores it)."""

    offsets: OffsetUnit | None = Field(
        default=None,
        description="What the findings' `start` and `end` count, as the request's "
        f"`offsets` query parameter asked: {', '.join(OFFSET_UNITS)}. Absent when the "
        "request did not ask: code points, as in `replylint check --format json`.",
    )


def report_with_id(report_json: str, item_id: str | None, offsets: OffsetUnit | None = None) -> str:
    """The JSON of :class:`ServedReport` from a report's own JSON (``model_dump_json``),
    without parsing it again: the id spliced in first, as ``replylint score`` writes its
    JSONL lines, then the unit of the offsets when one was asked for. ``json.dumps``
    escapes what pydantic would refuse to write (a lone surrogate from a bad decoding
    upstream), so the id comes back exactly as sent."""
    head = "" if item_id is None else '"id":' + json.dumps(item_id) + ","
    if offsets is not None:
        head += f'"offsets":"{offsets}",'
    return "{" + head + report_json.removeprefix("{") if head else report_json


def error_json(error: ReplyError) -> str:
    """The JSON of a check-many item's :class:`ReplyError`. Written by ``json.dumps`` for
    the reason :func:`report_with_id` is: ``model_dump_json`` refuses a lone surrogate in
    the ``id`` (or in an unknown ``disable`` name the message quotes), which made the
    whole request a 500 for one item's bad decoding upstream."""
    return json.dumps(error.model_dump(), separators=(",", ":"))


class CheckManyResponse(BaseModel):
    """One result per item, in the order given: a report, or why the item could not be
    checked (with its ``index``), as ``Linter.check_many`` yields them; either carries
    the item's ``id`` when it had one. An item a rule failed on gets such an error too
    (naming the rule; the others are still checked), as ``replylint score`` gives a row."""

    results: list[ServedReport | ReplyError]


class RuleInfo(BaseModel):
    """One enabled rule, as ``replylint rules`` lists it."""

    id: str
    check: str
    severity: Severity
    standard: str
    rationale: str
    weight: int = Field(description="Points the check's verdict carries in the score.")


class ErrorBody(BaseModel):
    """Every refusal: one sentence saying what is wrong and what to do."""

    error: str
    errors: list[dict[str, Any]] | None = Field(
        default=None,
        description="Present on every 422, with one entry or more: each problem as loc (the "
        "field), msg and type (pydantic's error type for a field missing, unknown or of the "
        "wrong type; 'cannot_check' for a reply the linter will not check: empty, too long, "
        "an unknown `disable` name). At most the first 10; the error line then ends with "
        "'; and N more problems'. Absent on other statuses.",
    )


class Health(BaseModel):
    status: Literal["ok"] = "ok"
    pid: int = Field(
        description="The process that answered: the HTTP process (checks run in workers)."
    )


class Readiness(BaseModel):
    status: Literal["ready", "loading"]
    version: str = Field(description="The version of replylint serving (the package's).")
    schema_version: str = Field(
        description="The version of the report format a check answers (a report's "
        "`schema_version`)."
    )
    model: str | None = Field(
        default=None, description="The checks model in use ('none': the rules alone)."
    )
