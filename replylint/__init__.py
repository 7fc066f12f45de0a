"""replylint: a reply-quality linter for customer-support messages.

>>> from replylint import Linter
>>> report = Linter().check("Hi Dana, your refund was sent today. Thanks!")
>>> report.checks["greeting"].present
True

The names that need spaCy (the linter, the rule base classes, the plug-in registry) are
imported on first use (PEP 562), so a process that only reads configurations, requests
or reports, like the HTTP front of ``replylint serve``, never loads the NLP stack.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from replylint.config import ChannelProfile, Glossary, LinterConfig, RuleSettings
from replylint.configfile import ConfigError, find_config, load_linter_config
from replylint.packs import Example, Examples, PackError
from replylint.reply_input import InputError, ReplyError, ReplyInput
from replylint.report import (
    CORE_CHECKS,
    REPORTED_CHECKS,
    SCHEMA_VERSION,
    SERVICE_CHECKS,
    CheckResult,
    Finding,
    Report,
    ReportWithId,
    Severity,
    report_json_schema,
)

if TYPE_CHECKING:
    from replylint.linter import Linter
    from replylint.registry import PluginError
    from replylint.rule import PresenceRule, Rule, RuleContext, RuleOptions, Verdict

#: The public names that import spaCy, and the module each comes from.
_LAZY = {
    "Linter": "replylint.linter",
    "PluginError": "replylint.registry",
    "PresenceRule": "replylint.rule",
    "Rule": "replylint.rule",
    "RuleContext": "replylint.rule",
    "RuleOptions": "replylint.rule",
    "Verdict": "replylint.rule",
}

__all__ = [
    "CORE_CHECKS",
    "REPORTED_CHECKS",
    "SCHEMA_VERSION",
    "SERVICE_CHECKS",
    "ChannelProfile",
    "CheckResult",
    "ConfigError",
    "Example",
    "Examples",
    "Finding",
    "Glossary",
    "InputError",
    "Linter",
    "LinterConfig",
    "PackError",
    "PluginError",
    "PresenceRule",
    "ReplyError",
    "ReplyInput",
    "Report",
    "ReportWithId",
    "Rule",
    "RuleContext",
    "RuleOptions",
    "RuleSettings",
    "Severity",
    "Verdict",
    "find_config",
    "load_linter_config",
    "report_json_schema",
]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    """A name that needs spaCy, imported from its module when first asked for."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'replylint' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
