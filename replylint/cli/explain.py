"""``replylint explain RULE``: one rule's standard, how it decides, its examples and its
options; a prefix or check name (``tone``) explains each rule it covers, and the findings
about suppression directives (``suppression.malformed``) are explained too.

The configuration file is read as ``check`` reads it: a rule of the team's pack is
explained, and what the file changes about the rule (severity, options, not run) follows
the rule's own text."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from replylint.cli.configured_rules import ConfiguredRules, configured_rules
from replylint.cli.options import EXIT_OK, UsageError, add_config_options, add_pack_option
from replylint.config import covers

if TYPE_CHECKING:
    from replylint.cli.options import Subparsers


def add_parser(subparsers: Subparsers) -> None:
    command = subparsers.add_parser(
        "explain",
        help="explain a rule or check: standard, how it decides, examples",
    )
    command.add_argument("rule", metavar="RULE")
    add_pack_option(command)
    add_config_options(command, "the current folder")
    command.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from replylint.ruledocs import UnknownRuleError, explain_name

    configured = configured_rules(args)
    try:
        text = explain_name(configured.linter.rules, args.rule)
    except UnknownRuleError as exc:
        hint = (
            "; a pack's rules exist once the pack is loaded: `--pack PATH`, or `packs` in "
            "the config file"
        )
        raise UsageError(f"{exc}{hint}") from None
    print(text, end="")
    print(_configured(configured, args.rule), end="")
    return EXIT_OK


def _configured(configured: ConfiguredRules, name: str) -> str:
    """What the configuration file changes about the rules ``name`` covers ("" when it
    changes nothing), so the text explains the rule as ``check`` will run it."""
    source = configured.config.source
    lines = [
        f"  {rule.id}: {'; '.join(notes)}"
        for rule in sorted(configured.linter.rules, key=lambda rule: rule.id)
        if covers([name], rule.id, rule.check_name) and (notes := configured.notes(rule))
    ]
    if source is None or not lines:
        return ""
    return "\n".join(["", f"Configured in {source.path}:", *lines, ""])
