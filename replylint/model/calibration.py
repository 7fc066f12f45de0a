"""Turning the classifier's scores into probabilities and decisions, from held-out data.

A bag-of-words classifier's raw scores are over-confident on words it saw often, so the
score is calibrated (Platt scaling: a logistic curve on its log-odds) on *out-of-fold*
predictions: every training reply scored by a model that did not train on it. The same
out-of-fold probabilities choose, per check:

- the threshold above which the check counts as present: the middle of the stretch of
  thresholds whose macro-F1 is within :data:`PLATEAU_TOLERANCE` of the best (on a
  flat curve the single best point is chance; its middle is the choice least moved by a
  new source's scores landing a little higher or lower);
- the *error band*: below which probability a "missing" verdict is right at least
  ``target`` of the time on every source (the worst one sets it). Between
  it and the threshold the model is unsure, and the "missing" finding is reported one
  severity lower (precision before recall);
- whether the model decides the check at all: only where it beats the rules on the
  same held-out replies. Where it does not, but the rules' own "missing" verdicts were
  right less often than :data:`ERROR_PRECISION`, the rules decide and the model only
  tempers them (:func:`tempers`): their "missing" findings it is unsure of go one
  severity lower.

The jargon term model (:mod:`replylint.model.terms_training`) fits its Platt curve with
the same code, on scores that are log-odds already (:func:`fit_platt_log_odds`).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from replylint.model.card import CheckCalibration

Floats = NDArray[np.float64]
Bools = NDArray[np.bool_]

#: A "missing" finding reported at the rule's full severity must be right this often on
#: held-out data: the model's below its error band, the rules' where no model decides.
ERROR_PRECISION = 0.90


def tempers(calibration: CheckCalibration) -> bool:
    """Whether a model that does not decide a check still lowers the severity of the
    rules' "missing" findings it is unsure of: when the rules' own were right less often
    than :data:`ERROR_PRECISION` on held-out replies. Where the model has no error band
    (none held on every source), it is unsure of every one, and all go one severity
    lower: none of them was shown right often enough to be an error. Until stop 42 such
    a model left the rules' alarms as they were: trained without the Firefox forum, it
    had no band for next_step, and the rules' 295 "missing" errors there stood, right
    67.1% of the time.

    Why: a model that does not beat the rules on the replies it was trained without can
    still tell which of their alarms are doubtful. Trained without the Thunderbird
    forum, the model left next_step to the rules, whose 330 "missing" errors there were
    right 58.5% of the time; tempered, 10 remain errors, all right (77, right 79.2% of
    the time, with the band of the sources' mean; issue 12: precision before recall).

    Only a model calibrated for the check tempers it: where training could not calibrate
    it (the rules find the check applies to fewer than 20 labelled replies, or the labels
    are one class: ``model_macro_f1`` is None), the rules decide alone, as ``replylint
    train`` says. Tempered by the uncalibrated score, every "missing" finding of a small
    scorecard's weak rule went one severity lower, with a confidence nothing measured.
    Nor does a check whose rules said "missing" on none of the held-out replies: their
    precision is not measured, so nothing shows their alarms doubtful."""
    rules_precision = calibration.held_out.rules_missing_precision
    return (
        not calibration.decides
        and calibration.held_out.model_macro_f1 is not None
        and rules_precision is not None
        and rules_precision < ERROR_PRECISION
    )


def _logit(p: Floats) -> Floats:
    # (np.clip's Python wrapper costs more than the two ufuncs on a reply's few scores)
    clipped = np.minimum(np.maximum(p, 1e-7), 1 - 1e-7)
    return np.asarray(np.log(clipped / (1 - clipped)), dtype=np.float64)


def _sigmoid(z: Floats) -> Floats:
    """``1 / (1 + e^-z)``. Far below zero ``e^-z`` overflows to infinity and the result
    is its limit, 0, which is right: numpy's overflow warning there is noise (a small
    training set, whose scores separate perfectly, printed two of them under ``replylint
    train``), so it is silenced here and nowhere else."""
    with np.errstate(over="ignore"):
        return np.asarray(1 / (1 + np.exp(-z)), dtype=np.float64)


def _log_loss(x: Floats, y: Floats, a: float, b: float) -> float:
    z = a * x + b
    return float(np.sum(np.logaddexp(0, z) - y * z))


def fit_platt(gold: Bools, scores: Floats) -> tuple[float, float]:
    """``a, b`` of ``sigmoid(a * logit(score) + b)`` for scores that are probabilities
    (the checks model's): :func:`fit_platt_log_odds` on their log-odds."""
    return fit_platt_log_odds(gold, _logit(scores))


def fit_platt_log_odds(gold: Bools, log_odds: Floats) -> tuple[float, float]:
    """``a, b`` of ``sigmoid(a * log_odds + b)`` minimising the log loss, for raw scores
    that are already log-odds (the jargon term model's): Newton's method with step
    halving, so it converges from the identity (a=1, b=0) even when the scores are far
    off."""
    x, y = log_odds, gold.astype(np.float64)
    a, b = 1.0, 0.0
    loss = _log_loss(x, y, a, b)
    for _ in range(100):
        z = _sigmoid(a * x + b)
        gradient = np.array([np.sum((z - y) * x), np.sum(z - y)])
        w = z * (1 - z) + 1e-9
        hessian = np.array([[np.sum(w * x * x), np.sum(w * x)], [np.sum(w * x), np.sum(w)]])
        step = np.linalg.solve(hessian + np.eye(2) * 1e-6, gradient)
        scale = 1.0
        while scale > 1e-6:
            trial = _log_loss(x, y, a - scale * float(step[0]), b - scale * float(step[1]))
            if trial <= loss:
                break
            scale /= 2
        else:
            break  # no step lowers the loss: converged
        a, b = a - scale * float(step[0]), b - scale * float(step[1])
        improvement, loss = loss - trial, trial
        if improvement < 1e-10 * max(1.0, loss):
            break
    return a, b


def platt(scores: Floats, ab: tuple[float, float] | tuple[Floats, Floats]) -> Floats:
    """Calibrated probabilities of raw scores (``ab`` may hold one curve per score)."""
    return _sigmoid(ab[0] * _logit(scores) + ab[1])


@dataclass(frozen=True)
class Confusion:
    """Counts of a present/missing decision against the labels."""

    tp: int
    fp: int
    fn: int
    tn: int

    @classmethod
    def of(cls, gold: Bools, predicted: Bools) -> Confusion:
        return cls(
            tp=int((gold & predicted).sum()),
            fp=int((~gold & predicted).sum()),
            fn=int((gold & ~predicted).sum()),
            tn=int((~gold & ~predicted).sum()),
        )

    @property
    def macro_f1(self) -> float:
        """Mean F1 of the two classes that occur (the headline figure of ``eval``)."""
        f1s = []
        if self.tp + self.fn:
            f1s.append(_f1(self.tp, self.fp, self.fn))
        if self.tn + self.fp:
            f1s.append(_f1(self.tn, self.fn, self.fp))
        return float(np.mean(f1s)) if f1s else 0.0

    @property
    def missing_precision(self) -> float | None:
        """How often a "missing" verdict is right; None when none was given: 0 right of 0
        is not measured, not "always wrong" (read as 0.0, a scorecard whose replies all
        greeted had every later "missing greeting" reported one severity lower)."""
        said_missing = self.tn + self.fn
        return self.tn / said_missing if said_missing else None


def _f1(hits: int, false_alarms: int, misses: int) -> float:
    denominator = 2 * hits + false_alarms + misses
    return 2 * hits / denominator if denominator else 0.0


_GRID = np.round(np.arange(0.02, 0.99, 0.01), 2)


def best_threshold(gold: Bools, probability: Floats) -> float:
    """The threshold on P(present) with the best macro-F1 (ties: the one nearest 0.5)."""
    best, chosen = -1.0, 0.5
    for t in _GRID:
        f1 = Confusion.of(gold, probability >= t).macro_f1
        if f1 > best + 1e-9 or (abs(f1 - best) <= 1e-9 and abs(t - 0.5) < abs(chosen - 0.5)):
            best, chosen = f1, float(t)
    return chosen


#: A source counts in the error band's precision once this many "missing" verdicts of
#: its replies fall below the band: fewer say nothing about the source.
MIN_SOURCE_SUPPORT = 5


def error_band(
    gold: Bools,
    probability: Floats,
    ceiling: float,
    target: float = 0.90,
    support: int = 20,
    sources: Sequence[str] | None = None,
) -> float:
    """The highest probability ``t <= ceiling`` such that "missing" verdicts with
    P(present) < t are right at least ``target`` of the time, over at least ``support``
    replies; 0 when no such band exists (then every "missing" is reported as unsure).

    With ``sources`` (each reply's), "right ``target`` of the time" must hold on every
    source with at least :data:`MIN_SOURCE_SUPPORT` verdicts below ``t``, not over all
    replies pooled: an error must be trustworthy on a kind of reply the model has not
    seen. Pooled, one large easy source (role-played chat, most of the confident
    "missing" verdicts) carries the band for the rest; and the mean over sources still
    let four easy sources carry the fifth: trained without the Thunderbird forum, the
    mean's band gave 77 errors there, right 79% of the time. The worst source sets the
    band (estimated out of fold, each source left out in turn: about 60% as many next_step
    errors, right 97.5% of the time against 94.3%, macro-F1 unchanged)."""
    groups = np.asarray(sources) if sources is not None else np.zeros(len(gold), dtype=int)
    names = list(dict.fromkeys(groups.tolist()))
    chosen = 0.0
    for t in _GRID:
        if t > ceiling:
            break
        below = probability < t
        if below.sum() < support:
            continue
        right = [
            float((~gold[below & (groups == name)]).mean())
            for name in names
            if (below & (groups == name)).sum() >= min(MIN_SOURCE_SUPPORT, support)
        ]
        if right and min(right) >= target:
            chosen = float(t)
    return chosen


#: The model adds a check the rules missed only once this many held-out replies were
#: added at its threshold: fewer say nothing about how often an addition is right.
MIN_ADDITIONS = 10


def adding_threshold(
    gold: Bools,
    probability: Floats,
    rule_present: Bools,
    target: float = ERROR_PRECISION,
    support: int = MIN_ADDITIONS,
    sources: Sequence[str] | None = None,
) -> float | None:
    """The lowest P(present) from which the model may add a check the rules did not
    find, where the rules keep deciding it: every threshold from the top of the grid down
    to it added replies that were right at least ``target`` of the time (over at least
    ``support`` of them, and on every source with :data:`MIN_SOURCE_SUPPORT` additions);
    None when no threshold does.

    Why: whether the model decides a check compares it with the rules on the training
    replies, and the rules were written while reading those replies, so their figure
    there is better than on replies they never saw; the model's is out of fold. Empathy
    said in words no rule knows is what the rules miss on unseen replies (recall 0.69 on
    the test split, 0.43-0.69 on the blind audits), and two blind audits, measured before
    this was built, showed the model's additions right every time (audit O with stop 46's
    model: 1 of 1; audit P: 1 of 1). Adding only where additions were right as often as an
    error must be keeps the rules' precision and their alarms, and takes back only
    "missing" verdicts the model is sure are wrong."""
    groups = np.asarray(sources) if sources is not None else np.zeros(len(gold), dtype=int)
    names = list(dict.fromkeys(groups.tolist()))
    chosen: float | None = None
    for t in _GRID[::-1]:
        added = ~rule_present & (probability >= t)
        if added.sum() < support:
            continue  # (too few yet to judge: look lower)
        right = [
            float(gold[added & (groups == name)].mean())
            for name in names
            if (added & (groups == name)).sum() >= MIN_SOURCE_SUPPORT
        ]
        if float(gold[added].mean()) < target or (right and min(right) < target):
            break
        chosen = float(t)
    return chosen


def says_present(
    probability: Floats, rule_present: Bools, threshold: float, doubt_below: float
) -> Bools:
    """The model's verdicts, given the rules': where the rule found the check, the model
    overrules it only below ``doubt_below`` (when its "missing" is error-grade sure:
    rules stay where they are precise); where the rule did not, the model says present
    from ``threshold`` up."""
    return np.where(rule_present, probability >= doubt_below, probability >= threshold)


#: Macro-F1 differences smaller than this (half a point) are not told apart by a few
#: thousand held-out replies: thresholds within it of the best count as equally good.
PLATEAU_TOLERANCE = 0.005


def best_threshold_with_rules(
    gold: Bools, probability: Floats, rule_present: Bools, doubt_below: float
) -> float:
    """The ``threshold`` of :func:`says_present`, the rule-present side fixed by
    ``doubt_below``: the middle of the plateau around the best macro-F1 (see
    :func:`plateau_middle`)."""
    f1s = [
        Confusion.of(gold, says_present(probability, rule_present, float(t), doubt_below)).macro_f1
        for t in _GRID
    ]
    return plateau_middle([float(t) for t in _GRID], f1s)


def plateau_middle(
    thresholds: Sequence[float], scores: Sequence[float], tolerance: float = PLATEAU_TOLERANCE
) -> float:
    """The middle of the unbroken run of ``thresholds`` around the best score whose
    scores are all within ``tolerance`` of it (the best one nearest 0.5 anchors the run
    when several tie). The run's middle threshold is returned, rounded to the grid."""
    best = max(scores)
    anchor = min(
        (i for i, s in enumerate(scores) if s >= best - 1e-9),
        key=lambda i: abs(thresholds[i] - 0.5),
    )
    low = high = anchor
    while low > 0 and scores[low - 1] >= best - tolerance:
        low -= 1
    while high < len(scores) - 1 and scores[high + 1] >= best - tolerance:
        high += 1
    return thresholds[(low + high) // 2]


@dataclass(frozen=True)
class ReliabilityRow:
    """One bin of a reliability table: predicted probability against what happened."""

    low: float
    high: float
    count: int
    mean_predicted: float
    observed: float


def reliability(
    gold: Bools, probability: Floats, edges: Sequence[float] = tuple(np.linspace(0, 1, 11))
) -> list[ReliabilityRow]:
    """Bins of predicted P(present) with the share of replies that really had it."""
    rows = []
    for index, (low, high) in enumerate(itertools.pairwise(edges)):
        last = index == len(edges) - 2
        inside = (probability >= low) & ((probability <= high) if last else (probability < high))
        if inside.any():
            rows.append(
                ReliabilityRow(
                    low=float(low),
                    high=float(high),
                    count=int(inside.sum()),
                    mean_predicted=float(probability[inside].mean()),
                    observed=float(gold[inside].mean()),
                )
            )
    return rows


def expected_calibration_error(gold: Bools, probability: Floats) -> float:
    """Mean gap between predicted and observed, weighted by bin size."""
    rows = reliability(gold, probability)
    total = sum(row.count for row in rows)
    gaps = sum(row.count * abs(row.mean_predicted - row.observed) for row in rows)
    return gaps / total if total else 0.0
