"""Training the customer-problem model: from labelled customer messages to ``problem/``.

The gold records that carry a ``problem`` label (does the customer's message report a
problem or a negative feeling, which makes apology and empathy apply) and a customer
message train a logistic regression over :func:`~replylint.model.problem_model.features`
(:func:`~replylint.model.logistic.fit_logistic`). Cross-validation, one fold per source
(:func:`~replylint.model.folds.assign_folds`), gives out-of-fold scores; the Platt
curve and the threshold are fitted on them, never on the test split. The threshold is
the one with the best F1 of the rules and the model together among those whose
additions (messages the rules' problem words find nothing in) are right at least
``min_precision`` of the time: a false "problem" raises a false "missing apology".
Deterministic: the folds come from sources and ids, the learner starts from zeros.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy

from replylint.model.calibration import fit_platt_log_odds
from replylint.model.card import ProblemFigures
from replylint.model.folds import FoldBy, assign_folds
from replylint.model.logistic import LogisticOptions, fit_logistic
from replylint.model.problem_model import ProblemModel, features

if TYPE_CHECKING:
    from replylint.evaluation import GoldRecord

#: Fewer labelled messages than this (or of either class than ``MIN_CLASS``) train no
#: problem model: the rules' problem words decide alone.
MIN_MESSAGES = 200
MIN_CLASS = 30
#: The thresholds training chooses among (above 1: the model adds nothing).
THRESHOLDS = (*(t / 100 for t in range(50, 100, 2)), 1.01)


@dataclass(frozen=True)
class ProblemOptions(LogisticOptions):
    """The choices training makes; the defaults were picked by cross-validation (one
    fold per source) on the train split: the learner's l2 3e-4 gave the best F1 of the
    rules and model together (1e-4, 1e-3 and 3e-3 were tried)."""

    #: A feature seen in fewer messages than this is left out: out of fold, 8 did as
    #: well as 2 to 5 with a fifth of the features (a smaller file, a faster start).
    min_count: int = 8
    #: How often the messages the model adds (the rules found no problem) must report
    #: one, out of fold, for the threshold to be chosen.
    min_precision: float = 0.85
    folds: int = 5
    folds_by: FoldBy = "source"


@dataclass(frozen=True)
class LabelledMessage:
    id: str
    source: str
    features: frozenset[str]
    problem: bool
    #: The rules' problem words found a problem in the message.
    by_rules: bool


def labelled_messages(gold: Sequence[GoldRecord]) -> list[LabelledMessage]:
    """The gold records with a ``problem`` label and a customer message, with what the
    rules' problem words find in it."""
    from replylint.evaluation import group_of
    from replylint.linter import Linter  # the linter loads the packs

    rules = Linter({"select": ["apology"], "model": "none"})
    result = []
    for record in gold:
        label, message = record.labels.problem, record.customer_message
        if label is None or not message or not message.strip():
            continue
        # the customer's message alone decides (the reply is read only without one)
        analyzed = rules.analyze("Thanks.", customer_message=message)
        result.append(
            LabelledMessage(
                id=record.id,
                source=group_of(record, "source"),
                features=frozenset(features(analyzed.analyses.problems.model_text(message))),
                problem=label,
                by_rules=analyzed.problem.applicable,
            )
        )
    return result


def enough(messages: Sequence[LabelledMessage]) -> str | None:
    """Why ``messages`` are too few to train on, or None."""
    problems = sum(m.problem for m in messages)
    if len(messages) < MIN_MESSAGES:
        return f"{len(messages)} labelled customer messages, fewer than {MIN_MESSAGES}"
    if min(problems, len(messages) - problems) < MIN_CLASS:
        return f"fewer than {MIN_CLASS} messages with (or without) a problem"
    return None


def fit(
    messages: Sequence[LabelledMessage], options: ProblemOptions
) -> tuple[dict[str, float], float]:
    """Weights and bias of the logistic regression on ``messages``."""
    counts = Counter(f for m in messages for f in m.features)
    vocabulary = sorted(f for f, n in counts.items() if n >= options.min_count)
    index = {f: i for i, f in enumerate(vocabulary)}
    rows = [sorted(index[f] for f in m.features if f in index) for m in messages]
    labels = numpy.array([float(m.problem) for m in messages])
    coefficients = fit_logistic(rows, labels, len(vocabulary), options)
    weights = {f: float(w) for f, w in zip(vocabulary, coefficients[1:], strict=True) if w}
    return weights, float(coefficients[0])


def out_of_fold(
    messages: Sequence[LabelledMessage], options: ProblemOptions
) -> tuple[numpy.ndarray, FoldBy]:
    """Each message's raw score (log-odds) from a model that did not train on its fold,
    and how the folds were made."""
    ids, sources = [m.id for m in messages], [m.source for m in messages]
    folds, n_folds, by = assign_folds(ids, sources, options.folds, options.folds_by)
    scores = numpy.zeros(len(messages))
    for fold in range(n_folds):
        weights, bias = fit([m for m, f in zip(messages, folds, strict=True) if f != fold], options)
        for i, message in enumerate(messages):
            if folds[i] == fold:
                scores[i] = bias + sum(weights.get(f, 0.0) for f in message.features)
    return scores, by


@dataclass(frozen=True)
class _Counts:
    hits: int
    false_alarms: int
    misses: int

    @property
    def precision(self) -> float:
        return self.hits / (self.hits + self.false_alarms) if self.hits + self.false_alarms else 0.0

    @property
    def recall(self) -> float:
        return self.hits / (self.hits + self.misses) if self.hits + self.misses else 0.0

    @property
    def f1(self) -> float:
        total = 2 * self.hits + self.false_alarms + self.misses
        return 2 * self.hits / total if total else 0.0


def _counts(messages: Sequence[LabelledMessage], said: Sequence[bool]) -> _Counts:
    hits = sum(1 for m, s in zip(messages, said, strict=True) if s and m.problem)
    false_alarms = sum(1 for m, s in zip(messages, said, strict=True) if s and not m.problem)
    misses = sum(1 for m, s in zip(messages, said, strict=True) if not s and m.problem)
    return _Counts(hits, false_alarms, misses)


def choose_threshold(
    messages: Sequence[LabelledMessage], probabilities: Sequence[float], min_precision: float
) -> tuple[float, _Counts, _Counts]:
    """The threshold with the best F1 of rules and model together among those whose
    additions are right at least ``min_precision`` of the time (above 1, no additions,
    when none is): (threshold, figures of the additions, figures together)."""
    best: tuple[float, float] | None = None
    chosen = (1.01, _Counts(0, 0, 0), _counts(messages, [m.by_rules for m in messages]))
    for threshold in THRESHOLDS:
        added = [
            not m.by_rules and p >= threshold for m, p in zip(messages, probabilities, strict=True)
        ]
        additions = _counts(messages, added)
        if additions.hits + additions.false_alarms == 0 or additions.precision < min_precision:
            continue
        together = _counts(
            messages, [m.by_rules or a for m, a in zip(messages, added, strict=True)]
        )
        key = (round(together.f1, 4), threshold)
        if best is None or key > best:
            best, chosen = key, (threshold, additions, together)
    return chosen


def train_problem_model(
    gold: Sequence[GoldRecord],
    out_dir: Path,
    *,
    options: ProblemOptions | None = None,
    progress: Callable[[str], None] | None = None,
) -> ProblemFigures | None:
    """Train the customer-problem model on ``gold`` and write it to ``out_dir``; None
    (and nothing written) when the gold has too few ``problem`` labels."""
    options = options or ProblemOptions()
    say = progress or (lambda _message: None)
    messages = labelled_messages(gold)
    too_few = enough(messages)
    if too_few is not None:
        say(f"problem model skipped: {too_few}; the rules' problem words decide")
        return None
    scores, folds_by = out_of_fold(messages, options)
    gold_problem = numpy.array([m.problem for m in messages], dtype=bool)
    a, b = fit_platt_log_odds(gold_problem, scores)
    probabilities = 1.0 / (1.0 + numpy.exp(-(a * scores + b)))
    threshold, additions, together = choose_threshold(
        messages, probabilities.tolist(), options.min_precision
    )
    rules = _counts(messages, [m.by_rules for m in messages])
    weights, bias = fit(messages, options)
    figures = ProblemFigures(
        messages=len(messages),
        problems=int(gold_problem.sum()),
        threshold=threshold,
        folds_by=folds_by,
        rules_precision=round(rules.precision, 4),
        rules_recall=round(rules.recall, 4),
        cv_precision=round(together.precision, 4),
        cv_recall=round(together.recall, 4),
        cv_added_precision=round(additions.precision, 4),
    )
    ProblemModel(weights, bias, a, b, threshold, meta={"figures": figures.model_dump()}).save(
        out_dir
    )
    say(
        f"problem model: recall {rules.recall:.3f} -> {together.recall:.3f}, precision "
        f"{rules.precision:.3f} -> {together.precision:.3f} out of fold (additions right "
        f"{additions.precision:.3f}) at threshold {threshold:.2f} (folds by {folds_by})"
    )
    return figures
