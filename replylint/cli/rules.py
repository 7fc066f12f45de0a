"""``replylint rules``: list every rule (built-in, plugin and ``--pack``) with its
severity, the service standard it serves and its rationale."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from replylint.cli.options import EXIT_OK
from replylint.config import LinterConfig

if TYPE_CHECKING:
    from replylint.cli.options import Subparsers


def add_parser(subparsers: Subparsers) -> None:
    rules = subparsers.add_parser("rules", help="list every rule with its rationale")
    rules.add_argument("--pack", action="append", default=[], type=Path, metavar="PATH")
    rules.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from replylint.linter import Linter  # here: spaCy, which `replylint serve` never needs

    linter = Linter(LinterConfig(packs=args.pack))
    for rule in linter.rules:
        print(f"{rule.id:<22} {rule.severity.value:<8} {rule.standard}")
        print(f"{'':<22} {rule.rationale}")
    return EXIT_OK
