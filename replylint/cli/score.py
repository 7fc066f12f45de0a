"""``replylint score INPUT --out OUTPUT``: score exported replies (CSV, JSONL, Parquet)
into one result per row, on this machine's cores or on a Dask cluster, and print a
summary."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from replylint.cli.interrupts import interruptible
from replylint.cli.options import (
    EXIT_ERROR,
    EXIT_OK,
    UsageError,
    add_channel_name_option,
    add_config_options,
    add_rule_options,
    channel_names_given,
    same_file,
    settings_with_rule_options,
)
from replylint.report import CHANNELS

if TYPE_CHECKING:
    from replylint.batch.job import ScoreJob
    from replylint.batch.summary import Summary
    from replylint.cli.options import Subparsers

#: Exit code after SIGTERM (128 + 15): the output is complete up to the last row.
EXIT_STOPPED = 143

#: Column options: (role, what its help adds to the names guessed). The names come from
#: :data:`replylint.batch.columns.DEFAULTS`, the list the guess itself uses.
_COLUMNS = (
    ("text", "; else a name with reply, response or answer in it: Public reply"),
    ("id", "; else the row number, 'row N' for a row with an empty id cell"),
    ("channel", ""),
    ("customer", ""),
    ("agent", ""),
    ("customer-name", ""),
    ("template", "; cells true/false, yes/no or 1/0, an empty cell follows --template"),
)


class _Guessed:
    """The column names guessed for a role, as help shows them. Read from the batch
    modules only when help is printed: importing them costs every command's start more
    than half a second (they load the linter)."""

    def __init__(self, role: str) -> None:
        self.role = role

    def __str__(self) -> str:
        from replylint.batch.columns import DEFAULTS

        return ", ".join(DEFAULTS[self.role]) or "none, never guessed"


class _ColumnOption(argparse.Action):
    """A ``--ROLE-col NAME`` option; ``guessed`` fills its help's ``%(guessed)s``."""

    def __init__(self, *args: Any, guessed: _Guessed, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.guessed = guessed

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        setattr(namespace, self.dest, values)


def add_parser(subparsers: Subparsers) -> None:
    score = subparsers.add_parser(
        "score", help="score exported replies (CSV, JSONL, Parquet) into an output file"
    )
    score.add_argument(
        "input", type=Path, metavar="INPUT", help="the export to score; - reads standard input"
    )
    score.add_argument(
        "--out",
        required=True,
        type=Path,
        metavar="OUTPUT",
        help="results: .jsonl (reports), .csv or .parquet (a column per check)",
    )
    score.add_argument("--input-format", choices=("csv", "jsonl", "parquet"))
    score.add_argument(
        "--output-format",
        choices=("jsonl", "csv", "parquet"),
        help="the format of OUTPUT whatever its name (default: by its extension)",
    )
    for role, more in _COLUMNS:
        score.add_argument(
            f"--{role}-col", metavar="NAME", action=_ColumnOption,
            guessed=_Guessed(role.replace("-", "_")), help=f"(default: %(guessed)s{more})",
        )  # fmt: skip
    score.add_argument(
        "--channel",
        choices=CHANNELS,
        default="email",
        help="channel for rows without a channel column or with an empty channel cell "
        "(default: email)",
    )
    add_channel_name_option(score, config=True)
    score.add_argument(
        "--template",
        action="store_true",
        help="the rows are templates from a macro repository, where placeholders are "
        "expected (template_residue fails only on a drafting mark such as TODO, or a "
        "conditional never closed, a closing tag that closes none or an else outside its "
        "block); without it rows are sent replies and leftover placeholders count as "
        "defects, whatever the config's `template` says",
    )
    score.add_argument(
        "--jobs",
        type=int,
        default=None,
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
        "(JSONL or CSV output; refused if OUTPUT was scored with other options, or from "
        "an input whose cells changed since)",
    )
    score.add_argument(
        "--force",
        action="store_true",
        help="replace OUTPUT (and the --summary-json file) if it already holds results",
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
    add_rule_options(score)
    add_config_options(score, "INPUT")
    score.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from replylint.collector import start_up

    interruptible()  # before the imports: a background job's early SIGINT was ignored

    with start_up():  # (spaCy's imports: see replylint.collector)
        from replylint.batch.job import Stopped, stoppable  # (only `score` needs them)
        from replylint.batch.job import run as run_job
        from replylint.batch.summary import (
            format_summary,
            worker_deaths_note,
            worker_died_warning,
        )
        from replylint.batch.whole_files import write_whole

    job = _job(args)
    try:
        with stoppable():  # from the start: see stoppable
            summary = _run_on_cluster(job, args.scheduler) if args.scheduler else run_job(job)
    except Stopped:
        print(f"replylint: stopped; {stop_advice(args)}", file=sys.stderr)
        return EXIT_STOPPED
    print(format_summary(summary))
    if args.summary_json:
        try:
            # whole or not at all: a full disk or a kill here left a summary cut short
            write_whole(args.summary_json, json.dumps(summary.as_dict(), indent=2))
        except OSError as exc:
            raise UsageError(
                f"--summary-json {args.summary_json}: cannot write it ({exc.strerror or exc}); "
                f"the results in {args.out} are complete"
            ) from None
    if (warning := worker_died_warning(summary)) is not None:
        # (exit code unchanged: rows that cannot be scored are error rows, as ever)
        print(f"replylint: warning: {warning}", file=sys.stderr)
    if (note := worker_deaths_note(summary)) is not None:  # (once, however many died)
        print(f"replylint: warning: {note}", file=sys.stderr)
    if summary.rows and not summary.checked:
        # every row is an error: a broken export, not a day without tickets (no rows)
        print(f"replylint: error: no row of {args.input} could be scored; the reasons are "
              f"above, and each row's in {args.out}", file=sys.stderr)  # fmt: skip
        return EXIT_ERROR
    return EXIT_OK


def stop_advice(args: argparse.Namespace) -> str:
    """What a stopped run (SIGTERM, Ctrl-C) left in OUTPUT, and how to finish it. A
    Parquet file cannot be appended to, so --resume refuses it; and one cut short is
    still valid Parquet, as a complete run's is: this line is what tells them apart. A
    run stopped before it wrote anything has no row in OUTPUT (it said OUTPUT was
    "complete up to the last written row" of a file that was empty or did not exist)."""
    out = Path(args.out)
    if not out.exists():
        return f"nothing was written yet (no {args.out}); run the command again to score"
    if out.stat().st_size == 0 and str(args.input) == "-":  # (--resume refuses stdin)
        return (
            f"nothing was written to {args.out} yet; pipe the export in again with --force, "
            "or save the export to a file and score that"
        )
    if out.stat().st_size == 0:  # (made, then stopped before its first row)
        return (
            f"nothing was written to {args.out} yet; run the command again with --resume "
            "(it starts from the first row)"
        )
    if _writes_parquet(args):
        return (
            f"{args.out} is INCOMPLETE: it holds {_rows_held(args.out)}, and Parquet "
            "output cannot be resumed; score the input again with --force (or write .jsonl "
            "or .csv output, which --resume can finish after a stop)"
        )
    if str(args.input) == "-":
        return (
            f"{args.out} is complete up to the last written row (standard input cannot be "
            "read again: save the export to a file and finish with "
            f"`replylint score FILE --out {args.out} --resume`)"
        )
    return f"{args.out} is complete up to the last written row (finish it with --resume)"


def _writes_parquet(args: argparse.Namespace) -> bool:
    from replylint.batch.writers import OutputError, output_format

    try:
        return output_format(args.out, args.output_format) == "parquet"
    except OutputError:  # the run was refused before writing anything
        return False


def _rows_held(path: Path) -> str:
    """The rows a Parquet file holds, from its footer, said for a stopped run; vaguer
    when the footer cannot be read (the stop cut the file short as it was closed)."""
    try:
        import pyarrow.parquet as pq

        held = int(pq.read_metadata(path).num_rows)
    except FileNotFoundError:  # stopped before the first row
        return "no rows"
    except (ImportError, OSError, ValueError):  # pyarrow's errors derive from these
        return "the first rows only, if any"
    return f"the first {held} rows only" if held else "no rows"


def _job(args: argparse.Namespace) -> ScoreJob:
    """The scoring job the command line describes, after checking what a job cannot."""
    from replylint.batch.job import ScoreJob
    from replylint.batch.runner import default_jobs

    if str(args.out) == "-":  # (it wrote a file named "-" when the format was given)
        raise UsageError(
            "--out - is no file: score writes its rows to a file it can read back (a "
            "stopped run resumes from it); name one (--out results.jsonl). For one "
            "reply's report on standard output, use `replylint check - --format jsonl`"
        )
    jobs = args.jobs if args.jobs is not None else default_jobs()
    if jobs < 1 or args.chunk_size < 1:
        raise UsageError("--jobs and --chunk-size must be at least 1")
    if str(args.input) != "-" and args.input.is_dir():
        raise UsageError(
            f"input {args.input} is a folder; name the export file in it (score reads one "
            "CSV, JSONL or Parquet file)"
        )
    if str(args.input) != "-" and not args.input.is_file():
        raise UsageError(f"input {args.input}: no such file (use - for standard input)")
    if str(args.input) == "-" and sys.stdin.isatty():  # (it waited for typed rows, silent)
        raise UsageError(
            "INPUT is - but nothing is piped in: pipe the export in "
            f"(export_tool | replylint score - --out {args.out}), or name the file"
        )
    if same_file(args.input, args.out):
        raise UsageError("--out must not be the input file")
    if args.summary_json is not None:
        _check_summary_target(args)
    settings, base = settings_with_rule_options(args, args.input)
    team_names = channel_names_given(args, settings)
    return ScoreJob(
        input=args.input, output=args.out, input_format=args.input_format,
        output_format=args.output_format, text_col=args.text_col, id_col=args.id_col,
        channel_col=args.channel_col, customer_col=args.customer_col, agent_col=args.agent_col,
        customer_name_col=args.customer_name_col, template_col=args.template_col,
        channel=args.channel, jobs=jobs, chunk_size=args.chunk_size, resume=args.resume,
        force=args.force, delimiter=args.delimiter, keep_text=not args.no_text, progress=True,
        config=settings.linter_config(base).model_copy(
            update={"template": args.template, "channel_names": team_names}
        ),
        summary_json=args.summary_json,
    )  # fmt: skip


def _check_summary_target(args: argparse.Namespace) -> None:
    """``--summary-json`` is refused before the run, not after hours of scoring, when it
    could not be written or would replace a file: the input, the results, or any file
    already there without ``--force`` (or ``--resume``, which writes it afresh)."""
    target: Path = args.summary_json
    if not target.parent.is_dir():
        raise UsageError(f"--summary-json {target}: the folder {target.parent} does not exist")
    if target.is_dir():  # (removing it as an old summary was an internal error)
        raise UsageError(
            f"--summary-json {target} is a folder; name a file in it, e.g. "
            f"{target / 'summary.json'}"
        )
    if not os.access(target.parent, os.W_OK):  # (found out only once every row was scored)
        raise UsageError(
            f"--summary-json {target}: the folder {target.parent} cannot be written to; "
            "name a file in a folder you can write to"
        )
    from replylint.batch.run_record import record_path  # (the batch modules load late)

    record = record_path(args.out)
    for name, other in (("the input", args.input), ("the output", args.out),
                        ("the run record", record)):  # fmt: skip
        if same_file(target, other):
            raise UsageError(f"--summary-json must not be {name} file ({other}); name another")
    if target.is_file() and target.stat().st_size and not (args.force or args.resume):
        raise UsageError(
            f"--summary-json {target} already exists; pass --force to replace it (and the "
            "results), or name another file"
        )


def _run_on_cluster(job: ScoreJob, address: str) -> Summary:
    try:
        from replylint.batch.cluster import ClusterError, run_on_cluster
    except ImportError as exc:
        raise UsageError(f"--scheduler needs dask: pip install 'replylint[dask]' ({exc})") from None
    try:
        return run_on_cluster(job, address)
    except ClusterError as exc:
        raise UsageError(str(exc)) from None
