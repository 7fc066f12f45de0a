"""Cross-validation folds, one definition for both trained models.

Why a hash of the id: a reply's fold must not depend on the order of the gold file or
on the run, so that out-of-fold predictions (and the calibration and thresholds fitted
on them) are reproducible. The checks model and the jargon term model salt the hash
differently (the term model with its seed too), so their folds are independent.
"""

from __future__ import annotations

import hashlib


def fold_of(record_id: str, folds: int, salt: str = "cv") -> int:
    """The fold (``0 .. folds-1``) of a record: the sha1 of ``"<salt>:<id>"``, stable
    across runs and machines."""
    return int(hashlib.sha1(f"{salt}:{record_id}".encode()).hexdigest(), 16) % folds
