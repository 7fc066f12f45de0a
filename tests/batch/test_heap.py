"""The collector's settings for a batch run: set for the run, restored after it."""

from __future__ import annotations

import gc

from replylint.batch.heap import FULL_COLLECTION_EVERY, YOUNG_COLLECTION_EVERY, batch_collection


def test_a_batch_run_freezes_the_heap_and_spaces_collections() -> None:
    before = gc.get_threshold()
    frozen_before = gc.get_freeze_count()
    with batch_collection():
        assert gc.get_freeze_count() > frozen_before
        young, middle, full = gc.get_threshold()
        assert young == max(before[0], YOUNG_COLLECTION_EVERY)
        assert middle == before[1]
        assert full == max(before[2], FULL_COLLECTION_EVERY)
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_the_settings_come_back_when_the_run_fails() -> None:
    before = gc.get_threshold()
    try:
        with batch_collection():
            raise RuntimeError("a row the run could not survive")
    except RuntimeError:
        pass
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_what_the_command_froze_before_the_run_stays_frozen() -> None:
    """``replylint score`` freezes its start-up's objects (replylint.collector): the run
    ending must not hand them back to every collection until the process exits."""
    gc.freeze()
    try:
        with batch_collection():
            pass
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
