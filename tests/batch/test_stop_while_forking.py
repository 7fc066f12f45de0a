"""A stop signal that arrives while the pool forks its workers stops the run. Python ran
the handler inside an at-fork hook (``concurrent.futures`` registers a lock's
``acquire``), where its exception was printed ("Exception ignored in: <built-in method
acquire ...>") and dropped: `replylint score --jobs 2` killed with SIGTERM a second or
two after it started went on to score every row and exited 0. The signals are now held
while a chunk is submitted and raised once it is (runner.stop_signals_deferred)."""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest

from replylint.batch.job import Stopped, stoppable
from replylint.batch.runner import stop_signals_deferred

pytestmark = pytest.mark.skipif(not hasattr(signal, "raise_signal"), reason="needs signals")

#: Scores rows on two workers, SIGTERM sent from inside the first fork's hooks, where a
#: signal arriving at that moment is handled. A hook is registered for good, so the
#: script runs in a process of its own.
SCRIPT = """
import os, signal, sys
from replylint.batch.job import Stopped, stoppable
from replylint.batch.rows import RowIn
from replylint.batch.runner import score_rows
from replylint.config import LinterConfig

sent = []

def terminate_once():
    if not sent:
        sent.append(True)
        signal.raise_signal(signal.SIGTERM)

os.register_at_fork(before=terminate_once)
rows = [RowIn(id=str(n), text="Hi Sam, your refund was sent today. Thanks!") for n in range(40)]
try:
    with stoppable():
        scored = sum(len(c) for c in score_rows(rows, config=LinterConfig(model="none"),
                                                 jobs=2, chunk_size=10))
except Stopped:
    print("stopped")
else:
    print(f"scored {scored} rows")
"""


def test_sigterm_while_the_workers_are_forked_stops_the_run() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120
    )
    assert done.stdout.strip() == "stopped", done.stderr
    assert "Exception ignored" not in done.stderr


def test_a_held_signal_is_raised_when_the_block_is_left() -> None:
    reached_the_end = False
    with pytest.raises(Stopped), stoppable(), stop_signals_deferred():
        signal.raise_signal(signal.SIGTERM)
        reached_the_end = True  # held: the block goes on
    assert reached_the_end


def test_the_handlers_found_are_put_back() -> None:
    with stoppable():
        found = signal.getsignal(signal.SIGTERM)
        with stop_signals_deferred():
            assert signal.getsignal(signal.SIGTERM) is not found
        assert signal.getsignal(signal.SIGTERM) is found
