"""Cross-validated figures of the jargon decision on prepared candidates (prepare.py).

python training/terms_experiments/cv.py TRAIN.pkl [--loso] [key=value ...]
(``key=value``: TrainingOptions fields, e.g. ``folds_by=id`` for the 5 folds by id of
the first design.) Prints the out-of-fold figures of the combined decision (rules less
the model's vetoes, plus its additions) at the chosen veto and threshold, per source;
``--loso`` then runs policy.py's leave-one-source-out comparison.
"""

from __future__ import annotations

import pickle
import sys
import time
from dataclasses import fields, replace
from pathlib import Path

from replylint.model.terms import sigmoid
from replylint.model.terms_training import (
    LabelledReply,
    TrainingOptions,
    calibrate,
    figures,
    out_of_fold,
)


def parse(args: list[str]) -> TrainingOptions:
    options = TrainingOptions()
    types = {f.name: f.type for f in fields(TrainingOptions)}
    for arg in args:
        key, value = arg.split("=")
        kind = types[key]
        parsed: object = (
            int(value) if kind == "int" else value if kind == "FoldBy" else float(value)
        )
        options = replace(options, **{key: parsed})
    return options


def main() -> None:
    replies: list[LabelledReply] = pickle.loads(Path(sys.argv[1]).read_bytes())
    options = parse([a for a in sys.argv[2:] if "=" in a])
    started = time.perf_counter()
    scores, by = out_of_fold(replies, options, seed=0)
    a, b, veto, threshold, result = calibrate(replies, scores, options)
    print(
        f"{options}\n  CV (folds by {by}): veto {veto:.2f} threshold {threshold:.2f}  "
        f"P {result.precision:.3f}  R {result.recall:.3f}  F1 {result.f1:.3f}  "
        f"({time.perf_counter() - started:.1f}s)"
    )
    probabilities = [[sigmoid(a * s + b) for s in row] for row in scores]
    for source in sorted({r.source for r in replies}):
        index = [i for i, r in enumerate(replies) if r.source == source]
        part = figures(
            [replies[i] for i in index], [probabilities[i] for i in index], veto, threshold
        )
        print(
            f"    {source:<14} P {part.precision:.3f}  R {part.recall:.3f}  "
            f"(pred {part.predicted}, gold {part.gold})"
        )
    if "--loso" in sys.argv:
        from policy import loso

        loso(replies, options, ())


if __name__ == "__main__":
    main()
