"""Feature ablations: drop feature families (by prefix) and compare cross-validated
figures (folds as training makes them: one per source; policy.py gives them per source).

python training/terms_experiments/ablate.py TRAIN.pkl "term=" "c3=" "ctx=,prev=,next=" ...
"""

from __future__ import annotations

import pickle
import sys
from dataclasses import replace
from pathlib import Path

from replylint.model.terms import sigmoid
from replylint.model.terms_training import (
    LabelledReply,
    TrainingOptions,
    calibrate,
    figures,
    out_of_fold,
)


def without(replies: list[LabelledReply], prefixes: tuple[str, ...]) -> list[LabelledReply]:
    if not prefixes:
        return replies
    return [
        replace(
            r,
            candidates=tuple(
                replace(c, features=tuple(f for f in c.features if not f.startswith(prefixes)))
                for c in r.candidates
            ),
        )
        for r in replies
    ]


def main() -> None:
    replies: list[LabelledReply] = pickle.loads(Path(sys.argv[1]).read_bytes())
    options = TrainingOptions()
    for spec in ["", *sys.argv[2:]]:
        prefixes = tuple(p for p in spec.split(",") if p)
        data = without(replies, prefixes)
        scores, _ = out_of_fold(data, options, seed=0)
        a, b, veto, threshold, result = calibrate(data, scores, options)
        probs = [[sigmoid(a * s + b) for s in row] for row in scores]
        written = [i for i, r in enumerate(data) if r.source == "written"]
        part = figures([data[i] for i in written], [probs[i] for i in written], veto, threshold)
        print(
            f"drop {spec or '-':<28} v {veto:.2f} t {threshold:.2f} P {result.precision:.3f} "
            f"R {result.recall:.3f} F1 {result.f1:.3f} | written P {part.precision:.3f} "
            f"R {part.recall:.3f}"
        )


if __name__ == "__main__":
    main()
