"""Final figures for the chosen design: test split, calibration, the 'missing next step'
policy, leave-one-source-out and learning curve. Nothing here chooses on the test split:
every threshold and calibration map is fitted on out-of-fold train probabilities.

    python final.py [--choice NAME]

CHOICE maps each check to the designs whose probabilities are averaged.
Writes results/final_NAME.json and prints Markdown tables for REPORT.md.
"""

from __future__ import annotations

import argparse
import itertools

import numpy as np
from common import (
    CHECKS,
    RESULTS,
    SOURCES,
    best_threshold,
    ece,
    fold_of,
    gold_matrix,
    load_cache,
    reliability,
    rules_matrix,
    save_json,
    scores,
)
from evaluate import nested_cv_pred

CHOICES = {
    "sent+reply": {c: ("c_sent_rules", "c_reply_rules") for c in CHECKS},
    "sent": {c: ("c_sent_rules",) for c in CHECKS},
    "steps": {c: ("c_sent_steps", "c_reply_steps") for c in CHECKS},
}


def combo(choice: dict, key: str, prefix: str = "") -> np.ndarray:
    cols = []
    for j, c in enumerate(CHECKS):
        ps = [np.load(RESULTS / f"{prefix}{d}.npz")[key][:, j] for d in choice[c]]
        cols.append(np.mean(ps, 0))
    return np.stack(cols, 1)


# ---------------------------------------------------------------- calibration (Platt)


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-4, 1 - 1e-4)
    return np.log(p / (1 - p))


def fit_platt(gold: np.ndarray, prob: np.ndarray) -> tuple[float, float]:
    """a, b of sigmoid(a * logit(p) + b), by Newton's method on the log loss."""
    x, y = _logit(prob), gold.astype(float)
    a, b = 1.0, 0.0
    for _ in range(50):
        z = 1 / (1 + np.exp(-(a * x + b)))
        g = np.array([np.sum((z - y) * x), np.sum(z - y)])
        w = z * (1 - z) + 1e-9
        h = np.array([[np.sum(w * x * x), np.sum(w * x)], [np.sum(w * x), np.sum(w)]])
        h += np.eye(2) * 1e-6
        step = np.linalg.solve(h, g)
        a, b = a - step[0], b - step[1]
        if np.abs(step).max() < 1e-8:
            break
    return float(a), float(b)


def platt(prob: np.ndarray, ab: tuple[float, float]) -> np.ndarray:
    return 1 / (1 + np.exp(-(ab[0] * _logit(prob) + ab[1])))


def missing_bands(gold_present: np.ndarray, p: np.ndarray, target: float = 0.90) -> float:
    """The largest threshold t such that 'P(next_step) < t' is right (gold missing) in at
    least ``target`` of cases, with at least 20 such replies."""
    best = 0.0
    for t in np.round(np.arange(0.02, 0.96, 0.01), 2):
        m = p < t
        if m.sum() >= 20 and (~gold_present[m]).mean() >= target:
            best = float(t)
    return best


def md_table(head: list[str], rows: list[list]) -> str:
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        out.append(
            "| " + " | ".join(f"{v:.3f}" if isinstance(v, float) else str(v) for v in r) + " |"
        )
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--choice", default="sent+reply", choices=sorted(CHOICES))
    args = ap.parse_args()
    choice = CHOICES[args.choice]
    train, test = load_cache("train"), load_cache("test")
    g_tr, g_te = gold_matrix(train), gold_matrix(test)
    folds = np.array([fold_of(r["id"]) for r in train])
    oof, te = combo(choice, "oof"), combo(choice, "test")
    res: dict = {"choice": {c: list(v) for c, v in choice.items()}}

    # calibration maps and thresholds, fitted on out-of-fold train
    ab = {c: fit_platt(g_tr[:, j], oof[:, j]) for j, c in enumerate(CHECKS)}
    oof_cal = np.stack([platt(oof[:, j], ab[c]) for j, c in enumerate(CHECKS)], 1)
    te_cal = np.stack([platt(te[:, j], ab[c]) for j, c in enumerate(CHECKS)], 1)
    thr = {c: best_threshold(g_tr[:, j], oof_cal[:, j]) for j, c in enumerate(CHECKS)}
    res["platt"], res["thresholds"] = ab, thr

    rows = []
    rules_te = rules_matrix(test)
    rules_tr = rules_matrix(train)
    for j, c in enumerate(CHECKS):
        cv = scores(g_tr[:, j], nested_cv_pred(g_tr[:, j], oof_cal[:, j], folds))
        t = scores(g_te[:, j], te_cal[:, j] >= thr[c])
        rows.append(
            [
                c,
                scores(g_tr[:, j], rules_tr[:, j])["macro_f1"],
                cv["macro_f1"],
                scores(g_te[:, j], rules_te[:, j])["macro_f1"],
                t["macro_f1"],
                t["p_missing"],
                t["r_missing"],
                thr[c],
            ]
        )
        res[c] = {"cv": cv, "test": t}
    print(f"### Test split, choice {args.choice}\n")
    print(
        md_table(
            [
                "check",
                "rules CV",
                "model CV (nested thr)",
                "rules test",
                "model test",
                "test P(missing)",
                "test R(missing)",
                "threshold",
            ],
            rows,
        )
    )

    # next_step 'missing' policy
    j = CHECKS.index("next_step")
    t_err = missing_bands(g_tr[:, j], oof_cal[:, j], 0.90)
    t_err95 = missing_bands(g_tr[:, j], oof_cal[:, j], 0.95)
    res["next_step_error_threshold"] = t_err
    print(
        "\n### 'Missing next step' bands (thresholds from OOF train; P = calibrated "
        "P(next_step present))\n"
    )
    brows = []
    edges = sorted({0.0, t_err95, t_err, thr["next_step"], 1.0001})
    for lo, hi in itertools.pairwise(edges):
        for name, g, p in (
            ("train OOF", g_tr[:, j], oof_cal[:, j]),
            ("test", g_te[:, j], te_cal[:, j]),
        ):
            m = (p >= lo) & (p < hi)
            brows.append(
                [
                    f"{lo:.2f}-{min(hi, 1):.2f}",
                    name,
                    int(m.sum()),
                    float((~g[m]).mean()) if m.sum() else float("nan"),
                ]
            )
    print(md_table(["P(present) band", "set", "replies", "share truly missing"], brows))
    for name, g, p in (
        ("train OOF", g_tr[:, j], oof_cal[:, j]),
        ("test", g_te[:, j], te_cal[:, j]),
    ):
        m = p < t_err
        print(
            f"\n{name}: P<{t_err:.2f} (error): {int(m.sum())} replies, right "
            f"{(~g[m]).mean():.3f}; catches {int((~g[m]).sum())}/{int((~g).sum())} "
            f"missing"
        )
        res[f"error_band_{name}"] = {
            "n": int(m.sum()),
            "right": float((~g[m]).mean()),
            "caught": int((~g[m]).sum()),
            "missing": int((~g).sum()),
        }

    # reliability on test
    print(
        "\n### Reliability on the test split (calibrated probabilities, all six checks "
        "pooled, and next_step alone)\n"
    )
    for label, gold, prob in (
        ("all checks", g_te.ravel(), te_cal.ravel()),
        ("next_step", g_te[:, j], te_cal[:, j]),
        ("all checks, raw", g_te.ravel(), te.ravel()),
    ):
        rel = reliability(gold.astype(float), prob)
        print(f"\n{label}: ECE {ece(gold.astype(float), prob):.3f}\n")
        print(
            md_table(
                ["bin", "n", "mean predicted", "observed rate"],
                [[a, n, p, o] for a, n, p, o in rel],
            )
        )
        res[f"reliability_{label}"] = rel

    # leave-one-source-out
    designs = sorted({d for v in choice.values() for d in v})
    if all((RESULTS / f"loso_{d}.npz").exists() for d in designs):
        lz = np.load(RESULTS / f"loso_{designs[0]}.npz")
        ids = list(lz["ids"])
        byid = {r["id"]: r for r in train + test}
        recs = [byid[i] for i in ids]
        lp = combo(choice, "probs", "loso_")
        lp = np.stack([platt(lp[:, k], ab[c]) for k, c in enumerate(CHECKS)], 1)
        g = gold_matrix(recs)
        rm = rules_matrix(recs)
        print(
            "\n### Leave-one-source-out (model trained without the source; all of its "
            "train+test records; macro-F1, model / rules)\n"
        )
        lrows = []
        for s in SOURCES:
            m = np.array([r["source"] == s for r in recs])
            row = [s, int(m.sum())]
            for k, c in enumerate(CHECKS):
                sm = scores(g[m, k], lp[m, k] >= thr[c])["macro_f1"]
                sr = scores(g[m, k], rm[m, k])["macro_f1"]
                row.append(f"{sm:.3f} / {sr:.3f}")
            ns = scores(g[m, j], lp[m, j] >= thr["next_step"])
            row.append(f"{ns['p_missing']:.3f}")
            lrows.append(row)
        print(md_table(["source", "n", *CHECKS, "nstep P(miss)"], lrows))
        res["loso"] = lrows

    # learning curve
    if all((RESULTS / f"lc_{d}.npz").exists() for d in designs):
        print("\n### Learning curve (test macro-F1 against share of train)\n")
        lrows = []
        for frac in (25, 50, 75, 100):
            if frac == 100:
                p = te
                n = len(train)
            else:
                p = combo(choice, f"p{frac}", "lc_")
                n = int(np.load(RESULTS / f"lc_{designs[0]}.npz")[f"n{frac}"])
            p = np.stack([platt(p[:, k], ab[c]) for k, c in enumerate(CHECKS)], 1)
            lrows.append(
                [f"{frac}% ({n})"]
                + [scores(g_te[:, k], p[:, k] >= thr[c])["macro_f1"] for k, c in enumerate(CHECKS)]
            )
        print(md_table(["train size", *CHECKS], lrows))
        res["learning_curve"] = lrows
    save_json(res, RESULTS / f"final_{args.choice}.json")


if __name__ == "__main__":
    main()
