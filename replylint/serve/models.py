"""The API's own request and response models, around the library's: a reply in is
:class:`~replylint.linter.ReplyInput`, a report out is :class:`~replylint.report.Report`,
an item that cannot be checked is :class:`~replylint.linter.ReplyError`. So the OpenAPI
document, ``replylint schema`` and the library describe one contract."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from replylint.reply_input import ReplyError, ReplyInput
from replylint.report import Report, Severity


class CheckManyRequest(BaseModel):
    """Several replies at once (``POST /v1/check-many``). Each item is read on its own:
    an item that is not a valid reply gets an error object in its place, not a 422 for the
    whole request."""

    model_config = ConfigDict(extra="forbid")

    items: list[ReplyInput] = Field(description="The replies, each as for /v1/check.")


class CheckManyResponse(BaseModel):
    """One result per item, in the order given: a report, or why the item could not be
    checked (with its ``index`` and ``id``), as ``Linter.check_many`` yields them."""

    results: list[Report | ReplyError]


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
        default=None, description="For a 422: each invalid field (loc, msg, type)."
    )


class Health(BaseModel):
    status: Literal["ok"] = "ok"
    pid: int = Field(
        description="The process that answered: the HTTP process (checks run in workers)."
    )


class Readiness(BaseModel):
    status: Literal["ready", "loading"]
    schema_version: str
    model: str | None = Field(
        default=None, description="The checks model in use ('none': the rules alone)."
    )
