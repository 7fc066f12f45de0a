"""The ``replylint`` command: check drafts, list rules, print the report schema.

Exit codes (DESIGN.md contract): 0 nothing at or above the ``--fail-on`` threshold,
1 findings at or above it, 2 usage or input error (one line on stderr, never a
traceback).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from replylint.batch.columns import ColumnError
from replylint.batch.html_report import write_html_report
from replylint.batch.job import ScoreJob, Stopped
from replylint.batch.job import run as run_job
from replylint.batch.readers import InputFormatError
from replylint.batch.runner import default_jobs
from replylint.batch.summary import Summary, format_summary
from replylint.batch.writers import OutputError, iter_results
from replylint.config import LinterConfig
from replylint.configfile import ConfigError, FileSettings, find_config, load_settings
from replylint.evaluation import GoldError, evaluate, format_errors, format_table, read_gold
from replylint.formatters import github as github_format
from replylint.formatters import json as json_format
from replylint.formatters import jsonl as jsonl_format
from replylint.formatters import sarif as sarif_format
from replylint.formatters import text as text_format
from replylint.inputs import InputFileError, expand_folders, read_text
from replylint.linter import InputError, Linter
from replylint.packs import PackError
from replylint.registry import PluginError
from replylint.report import CHANNELS, CORE_CHECKS, Report, Severity, report_json_schema
from replylint.ruledocs import UnknownRuleError, explain, find_rule

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
#: Formats that take (path, original text, report) triples and the rules' metadata.
MACHINE_FORMATS = {
    "jsonl": jsonl_format.format_reports,
    "sarif": sarif_format.format_reports,
    "github": github_format.format_reports,
}


class UsageError(Exception):
    """Bad command-line input: reported on one line, exit 2."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except (
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
    ) as exc:
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


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="replylint",
        description="A reply-quality linter for customer-support messages.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="check draft replies (files or stdin)")
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
    check.add_argument("--customer-name", metavar="NAME", help="used in suggested greetings")
    check.add_argument("--input-format", choices=("auto", "text", "html"), default="auto")
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
    _add_rule_options(check)
    _add_config_options(check, "the file")
    check.add_argument(
        "--report-unused-suppressions",
        action="store_true",
        default=None,
        help="report `replylint: disable` directives that silence nothing",
    )
    check.set_defaults(run=_run_check)

    rules = commands.add_parser("rules", help="list every rule with its rationale")
    rules.add_argument("--pack", action="append", default=[], type=Path, metavar="PATH")
    rules.set_defaults(run=_run_rules)

    explain_cmd = commands.add_parser(
        "explain", help="explain one rule: standard, how it decides, examples, options"
    )
    explain_cmd.add_argument("rule", metavar="RULE")
    explain_cmd.add_argument("--pack", action="append", default=[], type=Path, metavar="PATH")
    explain_cmd.set_defaults(run=_run_explain)

    evaluate = commands.add_parser(
        "eval", help="measure the checks against labelled replies (gold JSONL)"
    )
    evaluate.add_argument("gold", nargs="+", type=Path, metavar="GOLD.jsonl")
    evaluate.add_argument("--format", choices=("text", "json"), default="text")
    evaluate.add_argument(
        "--errors",
        metavar="CHECK",
        choices=[*CORE_CHECKS, "jargon"],
        help="also list the records this check misjudged, with the evidence it used",
    )
    _add_config_options(evaluate, "the first GOLD file")
    evaluate.set_defaults(run=_run_eval)

    score = commands.add_parser(
        "score", help="score exported replies (CSV, JSONL, Parquet) into an output file"
    )
    score.add_argument("input", type=Path, metavar="INPUT")
    score.add_argument(
        "--out",
        required=True,
        type=Path,
        metavar="OUTPUT",
        help="results: .jsonl (reports), .csv or .parquet (a column per check)",
    )
    score.add_argument("--input-format", choices=("csv", "jsonl", "parquet"))
    score.add_argument("--output-format", choices=("jsonl", "csv", "parquet"))
    for role, default in (
        ("text", "reply, text, body, message"),
        ("id", "id; else row number"),
        ("channel", "channel"),
        ("customer", "customer_message"),
        ("agent", "agent, agent_id"),
    ):
        score.add_argument(f"--{role}-col", metavar="NAME", help=f"(default: {default})")
    score.add_argument(
        "--channel",
        choices=CHANNELS,
        default="email",
        help="channel for rows without a channel column (default: email)",
    )
    score.add_argument(
        "--jobs",
        type=int,
        default=default_jobs(),
        metavar="N",
        help="worker processes (default: all cores)",
    )
    score.add_argument(
        "--chunk-size",
        type=int,
        default=256,
        metavar="N",
        help="rows sent to a worker at a time (default: 256); smaller chunks lose less "
        "work when a worker dies, larger ones cost less overhead",
    )
    score.add_argument(
        "--resume",
        action="store_true",
        help="complete OUTPUT: skip the input rows it already holds (by position) and append "
        "(JSONL or CSV output)",
    )
    score.add_argument(
        "--force", action="store_true", help="replace OUTPUT if it already holds results"
    )
    score.add_argument(
        "--delimiter",
        metavar="CHAR",
        help="CSV field separator, e.g. ';' or tab (default: detected among , ; tab |)",
    )
    score.add_argument(
        "--no-text", action="store_true", help="do not copy reply text into JSONL results"
    )
    score.add_argument(
        "--summary-json", type=Path, metavar="FILE", help="also write the summary as JSON"
    )
    score.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="score on the Dask cluster at ADDRESS, e.g. tcp://scheduler:8786 "
        "(needs replylint[dask]; see docs/dask.md)",
    )
    _add_rule_options(score)
    _add_config_options(score, "INPUT")
    score.set_defaults(run=_run_score)

    report = commands.add_parser(
        "report", help="write a self-contained HTML report from `score` JSONL results"
    )
    report.add_argument("scores", type=Path, metavar="SCORES.jsonl")
    report.add_argument("--html", required=True, type=Path, metavar="FILE")
    report.add_argument("--title", default="replylint report")
    report.add_argument(
        "--worst",
        type=int,
        default=20,
        metavar="N",
        help="how many lowest-scoring replies to show (default: 20)",
    )
    report.set_defaults(run=_run_report)

    schema = commands.add_parser("schema", help="print the JSON schema of the report")
    schema.set_defaults(run=_run_schema)
    return parser


def _add_rule_options(command: argparse.ArgumentParser) -> None:
    """Which rules run and which findings count: the same flags for check and score."""
    command.add_argument(
        "--min-confidence",
        type=float,
        default=None,
        metavar="X",
        help="drop findings whose confidence is below X (0-1)",
    )
    command.add_argument(
        "--select",
        action="append",
        metavar="RULE",
        help="only run these rule ids, prefixes or check names (repeatable)",
    )
    command.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="RULE",
        help="skip these rule ids, prefixes or check names (repeatable)",
    )
    command.add_argument(
        "--pack",
        action="append",
        default=[],
        type=Path,
        metavar="PATH",
        help="load an extra YAML rule pack (repeatable)",
    )


def _add_config_options(command: argparse.ArgumentParser, start: str) -> None:
    command.add_argument(
        "--config",
        type=Path,
        metavar="PATH",
        help="use this config file (default: nearest .replylint.toml or "
        f"pyproject.toml with [tool.replylint], from {start} upwards)",
    )
    command.add_argument("--isolated", action="store_true", help="ignore all config files")


def _config_path(args: argparse.Namespace, first: Path | None) -> Path | None:
    """--config, else the nearest config file from ``first`` upwards (None: --isolated)."""
    if args.isolated:
        return None
    if args.config is not None:
        if not args.config.is_file():
            raise UsageError(f"config {args.config}: no such file")
        return Path(args.config)
    return find_config(first if first is not None else Path.cwd())


def _file_settings(args: argparse.Namespace, first: Path | None) -> tuple[FileSettings, Path]:
    """The configuration file's settings and the folder its relative paths start from."""
    path = _config_path(args, first)
    if path is None:
        return FileSettings(), Path.cwd()
    return load_settings(path), path.parent


def _settings(args: argparse.Namespace, first: Path | None) -> tuple[FileSettings, Path]:
    """Settings from --config, else the nearest config file (unless --isolated), with
    the command line's rule flags (--select, --ignore, --pack, --min-confidence) applied
    on top; and the folder the config's relative paths start from."""
    settings, base = _file_settings(args, first)
    overrides: dict[str, object] = {
        "ignore": [*settings.ignore, *args.ignore],
        "packs": [p if p.is_absolute() else base / p for p in settings.packs] + list(args.pack),
    }
    if args.select:
        overrides["select"] = args.select
    if args.min_confidence is not None:
        if not 0.0 <= args.min_confidence <= 1.0:
            raise UsageError("--min-confidence must be between 0 and 1")
        overrides["min_confidence"] = args.min_confidence
    return settings.model_copy(update=overrides), base


def _run_check(args: argparse.Namespace) -> int:
    given: list[Path | None] = [None if f == "-" else Path(f) for f in args.files] or [None]
    paths = expand_folders(given)
    if paths == [None] and sys.stdin.isatty():
        raise UsageError(
            "no FILE given and nothing on standard input; try `replylint check draft.txt`"
        )
    customer = (
        read_text(args.customer_message, "customer message") if args.customer_message else None
    )
    texts = [(str(p) if p else "<stdin>", read_text(p, "reply")) for p in paths]
    settings, _ = _settings(args, next((p for p in paths if p is not None), None))
    if args.fail_on is not None:
        settings = settings.model_copy(update={"fail_on": Severity(args.fail_on)})
    if args.report_unused_suppressions:
        settings = settings.model_copy(update={"report_unused_suppressions": True})
    linter = Linter(settings.linter_config(Path.cwd()))
    reports: list[tuple[str, str, Report]] = []
    for name, text in texts:
        try:
            report = linter.check(
                text,
                channel=args.channel,
                customer_message=customer,
                customer_name=args.customer_name,
                input_format=args.input_format,
            )
        except InputError as exc:
            raise UsageError(f"reply {name}: {exc}") from None
        reports.append((name, text, report))
    if args.format == "json":
        print(json_format.format_reports([(n, r) for n, _, r in reports]))
    elif args.format in MACHINE_FORMATS:
        output = MACHINE_FORMATS[args.format](reports, linter.rules)
        if output:
            print(output)
    else:
        colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        print("\n\n".join(text_format.format_report(n, t, r, colour) for n, t, r in reports))
    threshold = settings.fail_on.rank
    failed = any(f.severity.rank >= threshold for _, _, r in reports for f in r.findings)
    return EXIT_FINDINGS if failed else EXIT_OK


def _run_rules(args: argparse.Namespace) -> int:
    linter = Linter(LinterConfig(packs=args.pack))
    for rule in linter.rules:
        print(f"{rule.id:<22} {rule.severity.value:<8} {rule.standard}")
        print(f"{'':<22} {rule.rationale}")
    return EXIT_OK


def _run_eval(args: argparse.Namespace) -> int:
    records = [record for path in args.gold for record in read_gold(path)]
    if not records:
        raise UsageError("the gold files hold no records")
    settings, base = _file_settings(args, args.gold[0])
    result = evaluate(Linter(settings.linter_config(base)), records, keep_errors=args.errors)
    if args.format == "json":
        payload = result.as_dict()
        if args.errors:
            payload["errors"] = [
                {"id": e.record.id, "check": e.check, "gold": e.gold, "predicted": e.predicted,
                 "evidence": e.evidence, "reason": e.reason}
                for e in result.errors
            ]  # fmt: skip
        print(json.dumps(payload, indent=2))
    else:
        print(f"{result.records} records from {', '.join(str(p) for p in args.gold)}")
        print(format_table(result))
        if args.errors:
            print(f"\n{len(result.errors)} records misjudged on {args.errors}:")
            print(format_errors(result.errors))
    return EXIT_OK


def _run_score(args: argparse.Namespace) -> int:
    if args.jobs < 1 or args.chunk_size < 1:
        raise UsageError("--jobs and --chunk-size must be at least 1")
    if not args.input.is_file():
        raise UsageError(f"input {args.input}: no such file")
    if args.input.resolve() == args.out.resolve():
        raise UsageError("--out must not be the input file")
    settings, base = _settings(args, args.input)
    job = ScoreJob(
        input=args.input, output=args.out, input_format=args.input_format,
        output_format=args.output_format, text_col=args.text_col, id_col=args.id_col,
        channel_col=args.channel_col, customer_col=args.customer_col, agent_col=args.agent_col,
        channel=args.channel, jobs=args.jobs, chunk_size=args.chunk_size, resume=args.resume,
        force=args.force, delimiter=args.delimiter, keep_text=not args.no_text, progress=True,
        config=settings.linter_config(base),
    )  # fmt: skip
    try:
        summary = _run_on_cluster(job, args.scheduler) if args.scheduler else run_job(job)
    except Stopped:
        print(f"replylint: stopped; {args.out} is complete up to the last written row "
              "(finish with --resume)", file=sys.stderr)  # fmt: skip
        return 143
    print(format_summary(summary))
    if args.summary_json:
        args.summary_json.write_text(json.dumps(summary.as_dict(), indent=2), encoding="utf-8")
    return EXIT_OK


def _run_on_cluster(job: ScoreJob, address: str) -> Summary:
    try:
        from replylint.batch.cluster import ClusterError, run_on_cluster
    except ImportError as exc:
        raise UsageError(f"--scheduler needs dask: pip install 'replylint[dask]' ({exc})") from None
    try:
        return run_on_cluster(job, address)
    except ClusterError as exc:
        raise UsageError(str(exc)) from None


def _run_report(args: argparse.Namespace) -> int:
    if not args.scores.is_file():
        raise UsageError(f"scores {args.scores}: no such file")
    if args.worst < 0:
        raise UsageError("--worst must be 0 or more")
    if args.scores.suffix.lower() in {".parquet", ".csv", ".tsv"}:
        raise UsageError(
            f"scores {args.scores}: `report` reads the JSONL results of `replylint score` "
            "(they keep every finding); score again with `--out results.jsonl`"
        )
    if not args.html.parent.is_dir():
        raise UsageError(f"--html {args.html}: the folder {args.html.parent} does not exist")
    not_results = f"scores {args.scores}: not the JSONL output of `replylint score`"
    try:
        stats = write_html_report(
            iter_results(args.scores), args.html, title=args.title, worst=args.worst
        )
    except UnicodeDecodeError:
        raise UsageError(f"{not_results} (it is not UTF-8 text)") from None
    except (json.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError) as exc:
        raise UsageError(f"{not_results} ({exc})") from None
    except OSError as exc:
        raise UsageError(f"--html {args.html}: cannot write it ({exc.strerror})") from None
    print(f"{args.html}: {stats}")
    return EXIT_OK


def _run_explain(args: argparse.Namespace) -> int:
    linter = Linter(LinterConfig(packs=args.pack))
    try:
        rule = find_rule(linter.rules, args.rule)
    except UnknownRuleError as exc:
        raise UsageError(str(exc)) from None
    print(explain(rule), end="")
    return EXIT_OK


def _run_schema(args: argparse.Namespace) -> int:
    print(json.dumps(report_json_schema(), indent=2))
    return EXIT_OK
