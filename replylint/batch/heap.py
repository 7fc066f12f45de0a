"""The garbage collector's settings for a batch run.

Scoring makes no cyclic garbage: a reply's caches, the one reference cycle (spans cached
in their own doc), are dropped with its report (:meth:`AnalyzedReply.release`). Yet
CPython's collector still walks the whole heap, the loaded linter included, whenever
enough objects have outlived two young collections, and a chunk of replies in flight
always has that many. Measured on 3,000 pool replies with the model: 30% of the scoring
time went to those full collections; with the heap frozen and full collections spaced,
8%.

The young collections were most of what was left: one every 700 objects made, and each
walks every object still alive since the last, which while a chunk is scored are the
chunk's parsed replies and their caches (all alive until their reports are built), so
each found thousands of live objects and nothing to free. On 3,000 pool replies, rules
alone: 0.43 s of 5.5 s in 1,300 young and middle collections; with a young collection
once 100,000 objects more are alive than were freed (a chunk's garbage is freed as it
goes, so this is seldom reached), 0.1 s.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

#: Full collections run once this many middle-generation collections have passed (the
#: interpreter's default is 10).
FULL_COLLECTION_EVERY = 100
#: A young collection runs once this many more objects have been made than freed (the
#: interpreter's default is 700). A plugin that does make cycles still has them
#: collected: each leaves its objects unfreed, and they count towards it.
YOUNG_COLLECTION_EVERY = 100_000


def settle_for_batch() -> tuple[int, int, int]:
    """Leave the objects alive now (the loaded linter: spaCy's vocabulary, the packs, the
    model; about 100,000 of them) out of every later collection (``gc.freeze``), and
    make collections rarer. For a process whose whole life is one batch run (a pool
    worker); returns the previous thresholds."""
    previous = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(
        max(previous[0], YOUNG_COLLECTION_EVERY),
        previous[1],
        max(previous[2], FULL_COLLECTION_EVERY),
    )
    return previous


@contextmanager
def batch_collection() -> Iterator[None]:
    """:func:`settle_for_batch` for the length of a batch run in this process; the
    previous settings come back when the run ends (objects frozen before it stay frozen:
    a command froze its start-up's, see :mod:`replylint.collector`)."""
    frozen_before = gc.get_freeze_count()
    previous = settle_for_batch()
    try:
        yield
    finally:
        gc.set_threshold(*previous)
        if not frozen_before:
            gc.unfreeze()
