"""The ``replylint`` command: check drafts, list and explain rules, measure against gold
labels, score exports, write reports, print the report schema.

Each subcommand is one module of this package with ``add_parser(subparsers)`` and
``run(args)``; the options several subcommands share live in
:mod:`replylint.cli.options`. This module assembles the parser and turns the errors a
user can cause into one line on stderr.

Exit codes (DESIGN.md contract): 0 nothing at or above the ``--fail-on`` threshold,
1 findings at or above it, 2 usage or input error (one line on stderr, never a
traceback).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from replylint.batch.columns import ColumnError
from replylint.batch.readers import InputFormatError
from replylint.batch.writers import OutputError
from replylint.cli import check, explain, report, rules, schema, score, train
from replylint.cli import eval as eval_command
from replylint.cli.options import EXIT_ERROR, EXIT_OK, UsageError
from replylint.configfile import ConfigError
from replylint.evaluation import GoldError
from replylint.inputs import InputFileError
from replylint.linter import InputError
from replylint.model.training import TrainingError
from replylint.packs import PackError
from replylint.registry import PluginError

__all__ = ["build_parser", "main"]

#: The subcommands, in the order ``replylint --help`` lists them.
COMMANDS = (check, rules, explain, eval_command, train, score, report, schema)

#: Errors a user can cause (bad input, bad configuration): one line on stderr, exit 2.
USER_ERRORS = (
    UsageError,
    InputFileError,
    ConfigError,
    InputError,
    PackError,
    PluginError,
    GoldError,
    ColumnError,
    InputFormatError,
    OutputError,
    TrainingError,
)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one ``replylint`` command line and return its exit code."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except USER_ERRORS as exc:
        print(f"replylint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print(
            "replylint: interrupted; output files are complete up to the last written row",
            file=sys.stderr,
        )
        return 130
    except BrokenPipeError:
        return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The ``replylint`` parser with every subcommand's parser added to it."""
    parser = argparse.ArgumentParser(
        prog="replylint",
        description="A reply-quality linter for customer-support messages.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.add_parser(commands)
    return parser
