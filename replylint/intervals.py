"""Bootstrap intervals for ``replylint eval --intervals``: how far a figure could move on
another sample of replies like these.

A test set of a few hundred replies, with a few dozen positives for a rare check
(empathy), gives figures whose second decimal is partly the luck of the draw, and a
difference of 0.01 between two models may be nothing at all. So the records are drawn
again with replacement, as many times as asked, every figure is recomputed on each
draw from the records' own counts (the same arithmetic as ``eval``'s table, through
:class:`~replylint.evaluation.Evaluation`), and the middle 95% of the values is reported:
the percentile bootstrap. The draws come from a fixed seed, so the same files give the
same intervals. When two sides are compared (``eval --model``), both are scored on the
same draws, so the interval of the change is that of the paired difference: it excludes
zero only when one side is better on nearly every draw.

What it does not cover: how the replies were chosen. Replies from a source or an
organisation absent from the gold files can differ by more than any interval says.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from replylint.evaluation import Evaluation

#: The share of the draws an interval covers.
LEVEL = 0.95
#: The seed of the draws: the same gold files and reports give the same intervals.
SEED = 0
#: How many draws ``eval --intervals`` makes unless told (``--draws``).
DEFAULT_RESAMPLES = 1000
#: Fewer draws than this give percentiles that move from run to run of other seeds.
MIN_RESAMPLES = 100
#: A figure undefined on more than this share of the draws (a class without a labelled
#: example in them) gets no interval.
MAX_UNDEFINED = 0.5


@dataclass(frozen=True)
class Interval:
    """A figure on all the records, and the bounds of its middle ``LEVEL`` of draws."""

    value: float
    low: float
    high: float

    def as_dict(self) -> dict[str, float]:
        return {"value": self.value, "low": self.low, "high": self.high}


def figures(evaluation: Evaluation) -> dict[str, float | None]:
    """The headline figures of an evaluation, by name: each check's macro-F1, the share
    of "missing" errors that were right, jargon precision and recall."""
    named: dict[str, float | None] = {
        f"{name} macro-F1": score.macro_f1 for name, score in evaluation.checks.items() if score.n
    }
    for name, alarm in sorted(evaluation.alarms.items()):
        named[f"{name} errors right"] = alarm.precision
    if evaluation.jargon.records and (evaluation.jargon.predicted or evaluation.jargon.gold):
        named["jargon precision"] = evaluation.jargon.precision
        named["jargon recall"] = evaluation.jargon.recall
    return named


def bootstrap(
    sides: Sequence[Sequence[Evaluation]], resamples: int, seed: int = SEED
) -> list[list[dict[str, float | None]]]:
    """The figures of each side on each draw of the records: ``result[draw][side]``.

    ``sides`` holds, per side, one evaluation per record (the same records in the same
    order on every side), so that every side is scored on the same draws."""
    if not sides or not sides[0]:
        raise ValueError("bootstrap needs at least one side with at least one record")
    count = len(sides[0])
    if any(len(side) != count for side in sides):
        raise ValueError("every side must hold one evaluation per record, the same records")
    counted = [[one.counts() for one in side] for side in sides]
    keys = sorted({key for side in counted for one in side for key in one})
    matrices = [
        np.array([[one.get(key, 0) for key in keys] for one in side], dtype=np.int64)
        for side in counted
    ]
    generator = np.random.default_rng(seed)
    draws = []
    for _ in range(resamples):
        weights = np.bincount(generator.integers(0, count, count), minlength=count)
        draws.append([figures(_summed(keys, weights @ matrix)) for matrix in matrices])
    return draws


def _summed(keys: list[str], totals: np.ndarray) -> Evaluation:
    """The evaluation whose counts are ``totals`` (one per key, in order)."""
    return Evaluation.from_counts(dict(zip(keys, (int(t) for t in totals), strict=True)))


def intervals(
    values: dict[str, float | None], draws: Sequence[dict[str, float | None]]
) -> dict[str, Interval]:
    """Each defined figure of ``values`` with the percentile interval of its draws."""
    result: dict[str, Interval] = {}
    for name, value in values.items():
        if value is None:
            continue
        drawn = [v for d in draws if (v := d.get(name)) is not None]
        if len(drawn) < (1 - MAX_UNDEFINED) * len(draws):
            continue
        low, high = np.percentile(drawn, [50 * (1 - LEVEL), 50 * (1 + LEVEL)])
        result[name] = Interval(value, float(low), float(high))
    return result


def changes(
    before: dict[str, float | None],
    after: dict[str, float | None],
    draws: Sequence[tuple[dict[str, float | None], dict[str, float | None]]],
) -> dict[str, Interval]:
    """``after`` less ``before`` for every figure both define, with the interval of the
    paired difference over the same draws."""
    paired = [_difference(b, a) for b, a in draws]
    return intervals(dict(_difference(before, after)), paired)


def _difference(
    before: dict[str, float | None], after: dict[str, float | None]
) -> dict[str, float | None]:
    """``after`` less ``before``, figure by figure, where both are defined."""
    return {
        name: a - b
        for name, b in before.items()
        if b is not None and (a := after.get(name)) is not None
    }


def format_intervals(named: dict[str, Interval], *, signed: bool = False) -> str:
    """A table of figures with their intervals (``signed``: changes, with their sign,
    and whether the interval leaves out zero)."""
    number = "{:+.3f}" if signed else "{:.3f}"
    head = f"{'figure':<34} {'value':>7} {'low':>7} {'high':>7}"
    if signed:
        head += "  clear"
    lines = [head, "-" * len(head)]
    for name, interval in named.items():
        line = (
            f"{name:<34} {number.format(interval.value):>7} "
            f"{number.format(interval.low):>7} {number.format(interval.high):>7}"
        )
        if signed:
            line += "  " + ("yes" if interval.low > 0 or interval.high < 0 else "no")
        lines.append(line)
    return "\n".join(lines)
