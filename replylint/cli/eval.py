"""``replylint eval GOLD.jsonl...``: measure the checks against labelled replies
(precision, recall and F1 per check), optionally listing the records a check misjudged."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from replylint.cli.options import (
    EXIT_OK,
    UsageError,
    add_config_options,
    file_settings,
    model_argument,
)
from replylint.config import RULES_ONLY
from replylint.report import REPORTED_CHECKS

if TYPE_CHECKING:
    from replylint.cli.options import Subparsers
    from replylint.evaluation import Evaluation


def add_parser(subparsers: Subparsers) -> None:
    evaluate_cmd = subparsers.add_parser(
        "eval", help="measure the checks against labelled replies (gold JSONL)"
    )
    evaluate_cmd.add_argument("gold", nargs="+", type=Path, metavar="GOLD.jsonl")
    evaluate_cmd.add_argument("--format", choices=("text", "json"), default="text")
    evaluate_cmd.add_argument(
        "--errors",
        metavar="CHECK",
        choices=[*REPORTED_CHECKS, "jargon"],
        help="also list the records this check misjudged, with the evidence it used",
    )
    evaluate_cmd.add_argument(
        "--model",
        metavar="DIR",
        help="compare the rules alone with this checks model: a directory written by "
        "`replylint train`, or 'bundled'",
    )
    add_config_options(evaluate_cmd, "the first GOLD file")
    evaluate_cmd.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from replylint.evaluation import (  # here: only `eval` needs them
        evaluate,
        format_comparison,
        format_errors,
        format_table,
        read_gold,
    )
    from replylint.linter import Linter

    records = [record for path in args.gold for record in read_gold(path)]
    if not records:
        raise UsageError("the gold files hold no records")
    settings, base = file_settings(args, args.gold[0])
    config = settings.linter_config(base)
    baseline = None
    if args.model is not None:
        config = config.model_copy(update={"model": model_argument(args.model)})
        rules_only = config.model_copy(update={"model": RULES_ONLY})
        baseline = evaluate(Linter(rules_only), records)
    result = evaluate(Linter(config), records, keep_errors=args.errors)
    if args.format == "json":
        payload = _as_json(result, args.errors)
        if baseline is not None:
            payload["rules_only"] = baseline.as_dict()
        print(json.dumps(payload, indent=2))
    else:
        print(f"{result.records} records from {', '.join(str(p) for p in args.gold)}")
        print(format_table(result))
        if baseline is not None:
            print(f"\nthe rules alone against model {args.model}:")
            print(format_comparison(baseline, result, ("rules only", "model")))
        if args.errors:
            print(f"\n{len(result.errors)} records misjudged on {args.errors}:")
            print(format_errors(result.errors))
    return EXIT_OK


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
