"""L2-regularised logistic regression on sparse binary rows, in numpy: the learner of
both small models trained beside the checks model (the jargon term model and the
customer-problem model).

Why hand-written: it is twenty lines of numpy, deterministic (full-batch Adam from
zeros, so the same data gives the same weights), and a dependency such as scikit-learn
would add tens of megabytes to every install for it.
"""

from __future__ import annotations

import numpy
import numpy.typing as npt

FloatArray = npt.NDArray[numpy.float64]


def fit_logistic(
    rows: list[list[int]],
    labels: FloatArray,
    n_features: int,
    *,
    l2: float,
    iterations: int,
    learning_rate: float,
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
    penalty = numpy.full_like(w, l2)
    penalty[0] = 0.0
    for step in range(1, iterations + 1):
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
