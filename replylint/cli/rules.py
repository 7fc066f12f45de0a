"""``replylint rules``: list every rule (built-in, plugin, the configuration's packs and
``--pack``) with its severity, the service standard it serves and its rationale.

The configuration file is read as ``check`` reads it, so the listing shows the severities
the findings will carry and the rules of the team's packs; a rule the file turns off is
listed all the same, marked with why."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from replylint.cli.configured_rules import configured_rules
from replylint.cli.options import EXIT_OK, add_config_options, add_pack_option

if TYPE_CHECKING:
    from replylint.cli.options import Subparsers


def add_parser(subparsers: Subparsers) -> None:
    rules = subparsers.add_parser("rules", help="list every rule with its rationale")
    add_pack_option(rules)
    add_config_options(rules, "the current folder")
    rules.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    configured = configured_rules(args)
    for rule in configured.linter.rules:
        off = configured.off_note(rule)
        marker = f"  [{off} by {configured.config_name}]" if off is not None else ""
        print(f"{rule.id:<22} {rule.severity.value:<8} {rule.standard}{marker}")
        print(f"{'':<22} {rule.rationale}")
    return EXIT_OK
