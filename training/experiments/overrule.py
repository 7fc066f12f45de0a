"""May the model overrule a rule that found the check? Measured on held-out sources.

    python training/experiments/overrule.py TRAIN.jsonl [--scores SCORES.npz]

Training's calibration lets the checks model overrule a rule's "present" where the model
is error-grade sure it is missing (P(present) below the error band), and say "present"
where the rule did not from a threshold up. For next_step that is what fixes statements
about the future counted as steps; for empathy and the timeframe the model lost to the
rules on held-out sources, so the rules decide them alone. This script asks whether the
loss comes from the overruling: for each check it scores, on the same out-of-fold
(one fold per source) probabilities training calibrates on,

- ``rules``: the rules alone;
- ``shipped``: training's policy (overrule below the band, add from the plateau threshold);
- ``add only``: the rule's "present" stands; the model only adds, from the plateau
  threshold fitted the same way with no overruling.

Per source and overall, macro-F1. Runs `replylint train` once (about 10 minutes on two
cores) unless ``--scores`` names the probabilities a previous run saved. Train split only.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from replylint.evaluation import read_gold
from replylint.model import training
from replylint.model.calibration import (
    Confusion,
    best_threshold,
    best_threshold_with_rules,
    error_band,
    fit_platt,
    platt,
    says_present,
)
from replylint.model.features import MODEL_CHECKS


def held_out_scores(train_file: Path, out: Path | None) -> dict[str, Any]:
    """Train once (keeping the model in ``out`` when given), keeping what training
    calibrates on: each example's gold, rules, applicability, source and out-of-fold raw
    scores."""
    captured: dict[str, Any] = {}
    calibrate = training._calibrate

    def keep(examples: Any, scores: np.ndarray, check: str) -> Any:
        if not captured:
            captured["scores"] = scores.copy()
            captured["source"] = [e.source for e in examples]
            for c in MODEL_CHECKS:
                captured[f"gold_{c}"] = [e.gold[c] for e in examples]
                captured[f"rules_{c}"] = [e.rules.get(c, False) for e in examples]
                captured[f"applicable_{c}"] = [e.applicable.get(c, False) for e in examples]
        return calibrate(examples, scores, check)

    training._calibrate = keep  # type: ignore[assignment]
    gold = list(read_gold(train_file))
    with tempfile.TemporaryDirectory() as scratch:
        training.train(gold, out or Path(scratch) / "model", progress=print)
    return captured


def policies(data: dict[str, Any], check: str) -> dict[str, np.ndarray]:
    gold = np.array(data[f"gold_{check}"], dtype=bool)
    rules = np.array(data[f"rules_{check}"], dtype=bool)
    applicable = np.array(data[f"applicable_{check}"], dtype=bool)
    raw = np.asarray(data["scores"])[:, MODEL_CHECKS.index(check)]
    probability = platt(raw, fit_platt(gold, raw))
    band = error_band(
        gold[applicable], probability[applicable], ceiling=best_threshold(gold, probability)
    )
    shipped = max(band, best_threshold_with_rules(gold, probability, rules, band))
    adding = best_threshold_with_rules(gold, probability, rules, 0.0)
    return {
        "rules": rules,
        "shipped": says_present(probability, rules, shipped, band),
        "add only": says_present(probability, rules, adding, 0.0),
        "_gold": gold,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("train", type=Path)
    parser.add_argument("--scores", type=Path, help="held-out scores saved by a previous run")
    parser.add_argument("--out", type=Path, help="keep the trained model here")
    args = parser.parse_args()
    if args.scores and args.scores.exists():
        data = json.loads(args.scores.read_text())
    else:
        data = held_out_scores(args.train, args.out)
        data["scores"] = np.asarray(data["scores"]).tolist()
        if args.scores:
            args.scores.write_text(json.dumps(data))
    sources = np.array(data["source"])
    for check in MODEL_CHECKS:
        verdicts = policies(data, check)
        gold = verdicts.pop("_gold")
        print(f"\n{check} (macro-F1, out of fold, one fold per source)")
        names = sorted(set(sources))
        print(f"{'policy':<10}{'all':>8}" + "".join(f"{n[:12]:>14}" for n in names))
        for name, said in verdicts.items():
            row = f"{name:<10}{Confusion.of(gold, said).macro_f1:>8.3f}"
            for source in names:
                mask = sources == source
                row += f"{Confusion.of(gold[mask], said[mask]).macro_f1:>14.3f}"
            print(row)


if __name__ == "__main__":
    main()
