"""The ``replylint`` command: check drafts, list and explain rules, measure against gold
labels, score exports, write reports, print the report schema.

Each subcommand is one module of this package with ``add_parser(subparsers)`` and
``run(args)``; the options several subcommands share live in
:mod:`replylint.cli.options`. This module assembles the parser and turns the errors a
user can cause into one line on stderr (a line per problem, for several).

Exit codes (DESIGN.md contract): 0 nothing at or above the ``--fail-on`` threshold,
1 findings at or above it, 2 usage or input error (one line on stderr, never a
traceback, or a line for each problem of a configuration that has several; ``check`` over
several files writes a line for each file it could not check, after reporting the
others), 141 when the output's reader closed it first (``| head``).
"""

from __future__ import annotations

import argparse
import codecs
import gc
import io
import os
import sys
import traceback
from collections.abc import Mapping, Sequence

from replylint import __version__
from replylint.cli import check, explain, lsp, report, rules, schema, score, train
from replylint.cli import eval as eval_command
from replylint.cli import serve as serve_command
from replylint.cli.options import EXIT_ERROR, EXIT_INTERNAL
from replylint.errors import UserError, out_of_room, out_of_room_message

__all__ = ["build_parser", "main"]

#: The subcommands, in the order ``replylint --help`` lists them.
COMMANDS = (check, rules, explain, eval_command, train, score, report, schema, serve_command, lsp)

#: Errors a user can cause (bad input, bad configuration): one line on stderr (a line
#: per problem), exit 2. Every such error derives from :class:`~replylint.errors.UserError`.
USER_ERRORS: tuple[type[Exception], ...] = (UserError,)

#: What Ctrl-C leaves behind, for the commands that write files as they go.
#: (``score`` says it as SIGTERM does: how to finish depends on its input and output.)
_INTERRUPTED = {
    "train": f"interrupted; {train.STOPPED}",
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run one ``replylint`` command line and return its exit code.

    Without ``argv`` the command line is the process's own (the ``replylint`` script,
    ``python -m replylint``), which ends when the command does: what the command froze
    out of the collector while it started up (:mod:`replylint.collector`) stays frozen,
    and the interpreter's last collection does not walk it. A caller that passes
    ``argv`` goes on afterwards, and gets its heap back as it was."""
    try:
        return _main(argv)
    finally:
        if argv is not None:
            gc.unfreeze()


#: The exit code when the reader of the output went away (``| head``): a shell's for a
#: command ended by SIGPIPE (128 + 13), as ``cat`` or ``grep`` give.
EXIT_OUTPUT_CLOSED = 141


def _output_closed() -> int:
    """The output's reader closed it before the command finished (``replylint check
    macros/ | head``). Until stop 55 that was exit 0: a gate run under ``set -o
    pipefail`` passed though findings were there, and which way it went depended on
    timing. Not knowing what went unwritten, the command does not claim success; the
    rest of its output goes nowhere, so the interpreter's last flush raises nothing."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass  # a stdout with no descriptor (a test's capture): nothing left to flush
    finally:
        os.close(devnull)
    return EXIT_OUTPUT_CLOSED


def _main(argv: Sequence[str] | None) -> int:
    _unicode_safe_streams()
    parser, commands = _parsers()
    args, unknown = parser.parse_known_args(argv)
    if unknown and args.command in _FILES_ANYWHERE and not _options(unknown):
        args = _files_anywhere(commands[args.command], args.command, argv)
    elif unknown:  # with the command's own usage, which lists what it does take
        commands[args.command].error(f"unrecognized arguments: {' '.join(unknown)}")
    try:
        return int(args.run(args))
    except USER_ERRORS as exc:
        print(error_lines(exc), file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        message = _INTERRUPTED.get(args.command, "interrupted")
        if args.command == "score":
            message = f"interrupted; {score.stop_advice(args)}"
        print(f"replylint: {message}", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return _output_closed()
    except Exception as exc:  # a bug: said as one, with the traceback to report
        if out_of_room(exc):  # (a full /tmp is no bug: one line, as a user's error)
            print(f"replylint: error: {out_of_room_message(exc)}", file=sys.stderr)
            return EXIT_ERROR
        traceback.print_exc(file=sys.stderr)
        print(
            f"replylint: internal error: {type(exc).__name__}: {exc} (a bug in replylint, "
            "not in your input's format: please report it with the traceback above and, "
            "if you can, the input that caused it)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def error_lines(exc: Exception) -> str:
    """A user's error as stderr gives it: ``replylint: error:`` before each of its lines.
    An error may name several problems (every unknown rule name of a configuration),
    one a line, and each line then reads, and greps, as an error of its own."""
    return "\n".join(f"replylint: error: {line}" for line in str(exc).splitlines() or [""])


#: Commands whose FILEs may also follow an option (``check a.txt --format json b.txt``),
#: as ruff and git take them. argparse reads a ``nargs="*"`` positional once, from the
#: words before the first option, and said those after it were "unrecognized
#: arguments", as if ``b.txt`` were a misspelt option.
_FILES_ANYWHERE = frozenset({"check", "eval", "train"})


def _options(words: Sequence[str]) -> list[str]:
    """The words that are options (``-`` alone is standard input, a file)."""
    return [word for word in words if word.startswith("-") and word != "-"]


def _files_anywhere(
    command: argparse.ArgumentParser, name: str, argv: Sequence[str] | None
) -> argparse.Namespace:
    """``name``'s arguments read again with its files wherever they stand (argparse's
    intermixed parsing). Not after ``--``, which that parsing does not honour: there
    the files come last anyway, so a word left over is reported as before."""
    given = list(sys.argv[1:] if argv is None else argv)
    words = given[given.index(name) + 1 :]
    if "--" in words:
        _, unknown = command.parse_known_args(words)
        command.error(f"unrecognized arguments: {' '.join(unknown)}")
    args = command.parse_intermixed_args(words)
    args.command = name
    return args


def _unicode_safe_streams() -> None:
    """Output that any reply's characters can be written to. Standard output redirected
    on Windows (``replylint check m.txt > out.txt``), or under a non-UTF-8 locale, takes
    the locale's code page (cp1252), which has no emoji: the first finding quoting one
    stopped the run with an internal error. The reports, JSON and SARIF are written as
    UTF-8 there, as JSON requires and the README's outputs are; standard error keeps its
    encoding (a terminal's) and writes what it cannot encode as ``\\U0001f600``."""
    for stream, encoding in ((sys.stdout, "utf-8"), (sys.stderr, None)):
        if not isinstance(stream, io.TextIOWrapper) or _is_utf8(stream.encoding):
            continue
        if encoding is None:
            stream.reconfigure(errors="backslashreplace")
        else:
            stream.reconfigure(encoding=encoding, errors="backslashreplace")


def _is_utf8(encoding: str | None) -> bool:
    try:
        return encoding is not None and codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return False


def build_parser() -> argparse.ArgumentParser:
    """The ``replylint`` parser with every subcommand's parser added to it."""
    return _parsers()[0]


def _parsers() -> tuple[argparse.ArgumentParser, Mapping[str, argparse.ArgumentParser]]:
    """The ``replylint`` parser, and each subcommand's parser by name."""
    parser = argparse.ArgumentParser(
        prog="replylint",
        description="A reply-quality linter for customer-support messages.",
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {__version__}",
        help="print the version of replylint and exit",
    )  # fmt: skip
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.add_parser(commands)
    return parser, commands.choices
