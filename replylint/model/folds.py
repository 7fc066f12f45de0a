"""Cross-validation folds, one definition for both trained models.

Why a hash of the id: a reply's fold must not depend on the order of the gold file or
on the run, so that out-of-fold predictions (and the calibration and thresholds fitted
on them) are reproducible. The checks model and the jargon term model salt the hash
differently (the term model with its seed too), so their folds are independent.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from typing import Literal

from replylint.evaluation import NO_GROUP, group_key

#: A source counts as its own fold from this many replies up.
MIN_SOURCE_REPLIES = 20
#: Folds by source need this many such sources; with fewer, folds are by id.
MIN_SOURCES = 3

FoldBy = Literal["source", "id"]


def fold_of(record_id: str, folds: int, salt: str = "cv") -> int:
    """The fold (``0 .. folds-1``) of a record: the sha1 of ``"<salt>:<id>"``, stable
    across runs and machines."""
    return int(hashlib.sha1(f"{salt}:{record_id}".encode()).hexdigest(), 16) % folds


def assign_folds(
    ids: Sequence[str], sources: Sequence[str], folds: int, by: FoldBy
) -> tuple[list[int], int, FoldBy]:
    """Each record's fold, how many folds there are, and how they were made.

    ``by="source"``: one fold per source of at least ``MIN_SOURCE_REPLIES`` replies, so
    every reply is scored by a model that never saw its source: the calibration,
    thresholds and the model-or-rules decision are then fitted to how the model does on
    a source it does not know, which is what a new team's replies are. Replies of
    smaller sources, and those without one (:data:`~replylint.evaluation.NO_GROUP`:
    no team, not a team of their own), are spread over those folds by id. With fewer than three such
    sources this falls back to ``by="id"``: ``folds`` folds by a hash of the id. Sources
    that differ only in case or spacing are one (:func:`~replylint.evaluation.group_key`),
    as ``eval --by source`` groups them."""
    sources = [group_key(s) if s != NO_GROUP else s for s in sources]
    large = sorted(large_sources(sources))
    if by == "source" and len(large) >= MIN_SOURCES:
        index = {source: i for i, source in enumerate(large)}
        assigned = [
            index[source] if source in index else fold_of(record_id, len(large))
            for record_id, source in zip(ids, sources, strict=True)
        ]
        return assigned, len(large), "source"
    return [fold_of(record_id, folds) for record_id in ids], folds, "id"


def large_sources(sources: Sequence[str]) -> dict[str, int]:
    """The sources that are a fold of their own under ``by="source"`` (at least
    ``MIN_SOURCE_REPLIES`` replies, :data:`~replylint.evaluation.NO_GROUP` never), with
    their counts, case and spacing not counting (:func:`assign_folds`)."""
    counts = Counter(group_key(s) if s != NO_GROUP else s for s in sources)
    return {
        source: n
        for source, n in sorted(counts.items())
        if n >= MIN_SOURCE_REPLIES and source != NO_GROUP
    }


def by_id_instead(sources: Sequence[str]) -> str:
    """Why folds by source asked for were made by id: the sources large enough, too few."""
    large = large_sources(sources)
    have = (
        f"{len(large)} ({', '.join(f'{name} {n:,}' for name, n in large.items())})"
        if large
        else "none"
    )
    return (
        f"--folds-by source needs at least {MIN_SOURCES} sources of {MIN_SOURCE_REPLIES} "
        f"replies or more, and the gold has {have}; the held-out figures are not across "
        "sources"
    )
