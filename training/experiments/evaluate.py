"""Score the designs from their saved probabilities (results/*.npz).

    python evaluate.py [DESIGN ...] [--test]

Cross-validated (out-of-fold) figures are for choosing. Two thresholds per check are
shown: 0.5, and a threshold chosen by *nested* CV (for each fold, the macro-F1-best
threshold on the other four folds' out-of-fold probabilities, applied to this fold), so
the figure is not tuned on what it measures. ``--test`` adds the test split (the full-
train model, threshold chosen on all out-of-fold probabilities): only for final figures.
Writes results/summary.json.
"""

from __future__ import annotations

import argparse

import numpy as np
from common import (
    CHECKS,
    RESULTS,
    best_threshold,
    fold_of,
    gold_matrix,
    load_cache,
    rules_matrix,
    save_json,
    scores,
)

SHORT = {
    "greeting": "greet",
    "apology": "apol",
    "empathy": "empat",
    "next_step": "nstep",
    "next_step_timeframe": "tframe",
    "closing_thanks": "thanks",
}


def nested_cv_pred(gold: np.ndarray, prob: np.ndarray, folds: np.ndarray) -> np.ndarray:
    pred = np.zeros_like(gold, dtype=bool)
    for k in np.unique(folds):
        m = folds == k
        t = best_threshold(gold[~m], prob[~m])
        pred[m] = prob[m] >= t
    return pred


def load(design: str) -> dict:
    z = np.load(RESULTS / f"{design}.npz")
    return {k: z[k] for k in z.files}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("designs", nargs="*")
    ap.add_argument("--test", action="store_true")
    args = ap.parse_args()
    designs = args.designs or sorted(
        p.stem for p in RESULTS.glob("*.npz") if not p.stem.startswith(("loso", "lc_"))
    )
    train = load_cache("train")
    test = load_cache("test")
    g_tr, g_te = gold_matrix(train), gold_matrix(test)
    folds = np.array([fold_of(r["id"]) for r in train])
    summary: dict[str, dict] = {}
    header = "design".ljust(22) + "".join(SHORT[c].rjust(8) for c in CHECKS) + "  nstep P(miss)"

    def row(name, preds_by_check, gold, extra=""):
        cells, res = [], {}
        for j, c in enumerate(CHECKS):
            s = scores(gold[:, j], preds_by_check[:, j])
            res[c] = s
            cells.append(f"{s['macro_f1']:8.3f}")
        pm = res["next_step"]
        print(
            name.ljust(22)
            + "".join(cells)
            + f"  {pm['p_missing']:.3f} ({pm['tn']}/{pm['tn'] + pm['fn']}){extra}"
        )
        return res

    print("== cross-validated train (out-of-fold), macro-F1 ==")
    print(header)
    summary["rules"] = {"cv": row("rules (today)", rules_matrix(train), g_tr)}
    for d in designs:
        z = load(d)
        oof = z["oof"]
        p05 = oof >= 0.5
        nested = np.stack(
            [nested_cv_pred(g_tr[:, j], oof[:, j], folds) for j in range(len(CHECKS))], 1
        )
        summary[d] = {
            "cv@0.5": row(d + " @0.5", p05, g_tr),
            "cv@nested": row(d + " @cv-thr", nested, g_tr),
        }
        summary[d]["thresholds"] = {
            c: best_threshold(g_tr[:, j], oof[:, j]) for j, c in enumerate(CHECKS)
        }
    if args.test:
        print("\n== test split (full-train model; thresholds from out-of-fold train) ==")
        print(header)
        summary["rules"]["test"] = row("rules (today)", rules_matrix(test), g_te)
        for d in designs:
            z = load(d)
            thr = np.array([summary[d]["thresholds"][c] for c in CHECKS])
            summary[d]["test@0.5"] = row(d + " @0.5", z["test"] >= 0.5, g_te)
            summary[d]["test@thr"] = row(d + " @cv-thr", z["test"] >= thr, g_te)
    save_json(summary, RESULTS / ("summary_test.json" if args.test else "summary_cv.json"))


if __name__ == "__main__":
    main()
