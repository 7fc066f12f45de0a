"""Leave-one-source-out and learning-curve runs for the chosen design(s).

    python loso_lc.py loso DESIGN [DESIGN ...]   # train without source S, predict S
    python loso_lc.py lc DESIGN [DESIGN ...]     # train on 25/50/75% of train, predict test

LOSO: for each source S the model is trained on all train records of the other sources
and predicts every record of S (its train and test records: none was seen in training).
Learning curve: nested subsets of train (by salted sha1 of the id); 100% is the full-train
model of run_cv.py. Probabilities go to results/loso_DESIGN.npz and results/lc_DESIGN.npz;
final.py scores them (thresholds from the out-of-fold train probabilities).
"""

from __future__ import annotations

import hashlib
import sys

import numpy as np
from common import RESULTS, SOURCES, WORK, fold_of, load_cache, load_model, predict
from run_cv import DESIGNS, train_one


def frac_key(rec_id: str) -> float:
    return int(hashlib.sha1(f"lc:{rec_id}".encode()).hexdigest(), 16) / 16**40


def main() -> None:
    mode, designs = sys.argv[1], sys.argv[2:]
    train, test = load_cache("train"), load_cache("test")
    dev = [r for r in train if fold_of(r["id"], 20) == 0][:50]
    for design in designs:
        level, markers, rules, _, _ = DESIGNS[design]
        if mode == "loso":
            allrecs = train + test
            probs = np.zeros((len(allrecs), 6))
            for s in SOURCES:
                tr = [r for r in train if r["source"] != s]
                idx = [i for i, r in enumerate(allrecs) if r["source"] == s]
                out = WORK / "models" / design / f"loso_{s}"
                secs = train_one(design, tr, [r for r in dev if r["source"] != s], out)
                nlp = load_model(out / "model-last")
                probs[idx] = predict(nlp, [allrecs[i] for i in idx], level, markers, rules)
                print(f"{design} loso {s}: {secs:.0f}s", flush=True)
            np.savez(
                RESULTS / f"loso_{design}.npz",
                probs=probs,
                ids=np.array([r["id"] for r in allrecs]),
                split=np.array(["train"] * len(train) + ["test"] * len(test)),
            )
        else:
            out_p = {}
            for frac in (0.25, 0.5, 0.75):
                tr = [r for r in train if frac_key(r["id"]) < frac]
                out = WORK / "models" / design / f"lc_{int(frac * 100)}"
                secs = train_one(design, tr, dev, out)
                nlp = load_model(out / "model-last")
                out_p[f"p{int(frac * 100)}"] = predict(nlp, test, level, markers, rules)
                out_p[f"n{int(frac * 100)}"] = np.array(len(tr))
                print(f"{design} lc {frac}: {len(tr)} records, {secs:.0f}s", flush=True)
            np.savez(RESULTS / f"lc_{design}.npz", **out_p)


if __name__ == "__main__":
    main()
