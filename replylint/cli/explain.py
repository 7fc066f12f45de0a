"""``replylint explain RULE``: one rule's standard, how it decides, its examples and its
options; a prefix or check name (``tone``) explains each rule it covers, and the findings
about suppression directives (``suppression.malformed``) are explained too."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from replylint.cli.options import EXIT_OK, UsageError
from replylint.config import LinterConfig

if TYPE_CHECKING:
    from replylint.cli.options import Subparsers


def add_parser(subparsers: Subparsers) -> None:
    command = subparsers.add_parser(
        "explain",
        help="explain a rule or check: standard, how it decides, examples",
    )
    command.add_argument("rule", metavar="RULE")
    command.add_argument("--pack", action="append", default=[], type=Path, metavar="PATH")
    command.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from replylint.linter import Linter  # here: spaCy, which `replylint serve` never needs
    from replylint.ruledocs import UnknownRuleError, explain_name

    linter = Linter(LinterConfig(packs=args.pack))
    try:
        text = explain_name(linter.rules, args.rule)
    except UnknownRuleError as exc:
        raise UsageError(str(exc)) from None
    print(text, end="")
    return EXIT_OK
