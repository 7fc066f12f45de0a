"""Cross-validate one design on the train split, then train it on all of train.

    python run_cv.py DESIGN [--folds 5] [--no-final]

Designs (see DESIGNS): reply- or sentence-level, with/without structure markers and the
rules' verdicts as extra tokens, on a checked-in config. For every fold (sha1 of the id
mod 5) a model is trained with ``spacy train`` on the other folds and predicts the
held-out fold: out-of-fold probabilities for all 2,872 train records, used to choose
designs and thresholds. The final model (all of train) predicts the test split; its
figures are computed by evaluate.py --test and final.py, after choosing.

Writes $WORK/models/DESIGN/{fold0..4,full}/ and results/DESIGN.npz (oof, test probs).
"""

from __future__ import annotations

import argparse
import time

import numpy as np
from common import (
    CONFIGS,
    RESULTS,
    WORK,
    examples_for,
    fold_of,
    load_cache,
    load_model,
    make_docbin,
    predict,
    spacy_train,
)

DESIGNS = {
    # name: (level, markers, rules, config, overrides)
    "a_bow12": ("reply", False, False, "textcat_bow.cfg", {}),
    "a_bow13": (
        "reply",
        False,
        False,
        "textcat_bow.cfg",
        {"components.textcat_multilabel.model.ngram_size": 3},
    ),
    "a_bow12_markers": ("reply", True, False, "textcat_bow.cfg", {}),
    "c_reply_rules": ("reply", True, True, "textcat_bow.cfg", {}),
    "c_reply_rules13": (
        "reply",
        True,
        True,
        "textcat_bow.cfg",
        {"components.textcat_multilabel.model.ngram_size": 3},
    ),
    "b_sent": ("sentence", True, False, "textcat_bow.cfg", {}),
    "c_sent_rules": ("sentence", True, True, "textcat_bow.cfg", {}),
    "c_sent_rules13": (
        "sentence",
        True,
        True,
        "textcat_bow.cfg",
        {"components.textcat_multilabel.model.ngram_size": 3},
    ),
    "c_sent_rules_e25": ("sentence", True, True, "textcat_bow.cfg", {"training.max_epochs": 25}),
    "c_sent_steps": ("sentence", True, 2, "textcat_bow.cfg", {}),
    "c_reply_steps": ("reply", True, 2, "textcat_bow.cfg", {}),
    "d_ens_reply_rules": ("reply", True, True, "textcat_ensemble.cfg", {}),
    "d_ens_sent_rules": ("sentence", True, True, "textcat_ensemble.cfg", {}),
}


def train_one(design: str, train_recs, dev_recs, out_dir, extra=None) -> float:
    level, markers, rules, cfg, overrides = DESIGNS[design]
    out_dir.mkdir(parents=True, exist_ok=True)
    make_docbin(examples_for(train_recs, level, markers, rules), out_dir / "train.spacy")
    make_docbin(examples_for(dev_recs, level, markers, rules), out_dir / "dev.spacy")
    return spacy_train(
        CONFIGS / cfg,
        out_dir / "train.spacy",
        out_dir / "dev.spacy",
        out_dir,
        {**overrides, **(extra or {})},
        log=out_dir / "train.log",
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("design", choices=sorted(DESIGNS))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--no-final", action="store_true")
    args = ap.parse_args()
    level, markers, rules, _, _ = DESIGNS[args.design]
    train = load_cache("train")
    test = load_cache("test")
    base = WORK / "models" / args.design
    oof = np.zeros((len(train), 6))
    times = []
    for k in range(args.folds):
        tr = [r for r in train if fold_of(r["id"], args.folds) != k]
        ho_idx = [i for i, r in enumerate(train) if fold_of(r["id"], args.folds) == k]
        ho = [train[i] for i in ho_idx]
        secs = train_one(args.design, tr, ho[:50], base / f"fold{k}")
        times.append(secs)
        nlp = load_model(base / f"fold{k}" / "model-last")
        oof[ho_idx] = predict(nlp, ho, level, markers, rules)
        print(f"{args.design} fold {k}: trained in {secs:.0f}s", flush=True)
    test_p = np.zeros((len(test), 6))
    if not args.no_final:
        dev = [r for r in train if fold_of(r["id"], 20) == 0][:50]  # spaCy needs a dev set
        secs = train_one(args.design, train, dev, base / "full")
        times.append(secs)
        nlp = load_model(base / "full" / "model-last")
        t0 = time.time()
        test_p = predict(nlp, test, level, markers, rules)
        print(
            f"{args.design} full: trained in {secs:.0f}s; test predicted in "
            f"{time.time() - t0:.1f}s",
            flush=True,
        )
    RESULTS.mkdir(parents=True, exist_ok=True)
    np.savez(
        RESULTS / f"{args.design}.npz",
        oof=oof,
        test=test_p,
        train_ids=np.array([r["id"] for r in train]),
        test_ids=np.array([r["id"] for r in test]),
        train_seconds=np.array(times),
    )


if __name__ == "__main__":
    main()
