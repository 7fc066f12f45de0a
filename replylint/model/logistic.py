"""L2-regularised logistic regression on sparse binary rows, in numpy: the learner of
both small models trained beside the checks model (the jargon term model and the
customer-problem model), its options, and the reading of their one-file JSON weights.

Why hand-written: it is twenty lines of numpy, deterministic (full-batch Adam from
zeros, so the same data gives the same weights), and a dependency such as scikit-learn
would add tens of megabytes to every install for it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import numpy
import numpy.typing as npt

FloatArray = npt.NDArray[numpy.float64]
Model = TypeVar("Model")


@dataclass(frozen=True)
class LogisticOptions:
    """How the learner fits; each model's training options extend these."""

    l2: float = 3e-4
    iterations: int = 300
    learning_rate: float = 0.1
    #: A feature seen in fewer training examples than this is left out.
    min_count: int = 2


def read_weights_file(
    file: Path,
    version: int,
    what: str,
    error: type[Exception],
    build: Callable[[dict[str, Any]], Model],
) -> Model:
    """The model ``build`` makes of the JSON weights in ``file``; ``error`` (saying
    what to do) when the file is missing, unreadable, of another format ``version``, or
    lacks what ``build`` reads. ``what`` names the model in the messages."""
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise error(
            f"no {what} at {file}; train one with `replylint train` or use the rules only"
        ) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise error(f"{what} {file} cannot be read ({exc}); retrain it") from None
    if not isinstance(data, dict) or data.get("format") != version:
        raise error(f"{what} {file} is not format {version}; retrain it with this version")
    try:
        return build(data)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        raise error(
            f"{what} {file} is incomplete ({type(exc).__name__}: {exc}); retrain it"
        ) from None


def fit_logistic(
    rows: list[list[int]], labels: FloatArray, n_features: int, options: LogisticOptions
) -> FloatArray:
    """Weights for ``rows`` (each the sorted indices of its features that are on) and
    ``labels`` (targets in [0, 1]): full-batch Adam from zeros. Index 0 of the result is
    the bias (not regularised); index ``i + 1`` the weight of feature ``i``."""
    lengths = numpy.array([len(r) for r in rows], dtype=numpy.int64)
    columns = numpy.array([i + 1 for r in rows for i in r], dtype=numpy.int64)
    row_ids = numpy.repeat(numpy.arange(len(rows)), lengths)
    n = len(rows)
    w = numpy.zeros(n_features + 1)
    m = numpy.zeros_like(w)
    v = numpy.zeros_like(w)
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    l2, learning_rate = options.l2, options.learning_rate
    penalty = numpy.full_like(w, l2)
    penalty[0] = 0.0
    for step in range(1, options.iterations + 1):
        logits = w[0] + numpy.bincount(row_ids, weights=w[columns], minlength=n)
        residual = 1.0 / (1.0 + numpy.exp(-logits)) - labels
        counts: FloatArray = numpy.bincount(
            columns, weights=residual[row_ids], minlength=n_features + 1
        ).astype(numpy.float64)
        counts[0] = residual.sum()
        gradient: FloatArray = counts / n + penalty * w
        m = beta1 * m + (1 - beta1) * gradient
        v = beta2 * v + (1 - beta2) * gradient * gradient
        m_hat = m / (1 - beta1**step)
        v_hat = v / (1 - beta2**step)
        w = w - learning_rate * m_hat / (numpy.sqrt(v_hat) + eps)
    return w
