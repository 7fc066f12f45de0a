"""A second Ctrl-C while the output is closed does not cut the close short (a Parquet
file's footer is written there, without which none of its rows can be read)."""

from __future__ import annotations

import os
import signal
from typing import Any

from replylint.batch.job import drain
from replylint.batch.summary import Summary


class ClosedUnderCtrlC:
    """A writer whose close is interrupted by Ctrl-C halfway, as a user's second press."""

    def __init__(self) -> None:
        self.closed = False

    def write(self, results: list[dict[str, Any]]) -> None:
        pass

    def close(self) -> None:
        os.kill(os.getpid(), signal.SIGINT)
        self.closed = True


def test_a_ctrl_c_during_the_close_lets_it_finish() -> None:
    # Python's own handler, as a terminal's process has it: a test run started in the
    # background of a script inherits SIGINT ignored, and the second press then never
    # arrives, whatever the close does
    inherited = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        writer = ClosedUnderCtrlC()
        drain(iter([]), writer, None, Summary())
        assert writer.closed
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # put back
    finally:
        signal.signal(signal.SIGINT, inherited)
