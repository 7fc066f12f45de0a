"""Calibration, thresholds and error bands, on data whose answer is known."""

from __future__ import annotations

import numpy as np
import pytest

from replylint.model.calibration import (
    PLATEAU_TOLERANCE,
    Confusion,
    adding_threshold,
    best_threshold,
    best_threshold_with_rules,
    error_band,
    expected_calibration_error,
    fit_platt,
    fit_platt_log_odds,
    plateau_middle,
    platt,
    reliability,
)


def _overconfident(seed: int = 0, n: int = 4000) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Labels drawn from a true probability, and a score that exaggerates it."""
    rng = np.random.default_rng(seed)
    true = rng.uniform(0.02, 0.98, n)
    gold = rng.uniform(size=n) < true
    logit = np.log(true / (1 - true))
    score = 1 / (1 + np.exp(-3 * logit))  # three times too sure
    return gold, score, true


def test_platt_recovers_the_true_probability_of_an_overconfident_score() -> None:
    gold, score, true = _overconfident()
    a, b = fit_platt(gold, score)
    assert abs(a - 1 / 3) < 0.05 and abs(b) < 0.1
    assert np.abs(platt(score, (a, b)) - true).mean() < 0.02


def test_platt_on_log_odds_fits_the_curve_that_platt_on_probabilities_does() -> None:
    """The term model's scores are log-odds already: the same fit, without the logit."""
    gold, score, _ = _overconfident(seed=3)
    a, b = fit_platt_log_odds(gold, np.log(score / (1 - score)))
    assert abs(a - 1 / 3) < 0.05 and abs(b) < 0.1
    assert (a, b) == pytest.approx(fit_platt(gold, score), abs=1e-6)


def test_platt_on_log_odds_keeps_the_identity_without_data() -> None:
    assert fit_platt_log_odds(np.array([], bool), np.array([])) == (1.0, 0.0)


def test_calibration_lowers_the_expected_calibration_error() -> None:
    gold, score, _ = _overconfident(seed=1)
    calibrated = platt(score, fit_platt(gold, score))
    assert expected_calibration_error(gold, calibrated) < 0.03
    assert expected_calibration_error(gold, score) > 0.08


def test_reliability_bins_count_every_reply_once() -> None:
    gold, score, _ = _overconfident(seed=2, n=500)
    rows = reliability(gold, score)
    assert sum(r.count for r in rows) == 500
    assert all(r.low <= r.mean_predicted <= r.high for r in rows)


def test_best_threshold_separates_cleanly_separable_scores() -> None:
    gold = np.array([False] * 50 + [True] * 50)
    probability = np.concatenate([np.linspace(0.0, 0.3, 50), np.linspace(0.7, 1.0, 50)])
    threshold = best_threshold(gold, probability)
    assert 0.3 < threshold <= 0.7
    assert Confusion.of(gold, probability >= threshold).macro_f1 == 1.0


def test_error_band_stops_where_missing_verdicts_become_unreliable() -> None:
    # below 0.2 nearly always missing; from 0.2 to 0.5 half and half
    low = np.linspace(0.0, 0.19, 100)
    mid = np.linspace(0.2, 0.49, 100)
    probability = np.concatenate([low, mid])
    gold = np.concatenate([np.zeros(100, bool), np.arange(100) % 2 == 0])
    band = error_band(gold, probability, ceiling=0.5, target=0.9)
    assert 0.19 <= band <= 0.30  # the clean part, and a little of the mixed part
    assert (~gold[probability < band]).mean() >= 0.9
    assert (~gold[probability < band + 0.02]).mean() < 0.9  # the highest such band


def test_no_error_band_without_enough_support() -> None:
    gold = np.array([False] * 5 + [True] * 5)
    probability = np.linspace(0, 1, 10)
    assert error_band(gold, probability, ceiling=0.5, support=20) == 0.0


def test_confusion_macro_f1_and_missing_precision() -> None:
    gold = np.array([True, True, False, False])
    predicted = np.array([True, False, False, True])
    confusion = Confusion.of(gold, predicted)
    assert (confusion.tp, confusion.fp, confusion.fn, confusion.tn) == (1, 1, 1, 1)
    assert confusion.macro_f1 == 0.5
    assert confusion.missing_precision == 0.5


def test_plateau_middle_takes_the_middle_of_a_flat_top() -> None:
    thresholds = [0.1 * i for i in range(1, 10)]
    scores = [0.50, 0.70, 0.799, 0.80, 0.797, 0.798, 0.796, 0.60, 0.50]  # flat 0.3 .. 0.7
    assert plateau_middle(thresholds, scores, tolerance=0.005) == thresholds[4]
    # a stricter tolerance keeps only the peak and its nearest equals
    assert plateau_middle(thresholds, scores, tolerance=0.0015) == thresholds[2]


def test_plateau_middle_does_not_cross_a_dip() -> None:
    thresholds = [0.1 * i for i in range(1, 8)]
    scores = [0.80, 0.80, 0.70, 0.81, 0.809, 0.50, 0.80]  # the run around the best is 0.4-0.5
    assert plateau_middle(thresholds, scores, tolerance=0.005) == thresholds[3]


def test_threshold_with_rules_sits_inside_the_plateau() -> None:
    rng = np.random.default_rng(3)
    gold = rng.random(2000) < 0.7
    probability = np.clip(np.where(gold, 0.75, 0.25) + rng.normal(0, 0.2, 2000), 0, 1)
    rules = np.zeros(2000, dtype=bool)  # the model decides every reply
    t = best_threshold_with_rules(gold, probability, rules, doubt_below=0.0)
    best = max(Confusion.of(gold, probability >= g).macro_f1 for g in np.arange(0.02, 0.99, 0.01))
    assert Confusion.of(gold, probability >= t).macro_f1 >= best - PLATEAU_TOLERANCE


def test_error_band_by_source_is_not_carried_by_a_large_clean_source() -> None:
    # A large source whose "missing" verdicts below 0.3 are always right, and a small one
    # where below 0.3 they are right only half the time (below 0.1, always).
    big_probability = np.linspace(0.0, 0.29, 200)
    big_gold = np.zeros(200, bool)
    small_probability = np.concatenate([np.linspace(0.0, 0.09, 10), np.linspace(0.1, 0.29, 20)])
    small_gold = np.concatenate([np.zeros(10, bool), np.arange(20) % 2 == 0])
    probability = np.concatenate([big_probability, small_probability])
    gold = np.concatenate([big_gold, small_gold])
    sources = ["big"] * 200 + ["small"] * 30
    pooled = error_band(gold, probability, ceiling=0.5, target=0.9)
    per_source = error_band(gold, probability, ceiling=0.5, target=0.9, sources=sources)
    assert pooled == 0.5  # the ceiling: the big source carries the small one's errors
    assert per_source < pooled
    small = np.array(sources) == "small"
    assert (~gold[small & (probability < per_source)]).mean() >= 0.8


def test_error_band_by_source_ignores_sources_with_too_few_verdicts() -> None:
    gold = np.concatenate([np.zeros(100, bool), [True, True]])
    probability = np.concatenate([np.linspace(0.0, 0.29, 100), [0.05, 0.06]])
    sources = ["main"] * 100 + ["tiny"] * 2
    # two wrong verdicts of a source with two say nothing about it: the band is the ceiling
    assert error_band(gold, probability, ceiling=0.5, target=0.9, sources=sources) == 0.5


def test_error_band_holds_on_the_worst_source_not_the_average() -> None:
    # Four sources whose "missing" verdicts below 0.3 are always right, and one where,
    # from 0.1 up, they are right 60% of the time: the mean over sources (92%) passes,
    # the band must not.
    clean = [np.linspace(0.0, 0.29, 30) for _ in range(4)]
    poor_probability = np.concatenate([np.linspace(0.0, 0.09, 10), np.linspace(0.1, 0.29, 20)])
    poor_gold = np.concatenate([np.zeros(10, bool), np.arange(20) % 5 < 2])
    probability = np.concatenate([*clean, poor_probability])
    gold = np.concatenate([np.zeros(120, bool), poor_gold])
    sources = [name for name in "abcd" for _ in range(30)] + ["poor"] * 30
    band = error_band(gold, probability, ceiling=0.3, target=0.9, sources=sources)
    assert 0.1 <= band < 0.3
    poor = np.array(sources) == "poor"
    assert (~gold[poor & (probability < band)]).mean() >= 0.9


def test_perfectly_separated_scores_calibrate_without_numpy_warnings() -> None:
    # A small training set can separate perfectly: the fitted curve grows steep and
    # e^-z overflows far from the boundary. The limit (0 or 1) is the right answer and
    # `replylint train` must not print numpy's overflow warning to the user.
    gold = np.array([False] * 10 + [True] * 10)
    scores = np.concatenate([np.full(10, 0.49), np.full(10, 0.51)])  # a steep curve
    with np.errstate(over="raise", divide="raise", invalid="raise"):  # numpy warns on these
        ab = fit_platt(gold, scores)
        probability = platt(np.array([1e-7, 0.5, 1 - 1e-7]), ab)
    assert probability[0] < 0.01 and probability[2] > 0.99
    assert np.all((probability >= 0) & (probability <= 1))


def test_the_model_adds_from_where_its_additions_stay_right() -> None:
    # the rules found none of these; from 0.7 up the model's "present" is always right,
    # from 0.4 to 0.7 half the time
    probability = np.concatenate([np.linspace(0.7, 0.98, 30), np.linspace(0.4, 0.69, 30)])
    gold = np.concatenate([np.ones(30, bool), np.arange(30) % 2 == 0])
    rules = np.zeros(60, bool)
    threshold = adding_threshold(gold, probability, rules, target=0.9, support=10)
    assert threshold is not None and 0.6 <= threshold <= 0.7
    added = probability >= threshold
    assert gold[added].mean() >= 0.9
    assert gold[probability >= threshold - 0.05].mean() < 0.9  # the lowest such threshold


def test_the_model_adds_nothing_when_its_additions_are_unreliable() -> None:
    probability = np.linspace(0.5, 0.98, 40)
    gold = np.arange(40) % 2 == 0  # right half the time at every threshold
    assert adding_threshold(gold, probability, np.zeros(40, bool), support=10) is None


def test_replies_the_rules_found_are_no_additions() -> None:
    probability = np.linspace(0.5, 0.98, 40)
    gold = np.zeros(40, bool)  # wrong every time ...
    rules = np.ones(40, bool)  # ... but the rules found all of them: nothing is added
    assert adding_threshold(gold, probability, rules, support=10) is None
    assert adding_threshold(~gold, probability, ~rules, support=10) is not None


def test_additions_must_hold_on_every_source() -> None:
    # a big source whose additions are always right, a small one whose are never
    probability = np.concatenate([np.linspace(0.8, 0.98, 40), np.linspace(0.8, 0.84, 10)])
    gold = np.concatenate([np.ones(40, bool), np.zeros(10, bool)])
    sources = ["big"] * 40 + ["small"] * 10
    rules = np.zeros(50, bool)
    pooled = adding_threshold(gold, probability, rules, target=0.8, support=10)
    assert pooled is not None and pooled <= 0.8  # 40 of 50 right: the big carries the small
    per_source = adding_threshold(gold, probability, rules, target=0.8, support=10, sources=sources)
    assert per_source is not None and per_source > pooled
    assert (probability[40:] >= per_source).sum() < 5  # too few of the small source to judge
