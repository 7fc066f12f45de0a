"""Leave one source out: the rules alone, the model alone and the combined decision
(rules less the model's vetoes, plus its confident additions), each with the thresholds
it would have chosen without the left-out source.

python training/terms_experiments/policy.py TRAIN.pkl [drop=PREFIX,PREFIX] [floor=0.70]
    [fixed=VETO:THRESHOLD,...]

``TRAIN.pkl`` comes from prepare.py (candidates and the rules' terms of each reply);
``drop=`` removes feature families by prefix (e.g. ``drop=c3=``). Everything is measured
on the train split. For each left-out source: the model is trained on the other sources,
its Platt calibration and thresholds are fitted on their *source* out-of-fold scores
(one fold per source, as training does), and the left-out source is scored once.
``fixed=`` also scores every left-out source at the same given pairs (``1.01``: no
additions): one pair for all sources, chosen after the fact, an upper bound of what a
floor can buy.
"""

from __future__ import annotations

import pickle
import sys
from collections.abc import Sequence
from pathlib import Path

from ablate import without  # this folder's ablation script: the same feature drop

from replylint.model.terms import TermModel, shipped_words_path, sigmoid
from replylint.model.terms_training import (
    THRESHOLDS,
    VETOES,
    LabelledReply,
    TermCounts,
    TrainingOptions,
    choose_thresholds,
    figures,
    fit,
    out_of_fold,
    platt,
)

#: What each mode may choose: the rules never vetoed and no additions; the model alone
#: (every rule term vetoed: a veto above 1); the combined decision (training's grid).
MODES = {
    "rules": ((0.0,), (1.01,)),
    "model": ((1.01,), THRESHOLDS[:-1]),
    "policy": (VETOES, THRESHOLDS),
}


def choose(
    replies: Sequence[LabelledReply],
    probabilities: Sequence[Sequence[float]],
    mode: str,
    floor: float,
) -> tuple[float, float, TermCounts]:
    """The best F1 with precision >= ``floor`` within the mode's grid (training's choice
    before stop 50's one-standard-error rule, mode "one-SE" in :func:`loso`)."""
    vetoes, thresholds = MODES[mode]
    best: tuple[tuple[float, float, float, float], float, float, TermCounts] | None = None
    for veto in vetoes:
        for threshold in thresholds:
            c = figures(replies, probabilities, veto, threshold)
            key = (min(round(c.precision, 4), floor), round(c.f1, 4), -veto, threshold)
            if best is None or key > best[0]:
                best = (key, veto, threshold, c)
    assert best is not None
    return best[1], best[2], best[3]


def loso(
    replies: list[LabelledReply],
    options: TrainingOptions,
    prefixes: tuple[str, ...],
    fixed: Sequence[tuple[float, float]] = (),
) -> None:
    replies = without(replies, prefixes)
    totals: dict[str, list[int]] = {}
    for source in sorted({r.source for r in replies}):
        inner = [r for r in replies if r.source != source]
        held = [r for r in replies if r.source == source]
        scores, _ = out_of_fold(inner, options, seed=0)
        a, b = platt(inner, scores)
        inner_probs = [[sigmoid(a * s + b) for s in row] for row in scores]
        weights, bias = fit(inner, options)
        model = TermModel(weights, bias, a, b, 0.5, shipped_words_path())
        held_probs = [[model.probability(c) for c in r.candidates] for r in held]
        chosen = {mode: choose(inner, inner_probs, mode, options.min_precision) for mode in MODES}
        # training's own choice: the most precise pair within one standard error of the best F1
        chosen["one-SE"] = choose_thresholds(inner, inner_probs, options.min_precision)
        chosen.update({f"fixed {v:.2f}/{t:.2f}": (v, t, TermCounts(0, 0, 0, 0)) for v, t in fixed})
        for mode, (veto, threshold, fitted) in chosen.items():
            c = figures(held, held_probs, veto, threshold)
            total = totals.setdefault(mode, [0, 0, 0, 0])
            for i, x in enumerate((c.predicted, c.correct, c.gold, c.found)):
                total[i] += x
            print(
                f"  leave out {source:<14} {mode:<7} veto {veto:4.2f} threshold {threshold:4.2f}"
                f" (others P {fitted.precision:.3f} R {fitted.recall:.3f}) -> "
                f"P {c.precision:.3f} R {c.recall:.3f} F1 {c.f1:.3f} "
                f"(pred {c.predicted}, gold {c.gold})",
                flush=True,
            )
    for mode, (predicted, correct, gold, found) in totals.items():
        c = TermCounts(predicted, correct, gold, found)
        print(
            f"all left-out sources, {mode:<7} P {c.precision:.3f} R {c.recall:.3f} "
            f"F1 {c.f1:.3f} (pred {predicted}, gold {gold})"
        )


def main() -> None:
    replies: list[LabelledReply] = pickle.loads(Path(sys.argv[1]).read_bytes())
    args = sys.argv[2:]
    drop = next((a.split("=", 1)[1] for a in args if a.startswith("drop=")), "")
    floor = float(next((a.split("=", 1)[1] for a in args if a.startswith("floor=")), "0.70"))
    pairs = next((a.split("=", 1)[1] for a in args if a.startswith("fixed=")), "")
    fixed = [(float(v), float(t)) for v, t in (p.split(":") for p in pairs.split(",") if p)]
    options = TrainingOptions(min_precision=floor)
    loso(replies, options, tuple(p for p in drop.split(",") if p), fixed)


if __name__ == "__main__":
    main()
