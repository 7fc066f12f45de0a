"""Honest figures for a checks model (docs/accuracy.md), through the public API only.

    python training/evaluate_model.py test  [--model DIR]   # test split, reliability
    python training/evaluate_model.py loso  [--folds 3] [--source S ...]  # leave one source out
    python training/evaluate_model.py curve [--folds 3]     # learning curve on the test split

``test`` measures a trained model (default: the bundled one) on the test split, which
nothing was tuned on. ``loso`` trains, for each source, a model on the other sources'
training replies and measures it on every labelled reply of the left-out source (none of
which it saw). ``curve`` trains on growing shares of the training split (a fixed,
seeded draw) and measures each on the test split. Each prints Markdown and writes its
numbers to ``training/results/<name>.json`` (figures only, no text; a ``loso`` run of a
few sources to ``loso-<source>-....json``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from replylint import Linter
from replylint.evaluation import Evaluation, GoldRecord, evaluate
from replylint.linter import InputError
from replylint.model.calibration import expected_calibration_error, reliability
from replylint.model.training import train

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from gold import gold_records  # noqa: E402

RESULTS = HERE / "results"
CHECKS = ("greeting", "apology", "empathy", "next_step", "next_step_timeframe", "closing_thanks")
SOURCES = ("sumo_tb", "sumo_ff", "ibm_twcare", "sgd_roleplay", "firefox_gplay", "written")


def records(
    split: str, sources: set[str] | None = None, exclude: frozenset[str] = frozenset()
) -> list[GoldRecord]:
    return [GoldRecord.model_validate(r) for r in gold_records(split, sources, set(exclude))]


def figures(evaluation: Evaluation) -> dict[str, Any]:
    out: dict[str, Any] = {c: evaluation.checks[c].macro_f1 for c in CHECKS}
    alarm = evaluation.alarms.get("next_step")
    out["next_step_errors_right"] = alarm.precision if alarm else None
    out["next_step_errors_raised"] = alarm.raised if alarm else 0
    out["jargon_precision"] = evaluation.jargon.precision
    out["jargon_recall"] = evaluation.jargon.recall
    return out


def _row(name: str, values: dict[str, Any]) -> str:
    cells = [
        f"{values[c]:.3f}" if values.get(c) is not None else "n/a"
        for c in (*CHECKS, "next_step_errors_right")
    ]
    return f"| {name} | " + " | ".join(cells) + " |"


HEADER = (
    "| | greeting | apology | empathy | next_step | timeframe | closing_thanks | "
    "'missing next step' errors right |\n|---|---|---|---|---|---|---|---|"
)


def test_split(model: str) -> dict[str, Any]:
    gold = records("test")
    rules = figures(evaluate(Linter({"model": "none"}), gold, score_unread=True))
    linter = Linter({"model": model})
    with_model = figures(evaluate(linter, gold, score_unread=True))
    print(f"Test split ({len(gold)} replies), macro-F1:\n\n{HEADER}")
    print(_row("rules", rules))
    print(_row(f"model ({model})", with_model))
    table = calibration_table(linter, gold)
    return {"replies": len(gold), "rules": rules, "model": with_model, "reliability": table}


def calibration_table(linter: Linter, gold: list[GoldRecord]) -> dict[str, Any]:
    """Per model-decided check: P(present) as reported against the labels, in bins."""
    probability: dict[str, list[float]] = {c: [] for c in CHECKS}
    truth: dict[str, list[bool]] = {c: [] for c in CHECKS}
    for record in gold:
        try:
            report = linter.check(
                record.reply, channel=record.channel, customer_message=record.customer_message
            )
        except InputError:
            continue
        for check in CHECKS:
            verdict = report.checks[check]
            if verdict.decided_by != "model" or verdict.confidence is None:
                continue
            if not verdict.applicable and not verdict.present:
                continue  # withdrawn because its basis is missing: no opinion of its own
            p = verdict.confidence if verdict.present else 1 - verdict.confidence
            probability[check].append(p)
            truth[check].append(bool(getattr(record.labels, check)))
    out: dict[str, Any] = {}
    print("\nReliability on the test split (checks the model decides):\n")
    print("| check | P(present) bin | replies | mean predicted | observed share present |")
    print("|---|---|---|---|---|")
    for check in CHECKS:
        if not probability[check]:
            continue
        p = np.array(probability[check])
        g = np.array(truth[check])
        rows = reliability(g, p, edges=(0, 0.1, 0.3, 0.5, 0.7, 0.9, 1.0))
        for row in rows:
            print(
                f"| {check} | {row.low:.1f}-{row.high:.1f} | {row.count} | "
                f"{row.mean_predicted:.2f} | {row.observed:.2f} |"
            )
        ece = expected_calibration_error(g, p)
        print(f"| {check} | ECE | {len(p)} | | {ece:.3f} |")
        out[check] = {"ece": ece, "rows": [row.__dict__ for row in rows]}
    return out


def loso(folds: int, sources: tuple[str, ...] = SOURCES) -> dict[str, Any]:
    out: dict[str, Any] = {}
    print(f"Leave one source out (trained without the source, {folds}-fold calibration; "
          f"measured on all its labelled replies), macro-F1:\n\n{HEADER}")  # fmt: skip
    for source in sources:
        held_out = records("all", {source})
        with tempfile.TemporaryDirectory() as scratch:
            model = Path(scratch) / f"without-{source}"
            train(records("train", exclude=frozenset({source})), model, folds=folds)
            rules = figures(evaluate(Linter({"model": "none"}), held_out, score_unread=True))
            learned = figures(evaluate(Linter({"model": str(model)}), held_out, score_unread=True))
        print(_row(f"{source} ({len(held_out)}) rules", rules))
        print(_row(f"{source} model", learned), flush=True)
        out[source] = {"replies": len(held_out), "rules": rules, "model": learned}
    return out


def curve(folds: int) -> dict[str, Any]:
    gold_train = records("train")
    gold_test = records("test")
    order = sorted(gold_train, key=lambda r: hashlib.sha1(f"lc:{r.id}".encode()).hexdigest())
    out: dict[str, Any] = {}
    print(f"Learning curve (test split, {len(gold_test)} replies), macro-F1:\n\n{HEADER}")
    for share in (0.25, 0.5, 0.75, 1.0):
        subset = order[: int(len(order) * share)]
        with tempfile.TemporaryDirectory() as scratch:
            model = Path(scratch) / "m"
            train(subset, model, folds=folds)
            learned = figures(evaluate(Linter({"model": str(model)}), gold_test, score_unread=True))
        print(_row(f"{len(subset):,} replies", learned), flush=True)
        out[str(len(subset))] = learned
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("test", "loso", "curve"))
    parser.add_argument("--model", default="bundled")
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument(
        "--source",
        action="append",
        choices=SOURCES,
        help="loso: leave out only these sources (repeatable; default: each in turn)",
    )
    args = parser.parse_args()
    if args.what == "test":
        result = test_split(args.model)
    elif args.what == "loso":
        result = loso(args.folds, tuple(args.source or SOURCES))
    else:
        result = curve(args.folds)
    RESULTS.mkdir(exist_ok=True)
    name = args.what
    if args.what == "loso" and args.source:  # a partial run does not replace the full one
        name = "-".join(["loso", *args.source])
    (RESULTS / f"{name}.json").write_text(json.dumps(result, indent=1, default=float))


if __name__ == "__main__":
    main()
