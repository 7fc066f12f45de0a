"""``replylint schema``: print the JSON schema of the report (DESIGN.md, report JSON)."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from replylint.cli.options import EXIT_OK
from replylint.report import report_json_schema

if TYPE_CHECKING:
    from replylint.cli.options import Subparsers


def add_parser(subparsers: Subparsers) -> None:
    schema = subparsers.add_parser("schema", help="print the JSON schema of the report")
    schema.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    print(json.dumps(report_json_schema(), indent=2))
    return EXIT_OK
