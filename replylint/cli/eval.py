"""``replylint eval GOLD...``: measure the checks against labelled replies
(precision, recall and F1 per check), optionally listing the records a check misjudged."""

from __future__ import annotations

import argparse
import codecs
import difflib
import io
import json
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from replylint.cli.options import (
    EXIT_OK,
    UsageError,
    add_channel_name_option,
    add_config_options,
    add_gold_arguments,
    channel_names_given,
    config_path,
    model_argument,
)
from replylint.config import BUNDLED_MODEL, RULES_ONLY, Glossary
from replylint.configfile import settings_from
from replylint.report import PROBLEM_LABEL, REPORTED_CHECKS

#: The record fields ``--by`` groups by (see :func:`replylint.evaluation.group_of`).
GROUP_FIELDS = ("source", "channel")

if TYPE_CHECKING:
    from replylint.cli.options import Subparsers
    from replylint.evaluation import Checked, Evaluation
    from replylint.intervals import Interval


def add_parser(subparsers: Subparsers) -> None:
    evaluate_cmd = subparsers.add_parser(
        "eval", help="measure the checks against labelled replies (JSONL, CSV)"
    )
    add_gold_arguments(evaluate_cmd)
    evaluate_cmd.add_argument(
        "--format",
        choices=("text", "json", "csv"),
        default="text",
        help="text (default), json, or csv: with --errors, only the misjudged records, a "
        "row each, to review in a spreadsheet",
    )
    evaluate_cmd.add_argument(
        "--errors",
        metavar="CHECK[,CHECK...]",
        type=_error_checks,
        action="extend",
        help="also list the records these checks misjudged, with the evidence used: one "
        "or more of " + ", ".join(_ERROR_CHECKS) + ", comma-separated or repeated "
        "('problem': the customer problem misread)",
    )
    evaluate_cmd.add_argument(
        "--model",
        metavar="DIR",
        help="compare the rules alone with this checks model: a directory written by "
        "`replylint train`, or 'bundled'",
    )
    evaluate_cmd.add_argument(
        "--intervals",
        action="store_true",
        help="also give each figure's 95%% bootstrap interval (fixed seed); with --model, "
        "the interval of each change too",
    )
    evaluate_cmd.add_argument(
        "--draws",
        metavar="N",
        type=int,
        help="draws of the records for --intervals (default 1000, at least 100)",
    )
    evaluate_cmd.add_argument(
        "--by",
        choices=GROUP_FIELDS,
        help="also give each check's figures per source (a record field; a scorecard's "
        'source column; "Billing" and "billing" are one) or per channel, beside the '
        "whole set's",
    )
    add_channel_name_option(evaluate_cmd, config=True)
    add_config_options(evaluate_cmd, "the first GOLD file")
    evaluate_cmd.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from replylint.evaluation import (  # here: only `eval` needs them
        check_records,
        format_by,
        format_comparison,
        format_errors,
        format_table,
        gold_notes,
        read_gold_files,
        score_reports,
    )
    from replylint.intervals import DEFAULT_RESAMPLES, MIN_RESAMPLES
    from replylint.linter import Linter

    if args.draws is not None and not args.intervals:
        raise UsageError("--draws sets how many draws --intervals makes; add --intervals")
    draws = DEFAULT_RESAMPLES if args.draws is None else args.draws
    if draws < MIN_RESAMPLES:
        raise UsageError(
            f"--draws must be at least {MIN_RESAMPLES} (got {draws}); "
            "fewer give bounds that move with the seed"
        )
    if args.format == "csv" and not args.errors:
        raise UsageError(
            "--format csv writes the misjudged records of the checks asked, a row each; "
            "add --errors CHECK (or use --format text or json for the figures)"
        )
    if args.format == "csv" and (args.by or args.intervals):
        raise UsageError(
            "--format csv holds only the misjudged records; --by and --intervals need "
            "--format text or json"
        )
    where = config_path(args, args.gold[0])
    settings, base = settings_from(where)
    channel_names = channel_names_given(args, settings)
    records = read_gold_files(
        args.gold, args.pass_mark, channel_names=channel_names, id_col=args.id_col
    )
    for note in gold_notes(
        args.gold, args.pass_mark, channel_names=channel_names, id_col=args.id_col
    ):
        print(f"replylint eval: note: {note}", file=sys.stderr)
    if not records:
        raise UsageError("the gold files hold no records")
    config = settings.linter_config(base)
    checked_rules: list[Checked] | None = None
    baseline = None
    if args.model is not None:
        config = config.model_copy(update={"model": model_argument(args.model)})
    if args.model is not None and config.model != RULES_ONLY:  # (none: nothing to compare)
        rules_only = config.model_copy(update={"model": RULES_ONLY})
        checked_rules = list(check_records(Linter(rules_only), records))
        baseline = score_reports(checked_rules)
    checked = list(check_records(Linter(config), records))
    result = score_reports(checked, keep_errors=args.errors)
    if not result.records:  # (it printed "0 records from FILE", every figure n/a, exit 0)
        raise UsageError(_nothing_scored(len(records), args.gold, result.unchecked))
    if where is not None and _scored(result, "jargon"):
        glossary = glossary_note(where, config.glossary)
        if glossary is not None:
            print(f"replylint eval: note: {glossary}", file=sys.stderr)
    spread = _Spread.of(checked, checked_rules, draws) if args.intervals else None
    groups = _groups(checked, args.by) if args.by else None
    if args.format == "csv":
        from replylint.misjudged_csv import write_misjudged_csv

        with _utf8_stdout() as stream:
            write_misjudged_csv(result.errors, stream)
        for check in dict.fromkeys(args.errors):  # (an empty sheet read as none misjudged)
            if not _scored(result, check):
                print(f"replylint eval: note: {_not_scored(check)}: no rows", file=sys.stderr)
    elif args.format == "json":
        payload = {"model": _model_used(config.model), **_as_json(result, args.errors)}
        if baseline is not None:
            payload["rules_only"] = baseline.as_dict()
        if spread is not None:
            payload["intervals"] = spread.as_dict()
        if groups is not None:
            payload["by"] = {
                "field": args.by,
                "groups": {name: group.as_dict() for name, group in groups.items()},
            }
        print(json.dumps(payload, indent=2))
    else:
        noun = "record" if result.records == 1 else "records"
        print(f"{result.records} {noun} from {', '.join(str(p) for p in args.gold)}")
        print(f"model: {_model_described(config.model)}")
        print(format_table(result))
        if baseline is not None:
            print(f"\nthe rules alone against model {args.model}:")
            print(format_comparison(baseline, result, ("rules only", "model")))
        if spread is not None:
            print(spread.text(args.model))
        if groups is not None:
            print()
            print(format_by(groups, result, args.by))
        for check in dict.fromkeys(args.errors or ()):
            if not _scored(result, check):
                print(f"\n{_not_scored(check)}: nothing to list")
                continue
            misjudged = [e for e in result.errors if e.check == check]
            noun = "record" if len(misjudged) == 1 else "records"
            print(f"\n{len(misjudged)} {noun} misjudged on {check}:")
            if misjudged:
                print(format_errors(misjudged))
    return EXIT_OK


def _nothing_scored(read: int, gold: Sequence[Path], unchecked: Mapping[str, list[str]]) -> str:
    """Why no record of the gold files could be measured: each reason, with how many."""
    reasons = "; ".join(f"{len(ids)} {reason}" for reason, ids in unchecked.items())
    noun = "record" if read == 1 else "records"
    return (
        f"none of the {read} {noun} from {', '.join(str(p) for p in gold)} could be scored "
        f"({reasons}): nothing to measure; eval scores English replies within the length "
        "limit (max-reply-chars)"
    )


@contextmanager
def _utf8_stdout() -> Iterator[TextIO]:
    """Standard output as UTF-8 text, as the CSV sheet is documented (and as ``score``
    writes its CSV files). Redirected on Windows (``> misjudged.csv``), Python writes
    stdout in the ANSI code page: a reply's "€" was written as cp1252, which a sheet
    read as UTF-8 garbles, and an emoji stopped the run with a traceback."""
    stdout = sys.stdout
    buffer = getattr(stdout, "buffer", None)
    if buffer is None or codecs.lookup(stdout.encoding or "ascii").name == "utf-8":
        yield stdout
        return
    stdout.flush()
    stream = io.TextIOWrapper(buffer, encoding="utf-8", newline="", write_through=True)
    try:
        yield stream
    finally:
        stream.flush()
        stream.detach()  # (stdout's own buffer stays open)


def _model_used(setting: str) -> str:
    """The checks model behind the figures, as ``eval`` names it: ``none`` (the rules
    alone), ``bundled``, or the directory, absolute (a configuration's ``model = "../m1"``
    is read from the file's folder, not from where ``eval`` runs). The figures of one
    gold file differ from model to model, so they are always given with it."""
    if setting in (RULES_ONLY, BUNDLED_MODEL):
        return setting
    return str(Path(setting).resolve())


def _model_described(setting: str) -> str:
    """:func:`_model_used`, and for a word what it stands for."""
    meaning = {
        RULES_ONLY: " (the rules alone)",
        BUNDLED_MODEL: " (the checks model shipped with replylint)",
    }
    return _model_used(setting) + meaning.get(setting, "")


#: What ``--errors`` may name: every check of a report, jargon's terms, and the
#: customer-problem reading.
_ERROR_CHECKS = (*REPORTED_CHECKS, "jargon", PROBLEM_LABEL)


def _error_checks(value: str) -> list[str]:
    """``--errors``'s names, comma-separated; an unknown one is refused with the names
    accepted (argparse shows the message)."""
    names = [name.strip() for name in value.split(",") if name.strip()]
    unknown = [name for name in names if name not in _ERROR_CHECKS]
    if unknown or not names:
        close = difflib.get_close_matches(unknown[0], _ERROR_CHECKS, n=1) if unknown else []
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise argparse.ArgumentTypeError(
            f"{unknown[0] if unknown else repr(value)} is not a check; {hint}choose from "
            + ", ".join(_ERROR_CHECKS)
        )
    return names


def glossary_note(path: Path, glossary: Glossary) -> str | None:
    """What the configuration's glossary does to the jargon figures, or None when it
    holds no term. eval scores the linter as ``check`` runs it, so the glossary applies
    to what is reported (an allowed term never is) but not to the labels: a label that
    flags an allowed term counts as missed. Said, because the figures then differ from
    ``--isolated``'s and from those ``train`` reports, which learns without it."""
    if not glossary.allowed and not glossary.banned:
        return None
    said = []
    if glossary.allowed:
        said.append(
            f"the terms it allows ({len(glossary.allowed)}) are never reported, so a label "
            "that flags one counts as missed"
        )
    if glossary.banned:
        said.append(f"the terms it bans ({len(glossary.banned)}) are banned_terms', not jargon")
    return (
        f"jargon is scored with the glossary of {path}: {'; '.join(said)} "
        "(--isolated scores without it; train learns the labels without it)"
    )


def _scored(result: Evaluation, check: str) -> bool:
    """Was ``check`` scored on any record (``--errors`` of a check nothing labels)?"""
    if check == "jargon":
        return result.jargon.records > 0
    if check == PROBLEM_LABEL:
        return result.problem.n > 0
    return result.checks[check].n > 0


def _not_scored(check: str) -> str:
    """Why ``--errors CHECK`` lists nothing for a check no record was scored on."""
    return (
        f"{check} is not scored on these records (none labels it, or the configuration "
        "turns it off)"
    )


def _groups(checked: list[Checked], field: str) -> dict[str, Evaluation]:
    """The records' figures per group of ``field``, groups in name order. Values that
    differ only in case or spacing are one group ("Billing", "billing ": a spreadsheet
    typed by hand), named as first written."""
    from replylint.evaluation import NO_GROUP, group_key, group_of, score_reports

    grouped: dict[str, list[Checked]] = {}
    names: dict[str, str] = {}  # the group's key: its first spelling
    for item in checked:
        name = group_of(item.record, field)
        name = names.setdefault(group_key(name), name.strip())
        grouped.setdefault(name, []).append(item)
    if list(grouped) == [NO_GROUP]:
        raise UsageError(
            f"--by {field}: no record has a {field}; give the records one (a scorecard's "
            f"{field} column), or leave --by out"
        )
    return {name: score_reports(grouped[name]) for name in sorted(grouped)}


@dataclass(frozen=True)
class _Spread:
    """The bootstrap intervals of a run: of its figures, of the rules alone's when
    compared, and of the change between them."""

    draws: int
    records: int
    figures: dict[str, Interval]
    rules_only: dict[str, Interval] | None
    changes: dict[str, Interval] | None

    @classmethod
    def of(
        cls,
        checked: list[Checked],
        checked_rules: list[Checked] | None,
        draws: int,
    ) -> _Spread:
        from replylint.evaluation import score_reports
        from replylint.intervals import bootstrap, changes, figures, intervals

        sides = [[score_reports([pair]) for pair in checked]]
        if checked_rules is not None:
            sides.append([score_reports([pair]) for pair in checked_rules])
        drawn = bootstrap(sides, draws)
        values = figures(score_reports(checked))
        own = intervals(values, [d[0] for d in drawn])
        if checked_rules is None:
            return cls(draws, len(checked), own, None, None)
        before = figures(score_reports(checked_rules))
        return cls(
            draws,
            len(checked),
            own,
            intervals(before, [d[1] for d in drawn]),
            changes(before, values, [(d[1], d[0]) for d in drawn]),
        )

    def text(self, model: str | None) -> str:
        from replylint.intervals import format_intervals

        parts = [
            f"\n95% intervals over {self.draws} draws of the {self.records} "
            f"record{'' if self.records == 1 else 's'}:",
            format_intervals(self.figures),
        ]
        if self.rules_only is not None and self.changes is not None:
            parts += [
                "\nthe rules alone:",
                format_intervals(self.rules_only),
                f"\nchange, model {model} less the rules alone (the same draws):",
                format_intervals(self.changes, signed=True),
            ]
        return "\n".join(parts)

    def as_dict(self) -> dict[str, object]:
        from replylint.intervals import LEVEL, SEED

        def named(intervals: dict[str, Interval] | None) -> dict[str, object] | None:
            if intervals is None:
                return None
            return {name: interval.as_dict() for name, interval in intervals.items()}

        return {
            "level": LEVEL, "draws": self.draws, "seed": SEED, "figures": named(self.figures),
            "rules_only": named(self.rules_only), "changes": named(self.changes),
        }  # fmt: skip


def _as_json(result: Evaluation, errors_of: str | None) -> dict[str, object]:
    """The scores, and with ``--errors`` the misjudged records and their evidence."""
    payload = result.as_dict()
    if errors_of:
        payload["errors"] = [
            {"id": e.record.id, "check": e.check, "gold": e.gold, "predicted": e.predicted,
             "evidence": e.evidence, "reason": e.reason}
            for e in result.errors
        ]  # fmt: skip
    return payload
