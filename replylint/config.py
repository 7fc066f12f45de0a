"""Linter configuration: one validated pydantic object, used by the CLI and the library.

Unknown keys are errors (a misspelt ``ignroe`` must not silently do nothing).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from replylint.report import CORE_CHECKS, Channel, Severity

DEFAULT_MAX_REPLY_CHARS = 100_000


class Glossary(BaseModel):
    """A team's vocabulary: terms its customers know, and terms to avoid."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    allowed: list[str] = Field(
        default_factory=list,
        description="Terms never reported as jargon (e.g. your product names).",
    )
    banned: dict[str, str] = Field(
        default_factory=dict,
        description='Terms always reported, mapped to the preferred wording ("" for none).',
    )


class RuleSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    severity: Severity | None = None
    options: dict[str, Any] = Field(default_factory=dict)


class ChannelProfile(BaseModel):
    """What replies on one channel are expected to contain.

    The service standards ask for every element on every channel, so replylint ships no
    profile of its own; a team that answers on social media might decide a greeting and
    closing thanks are optional in 280 characters. An optional check keeps its verdict
    (the report still says whether the reply greets), but its absence is not reported and
    does not lower the score.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    optional: list[str] = Field(
        default_factory=list,
        description=f"Checks not required on this channel: any of {', '.join(CORE_CHECKS)}.",
    )
    ignore: list[str] = Field(
        default_factory=list, description="Rule ids or prefixes not run on this channel."
    )

    @field_validator("optional")
    @classmethod
    def _known_checks(cls, value: list[str]) -> list[str]:
        unknown = [name for name in value if name not in CORE_CHECKS]
        if unknown:
            raise ValueError(
                f"{unknown[0]!r} is not a check that can be optional; "
                f"choose from {', '.join(CORE_CHECKS)}"
            )
        return value


class LinterConfig(BaseModel):
    """Everything a :class:`~replylint.Linter` can be told."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    select: list[str] | None = Field(
        default=None, description="Rule ids or id prefixes to run (default: all)."
    )
    ignore: list[str] = Field(default_factory=list, description="Rule ids or prefixes to skip.")
    rules: dict[str, RuleSettings] = Field(
        default_factory=dict, description="Per-rule severity and options, keyed by rule id."
    )
    packs: list[Path] = Field(default_factory=list, description="Extra YAML rule packs.")
    glossary: Glossary = Field(default_factory=Glossary)
    min_confidence: float = Field(default=0.0, ge=0.0, le=1.0)
    max_reply_chars: int = Field(default=DEFAULT_MAX_REPLY_CHARS, gt=0)
    channels: dict[Channel, ChannelProfile] = Field(
        default_factory=dict,
        description="Per-channel expectations (optional checks, rules not run).",
    )
    report_unused_suppressions: bool = Field(
        default=False,
        description="Report `replylint: disable` directives that silence nothing.",
    )

    def selects(self, rule_id: str) -> bool:
        if self.select is not None and not matches_any(rule_id, self.select):
            return False
        return not matches_any(rule_id, self.ignore)


def matches_any(rule_id: str, prefixes: list[str]) -> bool:
    """Is ``rule_id`` one of ``prefixes`` or below one (``tone`` covers ``tone.blame``)?"""
    return any(rule_id == p or rule_id.startswith(p.rstrip(".") + ".") for p in prefixes)
