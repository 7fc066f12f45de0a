"""The report: the public, versioned data model every other layer produces or consumes.

This module sits at the bottom of the package and imports nothing from it, so the CLI,
the library API, batch scoring and formatters all agree on one contract (see DESIGN.md:
"Report JSON"). Bump ``SCHEMA_VERSION`` on any incompatible change.
"""

from __future__ import annotations

import enum
import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticSerializationError

SCHEMA_VERSION = "2.1"

Channel = Literal["email", "chat", "social"]
CHANNELS: tuple[Channel, ...] = ("email", "chat", "social")

#: The boolean checks every report carries, in display order (contract: DESIGN.md).
CORE_CHECKS: tuple[str, ...] = (
    "greeting",
    "apology",
    "empathy",
    "next_step",
    "next_step_timeframe",
    "closing_thanks",
)

#: The further service checks (GUIDE.md, "Further service checks"; DESIGN.md item 5),
#: reported after the core checks in every report since schema 1.3. Each is applicable
#: only when its condition holds (a reply about to be sent, a known customer name, a
#: refusal, email or chat, a request to wait).
SERVICE_CHECKS: tuple[str, ...] = (
    "template_residue",
    "customer_name",
    "options",
    "agent_identity",
    "hold",
)

#: Every check a report always carries, in display order: the core ones, then the
#: service ones. Batch columns, summaries and the HTML report follow this order.
REPORTED_CHECKS: tuple[str, ...] = CORE_CHECKS + SERVICE_CHECKS
#: The reason of a check's verdict when no rule of the run decides it (``select``,
#: ``ignore`` or the channel's profile turned it off): not run, which is not "missing".
NOT_ENABLED_REASON = "rule not enabled"
#: The gold label that is not a check: whether the customer message reports a problem
#: (which makes apology and empathy apply). ``eval`` scores the linter's reading of it
#: and lists its misreadings with ``--errors problem``; ``train`` learns from it.
PROBLEM_LABEL = "problem"

#: Ends the reason of a "missing" verdict whose finding the checks model reported one
#: severity lower because it is unsure; ``eval`` counts those findings apart from the
#: sure ones.
LOWERED = "so reported one severity lower"


class Severity(str, enum.Enum):
    """How serious a finding is; ordered so thresholds (``--fail-on``) can compare."""

    info = "info"
    warning = "warning"
    error = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.info: 0, Severity.warning: 1, Severity.error: 2}


class Finding(BaseModel):
    """One problem in a reply, pointing at the exact characters of the original input."""

    model_config = ConfigDict(frozen=True)

    rule: str = Field(description="Id of the rule that produced the finding.")
    check: str = Field(description="The check the rule belongs to, e.g. 'greeting' or 'jargon'.")
    severity: Severity
    message: str = Field(description="What is wrong, written for the agent.")
    start: int = Field(ge=0, description="Start offset (characters) into the original input.")
    end: int = Field(ge=0, description="End offset (exclusive) into the original input.")
    text: str = Field(
        description="original_input[start:end]: the flagged words; empty for a missing element."
    )
    suggestion: str | None = Field(default=None, description="A concrete fix, when one exists.")
    confidence: float = Field(
        default=1.0, ge=0.0, le=1.0, description="How sure the rule is (0-1)."
    )

    @field_validator("message", "text", "suggestion")
    @classmethod
    def _writable_text(cls, value: str | None) -> str | None:
        return writable(value)


def writable(value: str | None) -> str | None:
    """``value`` with lone surrogates (a reply decoded badly upstream) as U+FFFD: a report
    quotes the reply, and must always be writable as JSON. (Offsets still count the
    input's characters: one surrogate, one replacement character.)"""
    if value is None or value.isascii():
        return value
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # rare: the normaliser's own cleaning, loaded only then
        from replylint.normalize.tokensafe import without_surrogates

        return without_surrogates(value)
    return value


class CheckResult(BaseModel):
    """The verdict of one boolean check on one reply."""

    model_config = ConfigDict(frozen=True)

    present: bool = Field(description="True when the reply does what the check asks.")
    applicable: bool = Field(
        default=True, description="False where the check does not apply to this reply."
    )
    reason: str | None = Field(
        default=None, description="Why the check is (not) applicable, or what was found."
    )
    evidence: str | None = Field(
        default=None, description="The words that satisfied the check, when present."
    )
    optional: bool = Field(
        default=False,
        description="True when the channel's profile makes the check optional: its absence "
        "is not reported and does not lower the score.",
    )
    confidence: float | None = Field(
        default=None,
        ge=0.0,
        le=1.0,
        description="How sure replylint is of this verdict (0-1). Where the trained model "
        "decides the check it is a calibrated probability: of the verdicts given with "
        "0.8, about 8 in 10 are right on held-out replies.",
    )
    decided_by: Literal["rules", "model"] = Field(
        default="rules",
        description="Whether the rules or the trained model (see `--model`) settled the "
        "verdict; with the model, the rules' findings are its inputs.",
    )

    @field_validator("reason", "evidence")
    @classmethod
    def _writable_text(cls, value: str | None) -> str | None:
        return writable(value)


class Report(BaseModel):
    """Everything replylint says about one reply."""

    schema_version: str = Field(default=SCHEMA_VERSION)
    channel: Channel = "email"
    language: str = Field(
        default="en",
        description="The language the reply was read as: 'en', or the ISO 639 code of the "
        "language it is clearly written in otherwise, in which case the English-only checks "
        "were not applied (not applicable, see `notices`).",
    )
    checks: dict[str, CheckResult] = Field(
        description="Verdict per boolean check, keyed by check name."
    )
    findings: list[Finding] = Field(default_factory=list)
    score: Annotated[int, Field(ge=0, le=100)] | None = Field(
        description="0-100; 100 means nothing to improve. null when the reply was not read "
        "as English (`language` says which language it was read as): its English-only "
        "checks were not applied, so there is no score to compare with other replies' "
        "(a 100 there read as a perfect reply to whoever sorted or averaged the scores)."
    )
    notices: list[str] = Field(
        default_factory=list,
        description="Things the user should know about how the reply was analysed.",
    )
    suppressed: int = Field(
        default=0,
        ge=0,
        description="Findings silenced by `replylint: disable` directives or `disable=`.",
    )
    below_confidence: int = Field(
        default=0,
        ge=0,
        description="Findings left out of `findings` because their confidence is under "
        "`min_confidence` (they still count in the score, and not for the exit code). "
        "Without it, a threshold that hid every finding looked like a reply with nothing "
        "to fix.",
    )

    def max_severity(self) -> Severity | None:
        """The most serious severity among the findings, or None if there are none."""
        if not self.findings:
            return None
        return max((f.severity for f in self.findings), key=lambda s: s.rank)


class EscapedJson(BaseModel):
    """A model whose ``model_dump_json`` writes any string it holds. pydantic refuses a
    lone surrogate (a caller's id decoded badly upstream, which a result gives back as
    it came, so that the caller can join on it): ``model_dump_json`` then raised
    PydanticSerializationError, and a loop writing the results of ``check_many`` stopped
    there. Such a model is written by :func:`json.dumps` instead, which escapes it
    (``"\\udcff"``, as ``replylint serve`` writes it), with every non-ASCII character
    escaped too; any other model is written by pydantic as before. (:func:`json.loads`
    reads such JSON back; pydantic's ``model_validate_json`` refuses the escape.)"""

    def model_dump_json(self, *, indent: int | None = None, **kwargs: Any) -> str:
        try:
            return super().model_dump_json(indent=indent, **kwargs)
        except PydanticSerializationError:
            kwargs.pop("ensure_ascii", None)
            data = self.model_dump(mode="json", **kwargs)
            return json.dumps(data, indent=indent, separators=(",", ": " if indent else ":"))


class ReportWithId(EscapedJson, Report):
    """A report with the ``id`` of the reply it is about: what ``Linter.check_many``
    yields for a :class:`~replylint.ReplyInput` that has an ``id``, and what ``replylint
    serve`` answers (where the id is absent when the request gave none). A ticket system
    sends its ticket id and joins each result (report or ``ReplyError`` alike) back to its
    ticket by it, rather than by position. A report without an id stays a plain
    :class:`Report`: the same type, the same JSON as before ids came back."""

    id: str | None = Field(
        default=None,
        description="The reply's `id`, as the request gave it (absent when it gave none): "
        "join results to their tickets by it.",
    )


def report_json_schema() -> dict[str, object]:
    """The JSON schema of :class:`Report` (printed by ``replylint schema``)."""
    schema = Report.model_json_schema()
    schema["$id"] = f"https://replylint.dev/schema/report-{SCHEMA_VERSION}.json"
    return schema
