"""Cross-validated figures of the term model on prepared candidates (see prepare.py).

python training/terms_experiments/cv.py TRAIN.pkl [key=value ...]   (TrainingOptions fields)
Prints out-of-fold per-term precision/recall at the chosen threshold, and per source.
Also leave-one-source-out with --loso.
"""

from __future__ import annotations

import pickle
import sys
import time
from dataclasses import fields, replace
from pathlib import Path

from replylint.model.terms import TermModel, shipped_words_path, sigmoid
from replylint.model.terms_training import (
    LabelledReply,
    TrainingOptions,
    calibrate,
    figures,
    fit,
    out_of_fold,
)


def parse(args: list[str]) -> TrainingOptions:
    options = TrainingOptions()
    types = {f.name: f.type for f in fields(TrainingOptions)}
    for arg in args:
        key, value = arg.split("=")
        options = replace(options, **{key: int(value) if types[key] == "int" else float(value)})
    return options


def main() -> None:
    replies: list[LabelledReply] = pickle.loads(Path(sys.argv[1]).read_bytes())
    loso = "--loso" in sys.argv
    options = parse([a for a in sys.argv[2:] if "=" in a])
    started = time.perf_counter()
    scores = out_of_fold(replies, options, seed=0)
    a, b, threshold, result = calibrate(replies, scores, options)
    print(
        f"{options}\n  5-fold CV: threshold {threshold:.2f}  P {result.precision:.3f}  "
        f"R {result.recall:.3f}  F1 {result.f1:.3f}  ({time.perf_counter() - started:.1f}s)"
    )
    probabilities = [[sigmoid(a * s + b) for s in row] for row in scores]
    for source in sorted({r.source for r in replies}):
        index = [i for i, r in enumerate(replies) if r.source == source]
        part = figures([replies[i] for i in index], [probabilities[i] for i in index], threshold)
        print(
            f"    {source:<14} P {part.precision:.3f}  R {part.recall:.3f}  "
            f"(pred {part.predicted}, gold {part.gold})"
        )
    if loso:
        for source in sorted({r.source for r in replies}):
            train = [r for r in replies if r.source != source]
            held = [r for r in replies if r.source == source]
            scores_in = out_of_fold(train, options, seed=0)
            a2, b2, t2, _ = calibrate(train, scores_in, options)
            weights, bias = fit(train, options)
            model = TermModel(weights, bias, a2, b2, t2, shipped_words_path())
            part = figures(held, [[model.probability(c) for c in r.candidates] for r in held], t2)
            print(
                f"  leave out {source:<14} P {part.precision:.3f}  R {part.recall:.3f}  "
                f"(pred {part.predicted}, gold {part.gold})"
            )


if __name__ == "__main__":
    main()
