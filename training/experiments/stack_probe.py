"""Probe: does a tiny logistic stacker over the models' probabilities beat their mean?
Nested CV on out-of-fold train probabilities only (never the test split).

    python stack_probe.py [DESIGN ...]     # default: c_sent_rules c_reply_rules
"""

import sys

import numpy as np
from common import CHECKS, RESULTS, best_threshold, fold_of, gold_matrix, load_cache, scores


def logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-4, 1 - 1e-4)
    return np.log(p / (1 - p))


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1.0, iters: int = 300, lr: float = 1.0):
    w, b = np.zeros(x.shape[1]), 0.0
    for _ in range(iters):
        z = 1 / (1 + np.exp(-(x @ w + b)))
        w -= lr * (x.T @ (z - y) / len(y) + l2 * w / len(y))
        b -= lr * np.mean(z - y)
    return w, b


def main() -> None:
    recs = load_cache("train")
    gold = gold_matrix(recs)
    folds = np.array([fold_of(r["id"]) for r in recs])
    designs = sys.argv[1:] or ["c_sent_rules", "c_reply_rules"]
    probs = [np.load(RESULTS / f"{d}.npz")["oof"] for d in designs]
    nsent = np.log1p([len(r["sents"]) for r in recs])
    chan = np.array([[r["channel"] == c for c in ("email", "chat", "social")] for r in recs], float)
    for j, c in enumerate(CHECKS):
        x = np.column_stack([logit(p[:, j]) for p in probs] + [nsent, chan])
        x = (x - x.mean(0)) / (x.std(0) + 1e-9)
        mean = np.mean([p[:, j] for p in probs], 0)
        stacked = np.zeros(len(recs), bool)
        averaged = np.zeros(len(recs), bool)
        for k in range(5):
            m = folds == k
            w, b = fit(x[~m], gold[~m, j].astype(float))
            t = best_threshold(gold[~m, j], 1 / (1 + np.exp(-(x[~m] @ w + b))))
            stacked[m] = 1 / (1 + np.exp(-(x[m] @ w + b))) >= t
            averaged[m] = mean[m] >= best_threshold(gold[~m, j], mean[~m])
        print(
            f"{c:20s} mean {scores(gold[:, j], averaged)['macro_f1']:.3f}  "
            f"stack {scores(gold[:, j], stacked)['macro_f1']:.3f}"
        )


if __name__ == "__main__":
    main()
