"""``replylint check``: check draft replies (files, folders or stdin) and print the
findings as text, JSON, JSONL, SARIF or GitHub annotations.

A file that cannot be read or checked does not stop the others: each input gets an
outcome (:mod:`replylint.formatters.outcome`), the formats report the failed ones in their
place, stderr names each of them, and the exit code is 2 (an input error) as for one file.

Each file is checked with the nearest configuration from its own folder upwards (as the
language server checks a document), the command line's options on top: a macro
repository with a folder of its own settings is checked in one run as file by file. One
Linter is built per configuration, not per file, and all of them before any reply is
checked, so a bad configuration anywhere stops the run with the error naming it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from replylint.cli.options import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    UsageError,
    add_config_options,
    add_rule_options,
    config_path,
    shown_config,
    with_rule_options,
)
from replylint.configfile import FileSettings, exclude_pattern, settings_from
from replylint.errors import PluginFailed, UserError
from replylint.formatters import github as github_format
from replylint.formatters import json as json_format
from replylint.formatters import jsonl as jsonl_format
from replylint.formatters import sarif as sarif_format
from replylint.formatters import text as text_format
from replylint.formatters.outcome import Checked, Outcome, Unchecked, partition
from replylint.inputs import (
    Exclusions,
    InputFileError,
    expand_configs,
    expand_folders,
    read_text,
)
from replylint.reply_input import InputError
from replylint.report import CHANNELS, Report, Severity

if TYPE_CHECKING:
    from replylint.cli.options import Subparsers
    from replylint.linter import Linter
    from replylint.rule import Rule

#: Formats that take (path, original text, report) triples and the rules' metadata.
MACHINE_FORMATS = {
    "jsonl": jsonl_format.format_reports,
    "sarif": sarif_format.format_reports,
    "github": github_format.format_reports,
}


def add_parser(subparsers: Subparsers) -> None:
    check = subparsers.add_parser("check", help="check draft replies (files or stdin)")
    check.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="reply files, or folders (every macro file under them, as the pre-commit hook "
        "picks them); '-' or none: stdin",
    )
    check.add_argument("--channel", choices=CHANNELS, default="email")
    check.add_argument(
        "--customer-message",
        metavar="FILE",
        type=Path,
        help="the customer message being answered (makes apology/empathy exact)",
    )
    check.add_argument(
        "--customer-name",
        metavar="NAME",
        help="the customer's name: used in suggested greetings, and a different name in the "
        "reply is reported (customer_name)",
    )
    check.add_argument(
        "--agent-name",
        metavar="NAME",
        help="the agent's name (or e-mail address): in a chat transcript whose speaker "
        "labels are names alone, the agent's turns are the reply checked",
    )
    check.add_argument(
        "--template",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="the files are templates kept in a macro repository, where placeholders are "
        "expected (template_residue fails only on a drafting mark such as TODO, or a "
        "conditional never closed, a closing tag that closes none or an else outside its "
        "block; a `replylint: disable` line of its own counts only there); "
        "--no-template: replies about to be "
        "sent (default: the config's `template`, else sent replies)",
    )
    check.add_argument(
        "--default-template",
        action="store_true",
        help="read the files as templates unless the config sets `template` (what the "
        "pre-commit hook and the language server do: a repository of finished replies "
        "says `template = false`)",
    )
    check.add_argument(
        "--recheck-on-config",
        action="store_true",
        help="a configuration file among the FILEs (.replylint.toml, replylint.toml, "
        "pyproject.toml: pre-commit passes one a commit changes) stands for every macro file "
        "git tracks in its folder and below (what the pre-commit hook does); a pyproject.toml "
        "only when it, or the last commit's version, has [tool.replylint]. A FILE that is "
        "hidden or in a hidden folder (.github/) is then left out, as under a folder",
    )
    check.add_argument(
        "--input-format",
        choices=("auto", "text", "html"),
        default="auto",
        help="auto (default): HTML when the text has a block tag (<p>, <div>, <ul>) or tags "
        "alone break its lines, else plain text with its HTML comments and inline tags (<b>, "
        "<br>, <a>) left out; text: plain text, comments and tags read as typed",
    )
    check.add_argument(
        "--format",
        choices=("text", "json", "jsonl", "sarif", "github"),
        default="text",
        help="text (default), json (the report contract), jsonl (one report per line), "
        "sarif (SARIF 2.1.0 for code-scanning tools), github (workflow annotations)",
    )
    check.add_argument(
        "--fail-on",
        choices=[s.value for s in Severity],
        default=None,
        help="lowest severity that makes the exit code 1 (default: the config's, else warning)",
    )
    add_rule_options(check)
    add_config_options(check, "the file")
    check.add_argument(
        "--exclude",
        action="extend",
        type=exclude_patterns,
        metavar="GLOB[,GLOB]",
        help="leave out the files GLOB matches instead of those the config's `exclude` "
        "names (comma-separated, repeatable); read as `exclude` reads its patterns, "
        "relative to the config file's folder (without one, the current folder)",
    )
    check.add_argument(
        "--extend-exclude",
        action="extend",
        type=exclude_patterns,
        default=[],
        metavar="GLOB[,GLOB]",
        help="leave out the files GLOB matches as well as those the config's `exclude` "
        "(or --exclude) names (comma-separated, repeatable). Both flags apply to the files "
        "under a folder and, with --recheck-on-config, to every FILE; a FILE named without "
        "--recheck-on-config is checked all the same",
    )
    check.add_argument(
        "--report-unused-suppressions",
        action="store_true",
        default=None,
        help="report `replylint: disable` directives that silence nothing",
    )
    check.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        return _run(args)
    except UserError as exc:
        if args.format == "sarif":  # a CI step uploads the log even when the run stopped
            print(failed_run_log(str(exc)))
        raise


def failed_run_log(error: str) -> str:
    """The SARIF log of a run stopped before any reply was checked (a configuration
    that cannot be read, ``--config`` naming no file): no results, and the error the
    stderr line gives as a tool execution notification with ``executionSuccessful``
    false. An upload step then gets a valid log that says the run failed, not an empty
    file a code-scanning service rejects, nor one that reads as a clean run."""
    log = sarif_format.build_log([], [])
    log["runs"][0]["invocations"] = [
        {
            "executionSuccessful": False,
            "toolExecutionNotifications": [{"level": "error", "message": {"text": error}}],
        }
    ]
    return json.dumps(log, indent=2, ensure_ascii=False)


def _once_each(paths: list[Path | None]) -> list[Path | None]:
    """``paths`` with each file once, where first named: a file named twice, or named
    and also inside a folder named (``check drafts drafts/refund.txt``), gave two
    identical reports, and a summary counting it twice."""
    seen: set[Path] = set()
    once: list[Path | None] = []
    for path in paths:
        key = path.resolve() if path is not None else None
        if key is not None and key in seen:
            continue
        if key is not None:
            seen.add(key)
        once.append(path)
    return once


def _run(args: argparse.Namespace) -> int:
    given: list[Path | None] = [None if f == "-" else Path(f) for f in args.files] or [None]
    if given.count(None) > 1:  # the second read what the first left: nothing, "is empty"
        raise UsageError("'-' (standard input) is given more than once; it can be read once")
    listed = several_inputs(given)
    # each file's own configuration says what its `exclude` leaves out, as the flags change it
    excluded = Exclusions(
        lambda folder: config_path(args, folder),
        lambda settings: with_exclude_options(args, settings),
    )
    if args.recheck_on_config:
        expanded = expand_configs(given, excluded, args.pack or ())
        listed = listed or expanded != given
        if not expanded:  # a changed config that governs no macro: nothing to check
            # ... and a log format still writes its log (an empty SARIF run, `[]`): a CI
            # step uploads it, and an empty file is no SARIF (it was written empty)
            if args.format != "text":
                _print_reports(args.format, [], [], [], listed=True)
            return EXIT_OK
        given = expanded
    paths = _once_each(expand_folders(given, excluded))
    if paths == [None] and sys.stdin.isatty():
        raise UsageError(
            "no FILE given and nothing on standard input; try `replylint check draft.txt`"
        )
    customer = _customer_message(args.customer_message)
    texts = [_read(path) for path in paths]
    # text and json keep the one-line error for one file; a log format (SARIF for a CI
    # upload, jsonl, github) still writes its log, holding the error
    alone_is_an_error = not listed and args.format not in MACHINE_FORMATS
    if alone_is_an_error:
        _fail_if_alone(texts)
    configs = _configs_of(args, paths)
    # every configuration is read (and a bad one refused) before any reply is checked
    configured = {config: _configured(args, config) for config in dict.fromkeys(configs)}
    outcomes: list[Outcome] = [
        text
        if isinstance(text, Unchecked)
        else _check_one(configured[config].linter, args, *text, customer)
        for text, config in zip(texts, configs, strict=True)
    ]
    if alone_is_an_error:
        _fail_if_alone(outcomes)
    rules_run = [configured[config].linter.rules_run(args.channel) for config in configs]
    shown = [shown_config(config) for config in configs]
    _print_reports(
        args.format,
        outcomes,
        _rules_of(configured.values()),
        shown,
        listed=listed,
        rules_run=rules_run,
    )
    checked, unchecked = partition(outcomes)
    for _, failed in unchecked:
        print(f"replylint: error: {failed.error}", file=sys.stderr)
    if unchecked:
        return EXIT_ERROR
    failed_on = any(
        _fails(report, configured[configs[index]].settings) for index, (_, _, report) in checked
    )
    return EXIT_FINDINGS if failed_on else EXIT_OK


@dataclass(frozen=True)
class Configured:
    """One configuration file's settings, with the command line's options on top, and
    the Linter they build: shared by every input that configuration governs."""

    settings: FileSettings
    linter: Linter


def _configs_of(args: argparse.Namespace, paths: Sequence[Path | None]) -> list[Path | None]:
    """The configuration file governing each input, in input order: the nearest one from
    its folder upwards (standard input's: from the current folder), as the language
    server finds a document's; ``--config``'s for all, or None for all with
    ``--isolated``. Each folder is searched once."""
    by_folder: dict[Path | None, Path | None] = {}
    configs = []
    for path in paths:
        folder = path.parent if path is not None else None
        if folder not in by_folder:
            by_folder[folder] = config_path(args, path)
        configs.append(by_folder[folder])
    return configs


def _configured(args: argparse.Namespace, config: Path | None) -> Configured:
    """``config``'s settings with the command line's options, and its Linter (built once
    per configuration: building one takes about a second). A configuration that cannot
    be read or names what does not exist is the one-line error naming the file."""
    settings, base = with_rule_options(args, *settings_from(config))
    if args.fail_on is not None:
        settings = settings.model_copy(update={"fail_on": Severity(args.fail_on)})
    if args.report_unused_suppressions:
        settings = settings.model_copy(update={"report_unused_suppressions": True})
    if args.template is not None:
        settings = settings.model_copy(update={"template": args.template})
    elif args.default_template and settings.template is None:
        settings = settings.model_copy(update={"template": True})
    from replylint.collector import start_up

    with start_up():
        from replylint.linter import Linter  # here: spaCy, which `replylint serve` never needs

        # a relative `model` or pack is read from the configuration file's folder
        return Configured(settings, Linter(settings.linter_config(base)))


def _rules_of(configured: Iterable[Configured]) -> list[Rule]:
    """The rules the run's configurations run, each id once (the first configuration's
    rule where two share it): SARIF describes every rule a result may point at in its
    one log, whichever configuration checked the file."""
    rules: dict[str, Rule] = {}
    for each in configured:
        for rule in each.linter.rules:
            rules.setdefault(rule.id, rule)
    return list(rules.values())


def _fails(report: Report, settings: FileSettings) -> bool:
    """Does ``report`` hold a finding at or above its own configuration's ``fail-on``
    (``--fail-on`` being applied to every configuration)?"""
    threshold = settings.fail_on.rank
    return any(finding.severity.rank >= threshold for finding in report.findings)


def exclude_patterns(value: str) -> list[str]:
    """One ``--exclude``/``--extend-exclude`` value: a pattern, or several separated by
    commas as ruff's flags of those names take them, each refused as the config's
    ``exclude`` would refuse it (a pattern that could never match)."""
    try:
        return [exclude_pattern(pattern.strip()) for pattern in value.split(",")]
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def with_exclude_options(args: argparse.Namespace, settings: FileSettings) -> FileSettings:
    """A configuration's settings with the command line's patterns: ``--exclude``
    replaces its ``exclude``, ``--extend-exclude`` adds to it (or to ``--exclude``), as
    ruff's flags of those names do with its own setting."""
    patterns = settings.exclude if args.exclude is None else args.exclude
    return settings.model_copy(update={"exclude": [*patterns, *args.extend_exclude]})


def several_inputs(given: Sequence[Path | None]) -> bool:
    """Whether the command line asks for several inputs: more than one path, or a folder
    (however many files it holds). The ``json`` format's shape follows this, not the
    number of files found, so a script can rely on one shape per command line."""
    return len(given) > 1 or any(path is not None and path.is_dir() for path in given)


def _read(path: Path | None) -> tuple[str, str] | Unchecked:
    """One input's name and text, or why it cannot be read: one bad file among many is
    reported in its place, and the others are still checked."""
    name = str(path) if path is not None else "<stdin>"
    try:
        return name, read_text(path, "reply")
    except InputFileError as exc:
        return Unchecked(name, str(exc))


def _customer_message(path: Path | None) -> str | None:
    """The text of ``--customer-message``'s file. The option takes a file, and a message
    typed in its place was said to be missing, "customer message My parcel came broken:
    no such file", as if a file of that name had gone; the error says what to give."""
    if path is None:
        return None
    try:
        return read_text(path, "customer message")
    except InputFileError as exc:
        if path.exists() or path.is_symlink():
            raise
        raise InputFileError(
            f"{exc}; --customer-message takes a file holding the message the reply answers "
            "(save the message in one, such as customer.txt, and give its path)"
        ) from None


def _fail_if_alone(outcomes: Sequence[object]) -> None:
    """A single input that could not be read or checked is the one-line error it always
    was (exit 2, nothing on stdout) in text and ``json`` (which promises one report object
    for one file). Not called for a folder (even one holding a single file): its ``json``
    output is a list, with the error in it; nor for the log formats (``sarif``,
    ``jsonl``, ``github``), whose log a CI step uploads whatever happened."""
    if len(outcomes) == 1 and isinstance(outcomes[0], Unchecked):
        raise UsageError(outcomes[0].error)


def _check_one(
    linter: Linter, args: argparse.Namespace, name: str, text: str, customer: str | None
) -> Checked | Unchecked:
    """One reply's report, or, when the linter refuses the reply (empty once its markup
    is left out, too long), why, naming the file."""
    try:
        report = linter.check(
            text,
            channel=args.channel,
            customer_message=customer,
            customer_name=args.customer_name,
            input_format=args.input_format,
            agent_name=args.agent_name,
        )
    except (InputError, PluginFailed) as exc:  # a plugin's fault costs its file only
        return Unchecked(name, f"reply {name}: {exc}")
    return name, text, report


def _print_reports(
    fmt: str,
    outcomes: list[Outcome],
    rules: Sequence[Rule],
    configs: Sequence[str | None],
    *,
    listed: bool,
    rules_run: Sequence[tuple[int, int]] = (),
) -> None:
    """Every input's report, or in a machine format its error, on stdout (the text format
    leaves the errors to stderr, where ``run`` writes them for every format). ``listed``:
    the command line named several inputs or a folder, so ``json`` prints a list;
    ``rules``: those the run's configurations run, which SARIF describes; ``configs``:
    the configuration file each input was checked with, as the outputs name it (None:
    none), which the text summary line, the JSON report and the SARIF artifact say;
    ``rules_run``: per input, how many rules its configuration ran of how many there are,
    which the text format's score line gives when some were left out."""
    if fmt == "json":
        named = [o if isinstance(o, Unchecked) else (o[0], o[2]) for o in outcomes]
        print(json_format.format_reports(named, listed=listed, configs=configs))
    elif fmt in MACHINE_FORMATS:
        output = MACHINE_FORMATS[fmt](outcomes, rules, configs)
        if output:
            print(output)
    else:
        colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        run_of = dict(enumerate(rules_run)).get
        texts = [
            text_format.format_report(
                name, text, report, colour, configs[index], rules_run=run_of(index)
            )
            for index, (name, text, report) in partition(outcomes)[0]
        ]
        if texts:
            print("\n\n".join(texts))
