"""Ctrl-C for the long commands, from their first instant.

A script's background job (``replylint score ... &``) starts with SIGINT ignored, as the
shell leaves it. ``score`` and ``train`` then stop on SIGINT all the same, as Ctrl-C would
(:func:`replylint.batch.job.stoppable`), but only from when their run began: an
interrupt in the second or so of imports before it was ignored, and the run went on to
its last row (stop 55's trust audit: 40,000 rows scored after an early SIGINT, while
one a few seconds later stopped it).
"""

from __future__ import annotations

import signal


def interruptible() -> None:
    """SIGINT raises KeyboardInterrupt from now on, even where it was inherited as
    ignored (the command's process ends with the command, so nothing is restored)."""
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
