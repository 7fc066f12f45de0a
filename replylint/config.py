"""Linter configuration: one validated pydantic object, used by the CLI and the library.

Unknown keys are errors (a misspelt ``ignroe`` must not silently do nothing).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from replylint.report import Severity

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

    def selects(self, rule_id: str) -> bool:
        def matches(prefixes: list[str]) -> bool:
            return any(rule_id == p or rule_id.startswith(p.rstrip(".") + ".") for p in prefixes)

        if self.select is not None and not matches(self.select):
            return False
        return not matches(self.ignore)
