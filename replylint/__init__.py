"""replylint: a reply-quality linter for customer-support messages.

>>> from replylint import Linter
>>> report = Linter().check("Hi Dana, your refund was sent today. Thanks!")
>>> report.checks["greeting"].present
True
"""

from replylint.config import ChannelProfile, Glossary, LinterConfig, RuleSettings
from replylint.configfile import ConfigError, find_config, load_linter_config
from replylint.linter import InputError, Linter, ReplyError, ReplyInput
from replylint.packs import Example, Examples, PackError
from replylint.registry import PluginError
from replylint.report import (
    CORE_CHECKS,
    REPORTED_CHECKS,
    SCHEMA_VERSION,
    SERVICE_CHECKS,
    CheckResult,
    Finding,
    Report,
    Severity,
    report_json_schema,
)
from replylint.rule import PresenceRule, Rule, RuleContext, RuleOptions, Verdict

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
