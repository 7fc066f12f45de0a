"""``replylint report SCORES.jsonl --html FILE``: a self-contained HTML report (charts,
per-check and per-agent tables, the worst replies) from the JSONL results of ``score``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from replylint.cli.options import EXIT_OK, UsageError, same_file

if TYPE_CHECKING:
    from replylint.cli.options import Subparsers

#: Result formats `score` writes that drop the findings a report shows.
_TABLE_SUFFIXES = {".parquet", ".csv", ".tsv"}


def add_parser(subparsers: Subparsers) -> None:
    report = subparsers.add_parser(
        "report", help="write a self-contained HTML report from `score` JSONL results"
    )
    report.add_argument(
        "scores",
        type=Path,
        metavar="SCORES.jsonl",
        help="the JSONL results of `replylint score EXPORT --out SCORES.jsonl`",
    )
    report.add_argument("--html", required=True, type=Path, metavar="FILE")
    report.add_argument("--force", action="store_true", help="replace FILE if it already exists")
    report.add_argument(
        "--title",
        default="replylint report",
        help="the page's title and heading (default: %(default)s)",
    )
    report.add_argument(
        "--worst",
        type=int,
        default=20,
        metavar="N",
        help="how many lowest-scoring replies to show (default: 20)",
    )
    report.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from replylint.batch.html_report import write_html_report  # here: only `report` needs it
    from replylint.batch.run_record import (
        not_as_left,
        notes_unknown,
        recorded_column,
        recorded_input_format,
        recorded_notes,
        unfinished,
    )
    from replylint.batch.writers import ResultsError, iter_results

    _check_paths(args)
    not_results = f"scores {args.scores}: not the JSONL output of `replylint score`"
    partial = (
        f"The run that wrote {args.scores.name} did not finish (it was stopped or killed, or "
        "is still going): this report covers only the rows written so far."
        if unfinished(args.scores)
        else None
    )
    changed = not_as_left(args.scores)
    if changed is not None:  # (it read a cut or edited copy without a word)
        partial = changed
    notes = recorded_notes(args.scores)
    unknown = None  # why the run's notes cannot be shown, when they cannot
    if notes is None:
        unknown = f"note: {notes_unknown(args.scores)}"
        notes = [unknown]
    try:
        stats = write_html_report(
            iter_results(args.scores), args.html, title=args.title, worst=args.worst,
            warning=partial, agent_column=recorded_column(args.scores, "agent"),
            notes=notes,
            input_format=recorded_input_format(args.scores),
        )  # fmt: skip
    except ResultsError as exc:
        raise UsageError(f"scores {args.scores}: {exc}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{not_results} (it is not UTF-8 text)") from None
    except (json.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError) as exc:
        raise UsageError(f"{not_results} ({exc})") from None
    except OSError as exc:
        raise UsageError(f"--html {args.html}: cannot write it ({exc.strerror})") from None
    print(f"{args.html}: {stats}")
    if unknown is not None:
        print(f"replylint: {unknown}", file=sys.stderr)
    if changed is not None:
        print(f"replylint: warning: {changed}; the page says so at its top", file=sys.stderr)
    elif partial is not None:
        print(
            f"replylint: warning: the run that wrote {args.scores} did not finish (it was "
            "stopped or killed, or is still going): the report covers the rows written so "
            f"far, and says so at its top; finish it with `replylint score INPUT --out "
            f"{args.scores} --resume`",
            file=sys.stderr,
        )
    return EXIT_OK


def _check_paths(args: argparse.Namespace) -> None:
    """Refuse, before reading anything, what cannot make a report."""
    if args.scores.is_dir():
        raise UsageError(
            f"scores {args.scores} is a folder; name the results file in it (the JSONL "
            "OUTPUT of `replylint score`)"
        )
    if not args.scores.is_file():
        raise UsageError(f"scores {args.scores}: no such file")
    if args.worst < 0:
        raise UsageError("--worst must be 0 or more")
    from replylint.batch.writers import cut_short_advice, parquet_cut_short

    if parquet_cut_short(args.scores):
        raise UsageError(f"scores {cut_short_advice(args.scores)}")
    if args.scores.suffix.lower() in _TABLE_SUFFIXES:
        raise UsageError(
            f"scores {args.scores}: `report` reads the JSONL results of `replylint score` "
            "(they keep every finding); score again with `--out results.jsonl`"
        )
    if not args.html.parent.is_dir():
        raise UsageError(f"--html {args.html}: the folder {args.html.parent} does not exist")
    if same_file(args.html, args.scores):
        raise UsageError(f"--html {args.html} is the scores file itself; name another file")
    from replylint.batch.run_record import record_path

    if same_file(args.html, record_path(args.scores)):  # (what report and --resume read)
        raise UsageError(
            f"--html {args.html} is the run record of the scores file, which report reads "
            "and `score --resume` needs; name another file"
        )
    if args.html.is_file() and args.html.stat().st_size and not args.force:
        raise UsageError(
            f"--html {args.html} already exists; pass --force to replace it, or name another"
        )
